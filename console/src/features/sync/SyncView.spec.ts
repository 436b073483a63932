// The sync screen against a run that progresses between reads: it starts a run, reads it every 2 s while RUNNING,
// shows the counts and the bar, stops reading once SUCCEEDED; a PAUSED run shows why, its automatic retry and when.
import { flushPromises, mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const run = (over: Record<string, unknown>) => ({
  id: 'r1',
  mode: 'FULL',
  trigger: 'API',
  startedAt: '2026-12-05T10:00:00Z',
  pages: 0,
  fetched: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  pauseCount: 0,
  ...over,
});
// three reads: 100 of 300 fetched, 200 of 300, then done (290 unchanged + 10 created... of 300)
const reads = [
  run({ status: 'RUNNING', pages: 1, fetched: 100, unchanged: 100, expectedRecords: 300 }),
  run({ status: 'RUNNING', pages: 2, fetched: 200, unchanged: 199, failed: 1, expectedRecords: 300 }),
  run({ status: 'SUCCEEDED', pages: 3, fetched: 300, created: 10, unchanged: 289, failed: 1, expectedRecords: 300 }),
];
let answers: Record<string, unknown>[] = [];
const get = vi.fn(async (path: string) => {
  if (path === '/api/v1/sync/runs') return { data: { items: [], total: 0 } };
  if (path.endsWith('/failures')) return { data: { items: [{ permitNo: 'P1', stage: 'MAPPING', reason: '缺少行政区划' }], total: 1 } };
  return { data: answers.shift() };
});
const post = vi.fn(async () => ({ data: run({ status: 'RUNNING', expectedRecords: null }) }));

vi.mock('../../api/client', async () => {
  const problem = await import('../../api/problem');
  return { problemText: problem.problemText, directoryApi: { GET: get, POST: post } };
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const text = (w: ReturnType<typeof mount>, test: string) => w.find(`[data-test=${test}]`).text();
/** el-descriptions renders its items in its own render, a tick after the view's. */
async function settle() {
  await flushPromises();
  await nextTick();
  await flushPromises();
}

describe('the sync screen', () => {
  it('starts a full sync and follows it every 2 s until SUCCEEDED, then stops reading', async () => {
    answers = [...reads];
    const { default: SyncView } = await import('./SyncView.vue');
    const wrapper = mount(SyncView);
    await settle();
    await wrapper.find('[data-test=sync-full]').trigger('click');
    await settle();
    expect(post).toHaveBeenCalledWith('/api/v1/sync/runs', { body: { mode: 'FULL' } });
    expect(wrapper.find('[data-test=sync-status]').attributes('data-status')).toBe('RUNNING');
    expect(text(wrapper, 'sync-fetched')).toBe('100');
    // 100 of 300 = 33 %
    expect(wrapper.find('[data-test=sync-progress]').attributes('aria-valuenow')).toBe('33');

    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(text(wrapper, 'sync-fetched')).toBe('200');
    expect(text(wrapper, 'sync-failed')).toBe('1');
    expect(text(wrapper, 'sync-failures')).toContain('缺少行政区划');

    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(wrapper.find('[data-test=sync-status]').attributes('data-status')).toBe('SUCCEEDED');
    // 10 created + 0 updated + 289 unchanged + 1 failed = 300 = fetched
    expect(text(wrapper, 'sync-created')).toBe('10');
    expect(text(wrapper, 'sync-unchanged')).toBe('289');
    expect(wrapper.find('[data-test=sync-progress]').attributes('aria-valuenow')).toBe('100');

    const readsOfTheRun = () => get.mock.calls.filter(([p]) => p === '/api/v1/sync/runs/{id}').length;
    const before = readsOfTheRun();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(readsOfTheRun()).toBe(before);
    wrapper.unmount();
  });

  it('shows why a run paused', async () => {
    answers = [run({ status: 'PAUSED', fetched: 120, expectedRecords: 300, pauseCount: 1, lastError: 'platform unavailable: 503' })];
    get.mockImplementationOnce(async () => ({ data: { items: [run({ status: 'PAUSED' })], total: 1 } }));
    const { default: SyncView } = await import('./SyncView.vue');
    const wrapper = mount(SyncView);
    await settle();
    await settle();
    expect(text(wrapper, 'sync-paused')).toContain('platform unavailable: 503');
    // 120 of 300 = 40 %
    expect(wrapper.find('[data-test=sync-progress]').attributes('aria-valuenow')).toBe('40');
    wrapper.unmount();
  });
  it('shows why a run paused, its attempt and next retry, and sees it resume by itself', async () => {
    vi.setSystemTime(new Date('2026-12-05T10:27:00Z'));
    const pause = {
      reason: 'PLATFORM_UNAVAILABLE',
      lastFault: 'platform unavailable: national platform unavailable: HTTP 503',
      pausedAt: '2026-12-05T10:26:00Z',
      attemptsMade: 1,
      attempt: 2,
      maxAttempts: 8,
      nextRetryAt: '2026-12-05T10:31:07Z',
    };
    answers = [
      run({ status: 'PAUSED', fetched: 100, expectedRecords: 300, pauseCount: 2, lastError: pause.lastFault, pause }),
      run({ status: 'PAUSED', fetched: 100, expectedRecords: 300, pauseCount: 2, lastError: pause.lastFault, pause }),
      run({ status: 'RUNNING', fetched: 200, expectedRecords: 300, pauseCount: 2 }),
    ];
    get.mockImplementationOnce(async () => ({ data: { items: [run({ status: 'PAUSED' })], total: 1 } }));
    const { default: SyncView } = await import('./SyncView.vue');
    const wrapper = mount(SyncView);
    await settle();
    await settle();
    // 10:31:07 UTC = 18:31:07 Beijing time; 4 min 7 s from 10:27:00 → "about 5 min" (rounded up)
    expect(text(wrapper, 'sync-paused')).toContain('2026/12/05 18:31:07');
    expect(text(wrapper, 'sync-paused')).toContain('HTTP 503');
    expect(wrapper.find('[data-test=sync-pause-reason]').attributes('data-reason')).toBe('PLATFORM_UNAVAILABLE');
    expect(text(wrapper, 'sync-pause-attempt')).toBe('第 2 次（共 8 次）');
    expect(text(wrapper, 'sync-next-retry')).toBe('2026/12/05 18:31:07（约 5 分钟后）');

    const readsOfTheRun = () => get.mock.calls.filter(([p]) => p === '/api/v1/sync/runs/{id}').length;
    const before = readsOfTheRun();
    // a waiting run is read every 10 s, not every 2 s
    await vi.advanceTimersByTimeAsync(2000);
    expect(readsOfTheRun()).toBe(before);
    await vi.advanceTimersByTimeAsync(8000);
    await settle();
    expect(readsOfTheRun()).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    // it resumed by itself: RUNNING again, the pause details are gone
    expect(wrapper.find('[data-test=sync-status]').attributes('data-status')).toBe('RUNNING');
    expect(wrapper.find('[data-test=sync-next-retry]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says when the automatic retries are used up and stops reading', async () => {
    const pause = {
      reason: 'RETRIES_EXHAUSTED',
      lastFault: "platform unavailable: circuit breaker 'nationalPlatform' is open",
      pausedAt: '2026-12-05T12:00:00Z',
      attemptsMade: 8,
      attempt: null,
      maxAttempts: 8,
      nextRetryAt: null,
    };
    answers = [run({ status: 'PAUSED', fetched: 100, expectedRecords: 300, pauseCount: 9, pause })];
    get.mockImplementationOnce(async () => ({ data: { items: [run({ status: 'PAUSED' })], total: 1 } }));
    const { default: SyncView } = await import('./SyncView.vue');
    const wrapper = mount(SyncView);
    await settle();
    await settle();
    expect(text(wrapper, 'sync-paused')).toContain('已自动重试 8 次仍未恢复');
    expect(text(wrapper, 'sync-pause-attempt')).toBe('8 次已用完（共 8 次）');
    expect(text(wrapper, 'sync-next-retry')).toBe('不再自动重试，需手动继续');
    const readsOfTheRun = () => get.mock.calls.filter(([p]) => p === '/api/v1/sync/runs/{id}').length;
    const before = readsOfTheRun();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(readsOfTheRun()).toBe(before);
    wrapper.unmount();
  });
});
