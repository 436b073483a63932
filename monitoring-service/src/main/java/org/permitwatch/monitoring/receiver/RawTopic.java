package org.permitwatch.monitoring.receiver;

import org.apache.kafka.common.header.Headers;

/**
 * {@value #NAME}: every accepted HJ 212 data segment as received, keyed by MN (so one unit's messages keep their order
 * in one partition), CloudEvents headers in binary mode, content type text/plain. It is the service's durable inbox:
 * a frame is answered only once the broker holds it (acks=all, idempotent producer), and the storage consumer builds
 * the tables from it. Retention: 7 days (k8s KafkaTopic), long enough to rebuild after an outage of the database.
 */
public final class RawTopic {

    public static final String NAME = "monitoring.data.raw.v1";
    public static final String EVENT_TYPE = "org.permitwatch.monitoring.hj212.received.v1";
    /** When the receiver read the frame (ISO-8601 instant); ce_time carries the same. */
    public static final String RECEIVED_AT = "ce_time";

    public static final String CONTENT_TYPE = "text/plain";

    /**
     * The permit number the point was bound to when the frame was received (absent on messages written before issue
     * 19): the alert stream reads the binding from here, not from the database, so a replay judges alike.
     */
    public static final String PERMIT_NO = "pw_permitno";
    /** The outlet code the point was bound to when the frame was received. */
    public static final String OUTLET_CODE = "pw_outletcode";
    /**
     * "true" when the point's analysers measure wet flue gas (its "measured wet" setting when the frame was received):
     * the alert stream makes its values dry before the oxygen correction (ADR 0039). Absent: dry, as measured.
     */
    public static final String MEASURED_WET = "pw_measuredwet";

    /**
     * Present on a stream-time tick (ADR 0049): a record without key or value that the receiver writes to every
     * partition once a minute, so that a partition whose points are all silent still moves the alert stream's stream
     * time. It is not data: every reader of the topic skips it, the alert stream uses only its timestamp.
     */
    public static final String TICK = "pw_tick";

    /** Whether the record is a stream-time tick rather than a data segment. */
    public static boolean isTick(Headers headers) {
        return headers != null && headers.lastHeader(TICK) != null;
    }

    private RawTopic() {}
}
