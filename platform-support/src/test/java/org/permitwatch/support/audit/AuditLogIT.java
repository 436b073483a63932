package org.permitwatch.support.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CallerAuthentication;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.testapp.MessagingTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@link AuditLog} on real PostgreSQL: several entries in one call (issue 21: a submission's two or three rows in one
 * statement) are each a row of their own with the caller, the request's trace and their own details, past the four
 * rows one statement takes too, and they commit or roll back with the write they record.
 */
class AuditLogIT extends MessagingTestBase {

    @Autowired
    AuditLog audit;

    @Autowired
    ReactiveTransactionManager transactionManager;

    @Test
    void recordsEveryEntryOfOneCallerInItsOwnRow() {
        String resource = UUID.randomUUID().toString();
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(new AuditLog.Entry(
                    "test.step-" + i, "test-thing", i == 5 ? null : resource, i == 4 ? null : Map.of("step", i)));
        }
        Caller caller =
                new Caller("officer-7", "王某", Set.of(Role.CITY, Role.INSPECTOR), DivisionCode.of("140100"), Set.of());
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "none")
                .subject("officer-7")
                .issuedAt(Instant.now())
                .build();
        RequestInfo request = new RequestInfo("10.1.2.3", "field-app/2", "0af7651916cd43dd8448eb211c80319c", null);

        audit.recordAll(entries)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(
                        new CallerAuthentication(jwt, List.of(), caller)))
                .contextWrite(ctx -> ctx.put(RequestInfo.class, request))
                .block();

        List<Map<String, Object>> rows = db.sql("""
                        SELECT action, resource_id, details::text AS details, actor, actor_name, division,
                               array_to_string(roles, ',') AS roles, client_ip, user_agent, trace_id
                          FROM audit_log WHERE resource_type = 'test-thing'
                           AND (resource_id = :resource OR (resource_id IS NULL AND action = 'test.step-5'
                                AND trace_id = '0af7651916cd43dd8448eb211c80319c'))
                         ORDER BY action""")
                .bind("resource", resource)
                .fetch()
                .all()
                .collectList()
                .block();

        assertThat(rows)
                .extracting(r -> r.get("action"))
                .containsExactly(
                        "test.step-0", "test.step-1", "test.step-2", "test.step-3", "test.step-4", "test.step-5");
        assertThat(rows.get(2).get("details")).isEqualTo("{\"step\": 2}");
        assertThat(rows.get(4).get("details")).as("no details: an empty object").isEqualTo("{}");
        assertThat(rows.get(5).get("resource_id")).isNull();
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("actor")).isEqualTo("officer-7");
            assertThat(row.get("actor_name")).isEqualTo("王某");
            assertThat(row.get("division")).isEqualTo("140100");
            assertThat(row.get("roles")).isEqualTo("CITY,INSPECTOR");
            assertThat(row.get("client_ip")).isEqualTo("10.1.2.3");
            assertThat(row.get("user_agent")).isEqualTo("field-app/2");
            assertThat(row.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        });
    }

    @Test
    void entriesRollBackWithTheWriteTheyRecord() {
        String resource = UUID.randomUUID().toString();
        List<AuditLog.Entry> entries = List.of(
                new AuditLog.Entry("test.first", "test-thing", resource, Map.of()),
                new AuditLog.Entry("test.second", "test-thing", resource, Map.of()));

        Mono<Void> failing = audit.recordAll(entries).then(Mono.error(new IllegalStateException("write failed")));
        assertThatThrownBy(() -> TransactionalOperator.create(transactionManager)
                        .transactional(failing)
                        .block())
                .hasMessage("write failed");

        Long count = db.sql("SELECT count(*) AS n FROM audit_log WHERE resource_id = :resource")
                .bind("resource", resource)
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        assertThat(count).isZero();
    }
}
