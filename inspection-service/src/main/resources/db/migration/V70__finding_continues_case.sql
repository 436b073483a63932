-- Issue 12.5: a finding that shows the violation of an open case continuing (a re-inspection after the rectification
-- order found the same violation type on the same unit) names that case. It is the same violation, not a new one:
-- 附件1 must not count it again. Null for a new violation, and for every finding recorded before this column existed.
ALTER TABLE finding ADD COLUMN continues_case_id uuid REFERENCES enforcement_case (id);
-- The look-up at submission: open rectifications of a unit's cases by violation type.
CREATE INDEX enforcement_case_unit_violation_idx ON enforcement_case (permit_number, violation_type);
