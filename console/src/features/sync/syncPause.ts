// What the sync screen says of a PAUSED run: the service plans the automatic resume (permit-sync, ADR 0036) and
// answers why and when in the run's `pause`; this only words and times it, and decides how often to read the run.

/** The pause of a run as GET /api/v1/sync/runs/{id} answers it (null unless PAUSED). */
export interface RunPause {
  reason?: 'PLATFORM_UNAVAILABLE' | 'RETRIES_EXHAUSTED';
  lastFault?: string | null;
  pausedAt?: string | null;
  attemptsMade?: number;
  attempt?: number | null;
  maxAttempts?: number;
  nextRetryAt?: string | null;
}

export interface PolledRun {
  status?: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'PAUSED';
  pause?: RunPause | null;
}

/** Read every 2 s while the run works: the counts move with every page. */
export const RUNNING_POLL_MILLIS = 2000;
/** Read every 10 s while a paused run waits for its automatic resume: nothing moves until then but the wait. */
export const PAUSED_POLL_MILLIS = 10_000;

/**
 * How long until the screen reads the run again; null = not again (it ended, or it waits for an operator: nothing
 * changes without someone pressing a button, and that button reads it again).
 */
export function pollMillis(run: PolledRun): number | null {
  if (run.status === 'RUNNING') return RUNNING_POLL_MILLIS;
  if (run.status === 'PAUSED' && run.pause?.nextRetryAt) return PAUSED_POLL_MILLIS;
  return null;
}

/** Whether the run resumes by itself (an automatic resume is planned). */
export function resumesByItself(pause: RunPause | null | undefined): boolean {
  return !!pause?.nextRetryAt && pause.reason !== 'RETRIES_EXHAUSTED';
}

const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant as the bureau reads it: Beijing time, 2026/12/05 18:31:07. */
export function beijingTime(iso: string | null | undefined): string {
  return iso ? beijing.format(new Date(iso)) : '';
}

/** Whole minutes from `now` (ms) until `iso`, rounded up; 0 once due. */
export function minutesUntil(iso: string, now: number): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 60_000));
}
