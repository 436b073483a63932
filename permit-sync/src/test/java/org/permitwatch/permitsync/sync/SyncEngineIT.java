package org.permitwatch.permitsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.mock.TokenErrorStyle;
import org.permitwatch.mock.dataset.PlatformPermit;
import org.permitwatch.mock.fault.Endpoint;
import org.permitwatch.mock.fault.FaultSpec;
import org.permitwatch.mock.fault.FaultType;
import org.permitwatch.permitsync.NationalPlatformMocks;
import org.permitwatch.permitsync.PermitSyncTestSupport;
import org.permitwatch.permitsync.connector.PermitDetail;
import org.permitwatch.permitsync.connector.PermitSummary;
import org.permitwatch.permitsync.directory.DirectoryStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The sync engine end to end against the mock: every fault of the contract, pause and resume from the
 * checkpoint, incremental runs (automatic resume and take-over after a crash: {@link SelfHealingSyncIT}). Each test starts from an empty directory and the
 * mock's generated dataset, and ends comparing the directory with {@code mock.dataset()} exactly.
 */
class SyncEngineIT extends PermitSyncTestSupport {

    private static final int SIZE = 1_200;
    private static final int PAGE = 100;

    @Autowired
    DirectoryStore directory;

    @Autowired
    TransactionalOperator tx;

    /** The page size of the shared context (permitwatch.sync.page-size in {@code @PermitSyncIntegrationTest}). */
    @Value("${permitwatch.sync.page-size}")
    int pageSize;

    @Override
    protected NationalPlatformMock platform() {
        return NationalPlatformMocks.of(SIZE);
    }

    @BeforeEach
    void reset() {
        assertThat(pageSize).as("the page counts below assume pages of " + PAGE).isEqualTo(PAGE);
        cleanDatabase();
        platform().reset();
    }

    @Test
    void fullSyncStoresEveryPermitOnceWithItsVersionAndCounts() {
        UUID id = syncToSuccess("FULL", 1);

        assertDirectoryEqualsPlatform(platform());
        Map<String, Object> run = run(id);
        assertThat(intOf(run, "fetched")).isEqualTo(SIZE);
        assertThat(intOf(run, "created")).isEqualTo(SIZE);
        assertThat(intOf(run, "updated") + intOf(run, "unchanged") + intOf(run, "failed"))
                .isZero();
        assertThat(platform().stats().detailRequests())
                .as("one detail call per permit")
                .isEqualTo(SIZE);
        assertThat(platform().stats().listRequests())
                .as("keyset paging: one list call per committed page + the empty one")
                .isEqualTo(intOf(run, "pages") + 1);
        assertThat(intOf(run, "pages"))
                .as("the 1 s cursor overlap re-lists only the cursor's own second")
                .isBetween(SIZE / PAGE, SIZE / PAGE + 3);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = 'directory.unit.events.v1'"))
                .isEqualTo(SIZE);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'sync.run.start'"))
                .isEqualTo(1);
        // the console's progress: the platform's total of the first listing = every permit of the mock (1,200),
        // so fetched / expectedRecords = 1,200 / 1,200 at the end
        web.get()
                .uri("/api/v1/sync/runs/" + id)
                .header(org.springframework.http.HttpHeaders.AUTHORIZATION, bearer(provinceToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.expectedRecords")
                .isEqualTo(SIZE)
                .jsonPath("$.fetched")
                .isEqualTo(SIZE);
    }

    @Test
    void aSecondFullSyncFetchesNoDetailAndChangesNothing() {
        syncToSuccess("FULL", 1);
        platform().resetStats();

        UUID second = syncToSuccess("FULL", 1);

        assertThat(platform().stats().detailRequests()).isZero();
        Map<String, Object> run = run(second);
        assertThat(intOf(run, "unchanged")).isEqualTo(SIZE);
        assertThat(intOf(run, "created") + intOf(run, "updated")).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event"))
                .as("no event without a change")
                .isEqualTo(SIZE);
        assertDirectoryEqualsPlatform(platform());
    }

    /** Slow responses take 5 s: longer than the shared context's response timeout (4 s), so they time out. */
    static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of(FaultSpec.of(FaultType.SERVER_ERROR)
                        .on(Endpoint.LIST)
                        .after(3)
                        .times(2)),
                Arguments.of(FaultSpec.of(FaultType.SERVER_ERROR)
                        .on(Endpoint.DETAIL)
                        .after(50)
                        .times(6)
                        .status(502)),
                Arguments.of(FaultSpec.of(FaultType.CONNECTION_RESET)
                        .on(Endpoint.LIST)
                        .after(2)
                        .times(1)),
                Arguments.of(FaultSpec.of(FaultType.CONNECTION_RESET)
                        .on(Endpoint.DETAIL)
                        .after(100)
                        .times(4)),
                Arguments.of(FaultSpec.of(FaultType.SLOW_RESPONSE)
                        .on(Endpoint.LIST)
                        .after(4)
                        .times(1)
                        .delayMs(5_000)),
                Arguments.of(FaultSpec.of(FaultType.SLOW_RESPONSE)
                        .on(Endpoint.DETAIL)
                        .after(10)
                        .times(2)
                        .delayMs(5_000)),
                Arguments.of(FaultSpec.of(FaultType.HTTP_429)
                        .on(Endpoint.LIST)
                        .after(1)
                        .times(2)
                        .retryAfterSeconds(1)),
                Arguments.of(FaultSpec.of(FaultType.HTTP_429)
                        .on(Endpoint.DETAIL)
                        .after(30)
                        .times(2)
                        .retryAfterSeconds(1)),
                Arguments.of(FaultSpec.of(FaultType.CODE_42901)
                        .on(Endpoint.LIST, Endpoint.DETAIL)
                        .after(5)
                        .times(3)),
                Arguments.of(FaultSpec.of(FaultType.CODE_50001)
                        .on(Endpoint.LIST, Endpoint.DETAIL)
                        .after(5)
                        .times(3)),
                Arguments.of(FaultSpec.of(FaultType.TOKEN_EXPIRED)
                        .on(Endpoint.LIST)
                        .after(4)
                        .times(1)),
                Arguments.of(FaultSpec.of(FaultType.TOKEN_EXPIRED)
                        .on(Endpoint.DETAIL)
                        .after(200)
                        .times(1)
                        .tokenStyle(TokenErrorStyle.CODE_40101)),
                Arguments.of(FaultSpec.of(FaultType.MALFORMED_BODY)
                        .on(Endpoint.LIST)
                        .after(2)
                        .times(1)),
                Arguments.of(
                        FaultSpec.of(FaultType.SHORT_PAGE).after(1).times(4).records(30)),
                Arguments.of(
                        FaultSpec.of(FaultType.DUPLICATES).after(2).times(1).records(20)),
                Arguments.of(
                        FaultSpec.of(FaultType.MOVING_DATASET).after(3).times(3).records(15)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFaults")
    void noPermitIsLostDuplicatedOrStoredWrongUnder(FaultSpec fault) {
        platform().faults().enable(fault);

        UUID id = syncToSuccess("FULL", 6);

        assertThat(platform().stats().faultsFired().getOrDefault(fault.type(), 0L))
                .as("the fault was exercised")
                .isPositive();
        assertDirectoryEqualsPlatform(platform());
        assertThat(count("SELECT count(*) FROM sync_failure")).isZero();
        assertThat(intOf(run(id), "failed")).isZero();
    }

    @Test
    void aPermitDeletedBetweenListAndDetailIsReportedAndNotStored() {
        platform()
                .faults()
                .enable(FaultSpec.of(FaultType.DELETED_BEFORE_DETAIL).after(40).times(3));

        UUID id = syncToSuccess("FULL", 1);

        assertThat(platform().dataset().size()).isEqualTo(SIZE - 3);
        assertDirectoryEqualsPlatform(platform());
        assertThat(intOf(run(id), "failed")).isEqualTo(3);
        List<String> reasons = db.sql("SELECT stage || ':' || reason AS r FROM sync_failure WHERE run_id = :id")
                .bind("id", id)
                .map(r -> r.get("r", String.class))
                .all()
                .collectList()
                .block();
        assertThat(reasons).hasSize(3).allMatch(r -> r.startsWith("DETAIL:") && r.contains("not found"));
    }

    @Test
    void aRejectedDetailIsReportedWithItsReasonAndTheNextFullRunStoresIt() {
        platform()
                .faults()
                .enable(FaultSpec.of(FaultType.BAD_PARAMETER)
                        .on(Endpoint.DETAIL)
                        .after(20)
                        .times(2));

        UUID id = syncToSuccess("FULL", 1);

        List<String> failed = db.sql("SELECT permit_no FROM sync_failure WHERE run_id = :id AND stage = 'DETAIL'")
                .bind("id", id)
                .map(r -> r.get("permit_no", String.class))
                .all()
                .collectList()
                .block();
        assertThat(failed).hasSize(2);
        assertThat(intOf(run(id), "failed")).isEqualTo(2);
        Set<String> stored = directoryContents().keySet();
        assertThat(stored).hasSize(SIZE - 2).doesNotContainAnyElementsOf(failed);

        syncToSuccess("FULL", 1);
        assertDirectoryEqualsPlatform(platform());
    }

    @Test
    void aRejectedListCallFailsTheRunWithTheReason() {
        platform()
                .faults()
                .enable(FaultSpec.of(FaultType.BAD_PARAMETER)
                        .on(Endpoint.LIST)
                        .after(2)
                        .times(1));

        UUID id = startRun("FULL");

        assertThat(awaitRunEnd(id, Duration.ofMinutes(1))).isEqualTo("FAILED");
        assertThat((String) run(id).get("last_error")).contains("rejected");
        UUID next = syncToSuccess("FULL", 1);
        assertThat(next).isNotEqualTo(id);
        assertDirectoryEqualsPlatform(platform());
    }

    @Test
    void anUnavailablePlatformPausesTheRunAndTheNextTriggerResumesFromTheCheckpoint() {
        platform()
                .faults()
                .enable(FaultSpec.of(FaultType.SERVER_ERROR)
                        .on(Endpoint.LIST)
                        .after(5)
                        .always());

        UUID id = startRun("FULL");
        assertThat(awaitRunEnd(id, Duration.ofMinutes(1))).isEqualTo("PAUSED");
        Map<String, Object> paused = run(id);
        assertThat(intOf(paused, "pages")).isEqualTo(5);
        assertThat(paused.get("cursor_permit_no")).isNotNull();
        // Each page after the first re-lists the cursor's own record (the 1 s overlap), so 5 pages hold ~5 × PAGE.
        assertThat(directoryContents()).hasSize(intOf(paused, "created")).hasSizeGreaterThan(4 * PAGE);

        platform().faults().clear();
        sleep(600); // breaker half-open
        UUID resumed = syncToSuccess("FULL", 3);

        assertThat(resumed).isEqualTo(id);
        assertThat(intOf(run(id), "pause_count")).isPositive();
        // the expected size is the whole run's (its first listing: 1,200), not what was left when it resumed
        assertThat(intOf(run(id), "listed_total")).isEqualTo(SIZE);
        assertThat(platform().stats().detailRequests())
                .as("pages committed before the pause are not fetched again")
                .isEqualTo(SIZE);
        assertDirectoryEqualsPlatform(platform());
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'sync.run.resume'"))
                .isPositive();
    }

    @Test
    void incrementalRunPicksUpExactlyTheChanges() {
        syncToSuccess("FULL", 1);
        Set<String> changed = new HashSet<>(platform().mutate().update(30));
        changed.addAll(platform().mutate().changeStatus(10));
        List<String> added = platform().mutate().addNew(5);
        platform().resetStats();

        UUID id = syncToSuccess("INCREMENTAL", 1);

        Map<String, Object> run = run(id);
        assertThat(run.get("watermark_from")).isNotNull();
        assertThat(intOf(run, "created")).isEqualTo(added.size());
        assertThat(intOf(run, "updated")).isEqualTo(changed.size());
        assertThat(platform().stats().detailRequests()).isEqualTo(changed.size() + added.size());
        assertDirectoryEqualsPlatform(platform());
        List<String> changedStatus = db.sql("SELECT permit_no FROM directory_unit WHERE without_permit")
                .map(r -> r.get("permit_no", String.class))
                .all()
                .collectList()
                .block();
        long expectedWithout = platform().dataset().summaries().stream()
                .filter(s -> !"有效".equals(s.status()))
                .count();
        assertThat(changedStatus).hasSize((int) expectedWithout);
    }

    @Test
    void anIncrementalRunWithoutAnyChangesListsOnlyTheOverlap() {
        syncToSuccess("FULL", 1);
        platform().resetStats();

        UUID id = syncToSuccess("INCREMENTAL", 1);

        assertThat(intOf(run(id), "created") + intOf(run(id), "updated")).isZero();
        assertThat(intOf(run(id), "fetched")).isLessThan(SIZE / 10);
        assertThat(platform().stats().detailRequests()).isZero();
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        syncToSuccess("FULL", 1);
        var permit = platform().dataset().stream()
                .filter(p -> p.summary().version() > 1)
                .findFirst()
                .orElseThrow();
        String no = permit.permitNo();
        long stored = permit.summary().version();
        long eventsBefore = count("SELECT count(*) FROM outbox_event WHERE message_key = '" + no + "'");

        DirectoryStore.ApplyResult older = tx.transactional(directory
                        .storedStates(List.of(no))
                        .flatMap(states -> directory.apply(List.of(detail(permit, stored - 1, "旧名称有限公司")), states)))
                .block();

        assertThat(older.unchanged()).isEqualTo(1);
        assertThat(older.created() + older.updated()).isZero();
        assertThat(directoryContents().get(no).version()).isEqualTo(stored);
        assertThat(directoryContents().get(no).unitName())
                .isEqualTo(permit.summary().unitName());
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = '" + no + "'"))
                .isEqualTo(eventsBefore);

        DirectoryStore.ApplyResult newer = tx.transactional(directory
                        .storedStates(List.of(no))
                        .flatMap(states -> directory.apply(List.of(detail(permit, stored + 1, "新名称有限公司")), states)))
                .block();

        assertThat(newer.updated()).isEqualTo(1);
        assertThat(directoryContents().get(no).unitName()).isEqualTo("新名称有限公司");
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = '" + no + "'"))
                .isEqualTo(eventsBefore + 1);
    }

    /** The mock's permit as the connector would deliver it, with another version and name. */
    private static PermitDetail detail(PlatformPermit p, long version, String name) {
        var s = p.summary();
        var summary = new PermitSummary(
                s.permitNo(),
                s.uscc(),
                name,
                s.provinceCode(),
                s.cityCode(),
                s.countyCode(),
                s.industryCode(),
                s.industryName(),
                s.managementCategory(),
                s.status(),
                s.issueDate(),
                s.validFrom(),
                s.validTo(),
                s.issuingAuthority(),
                version,
                s.updatedAt());
        return new PermitDetail(
                summary,
                p.detail().address(),
                p.detail().legalRepresentative(),
                p.detail().longitude(),
                p.detail().latitude(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }
}
