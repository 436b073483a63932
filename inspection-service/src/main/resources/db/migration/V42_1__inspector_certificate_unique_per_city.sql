-- Issue 11 item 6: the enforcement certificate number (执法证号) was unique across the whole province, so a city
-- registering an inspector learned from a 409 that another city holds that number. Uniqueness now holds per city
-- (the first four digits of the division; the province's own inspectors, 1400xx, form their own group), which is the
-- scope a city bureau maintains and sees. Cross-city duplicates are visible to the province, which sees every row.
ALTER TABLE inspector DROP CONSTRAINT IF EXISTS inspector_certificate_no_key;
CREATE UNIQUE INDEX inspector_certificate_per_city ON inspector (substr(division_code, 1, 4), certificate_no);
