-- Self-healing sync (issue 21 part 2, ADR 0036).
--
-- Lease: the instance running a RUNNING run renews lease_expires_at every heartbeat; any instance may take a run over
-- once its lease expired (its owner died or hangs), with one conditional UPDATE, so two replicas never run it twice
-- and a starting pod never pauses a live run (which replaced "RUNNING at start-up = orphan"). Times are the
-- database's own (now()), the one clock all replicas share.
--
-- Auto-resume: a run the platform paused carries when it resumes by itself (next_retry_at, null = only by hand),
-- how many automatic resumes it has had since it last made progress (retry_attempts) and why it is paused.
ALTER TABLE sync_run
    ADD COLUMN lease_owner      varchar(128),
    ADD COLUMN lease_expires_at timestamptz,
    ADD COLUMN heartbeat_at     timestamptz,
    ADD COLUMN pause_reason     varchar(32) CHECK (pause_reason IN ('PLATFORM_UNAVAILABLE', 'RETRIES_EXHAUSTED')),
    ADD COLUMN paused_at        timestamptz,
    ADD COLUMN retry_attempts   integer NOT NULL DEFAULT 0,
    ADD COLUMN next_retry_at    timestamptz;

-- Runs paused before this version waited for a trigger: they resume at the first look of the new code.
UPDATE sync_run SET pause_reason = 'PLATFORM_UNAVAILABLE', paused_at = now(), next_retry_at = now()
WHERE status = 'PAUSED';
-- RUNNING rows from before have no lease (null = expired): the first instance that looks takes them over.
