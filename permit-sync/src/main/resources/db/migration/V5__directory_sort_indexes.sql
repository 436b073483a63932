-- Server-side sorting of the directory list (issue 17; docs/api/README.md "Sorting"): every sortable column gets a
-- (column, permit_no) btree — permit_no is the tie-breaker the API appends — so a sorted page of ~100,000 units is
-- an index walk that stops at OFFSET + LIMIT, in either direction, instead of a sort of the whole division.
-- permit_no itself is the primary key. The status and category indexes are replaced by their composite, which serves
-- the equality filters just as well.
CREATE INDEX directory_unit_sort_name ON directory_unit (unit_name, permit_no);
CREATE INDEX directory_unit_sort_county ON directory_unit (county_code, permit_no);
CREATE INDEX directory_unit_sort_valid_to ON directory_unit (valid_to, permit_no);
CREATE INDEX directory_unit_sort_category ON directory_unit (management_category, permit_no);
CREATE INDEX directory_unit_sort_status ON directory_unit (status, permit_no);
DROP INDEX directory_unit_category;
DROP INDEX directory_unit_status;
