// What the sync screen shows of a run in progress. The service counts what it committed, page by page, and the
// platform's total of the run's listing (expectedRecords); everything else here is arithmetic on those.

/** The counters of a run as GET /api/v1/sync/runs/{id} answers them. */
export interface RunCounts {
  status?: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'PAUSED';
  fetched?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  failed?: number;
  expectedRecords?: number | null;
}

/**
 * Share of the listing done, 0–100; null while the platform's total is not known yet. A running run stays below 100
 * (records changed during the run can make fetched reach the total before the listing ends); a successful one is 100.
 */
export function percent(run: RunCounts): number | null {
  if (run.status === 'SUCCEEDED') return 100;
  const expected = run.expectedRecords ?? 0;
  if (expected <= 0) return null;
  const share = Math.floor(((run.fetched ?? 0) / expected) * 100);
  return run.status === 'RUNNING' ? Math.min(99, share) : Math.min(100, share);
}

/** Records of the listing that were not stored anew: unchanged (same version, no detail fetched) and failed. */
export function skipped(run: RunCounts): { unchanged: number; failed: number } {
  return { unchanged: run.unchanged ?? 0, failed: run.failed ?? 0 };
}

/**
 * An estimate of the time left from the speed this screen itself observed (not from the run's start time, which
 * would count a pause as work). Nothing is said before a few seconds of progress were seen: an estimate from one
 * page would be a guess.
 */
export class EtaEstimator {
  private first: { at: number; fetched: number } | null = null;
  private last: { at: number; fetched: number } | null = null;

  constructor(private readonly minimumMillis = 4000) {}

  /** A reading of a RUNNING run at time `at` (ms); any other status forgets what was seen. */
  observe(at: number, run: RunCounts): void {
    if (run.status !== 'RUNNING') {
      this.first = this.last = null;
      return;
    }
    const reading = { at, fetched: run.fetched ?? 0 };
    if (!this.first || reading.fetched < this.first.fetched) this.first = reading;
    this.last = reading;
  }

  /** Seconds left, rounded up; null when the speed or the total is not known. */
  secondsLeft(run: RunCounts): number | null {
    const expected = run.expectedRecords ?? 0;
    if (!this.first || !this.last || expected <= 0) return null;
    const millis = this.last.at - this.first.at;
    const done = this.last.fetched - this.first.fetched;
    if (millis < this.minimumMillis || done <= 0) return null;
    const left = Math.max(0, expected - this.last.fetched);
    return Math.ceil((left / done) * (millis / 1000));
  }
}
