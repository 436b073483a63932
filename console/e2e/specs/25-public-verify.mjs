// The citizen's verification of a published draw (issue 17, ADR 0027). Preconditions through the API (a plan and a
// draw are 20-campaign's subject): Datong (140200) makes a plan, draws a month that lies two months back (so its
// publication date has passed) and publishes the result. Then a visitor WITHOUT any session — a new browser context —
// opens /console/public/draws, finds the draw, and follows commitment → reveal → hash(seed) = commitment → population
// fingerprint → re-run = the announced list, all in the browser; no request carries a token and no sign-in page
// appears. Last, a visitor whose inputs were tampered with on the way (one unit dropped from the population, as a
// dishonest server could do) is told that the check fails.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessible, expect, gateway, shots, step, watch } from '../lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CITY = '140200';
const INDUSTRIES = ['PAPER', 'STEEL', 'THERMAL_POWER', 'COKING', 'CEMENT', 'SEWAGE_TREATMENT', 'WATER_REUSE'];

/** A token from the platform's local CLI client (./run.sh token), for preconditions only. */
const token = (...args) => execFileSync(join(root, 'run.sh'), ['token', ...args], { cwd: root, encoding: 'utf8' }).trim();

async function api(bearer, method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(`${gateway}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw Object.assign(new Error(`${method} ${path} → ${response.status}: ${text}`), { status: response.status });
  return text ? JSON.parse(text) : null;
}

/** Beijing's month `back` months before this one, yyyy-MM (the service's zone). */
function beijingMonth(back) {
  const now = new Date(Date.now() + 8 * 3600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}

export default async function publicVerify(browser) {
  const city = token('CITY', CITY);
  const pre = {};
  const contexts = [];
  try {
    await step('preconditions (API): Datong plans, draws a month two months back and publishes the result', async () => {
      // Two officers of Datong's own (registered once per platform): a draw sends two to every unit.
      const mine = (await api(city, 'GET', '/api/v1/inspectors?size=200')).items.filter((i) => i.certificateNo?.startsWith('DT-E2E-VERIFY-'));
      for (let n = mine.length; n < 2; n++) {
        await api(city, 'POST', '/api/v1/inspectors', {
          certificateNo: `DT-E2E-VERIFY-${n + 1}`,
          name: `核验测试执法员${n + 1}`,
          divisionCode: CITY,
          specialties: ['AIR'],
          onPost: true,
        });
      }
      // The plan's industry: the one with the most valid units of Datong in the directory.
      const units = (await api(city, 'GET', `/api/v1/directory/units?division=${CITY}&status=VALID&size=200`)).items;
      const counts = new Map();
      for (const u of units) if (INDUSTRIES.includes(u.keyIndustry)) counts.set(u.keyIndustry, (counts.get(u.keyIndustry) ?? 0) + 1);
      const industry = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      expect(industry, `Datong has units of a plan industry: ${JSON.stringify([...counts])}`);
      pre.month = beijingMonth(2);
      const year = Number(pre.month.slice(0, 4));
      const plan = await api(city, 'POST', '/api/v1/plans', {
        year,
        title: `${year}年大同市双随机核验演示计划`,
        startMonth: 1,
        rows: [
          {
            rowNo: 1,
            keyIndustry: industry,
            category: 'DOUBLE_RANDOM',
            method: 'SAMPLING',
            doubleRandom: true,
            ratio: 0.5,
            frequencyPeriod: 'MONTH',
            frequencyTimes: 1,
            contentDaily: '排污许可证载明事项落实情况',
            contentSpecial: '无组织排放专项检查',
            operatingMethod: '两名执法人员现场核查台账与在线监测数据',
            cooperatingAgencies: ['排污许可核发部门'],
          },
        ],
      });
      await api(city, 'POST', `/api/v1/plans/${plan.id}/publish`, {});
      const draw = await api(city, 'POST', '/api/v1/draws', { planId: plan.id, rowNo: 1, month: pre.month });
      expect(draw.status === 'COMPLETED' && draw.units.length > 0, `the draw took units: ${draw.status} ${draw.units?.length}`);
      pre.draw = draw;
      // before publication the public inputs are a 404, like a draw that does not exist
      const before = await api(null, 'GET', `/api/v1/public/draws/${draw.id}/inputs`).catch((e) => e);
      expect(before.status === 404, `an unpublished draw's inputs are not public: ${before.status ?? 'answered'}`);
      // its publication date (end of the month + 28 days) has passed: publishable although its tasks are open
      await api(city, 'POST', `/api/v1/draws/${draw.id}/publish`, {});
      // reporting-service learns of it through Kafka
      const deadline = Date.now() + 90_000;
      for (;;) {
        const listed = await api(null, 'GET', `/api/v1/public/draws?city=${CITY}&month=${pre.month}&size=200`);
        pre.announced = listed.items.find((d) => d.drawId === draw.id);
        if (pre.announced) break;
        expect(Date.now() < deadline, 'the disclosure lists the published draw within 90 s');
        await new Promise((r) => setTimeout(r, 1_000));
      }
      // the rest of the draw API still needs a token
      const confidential = await api(null, 'GET', `/api/v1/draws/${draw.id}`).catch((e) => e);
      expect(confidential.status === 401, `the confidential draw API without a token: ${confidential.status}`);
    });

    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    contexts.push(visitor);
    const page = await visitor.newPage();
    const { problems, apiCalls } = watch(page);

    await step('a visitor without any session opens the published draws: no sign-in, no token', async () => {
      await page.goto(`${gateway}/console/public/draws?city=${CITY}&month=${pre.month}`);
      await page.waitForSelector(`[data-test=public-verify-${pre.draw.id}]`);
      expect(page.url().includes('/console/public/draws'), `still on the public page: ${page.url()}`);
      expect(!page.url().includes('/auth/'), 'never sent to the sign-in page');
      await accessible(page, '抽取结果公开核验（列表）');
      await page.screenshot({ path: join(shots, 'console-public-draws.png') });
    });

    await step('the visitor follows commitment → reveal → hash check → population → re-run = identical', async () => {
      await page.click(`[data-test=public-verify-${pre.draw.id}]`);
      await page.waitForURL(new RegExp(`/console/public/draws/${pre.draw.id}`));
      await page.waitForSelector('[data-test=public-seed-hash]');
      expect((await page.textContent('[data-test=public-seed-hash]')).trim() === pre.draw.seedHash, 'the commitment shown is the draw’s seedHash');
      expect((await page.textContent('[data-test=public-seed]')).trim() === pre.draw.seed, 'the revealed seed is the draw’s');
      const population = Number((await page.textContent('[data-test=public-population]')).trim());
      expect(population === pre.draw.eligibleCount, `the population read page by page is the draw's ${pre.draw.eligibleCount}: ${population}`);
      await page.click('[data-test=public-rerun]');
      await page.waitForSelector('[data-test=public-result]');
      const identical = await page.getAttribute('[data-test=public-result]', 'data-identical');
      expect(identical === 'true', `the re-run is identical: ${await page.textContent('[data-test=public-result]')}`);
      expect((await page.textContent('[data-test=public-seed-ok]')).includes('✔'), 'hash(seed) = commitment');
      expect((await page.textContent('[data-test=public-population-ok]')).includes('✔'), 'the population matches its fingerprint');
      const rows = await page.$$('[data-test=public-compare] .el-table__body tr');
      expect(rows.length === pre.draw.units.length, `one row per drawn unit (${pre.draw.units.length}): ${rows.length}`);
      expect((await page.textContent('[data-test=officers-note]')).includes('个人信息'), 'the page says why officers are not checked');
      const tokens = apiCalls.filter((c) => c.authorization !== '');
      expect(tokens.length === 0, `no request carried a token: ${tokens.map((c) => c.url).join(', ')}`);
      expect(apiCalls.some((c) => c.url.includes(`/api/v1/public/draws/${pre.draw.id}/inputs`)), 'the inputs came from the public API');
      await accessible(page, '抽取结果公开核验（核验）');
      await page.screenshot({ path: join(shots, 'console-public-verify.png'), fullPage: true });
    });

    const tampered = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    contexts.push(tampered);
    const other = await tampered.newPage();
    const watched = watch(other);

    await step('inputs tampered with on the way (one unit dropped from the population) fail the check', async () => {
      await other.route('**/api/v1/public/draws/*/inputs*', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.eligible = body.eligible.slice(1);
        body.total = body.total - 1;
        await route.fulfill({ response, json: body });
      });
      await other.goto(`${gateway}/console/public/draws/${pre.draw.id}?city=${CITY}&month=${pre.month}`);
      await other.click('[data-test=public-rerun]');
      await other.waitForSelector('[data-test=public-result]');
      expect((await other.getAttribute('[data-test=public-result]', 'data-identical')) === 'false', 'the check fails');
      expect((await other.textContent('[data-test=public-population-ok]')).includes('✘'), 'the population no longer matches its fingerprint');
      expect(watched.problems.length === 0, `no script error or CSP violation on the tampered page: ${watched.problems.join(' | ')}`);
    });

    await step('no script error or CSP violation', async () => {
      expect(problems.length === 0, problems.join(' | '));
    });
  } finally {
    for (const c of contexts) await c.close();
  }
}
