package org.permitwatch.inspection.checklist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.tx.WholeTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs and publishes the shipped province checklist once. Idempotent: a version with the seed's code and
 * number that already exists is left alone, and two instances starting together are kept apart by the unique
 * (code, version) constraint. Runs on the start-up thread, never on an event loop, so blocking is fine.
 */
@Component
class ChecklistSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ChecklistSeeder.class);

    private final DatabaseClient db;
    private final ChecklistStore store;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionalOperator tx;
    private final Resource seed;
    private final boolean enabled;

    ChecklistSeeder(
            DatabaseClient db,
            ChecklistStore store,
            AuditLog audit,
            JsonMapper json,
            ReactiveTransactionManager transactions,
            @Value("${permitwatch.inspection.checklist.seed-resource:classpath:checklist/province-v1.json}")
                    Resource seed,
            @Value("${permitwatch.inspection.checklist.seed-enabled:true}") boolean enabled) {
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.json = json;
        this.tx = WholeTransactions.create(transactions);
        this.seed = seed;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled) {
            install(read()).block(Duration.ofSeconds(60));
        }
    }

    ChecklistSeed read() {
        try (InputStream in = seed.getInputStream()) {
            return json.readValue(in, ChecklistSeed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checklist seed " + seed, e);
        }
    }

    /** Emits true when the seed was installed now, false when it was there already. */
    Mono<Boolean> install(ChecklistSeed seedFile) {
        List<ChecklistValidator.ValidItem> items = ChecklistValidator.validate(seedFile.toDraft(), true);
        String code = ChecklistStore.CODE_PREFIX + seedFile.divisionCode();
        Mono<Boolean> write = db.sql(
                        "SELECT count(*) AS n FROM checklist_version WHERE code = :code AND version >= :version")
                .bind("code", code)
                .bind("version", seedFile.version())
                .map(r -> r.get("n", Long.class))
                .one()
                .flatMap(existing -> existing > 0
                        ? Mono.just(false)
                        : store.insertVersion(
                                        code,
                                        seedFile.divisionCode(),
                                        null,
                                        seedFile.title(),
                                        seedFile.note(),
                                        AuditLog.SYSTEM_ACTOR,
                                        items)
                                .flatMap(id -> store.markPublished(id)
                                        .then(audit.recordAsSystem(
                                                "checklist.seed",
                                                "checklist_version",
                                                id.toString(),
                                                Map.of("version", seedFile.version(), "items", items.size())))
                                        .doOnSuccess(v -> log.info(
                                                "installed checklist {} v{} ({} rows)",
                                                code,
                                                seedFile.version(),
                                                items.size())))
                                .thenReturn(true));
        return tx.transactional(write).onErrorResume(DataIntegrityViolationException.class, e -> {
            log.info("checklist seed {} installed concurrently by another instance", code);
            return Mono.just(false);
        });
    }
}
