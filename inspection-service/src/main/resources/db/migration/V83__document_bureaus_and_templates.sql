-- Enforcement documents (执法文书), issue 20, ADR 0035. What a bureau prints is data the province can change:
-- each bureau's name, 文号 prefix and review body per division, and the templates per kind with a version.

-- The issuing bureau of a division: its name on the documents, the prefix of its 文号 (并环 in 并环罚〔2026〕12号) and
-- the people's government that hears an application for administrative review (行政复议) of its decisions. A caller
-- issues as the bureau of its own division, else of its city, else of its province (the longest code that has a row).
-- The city prefixes below are placeholders a bureau confirms (only 并环 comes from the issue); they are data.
CREATE TABLE document_bureau (
    division_code  varchar(6) PRIMARY KEY,
    bureau_name    text NOT NULL,
    number_prefix  text NOT NULL,
    review_body    text NOT NULL
);
INSERT INTO document_bureau (division_code, bureau_name, number_prefix, review_body) VALUES
    ('140000', '山西省生态环境厅', '晋环', '山西省人民政府'),
    ('140100', '太原市生态环境局', '并环', '太原市人民政府'),
    ('140200', '大同市生态环境局', '同环', '大同市人民政府'),
    ('140300', '阳泉市生态环境局', '阳环', '阳泉市人民政府'),
    ('140400', '长治市生态环境局', '长环', '长治市人民政府'),
    ('140500', '晋城市生态环境局', '晋城环', '晋城市人民政府'),
    ('140600', '朔州市生态环境局', '朔环', '朔州市人民政府'),
    ('140700', '晋中市生态环境局', '晋中环', '晋中市人民政府'),
    ('140800', '运城市生态环境局', '运环', '运城市人民政府'),
    ('140900', '忻州市生态环境局', '忻环', '忻州市人民政府'),
    ('141000', '临汾市生态环境局', '临环', '临汾市人民政府'),
    ('141100', '吕梁市生态环境局', '吕环', '吕梁市人民政府');

-- A template version: the document's title, the word of its kind in the 文号 (罚 in 并环罚〔2026〕12号) and its blocks
-- (JSON: [{style, label?, text?, when?}], placeholders {{name}}; see DocumentTemplate). Versions are never changed:
-- a change is a new version, and a document records the version that produced it.
CREATE TABLE document_template (
    kind         text NOT NULL CHECK (kind IN ('INSPECTION_RECORD', 'RECTIFICATION_ORDER', 'PRIOR_NOTICE',
                                               'PENALTY_DECISION', 'NO_PENALTY_DECISION', 'DAILY_PENALTY_DECISION',
                                               'SERVICE_RECEIPT')),
    version      int NOT NULL CHECK (version >= 1),
    title        text NOT NULL,
    number_word  text NOT NULL,
    blocks       jsonb NOT NULL,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, version)
);
