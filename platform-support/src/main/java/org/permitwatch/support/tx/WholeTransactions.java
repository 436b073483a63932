package org.permitwatch.support.tx;

import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.reactive.TransactionCallback;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A {@link TransactionalOperator} whose transactions, once started, finish as a whole: committed when the work
 * completes, rolled back when it fails, whether or not anyone still waits for the answer (ADR 0056).
 *
 * <p>Why: a client that goes away (the gateway's time limit, a phone losing its network, a caller's timeout)
 * cancels the service's reactive chain. Spring's operator then rolls back <em>concurrently</em> with the chain and
 * releases the connection; a statement the chain had begun to send in that instant runs after the rollback, in
 * auto-commit, and stays. Half a write stored: in the load run a record without its {@code Idempotency-Key} row, so
 * every retry of the phone got 409 instead of its record ({@code CancelledTransactionIT} shows both). Here the
 * transaction runs in its own subscription; cancelling the caller's only stops the caller waiting.
 *
 * <p>The caller's Reactor context (security, trace, the caller's division) is carried into the transaction. A
 * {@link Flux} is collected whole inside the transaction for the same reason; none of the platform's transactions
 * streams rows to a client.
 */
public final class WholeTransactions implements TransactionalOperator {

    private final TransactionalOperator delegate;

    private WholeTransactions(TransactionalOperator delegate) {
        this.delegate = delegate;
    }

    /** Replaces {@code TransactionalOperator.create(manager)}. */
    public static TransactionalOperator create(ReactiveTransactionManager manager) {
        return new WholeTransactions(TransactionalOperator.create(manager));
    }

    /** Replaces {@code TransactionalOperator.create(manager, definition)}. */
    public static TransactionalOperator create(ReactiveTransactionManager manager, TransactionDefinition definition) {
        return new WholeTransactions(TransactionalOperator.create(manager, definition));
    }

    @Override
    public <T> Mono<T> transactional(Mono<T> mono) {
        return detached(delegate.transactional(mono));
    }

    @Override
    public <T> Flux<T> transactional(Flux<T> flux) {
        return detached(delegate.transactional(flux).collectList()).flatMapIterable(list -> list);
    }

    @Override
    public <T> Flux<T> execute(TransactionCallback<T> action) throws TransactionException {
        return detached(delegate.execute(action).collectList()).flatMapIterable(list -> list);
    }

    /** Runs {@code transaction} in its own subscription with the caller's context; the caller only awaits it. */
    private static <T> Mono<T> detached(Mono<T> transaction) {
        return Mono.deferContextual(context -> {
            Sinks.One<T> outcome = Sinks.one();
            transaction
                    .contextWrite(context)
                    .subscribe(outcome::tryEmitValue, outcome::tryEmitError, outcome::tryEmitEmpty);
            return outcome.asMono();
        });
    }
}
