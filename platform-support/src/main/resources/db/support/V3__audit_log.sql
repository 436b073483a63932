-- Who did what, when and from where; written in the same transaction as the write it records.
CREATE TABLE audit_log (
    id            uuid PRIMARY KEY,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    actor         text NOT NULL,
    actor_name    text,
    roles         text[] NOT NULL DEFAULT '{}',
    division      varchar(6),
    action        text NOT NULL,
    resource_type text NOT NULL,
    resource_id   text,
    details       jsonb NOT NULL DEFAULT '{}'::jsonb,
    client_ip     text,
    user_agent    text,
    trace_id      varchar(32)
);

CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id, occurred_at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, occurred_at);
CREATE INDEX audit_log_division_idx ON audit_log (division text_pattern_ops, occurred_at);
