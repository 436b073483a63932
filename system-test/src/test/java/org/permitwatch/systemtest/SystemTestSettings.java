package org.permitwatch.systemtest;

/** Sizes of the run, overridable with -D system properties (defaults fit the 8-minute budget on 2 cores). */
final class SystemTestSettings {

    /** Permits in the national-platform mock ({@code MOCK_SIZE} of run.sh). */
    static final int MOCK_SIZE = Integer.getInteger("systemtest.mockSize", 2000);
    /** Concurrent mobile submissions in the load run. */
    static final int LOAD_SUBMISSIONS = Integer.getInteger("systemtest.loadSubmissions", 200);
    /**
     * Submissions of a burst before the measured one (bench/submission-benchmark.sh --warmup): 0 in CI, where the
     * measured burst is the platform's first, cold.
     */
    static final int LOAD_WARMUP = Integer.getInteger("systemtest.loadWarmup", 0);
    /**
     * Measured bursts after the warm-up (bench/submission-benchmark.sh --bursts): 1 in CI. More give the spread of one
     * warm platform's bursts from one start, each reported on its own.
     */
    static final int LOAD_BURSTS = Integer.getInteger("systemtest.loadBursts", 1);
    /** Inspection submissions in each drill burst. */
    static final int DRILL_BURST = Integer.getInteger("systemtest.drillBurst", 30);

    private SystemTestSettings() {}
}
