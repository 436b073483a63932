// 许可证同步 in the browser (issue 17: long actions show progress): the province administrator (sx-admin, TOTP)
// starts a full sync from the screen and watches it run — polled every 2 s — to SUCCEEDED. The expected counts come
// from the mock's size (MOCK_SIZE, what run.sh started the national platform mock with): a full sync lists every
// permit of the mock once, so fetched = expectedRecords = MOCK_SIZE, and every fetched permit is stored new, stored
// updated, skipped unchanged or skipped failed: created + updated + unchanged + failed = MOCK_SIZE.
import { join } from 'node:path';
import { accessible, demoUser, expect, gateway, shots, signIn, step, watch } from '../lib.mjs';

const MOCK_SIZE = Number(process.env.MOCK_SIZE ?? '300');
const number = async (page, test) => Number((await page.textContent(`[data-test=${test}]`)).trim());

export default async function sync(browser) {
  const who = demoUser('sx-admin');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const { problems } = watch(page);
  try {
    await step('the province administrator opens 许可证同步 from the menu', async () => {
      await signIn(page, who, `${gateway}/console/sync`, /\/console\/sync/);
      await page.waitForSelector('[data-test=sync-runs]');
      // run.sh's own first sync finished before the specs; wait for any other run to end, so the button starts one
      await page.waitForFunction(() => document.querySelector('[data-test=sync-status]')?.getAttribute('data-status') !== 'RUNNING', null, { timeout: 300_000 });
    });

    let runId;
    await step(`a full sync started on the screen runs to SUCCEEDED with the mock's ${MOCK_SIZE} permits counted`, async () => {
      // Listening from before the click: the screen reads the run right after starting it, and a local run of 300
      // permits may end before the list shows it (CI once attached the listener too late and counted 0 reads).
      const reads = [];
      page.on('request', (r) => {
        if (r.method() === 'GET' && /\/api\/v1\/sync\/runs\/[^/?]+$/.test(new URL(r.url()).pathname)) reads.push(r.url());
      });
      const started = page.waitForResponse((r) => r.url().endsWith('/api/v1/sync/runs') && r.request().method() === 'POST');
      await page.click('[data-test=sync-full]');
      const response = await started;
      expect(response.status() === 202, `the run was accepted: ${response.status()}`);
      runId = (await response.json()).id;
      await page.waitForSelector(`[data-test=sync-run][data-run="${runId}"]`);
      await page.waitForSelector('[data-test=sync-status][data-status=SUCCEEDED]', { timeout: 300_000 });
      const fetched = await number(page, 'sync-fetched');
      const expected = await number(page, 'sync-expected');
      const stored = (await number(page, 'sync-created')) + (await number(page, 'sync-updated'));
      const skipped = (await number(page, 'sync-unchanged')) + (await number(page, 'sync-failed'));
      expect(expected === MOCK_SIZE, `the platform's total is the mock's ${MOCK_SIZE}: ${expected}`);
      expect(fetched === MOCK_SIZE, `every permit of the mock was read once (${MOCK_SIZE}): ${fetched}`);
      expect(stored + skipped === MOCK_SIZE, `stored ${stored} + skipped ${skipped} = ${MOCK_SIZE}`);
      expect((await page.getAttribute('[data-test=sync-progress]', 'aria-valuenow')) === '100', 'the bar is full');
      // the screen read the run while it ran (at least the answer that saw SUCCEEDED)
      const polls = reads.filter((url) => url.includes(`/api/v1/sync/runs/${runId}`));
      expect(polls.length >= 1, `the run was read while it ran: ${polls.length} reads`);
      await accessible(page, '许可证同步');
      await page.screenshot({ path: join(shots, 'console-sync.png') });
    });

    await step('no script error or CSP violation', async () => {
      expect(problems.length === 0, problems.join(' | '));
    });
  } finally {
    await context.close();
  }
}
