package org.permitwatch.permitsync.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.enforcement.CaseClosed;
import org.permitwatch.events.enforcement.CaseOpened;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.PenaltyDecided;
import org.permitwatch.events.enforcement.RectificationCompleted;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.permitsync.NationalPlatformMocks;
import org.permitwatch.permitsync.PermitSyncTestSupport;
import org.permitwatch.testsupport.CloudEventRecords;
import org.permitwatch.testsupport.KafkaBatches;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enforcement feedback into the directory over a real broker and PostgreSQL, with a directory synced from the mock:
 * the violation history, the counts of the window, re-classification (SPECIAL = fined in the last year), the new
 * snapshot in the outbox, exactly-once and order tolerance, and feedback for a unit that arrives later.
 */
class ViolationFeedbackIT extends PermitSyncTestSupport {

    private static final String CASES_CONSUMER = "permit-sync.violation-history";
    private static final String INSPECTIONS_CONSUMER = "permit-sync.last-inspection";

    private static final Duration WAIT = Duration.ofSeconds(30);

    // The test runs the reconciliation itself: the shared context has no reconcile cron. This test is about
    // feedback, not about the connector's fault handling: the shared response timeout (4 s, see
    // @PermitSyncIntegrationTest) keeps a slow mock on a loaded CI machine from opening the breaker (1 s did).

    @Override
    protected NationalPlatformMock platform() {
        return NationalPlatformMocks.of(40);
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    @Autowired
    FeedbackReconciliation reconciliation;

    @BeforeEach
    void syncOnce() {
        Long units = db.sql("SELECT count(*) FROM directory_unit")
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
        if (units == null || units == 0) {
            syncToSuccess("FULL", 3);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void penaltiesAndRectificationsBuildTheHistoryCountTheWindowAndReclassify() throws Exception {
        String a = unit("KEY", "KEY", 0);
        String b = unit("SIMPLIFIED", "GENERAL", 0);
        long snapshotsBefore = snapshots(a);
        long casesBefore = processed(CASES_CONSUMER);
        long inspectionsBefore = processed(INSPECTIONS_CONSUMER);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

        UUID case1 = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        UUID daily = UUID.randomUUID();
        UUID rect1 = UUID.randomUUID();
        String fineEvent = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer()) {
            // inspections of A: the later one first, then an earlier one — the max stays. Applied before the case
            // events, so the snapshots those publish carry it: the two feeds are separate consumers, and an
            // inspection alone publishes nothing (ADR 0060), so the other order would leave it out of every snapshot.
            sendInspection(producer, a, now.minusDays(4));
            sendInspection(producer, a, now.minusDays(40));
            await(() -> processed(INSPECTIONS_CONSUMER) == inspectionsBefore + 2);

            // case 1 of A: a fine, delivered twice, and again under another ce_id (same decision id) ...
            PenaltyDecided decided = new PenaltyDecided(
                    ref(case1, a, 2, "EXCEEDING_LIMITS", "34(1)"),
                    fine,
                    "FINE",
                    null,
                    new BigDecimal("250000.00"),
                    new BigDecimal("250000.00"),
                    false,
                    "2027.1",
                    null,
                    null,
                    null,
                    "u",
                    now.minusDays(10));
            send(producer, EnforcementTopics.CASES, fineEvent, PenaltyDecided.TYPE, case1, decided);
            send(producer, EnforcementTopics.CASES, fineEvent, PenaltyDecided.TYPE, case1, decided);
            send(producer, EnforcementTopics.CASES, UUID.randomUUID().toString(), PenaltyDecided.TYPE, case1, decided);
            // ... the rectification completed (v4) before its older overdue event (v3) arrives: the status stays
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    RectificationCompleted.TYPE,
                    case1,
                    new RectificationCompleted(
                            ref(case1, a, 4, "EXCEEDING_LIMITS", "34(1)"),
                            rect1,
                            LocalDate.of(2027, 7, 15),
                            null,
                            true,
                            "u",
                            now.minusDays(2)));
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    RectificationOverdue.TYPE,
                    case1,
                    new RectificationOverdue(
                            ref(case1, a, 3, "EXCEEDING_LIMITS", "34(1)"),
                            rect1,
                            LocalDate.of(2027, 7, 15),
                            "140100",
                            now.minusDays(3)));
            // ... a daily continuous fine adds to the amount without being another violation
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    PenaltyDecided.TYPE,
                    case1,
                    new PenaltyDecided(
                            ref(case1, a, 5, "EXCEEDING_LIMITS", "34(1)"),
                            daily,
                            "DAILY_CONTINUOUS",
                            null,
                            new BigDecimal("50000.00"),
                            new BigDecimal("50000.00"),
                            false,
                            "2027.1",
                            5,
                            LocalDate.of(2027, 7, 1),
                            LocalDate.of(2027, 7, 5),
                            "u",
                            now.minusDays(5)));
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    CaseClosed.TYPE,
                    case1,
                    new CaseClosed(
                            ref(case1, a, 6, "EXCEEDING_LIMITS", "34(1)"),
                            new BigDecimal("300000.00"),
                            true,
                            "u",
                            now.minusDays(1)));
            // case 2 of A: 首违不罚, a verified violation without a fine
            UUID case2 = UUID.randomUUID();
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    PenaltyDecided.TYPE,
                    case2,
                    firstMinorLedgerExemption(ref(case2, a, 2, "INCOMPLETE_LEDGER", "37"), now.minusDays(20)));
            // case 3 of A: fined 13 months ago, outside the window
            UUID case3 = UUID.randomUUID();
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    PenaltyDecided.TYPE,
                    case3,
                    fine(ref(case3, a, 2, "FUGITIVE_EMISSIONS", "35"), "80000.00", "2026.1", now.minusMonths(13)));
            // other case events are not history
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    CaseOpened.TYPE,
                    UUID.randomUUID(),
                    new CaseOpened(
                            ref(UUID.randomUUID(), a, 1, "EXCEEDING_LIMITS", "34(1)"),
                            "FINDING",
                            null,
                            null,
                            null,
                            null,
                            "u",
                            now));
            // B: only a no-penalty decision
            UUID caseB = UUID.randomUUID();
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    PenaltyDecided.TYPE,
                    caseB,
                    firstMinorLedgerExemption(ref(caseB, b, 2, "INCOMPLETE_LEDGER", "37"), now.minusDays(1)));
        }

        // 11 case records sent: minus the duplicate delivery and the ignored CaseOpened, 9 distinct events handled
        await(() -> processed(CASES_CONSUMER) == casesBefore + 9
                && processed(INSPECTIONS_CONSUMER) == inspectionsBefore + 2);

        // A: case 1 (fine) and case 2 (no penalty) are in the window, case 3 is not → 2 violations, 1 fine → SPECIAL
        Map<String, Object> rowA = row(a);
        assertThat(rowA)
                .containsEntry("violation_count", 2)
                .containsEntry("fine_count", 1)
                .containsEntry("source_type", "SPECIAL");
        assertThat(((OffsetDateTime) rowA.get("last_inspected_at")).toInstant())
                .isEqualTo(now.minusDays(4).toInstant());
        // B: a no-penalty decision is a violation but no fine: stays GENERAL
        assertThat(row(b))
                .containsEntry("violation_count", 1)
                .containsEntry("fine_count", 0)
                .containsEntry("source_type", "GENERAL");

        // the entry's new state went out as a full snapshot, like a sync change
        assertThat(snapshots(a)).isGreaterThan(snapshotsBefore);
        DirectoryUnitSnapshot latest = latestSnapshot(a);
        assertThat(latest.sourceType()).isEqualTo("SPECIAL");
        assertThat(latest.violationCount()).isEqualTo(2);
        assertThat(latest.lastInspectedAt().toInstant())
                .isEqualTo(now.minusDays(4).toInstant());
        assertThat(latest.outlets()).isNotEmpty();

        // the history in the unit detail: newest decision first, amounts summed once per decision
        Map<String, Object> detail = detail(a);
        assertThat(((Number) detail.get("violationHistoryTotal")).longValue()).isEqualTo(3);
        assertThat(detail).containsEntry("violationCount", 2).containsEntry("sourceType", "SPECIAL");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) detail.get("violations");
        assertThat(violations)
                .extracting(v -> v.get("violationType"))
                .containsExactly("EXCEEDING_LIMITS", "INCOMPLETE_LEDGER", "FUGITIVE_EMISSIONS");
        Map<String, Object> first = violations.get(0);
        assertThat(first)
                .containsEntry("caseId", case1.toString())
                .containsEntry("decisionKind", "FINE")
                .containsEntry("article", "34(1)")
                .containsEntry("rectificationStatus", "CLOSED")
                .containsEntry("rectificationDeadline", "2027-07-15")
                .containsEntry("rectifiedOnTime", true);
        assertThat(new BigDecimal(first.get("amountYuan").toString())).isEqualByComparingTo("300000");
        assertThat(violations.get(1))
                .containsEntry("decisionKind", "NO_PENALTY")
                .containsEntry("noPenaltyRule", "FIRST_MINOR_LEDGER");
        // Issue 11.3: an inspector reads only its own tasks' cases; the directory has no assignments, so it gets
        // the unit without the case history
        Map<String, Object> asInspector = web.get()
                .uri("/api/v1/directory/units/{p}", a)
                .header(
                        HttpHeaders.AUTHORIZATION,
                        bearer(org.permitwatch.testsupport.TestJwts.builder()
                                .subject(UUID.randomUUID().toString())
                                .roles("INSPECTOR")
                                .division((String) row(a).get("city_code"))
                                .build()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(asInspector)
                .containsEntry("permitNo", a)
                .containsEntry("violations", null)
                .containsEntry("violationHistoryTotal", null);

        // a year on, case 1 leaves the window: the reconciliation drops the fine and A is a KEY source again
        db.sql("UPDATE unit_violation SET decided_at = now() - interval '13 months' WHERE case_id = :c")
                .bind("c", case1)
                .then()
                .block();
        assertThat(reconciliation.mismatched().block()).containsExactly(a);
        assertThat(reconciliation.reconcile().block()).isEqualTo(1);
        assertThat(row(a))
                .containsEntry("violation_count", 1)
                .containsEntry("fine_count", 0)
                .containsEntry("source_type", "KEY");
        assertThat(latestSnapshot(a).sourceType()).isEqualTo("KEY");
        assertThat(reconciliation.reconcile().block()).isZero();
    }

    @Test
    void feedbackForAUnitNotYetSyncedIsKeptAndAppliedWhenTheUnitArrives() throws Exception {
        String c = unit("KEY", "KEY", 1);
        // as if the platform had not delivered the unit yet
        db.sql("DELETE FROM directory_unit WHERE permit_no = :p")
                .bind("p", c)
                .then()
                .block();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        UUID caseId = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    PenaltyDecided.TYPE,
                    caseId,
                    fine(ref(caseId, c, 2, "NO_VALID_PERMIT", "33"), "200000.00", "2027.1", now.minusDays(3)));
            sendInspection(producer, c, now.minusDays(6));
        }
        await(() ->
                count("SELECT count(*) FROM unit_violation WHERE permit_no = '" + c + "' AND decision_kind = 'FINE'")
                                == 1
                        && count("SELECT count(*) FROM unit_inspection WHERE permit_no = '" + c + "'") == 1);
        assertThat(count("SELECT count(*) FROM directory_unit WHERE permit_no = '" + c + "'"))
                .isZero();

        // the unit arrives with a sync (stored with zero counts, the sync does not know the history) ...
        syncToSuccess("FULL", 3);
        assertThat(row(c)).containsEntry("violation_count", 0);
        // ... and the reconciliation applies the kept feedback and publishes the corrected entry
        assertThat(reconciliation.mismatched().block()).contains(c);
        reconciliation.reconcile().block();
        Map<String, Object> rowC = row(c);
        assertThat(rowC)
                .containsEntry("violation_count", 1)
                .containsEntry("fine_count", 1)
                .containsEntry("source_type", "SPECIAL");
        assertThat(((OffsetDateTime) rowC.get("last_inspected_at")).toInstant())
                .isEqualTo(now.minusDays(6).toInstant());
        DirectoryUnitSnapshot latest = latestSnapshot(c);
        assertThat(latest.sourceType()).isEqualTo("SPECIAL");
        assertThat(latest.violationCount()).isEqualTo(1);
        // a later full sync keeps the fed-back facts
        syncToSuccess("FULL", 3);
        assertThat(row(c)).containsEntry("violation_count", 1).containsEntry("source_type", "SPECIAL");
    }

    @Test
    void anInspectionAloneUpdatesTheEntryWithoutPublishingItsSnapshot() throws Exception {
        String d = unit("KEY", "KEY", 2);
        long snapshotsBefore = snapshots(d);
        long inspectionsBefore = processed(INSPECTIONS_CONSUMER);
        long casesBefore = processed(CASES_CONSUMER);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<String, String> producer = producer()) {
            sendInspection(producer, d, now.minusDays(3));
            await(() -> processed(INSPECTIONS_CONSUMER) == inspectionsBefore + 1);

            // the entry (the directory's page and detail) has the inspection; no snapshot went out for it (ADR 0060)
            assertThat(((OffsetDateTime) row(d).get("last_inspected_at")).toInstant())
                    .isEqualTo(now.minusDays(3).toInstant());
            assertThat(snapshots(d)).isEqualTo(snapshotsBefore);

            // a fine re-classifies the unit: that snapshot goes out, and carries the last inspection
            UUID caseId = UUID.randomUUID();
            send(
                    producer,
                    EnforcementTopics.CASES,
                    UUID.randomUUID().toString(),
                    PenaltyDecided.TYPE,
                    caseId,
                    fine(ref(caseId, d, 2, "EXCEEDING_LIMITS", "34(1)"), "100000.00", "2027.1", now.minusDays(1)));
        }
        await(() -> processed(CASES_CONSUMER) == casesBefore + 1);
        assertThat(snapshots(d)).isEqualTo(snapshotsBefore + 1);
        DirectoryUnitSnapshot latest = latestSnapshot(d);
        assertThat(latest.sourceType()).isEqualTo("SPECIAL");
        assertThat(latest.violationCount()).isEqualTo(1);
        assertThat(latest.lastInspectedAt().toInstant())
                .isEqualTo(now.minusDays(3).toInstant());
    }

    @Test
    void aPollOfInspectionsIsAppliedInOneTransactionEachOnceAndAnUnreadableOneHoldsNothingBack() throws Exception {
        // Units no other test inspects: the other tests' last inspections are checked by value.
        String d = unit("SIMPLIFIED", "GENERAL", 2);
        String e = unit("SIMPLIFIED", "GENERAL", 3);
        long before = processed(INSPECTIONS_CONSUMER);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String later = UUID.randomUUID().toString();
        String earlier = UUID.randomUUID().toString();
        String unreadable = UUID.randomUUID().toString();
        // One producer batch on one partition (one key, sent before any is awaited), so one fetch holds them all.
        UUID key = UUID.randomUUID();
        String inspections = InspectionTopics.INSPECTIONS;
        String type = InspectionSubmitted.TYPE;
        KafkaBatches.sendInOneBatch(
                broker.getBrokersAsString(),
                List.of(
                        event(inspections, later, type, key, inspection(d, now.minusDays(2))),
                        event(inspections, earlier, type, key, inspection(d, now.minusDays(4))),
                        // the relay's retry of the same event
                        event(inspections, earlier, type, key, inspection(d, now.minusDays(4))),
                        event(inspections, unreadable, type, key, inspection(" ", now.minusDays(1))),
                        event(inspections, UUID.randomUUID().toString(), type, key, inspection(e, now.minusDays(1)))));

        // both of d, once each, the one after the unreadable event too; the unreadable one is not marked
        await(() -> processed(INSPECTIONS_CONSUMER) == before + 3);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = '" + unreadable + "'"))
                .isZero();
        // the latest of d's two, whatever their order in the poll
        assertThat(((OffsetDateTime) row(d).get("last_inspected_at")).toInstant())
                .isEqualTo(now.minusDays(2).toInstant());
        assertThat(((OffsetDateTime) row(e).get("last_inspected_at")).toInstant())
                .isEqualTo(now.minusDays(1).toInstant());
        // the events before the unreadable one went in one transaction: their markers share its time
        assertThat(count("SELECT count(DISTINCT processed_at) FROM processed_event WHERE consumer = '"
                        + INSPECTIONS_CONSUMER + "' AND event_id IN ('" + later + "', '" + earlier + "')"))
                .isOne();
    }

    // ------------------------------------------------------------------ fixtures

    /** The n-th valid unit of the category with the source type, in permit order, never touched by another test. */
    private String unit(String category, String sourceType, int n) {
        return db.sql("""
                        SELECT permit_no FROM directory_unit WHERE management_category = :c AND source_type = :s
                          AND status = 'VALID' AND violation_count = 0 ORDER BY permit_no OFFSET :n LIMIT 1""")
                .bind("c", category)
                .bind("s", sourceType)
                .bind("n", n)
                .map(r -> r.get(0, String.class))
                .one()
                .blockOptional()
                .orElseThrow(
                        () -> new AssertionError("the mock dataset has no " + category + "/" + sourceType + " unit"));
    }

    private CaseRef ref(UUID caseId, String permit, long version, String violationType, String article) {
        Map<String, Object> row = row(permit);
        String city = row == null ? "140100" : (String) row.get("city_code");
        String county = row == null ? "140105" : (String) row.get("county_code");
        return new CaseRef(
                caseId,
                "测环罚〔2027〕" + caseId.toString().substring(0, 4) + "号",
                version,
                permit,
                "测试单位",
                "140000",
                city,
                county,
                "OTHER",
                violationType,
                article);
    }

    /** A fine of {@code amount} yuan under the discretion standard {@code standard}, decided at {@code decidedAt}. */
    private static PenaltyDecided fine(CaseRef ref, String amount, String standard, OffsetDateTime decidedAt) {
        BigDecimal yuan = new BigDecimal(amount);
        return new PenaltyDecided(
                ref, UUID.randomUUID(), "FINE", null, yuan, yuan, false, standard, null, null, null, "u", decidedAt);
    }

    /** A violation decided without penalty (first minor ledger offence): a violation in the window, not a fine. */
    private static PenaltyDecided firstMinorLedgerExemption(CaseRef ref, OffsetDateTime decidedAt) {
        return new PenaltyDecided(
                ref,
                UUID.randomUUID(),
                "NO_PENALTY",
                "FIRST_MINOR_LEDGER",
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                false,
                "2027.1",
                null,
                null,
                null,
                "u",
                decidedAt);
    }

    private InspectionSubmitted inspection(String permit, OffsetDateTime inspectedAt) {
        return new InspectionSubmitted(
                UUID.randomUUID(),
                1,
                null,
                UUID.randomUUID(),
                permit,
                "测试单位",
                "140000",
                "140100",
                "140105",
                "OTHER",
                UUID.randomUUID(),
                inspectedAt,
                inspectedAt.plusHours(2),
                "u",
                9,
                1,
                0,
                0,
                0,
                List.of(UUID.randomUUID()));
    }

    private Map<String, Object> row(String permit) {
        return db.sql("""
                        SELECT violation_count, fine_count, source_type, last_inspected_at, city_code, county_code
                        FROM directory_unit WHERE permit_no = :p""").bind("p", permit).fetch().one().block();
    }

    private long snapshots(String permit) {
        return count("SELECT count(*) FROM outbox_event WHERE topic = 'directory.unit.events.v1' AND message_key = '"
                + permit + "'");
    }

    private DirectoryUnitSnapshot latestSnapshot(String permit) {
        String payload = db.sql("""
                        SELECT payload::text FROM outbox_event WHERE topic = 'directory.unit.events.v1' AND message_key = :p
                        ORDER BY seq DESC LIMIT 1""")
                .bind("p", permit)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        return json.readValue(payload, DirectoryUnitSnapshot.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> detail(String permit) {
        return web.get()
                .uri("/api/v1/directory/units/{p}", permit)
                .header(HttpHeaders.AUTHORIZATION, bearer(provinceToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer());
    }

    /** An {@code InspectionSubmitted} of the unit, inspected at the given time, as inspection-service publishes it. */
    private void sendInspection(KafkaProducer<String, String> producer, String permit, OffsetDateTime inspectedAt)
            throws Exception {
        send(
                producer,
                InspectionTopics.INSPECTIONS,
                UUID.randomUUID().toString(),
                InspectionSubmitted.TYPE,
                UUID.randomUUID(),
                inspection(permit, inspectedAt));
    }

    /** Events the consumer has handled (deduplicated by the inbox). */
    private long processed(String consumer) {
        return count("SELECT count(*) FROM processed_event WHERE consumer = '" + consumer + "'");
    }

    private void send(
            KafkaProducer<String, String> producer, String topic, String ceId, String type, UUID key, Object payload)
            throws Exception {
        producer.send(event(topic, ceId, type, key, payload)).get();
    }

    private ProducerRecord<String, String> event(String topic, String ceId, String type, UUID key, Object payload) {
        return CloudEventRecords.record(
                topic, key.toString(), type, ceId, "/inspection-service", json.writeValueAsString(payload));
    }
}
