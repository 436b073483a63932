package org.permitwatch.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.mock.PlatformClient.Reply;
import org.permitwatch.mock.dataset.PermitSummary;
import org.permitwatch.mock.dataset.PlatformPermit;
import org.permitwatch.mock.server.Json;

/** Dataset changes between syncs, through Java and over HTTP, as an incremental sync sees them. */
class MutationIT {

    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    private static final AdjustableClock CLOCK = new AdjustableClock(NOW);
    private static NationalPlatformMock mock;
    private PlatformClient client;

    @BeforeAll
    static void start() {
        mock = NationalPlatformMock.start(
                MockOptions.builder().size(500).seed(11L).clock(CLOCK).build());
    }

    @AfterAll
    static void stop() {
        mock.stop();
    }

    @BeforeEach
    void fresh() {
        mock.reset();
        client = new PlatformClient(mock);
    }

    @Test
    void updatesBumpVersionStampNowAndChangeTheDetail() {
        List<PlatformPermit> before = mock.dataset().stream().toList();
        List<String> updated = mock.mutate().update(7);
        assertThat(updated).hasSize(7).doesNotHaveDuplicates();
        for (String no : updated) {
            PlatformPermit old = before.stream()
                    .filter(p -> p.permitNo().equals(no))
                    .findFirst()
                    .orElseThrow();
            PlatformPermit now = mock.dataset().find(no).orElseThrow();
            assertThat(now.summary().version()).isEqualTo(old.summary().version() + 1);
            assertThat(now.summary().updatedAt().toInstant()).isEqualTo(NOW);
            assertThat(now.summary().updatedAt().getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
            assertThat(now.detail()).isNotEqualTo(old.detail());
            assertThat(now.detail().address()).isEqualTo(old.detail().address());
        }
        // an incremental sync from the old high-water mark sees exactly the changed permits
        String since = Json.TIMESTAMP.format(
                before.get(before.size() - 1).summary().updatedAt().plusSeconds(1));
        Reply r = client.list(
                "provinceCode=14&pageSize=500&updatedSince=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
        assertThat(r.records().stream().map(m -> m.get("permitNo"))).containsExactlyInAnyOrderElementsOf(updated);
    }

    @Test
    void statusChangesOnlyTouchValidPermits() {
        List<String> changed = mock.mutate().changeStatus(20);
        assertThat(changed).hasSize(20);
        for (String no : changed) {
            PermitSummary s = mock.dataset().summary(no).orElseThrow();
            assertThat(s.status()).isIn("过期", "撤销", "注销", "吊销");
            if (s.isRegistration()) {
                assertThat(s.status()).isEqualTo("注销");
            }
            if (s.status().equals("过期")) {
                assertThat(s.validTo())
                        .isBefore(OffsetDateTime.ofInstant(NOW, CLOCK.getZone()).toLocalDate());
            }
        }
    }

    @Test
    void newPermitsAreValidVersionOneAndListedLast() {
        List<String> added = mock.mutate().addNew(3);
        assertThat(mock.dataset().size()).isEqualTo(503);
        List<PermitSummary> all = mock.dataset().summaries();
        assertThat(all.subList(500, 503).stream().map(PermitSummary::permitNo))
                .containsExactlyInAnyOrderElementsOf(added);
        for (String no : added) {
            PermitSummary s = mock.dataset().summary(no).orElseThrow();
            assertThat(s.version()).isEqualTo(1);
            assertThat(s.status()).isEqualTo("有效");
            assertThat(s.permitNo()).matches("^[0-9A-HJ-NPQRTUWXY]{18}\\d{3}[A-Z]$");
        }
        mock.mutate().reset();
        assertThat(mock.dataset().size()).isEqualTo(500);
    }

    @Test
    void changesArriveOverHttpToo() {
        Reply r = client.admin(
                "POST",
                "/__mock/mutations",
                "{\"updates\":2,\"statusChanges\":3,\"newPermits\":4,\"delete\":[\""
                        + mock.dataset().summaries().get(0).permitNo() + "\"]}");
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> body = r.json();
        assertThat((List<?>) body.get("updated")).hasSize(2);
        assertThat((List<?>) body.get("statusChanged")).hasSize(3);
        assertThat((List<?>) body.get("added")).hasSize(4);
        assertThat((List<?>) body.get("deleted")).hasSize(1);
        assertThat(body).containsEntry("size", 503);
        assertThat(client.admin("POST", "/__mock/mutations", "{\"updates\":-1}").status())
                .isEqualTo(400);
        assertThat(client.admin("POST", "/__mock/reset", null).json()).containsEntry("size", 500);
        assertThat(mock.dataset().size()).isEqualTo(500);
    }

    @Test
    void updatesNeverMoveUpdatedAtBackwards() {
        // the clock stands still: a second update in the same second still moves the row forward
        String no = mock.mutate().update(1).get(0);
        OffsetDateTime first = mock.dataset().summary(no).orElseThrow().updatedAt();
        mock.mutate().touch(List.of(no));
        assertThat(mock.dataset().summary(no).orElseThrow().updatedAt()).isAfter(first);
    }
}
