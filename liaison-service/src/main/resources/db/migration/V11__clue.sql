-- Clue transfer (线索移交) and feedback (通报反馈) between departments. The sender's division sees its outgoing clues,
-- the receiver's division its incoming ones. status: CREATED → ACKNOWLEDGED → FEEDBACK_GIVEN → CLOSED.
CREATE TABLE clue (
    id               uuid PRIMARY KEY,
    from_division    varchar(6) NOT NULL,
    from_department  text NOT NULL
        CHECK (from_department IN ('MONITORING', 'PERMIT_ISSUING', 'ENFORCEMENT', 'DAMAGE_COMPENSATION')),
    to_division      varchar(6) NOT NULL,
    to_department    text NOT NULL
        CHECK (to_department IN ('MONITORING', 'PERMIT_ISSUING', 'ENFORCEMENT', 'DAMAGE_COMPENSATION')),
    permit_number    text NOT NULL,
    summary          text NOT NULL,
    evidence         jsonb NOT NULL DEFAULT '[]',
    requested_by     date,
    status           text NOT NULL DEFAULT 'CREATED'
        CHECK (status IN ('CREATED', 'ACKNOWLEDGED', 'FEEDBACK_GIVEN', 'CLOSED')),
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    feedback_result  text,
    feedback_text    text,
    feedback_by      text,
    feedback_at      timestamptz,
    closed_by        text,
    closed_at        timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX clue_to_idx ON clue (to_division text_pattern_ops, created_at DESC);
CREATE INDEX clue_from_idx ON clue (from_division text_pattern_ops, created_at DESC);
