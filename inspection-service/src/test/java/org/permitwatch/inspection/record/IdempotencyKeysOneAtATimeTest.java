package org.permitwatch.inspection.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Concurrent copies of one (caller, key) wait in the process, not on a pooled connection (issue 21). */
class IdempotencyKeysOneAtATimeTest {

    private final IdempotencyKeys keys = new IdempotencyKeys(null, DataSize.ofMegabytes(1));

    @Test
    void aCopyStartsItsTransactionOnlyAfterTheFirstEnded() {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        Sinks.One<IdempotencyKeys.Reply> firstEnds = Sinks.one();
        IdempotencyKeys.Reply reply = new IdempotencyKeys.Reply(201, "{}", UUID.randomUUID());
        Mono<IdempotencyKeys.Reply> first = keys.oneAtATime("city", "k1", Mono.defer(() -> {
            started.add("first");
            return firstEnds.asMono();
        }));
        Mono<IdempotencyKeys.Reply> copy = keys.oneAtATime("city", "k1", Mono.fromCallable(() -> {
            started.add("copy");
            return reply;
        }));
        Mono<IdempotencyKeys.Reply> otherKey = keys.oneAtATime("city", "k2", Mono.fromCallable(() -> {
            started.add("other key");
            return reply;
        }));
        Mono<IdempotencyKeys.Reply> otherCaller = keys.oneAtATime("county", "k1", Mono.fromCallable(() -> {
            started.add("other caller");
            return reply;
        }));

        List<IdempotencyKeys.Reply> copyReplies = Collections.synchronizedList(new ArrayList<>());
        first.subscribe();
        copy.subscribe(copyReplies::add);
        otherKey.subscribe();
        otherCaller.subscribe();
        assertThat(started).containsExactly("first", "other key", "other caller");
        assertThat(copyReplies).isEmpty();

        firstEnds.tryEmitValue(reply);
        assertThat(started).containsExactly("first", "other key", "other caller", "copy");
        assertThat(copyReplies).containsExactly(reply);
    }

    @Test
    void aFailedFirstReleasesTheKeyAndWithoutAKeyNothingWaits() {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        keys.oneAtATime("city", "k", Mono.<IdempotencyKeys.Reply>error(new IllegalStateException("rolled back")))
                .onErrorResume(e -> Mono.empty())
                .block();
        keys.oneAtATime("city", "k", Mono.fromRunnable(() -> started.add("retry")))
                .block();
        Sinks.One<IdempotencyKeys.Reply> never = Sinks.one();
        keys.oneAtATime("city", null, never.asMono()).subscribe();
        keys.oneAtATime("city", null, Mono.fromRunnable(() -> started.add("no key")))
                .block();
        assertThat(started).containsExactly("retry", "no key");
    }
}
