package org.permitwatch.permitsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.mock.dataset.PlatformPermit;
import org.permitwatch.permitsync.connector.NationalPlatformClient;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Helpers of permit-sync's integration tests, which all run in the one context of {@link PermitSyncIntegrationTest}
 * (real PostgreSQL, an embedded KRaft broker, the national-platform mock). Each class names its mock ({@link
 * #platform()}, a dataset size of its own); before each test the connector is routed to it.
 */
@PermitSyncIntegrationTest
public abstract class PermitSyncTestSupport {

    protected static final String PROVINCE = "140000";

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    private NationalPlatformClient platformClient;

    /** The mock of this class: {@code NationalPlatformMocks.of(size)}. */
    protected abstract NationalPlatformMock platform();

    /**
     * Points the connector at this class's mock. When that is a change, one list call fetches a token from the new
     * mock (the cached one came from another mock, which would cost the first call of the test a rejection) and the
     * mock's counters are zeroed, so tests count only their own calls, as with a mock of their own.
     */
    @BeforeEach
    void routeToThisClassesMock() {
        NationalPlatformMock mock = platform();
        if (NationalPlatformMocks.route(mock)) {
            platformClient.listPermits(null, 1, 1).block(Duration.ofSeconds(30));
            mock.resetStats();
        }
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    protected static String provinceToken() {
        return TestJwts.token("PROVINCE", PROVINCE);
    }

    /** POST /api/v1/sync/runs as a province user; returns the run id from the Location header. */
    protected UUID startRun(String mode) {
        var result = web.post()
                .uri("/api/v1/sync/runs")
                .header(HttpHeaders.AUTHORIZATION, bearer(provinceToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", mode))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .exists(HttpHeaders.LOCATION)
                .expectBody(Map.class)
                .returnResult();
        String location = result.getResponseHeaders().getLocation().toString();
        assertThat(location).startsWith("/api/v1/sync/runs/");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Polls the run until it leaves RUNNING (the run is asynchronous by design). */
    protected String awaitRunEnd(UUID id, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            String status = runStatus(id);
            if (!"RUNNING".equals(status)) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + id + " still RUNNING after " + atMost);
            }
            sleep(100);
        }
    }

    protected String runStatus(UUID id) {
        return db.sql("SELECT status FROM sync_run WHERE id = :id")
                .bind("id", id)
                .map(r -> r.get("status", String.class))
                .one()
                .block();
    }

    protected Map<String, Object> run(UUID id) {
        return db.sql("SELECT * FROM sync_run WHERE id = :id")
                .bind("id", id)
                .fetch()
                .one()
                .block();
    }

    protected static int intOf(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    /** Sync until SUCCEEDED, resuming after pauses (at most {@code maxTriggers} triggers). */
    protected UUID syncToSuccess(String mode, int maxTriggers) {
        UUID first = null;
        for (int i = 0; i < maxTriggers; i++) {
            UUID id = startRun(mode);
            if (first == null) {
                first = id;
            }
            assertThat(id).as("a paused run is resumed, not replaced").isEqualTo(first);
            String status = awaitRunEnd(id, Duration.ofMinutes(3));
            if ("SUCCEEDED".equals(status)) {
                return id;
            }
            assertThat(status).isEqualTo("PAUSED");
            sleep(600); // let an open breaker go half-open
        }
        throw new AssertionError("run did not succeed after " + maxTriggers + " triggers");
    }

    protected void cleanDatabase() {
        db.sql("TRUNCATE directory_unit, sync_failure, sync_run, outbox_event, audit_log")
                .then()
                .block();
    }

    /** What the directory must agree on with the platform, per permit. */
    protected record KeyFields(
            long version,
            String unitName,
            String countyCode,
            String industryCode,
            String category,
            String status,
            LocalDate validTo,
            List<String> outletCodes) {}

    protected Map<String, KeyFields> directoryContents() {
        Map<String, KeyFields> out = new HashMap<>();
        db.sql("""
                        SELECT permit_no, version, unit_name, county_code, industry_code, management_category, status,
                               valid_to, ARRAY(SELECT o->>'outletCode' FROM jsonb_array_elements(outlets) o) AS outlet_codes
                        FROM directory_unit""")
                .map(r -> new Object[] {
                    r.get("permit_no", String.class),
                    new KeyFields(
                            r.get("version", Long.class),
                            r.get("unit_name", String.class),
                            r.get("county_code", String.class),
                            r.get("industry_code", String.class),
                            r.get("management_category", String.class),
                            r.get("status", String.class),
                            r.get("valid_to", LocalDate.class),
                            List.of(r.get("outlet_codes", String[].class)))
                })
                .all()
                .doOnNext(a -> out.put((String) a[0], (KeyFields) a[1]))
                .blockLast();
        return out;
    }

    protected static Map<String, KeyFields> expectedContents(NationalPlatformMock mock) {
        Map<String, KeyFields> out = new HashMap<>();
        mock.dataset().stream()
                .forEach((PlatformPermit p) -> out.put(
                        p.permitNo(),
                        new KeyFields(
                                p.summary().version(),
                                p.summary().unitName(),
                                p.summary().countyCode(),
                                p.summary().industryCode(),
                                category(p.summary().managementCategory()),
                                status(p.summary().status()),
                                p.summary().validTo(),
                                p.detail().outlets().stream()
                                        .map(o -> o.outletCode())
                                        .toList())));
        return out;
    }

    /** The directory holds exactly the platform's permits, each in its current version and with its key fields. */
    protected void assertDirectoryEqualsPlatform(NationalPlatformMock mock) {
        Map<String, KeyFields> expected = expectedContents(mock);
        Map<String, KeyFields> actual = directoryContents();
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((no, fields) -> assertThat(actual.get(no)).as(no).isEqualTo(fields));
    }

    private static String category(String label) {
        return switch (label) {
            case "重点管理" -> "KEY";
            case "简化管理" -> "SIMPLIFIED";
            case "登记管理" -> "REGISTRATION";
            default -> throw new IllegalArgumentException(label);
        };
    }

    private static String status(String label) {
        return switch (label) {
            case "有效" -> "VALID";
            case "过期" -> "EXPIRED";
            case "撤销" -> "REVOKED";
            case "注销" -> "CANCELLED";
            case "吊销" -> "WITHDRAWN";
            default -> throw new IllegalArgumentException(label);
        };
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
