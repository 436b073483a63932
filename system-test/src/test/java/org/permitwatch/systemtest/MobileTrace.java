package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Issue 21, "one trace shows a mobile submission all the way to the summary table" (ADR 0043), as a test instead of
 * a walk through logs: the campaign's first submission was sent by the field app with its own W3C
 * {@code traceparent}; its trace id must be found at every stop of the path — the gateway's answer to every copy,
 * inspection-service's audit rows and outbox row (written in the request's transaction), the CloudEvents
 * {@code traceparent} header of the record the relay put on Kafka (read from the broker), and at the end
 * reporting-service's rows that the summary table counts (the inspection and its findings, V23 {@code trace_id}).
 * {@link Reports} then proves the summary table counts exactly those rows.
 */
final class MobileTrace {

    /** A new trace for every run (the platform starts clean; a stale row cannot satisfy the checks either way). */
    static final String TRACE_ID = randomHex(16);

    /** The field app's span: the gateway's server span is its child, so no stored traceparent may name it. */
    static final String CALLER_SPAN_ID = randomHex(8);

    static final String CALLER_TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01";

    /** inspection.record.events.v1 and the submitted type, as platform-events names them (InspectionTopics). */
    private static final String RECORD_TOPIC = "inspection.record.events.v1";

    private static final String SUBMITTED_TYPE = "org.permitwatch.inspection.record.submitted.v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Campaign c;

    MobileTrace(Campaign campaign) {
        this.c = campaign;
    }

    void followToTheSummaryTable() {
        FlakyMobileClient.Submitted submitted = c.tracedSubmission;
        assertThat(submitted).as("the campaign sent its traced submission").isNotNull();
        String record = submitted.id();
        String sameTrace = "00-" + TRACE_ID + "-[0-9a-f]{16}-01";

        // 1. The gateway answered every copy (new, concurrent or replayed) in the caller's trace.
        for (Api.Reply reply : submitted.replies()) {
            assertThat(reply.header("X-Trace-Id")).as("X-Trace-Id of %s", reply).isEqualTo(TRACE_ID);
            assertThat(reply.header("traceparent"))
                    .as("traceparent of %s", reply)
                    .matches(sameTrace)
                    .isNotEqualTo(CALLER_TRACEPARENT);
        }

        // 2. inspection-service's transaction: the record's audit rows and its event's outbox row.
        assertThat(c.db.rows(
                        "inspection",
                        "SELECT action, trace_id FROM audit_log WHERE resource_type = 'inspection-record' "
                                + "AND resource_id = ? AND action IN ('inspection.create', 'inspection.submit') "
                                + "ORDER BY action",
                        record))
                .as("audit rows of record %s", record)
                .containsExactly(List.of("inspection.create", TRACE_ID), List.of("inspection.submit", TRACE_ID));
        List<List<String>> outbox = c.db.rows(
                "inspection",
                "SELECT id::text, traceparent FROM outbox_event WHERE topic = ? AND message_key = ?",
                RECORD_TOPIC,
                record);
        assertThat(outbox).as("outbox rows of record %s", record).hasSize(1);
        String eventId = outbox.get(0).get(0);
        String storedTraceparent = outbox.get(0).get(1);
        // The service's own span (a child of the gateway's, itself a child of the app's): same trace, other span.
        assertThat(storedTraceparent).matches(sameTrace).doesNotContain(CALLER_SPAN_ID);
        List<List<String>> findingEvents = c.db.rows(
                "inspection",
                "SELECT o.traceparent FROM outbox_event o JOIN finding f ON o.message_key = f.id::text "
                        + "WHERE f.record_id = ?::uuid AND o.topic = 'inspection.finding.events.v1'",
                record);
        findingEvents.forEach(
                row -> assertThat(row.get(0)).as("a finding's event").matches(sameTrace));
        long findings = c.db.count("inspection", "SELECT count(*) FROM finding WHERE record_id = ?::uuid", record);
        if (c.exceeding.contains(c.tracedPermit)) {
            // the first exceeding unit is the enforcement scenario's: an exceedance and the ledger item
            assertThat(findings).as("findings of the traced record").isPositive();
        }
        assertThat(findingEvents).as("one event per finding").hasSize((int) findings);

        // 3. The record on Kafka: the relay (which runs in no request) sent the stored traceparent unchanged.
        String bootstrap = "127.0.0.1:" + c.platform.port("KAFKA_PORT");
        ConsumerRecord<String, String> published = KafkaTopic.find(
                bootstrap,
                RECORD_TOPIC,
                r -> record.equals(r.key()) && eventId.equals(KafkaTopic.header(r, "ce_id")),
                TIMEOUT);
        assertThat(KafkaTopic.header(published, "ce_type")).isEqualTo(SUBMITTED_TYPE);
        assertThat(KafkaTopic.header(published, "traceparent"))
                .as("the CloudEvents traceparent of the published record")
                .isEqualTo(storedTraceparent);

        // 4. The end of the path: reporting-service's listener applied that event (its processed_event marker) and
        //    the rows the summary table counts keep the trace.
        Eventually.await(
                "reporting applied the traced submission " + eventId,
                TIMEOUT,
                () -> c.db.count(
                                "reporting",
                                "SELECT count(*) FROM processed_event WHERE consumer = 'reporting.read-models' "
                                        + "AND event_id = ?",
                                eventId)
                        == 1);
        assertThat(c.db.column("reporting", "SELECT trace_id FROM rm_inspection WHERE record_id = ?::uuid", record))
                .as("the summary table's inspection row of record %s", record)
                .containsExactly(TRACE_ID);
        Eventually.await(
                "reporting holds the traced record's " + findings + " finding(s)",
                TIMEOUT,
                () -> c.db.count("reporting", "SELECT count(*) FROM rm_finding WHERE record_id = ?::uuid", record)
                        == findings);
        assertThat(c.db.column(
                        "reporting",
                        "SELECT coalesce(trace_id, '-') FROM rm_finding WHERE record_id = ?::uuid",
                        record))
                .as("the summary table's finding rows of record %s", record)
                .hasSize((int) findings)
                .allMatch(TRACE_ID::equals);
        System.out.println("[system-test] trace " + TRACE_ID + ": gateway → inspection audit/outbox (event " + eventId
                + ") → Kafka " + RECORD_TOPIC + " → reporting rm_inspection + " + findings + " rm_finding row(s)");
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        // never all zeros (invalid in W3C Trace Context)
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
