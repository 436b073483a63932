-- Annual inspection plans of a city (附件3 排污许可清单式执法检查计划): one row per industry, broken down by month.
CREATE TABLE inspection_plan (
    id            uuid PRIMARY KEY,
    city_code     varchar(6) NOT NULL,
    plan_year     int NOT NULL,
    title         text NOT NULL,
    status        text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    -- the capacity check as computed when the plan was saved (inputs, figures, warnings)
    capacity      jsonb NOT NULL,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    published_by  text
);
CREATE INDEX inspection_plan_city_idx ON inspection_plan (city_code text_pattern_ops, plan_year);

CREATE TABLE plan_row (
    id                    uuid PRIMARY KEY,
    plan_id               uuid NOT NULL REFERENCES inspection_plan (id),
    row_no                int NOT NULL,
    key_industry          text NOT NULL,
    category              text NOT NULL CHECK (category IN ('REMOTE_SUPERVISION', 'ON_SITE', 'DOUBLE_RANDOM')),
    method                text NOT NULL CHECK (method IN ('CENSUS', 'SAMPLING', 'SPECIAL')),
    double_random         boolean NOT NULL,
    ratio                 numeric(5, 4) NOT NULL CHECK (ratio > 0 AND ratio <= 1),
    frequency_period      text NOT NULL CHECK (frequency_period IN ('YEAR', 'QUARTER', 'MONTH')),
    frequency_times       int NOT NULL CHECK (frequency_times > 0),
    content_daily         text,
    content_special       text,
    operating_method      text,
    cooperating_agencies  text[] NOT NULL DEFAULT '{}',
    -- denominator = units holding a permit in the city for this industry, as counted when the plan was saved
    denominator           int NOT NULL,
    units_per_round       int NOT NULL,
    UNIQUE (plan_id, row_no)
);

-- Monthly breakdown (按月细化): rounds and units planned for each month of the plan year.
CREATE TABLE plan_row_month (
    row_id         uuid NOT NULL REFERENCES plan_row (id),
    month          int NOT NULL CHECK (month BETWEEN 1 AND 12),
    rounds         int NOT NULL,
    planned_units  int NOT NULL,
    PRIMARY KEY (row_id, month)
);
