import { describe, expect, it } from 'vitest';
import { EtaEstimator, percent, skipped } from './syncProgress';

describe('the progress of a sync run', () => {
  it('is fetched over the platform total: 150 of 300 listed records = 50 %', () => {
    expect(percent({ status: 'RUNNING', fetched: 150, expectedRecords: 300 })).toBe(50);
  });

  it('rounds down: 2 of 3 = 66.67 % shows 66', () => {
    expect(percent({ status: 'RUNNING', fetched: 2, expectedRecords: 3 })).toBe(66);
  });

  it('stays below 100 while running, even when records changed during the run push fetched past the total', () => {
    expect(percent({ status: 'RUNNING', fetched: 305, expectedRecords: 300 })).toBe(99);
  });

  it('is 100 once the run succeeded, whatever the counts', () => {
    expect(percent({ status: 'SUCCEEDED', fetched: 0, expectedRecords: 0 })).toBe(100);
  });

  it('is unknown before the first listing answered', () => {
    expect(percent({ status: 'RUNNING', fetched: 0, expectedRecords: null })).toBeNull();
  });

  it('keeps a paused run where it stopped: 120 of 300 = 40 %', () => {
    expect(percent({ status: 'PAUSED', fetched: 120, expectedRecords: 300 })).toBe(40);
  });

  it('counts skipped records as unchanged and failed separately', () => {
    expect(skipped({ unchanged: 280, failed: 3 })).toEqual({ unchanged: 280, failed: 3 });
  });
});

describe('the time left', () => {
  it('is the rest at the speed seen: 100 records in 5 s, 200 left → 10 s', () => {
    const eta = new EtaEstimator();
    eta.observe(0, { status: 'RUNNING', fetched: 0, expectedRecords: 300 });
    eta.observe(5000, { status: 'RUNNING', fetched: 100, expectedRecords: 300 });
    expect(eta.secondsLeft({ expectedRecords: 300 })).toBe(10);
  });

  it('says nothing before 4 s of progress were seen', () => {
    const eta = new EtaEstimator();
    eta.observe(0, { status: 'RUNNING', fetched: 0 });
    eta.observe(2000, { status: 'RUNNING', fetched: 100 });
    expect(eta.secondsLeft({ expectedRecords: 300 })).toBeNull();
  });

  it('says nothing while nothing moves (a stalled run has no honest estimate)', () => {
    const eta = new EtaEstimator();
    eta.observe(0, { status: 'RUNNING', fetched: 100 });
    eta.observe(10000, { status: 'RUNNING', fetched: 100 });
    expect(eta.secondsLeft({ expectedRecords: 300 })).toBeNull();
  });

  it('forgets what it saw when the run pauses, so time paused never counts as work', () => {
    const eta = new EtaEstimator();
    eta.observe(0, { status: 'RUNNING', fetched: 0 });
    eta.observe(5000, { status: 'PAUSED', fetched: 100 });
    eta.observe(60000, { status: 'RUNNING', fetched: 100 });
    eta.observe(65000, { status: 'RUNNING', fetched: 150 });
    // 50 records in 5 s since the resume, 150 left of 300 → 15 s
    expect(eta.secondsLeft({ expectedRecords: 300 })).toBe(15);
  });

  it('rounds up: 100 records in 4 s, 1 left → 0.04 s shows 1 s', () => {
    const eta = new EtaEstimator();
    eta.observe(0, { status: 'RUNNING', fetched: 0 });
    eta.observe(4000, { status: 'RUNNING', fetched: 100 });
    expect(eta.secondsLeft({ expectedRecords: 101 })).toBe(1);
  });
});
