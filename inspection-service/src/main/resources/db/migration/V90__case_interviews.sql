-- 调查询问笔录 (issue 20, ADR 0042): an interview of a party or witness belongs to the CASE (立案后的调查), not to the
-- inspection record (the on-site 现场检查笔录 is that). 行政处罚法（2021）第四十二条: at least two officers; 第五十五条:
-- they show their 执法证 and the interview is recorded. The officers are copied from the inspector directory as they
-- were (name, 执法证号) so the record says who asked even after the directory changes.
CREATE TABLE case_interview (
    id                  uuid PRIMARY KEY,
    case_id             uuid NOT NULL REFERENCES enforcement_case (id),
    interviewee_name    text NOT NULL,
    interviewee_id_no   text NOT NULL,          -- personal data: masked in responses without pii:read
    interviewee_role    text NOT NULL,          -- role or relation to the unit (法定代表人, 环保负责人, 操作工 …)
    place               text NOT NULL,
    started_at          timestamptz NOT NULL,
    ended_at            timestamptz NOT NULL,
    officers            jsonb NOT NULL,         -- [{inspectorId, name, certificateNo}], two or more
    questions           jsonb NOT NULL,         -- [{question, answer}], one or more, in the order asked
    confirmation        text NOT NULL,          -- the interviewee's own words confirming the record
    recorded_by         text NOT NULL,
    recorded_at         timestamptz NOT NULL,
    CHECK (ended_at > started_at),
    CHECK (jsonb_array_length(officers) >= 2),
    CHECK (jsonb_array_length(questions) >= 1)
);
CREATE INDEX case_interview_case_idx ON case_interview (case_id, started_at);

-- A recorded interview is evidence: never changed or deleted (a correction is a new interview).
CREATE FUNCTION case_interview_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a recorded interview is immutable (case_interview %)', OLD.id;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER case_interview_no_change BEFORE UPDATE OR DELETE ON case_interview
    FOR EACH ROW EXECUTE FUNCTION case_interview_immutable();

-- The new document kind, printed from one interview (subject_id).
ALTER TABLE document_template DROP CONSTRAINT document_template_kind_check;
ALTER TABLE document_template ADD CONSTRAINT document_template_kind_check CHECK (kind IN ('INSPECTION_RECORD',
    'RECTIFICATION_ORDER', 'PRIOR_NOTICE', 'PENALTY_DECISION', 'NO_PENALTY_DECISION', 'DAILY_PENALTY_DECISION',
    'SERVICE_RECEIPT', 'INTERVIEW_RECORD'));

-- Version 1, after the 生态环境部 调查询问笔录 form as far as the platform holds the data. Numbered like the 现场检查笔录
-- (询笔, ADR 0042): the number is the register number that a 送达回证 and the case file cite.
INSERT INTO document_template (kind, version, title, number_word, blocks, created_by) VALUES
('INTERVIEW_RECORD', 1, '调查询问笔录', '询笔', $json$[
 {"style":"BUREAU","text":"{{bureauName}}"},
 {"style":"TITLE","text":"调查询问笔录"},
 {"style":"NUMBER","text":"{{documentNo}}"},
 {"style":"FIELD","label":"询问时间","text":"{{interviewStart}}至{{interviewEnd}}"},
 {"style":"FIELD","label":"询问地点","text":"{{interviewPlace}}"},
 {"style":"FIELD","label":"被询问人","text":"{{intervieweeName}}"},
 {"style":"FIELD","label":"身份证号码","text":"{{intervieweeIdNumber}}"},
 {"style":"FIELD","label":"工作单位","text":"{{unitName}}"},
 {"style":"FIELD","label":"职务或与单位关系","text":"{{intervieweeRole}}"},
 {"style":"FIELD","label":"询问人","text":"{{interviewers}}"},
 {"style":"FIELD","label":"案由","text":"{{caseNo}}"},
 {"style":"TEXT","text":"我们是{{bureauName}}的执法人员，已向你出示执法证件。现依法就{{unitName}}涉嫌环境违法一案向你进行调查询问。你有陈述、申辩和申请回避的权利，同时有如实回答询问、协助调查的义务。"},
 {"style":"TEXT","text":"{{questionsAndAnswers}}"},
 {"style":"TEXT","text":"被询问人意见：{{confirmation}}"},
 {"style":"SIGNATURE","text":"被询问人（签名）：\n询问人（签名）：\n记录人（签名）：\n{{interviewOn}}"}
]$json$, 'V90');
