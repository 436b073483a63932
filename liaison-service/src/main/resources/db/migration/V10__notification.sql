-- Notifications to liaisons (e-mail and work-chat webhooks). One notification_request per business event
-- (event_key unique); one notification row per recipient and channel, unique per (event_key, channel, recipient),
-- so the same event never produces two deliveries to the same address even if it is requested twice.

CREATE TABLE notification_request (
    id               uuid PRIMARY KEY,
    event_key        text NOT NULL UNIQUE,
    subject          text NOT NULL,
    body             text NOT NULL,
    attachment_name  text,
    attachment_type  text,
    attachment       bytea,
    requested_by     text NOT NULL,
    -- division of the requester (null for system requests); the delivery log is scoped by the recipient's division
    requester_division varchar(6),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notification (
    id               uuid PRIMARY KEY,
    request_id       uuid NOT NULL REFERENCES notification_request (id),
    event_key        text NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    -- e-mail address or webhook URL
    recipient        text NOT NULL,
    contact_id       uuid REFERENCES liaison_contact (id),
    division_code    varchar(6) NOT NULL,
    status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         int NOT NULL DEFAULT 0,
    -- for PENDING rows: when the relay may (re)try; a claimed row is pushed into the future by the claim lease,
    -- so a relay that crashes mid-send releases the row when the lease runs out
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    message_id       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    CONSTRAINT notification_once UNIQUE (event_key, channel, recipient)
);

CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_division_idx ON notification (division_code text_pattern_ops, created_at DESC);
CREATE INDEX notification_request_idx ON notification (request_id);

CREATE TABLE notification_attempt (
    notification_id  uuid NOT NULL REFERENCES notification (id),
    attempt_no       int NOT NULL,
    attempted_at     timestamptz NOT NULL DEFAULT now(),
    outcome          text NOT NULL CHECK (outcome IN ('SENT', 'ERROR')),
    error            text,
    duration_ms      bigint NOT NULL,
    PRIMARY KEY (notification_id, attempt_no)
);
