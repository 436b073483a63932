-- Issue 21: one trace from a mobile submission to the summary table. The inspection and finding rows the summary
-- tables count keep the trace id of the event that wrote their current version (the producing request's trace, from
-- the CloudEvents traceparent header), so an operator — and the system test — can follow a figure of the report back
-- to the request without parsing logs. Taken from the event, not from the listener's span, so a rebuild writes the
-- same value again. Null for events that carry no trace.
ALTER TABLE rm_inspection ADD COLUMN trace_id text;
ALTER TABLE rm_finding ADD COLUMN trace_id text;
