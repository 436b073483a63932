-- The change feed (GET /api/v1/directory/changes) walks units in (changed_at, permit_no) order.
CREATE INDEX directory_unit_changes ON directory_unit (changed_at, permit_no);
