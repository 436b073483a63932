-- Issue 12 item 3: the correction order (责令改正违法行为决定书) records the day it was served on the unit (送达日).
-- 《环境保护主管部门实施按日连续处罚办法》第十七条 counts a daily continuous fine from the day after service, so the
-- service day, not the day the order was typed into the platform, is what the law counts from. It may lie before
-- ordered_on (an order served on site and entered later), never after it.
ALTER TABLE rectification ADD COLUMN served_on date;
-- Orders written before this migration were served, as far as the platform knows, on the day they were entered:
-- ordered_on is that day in the bureau's zone (RectificationService wrote LocalDate.now(zone)).
UPDATE rectification SET served_on = ordered_on;
ALTER TABLE rectification ALTER COLUMN served_on SET NOT NULL;
-- The deadline now runs from the service day, which may lie before the day of entry: a back-dated order's deadline
-- may precede ordered_on. The old CHECK (deadline >= ordered_on) becomes deadline >= served_on.
ALTER TABLE rectification DROP CONSTRAINT rectification_check;
ALTER TABLE rectification ADD CONSTRAINT rectification_served_before_deadline CHECK (deadline >= served_on);
ALTER TABLE rectification ADD CONSTRAINT rectification_served_not_after_entry CHECK (served_on <= ordered_on);
