-- The platform's own count of the records a run has to list (the `total` of its first list answer: every permit
-- for a FULL run, the permits changed since the watermark for an INCREMENTAL one). The console's progress bar and
-- ETA divide by it (issue 17: long actions show progress); null until the first page was listed. Set once, so a
-- resumed run keeps the whole run's total rather than what was left when it paused.
ALTER TABLE sync_run ADD COLUMN listed_total bigint;
