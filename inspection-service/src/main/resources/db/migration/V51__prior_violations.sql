-- Issue 12 item 4: a unit's violations decided before the platform was rolled out, or by another bureau (历史违法记录).
-- They count as history for 首违不罚 (初次) and for the discretion factor HISTORY, like the unit's cases.
CREATE TABLE prior_violation (
    id                uuid PRIMARY KEY,
    permit_number     text NOT NULL,
    division_code     varchar(6) NOT NULL, -- the unit's division (from the directory): scope filters with LIKE
    decision_no       text NOT NULL,       -- 文号 of the decision, e.g. 晋并环罚〔2025〕12号
    decided_on        date NOT NULL,       -- date of the decision
    violated_on       date,                -- day the violation was found, when the document says; else decided_on counts
    article           text NOT NULL,       -- article and 项 of 《排污许可管理条例》 as written (e.g. 第三十七条第（一）项)
    violation_type    text,                -- optional: the 附件1 violation type, for the 初次 check by type
    authority         text,                -- the deciding bureau when not the recording one
    source_document   text NOT NULL,       -- where it is written down (archive number, file reference)
    amount_yuan       numeric(14, 2) CHECK (amount_yuan >= 0),
    recorded_by       text NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (violated_on IS NULL OR violated_on <= decided_on),
    UNIQUE (permit_number, decision_no)
);
CREATE INDEX prior_violation_history_idx ON prior_violation (permit_number, decided_on);
CREATE INDEX prior_violation_division_idx ON prior_violation (division_code text_pattern_ops);
