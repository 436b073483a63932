package org.permitwatch.events;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode.
 * The event attributes travel as headers; the record value is the JSON payload only.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** In binary mode the datacontenttype attribute maps to the plain Kafka content-type header. */
    public static final String CONTENT_TYPE = "content-type";
    /** W3C trace context, so a trace continues from the producing request into the consumer. */
    public static final String TRACEPARENT = "traceparent";

    public static final String JSON = "application/json";

    private CloudEventHeaders() {}
}
