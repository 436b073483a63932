// A city administrator signs in through the provider's real pages (password + TOTP), sees 工作台 with its chart drawn
// from the directory stats, opens 名录库, filters it on the server, opens a unit; screenshots for the README.
import { join } from 'node:path';
import { accessible, demoUser, expect, gateway, shots, signIn, step, watch } from '../lib.mjs';

export default async function directory(browser) {
  const who = demoUser('ty-admin');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const { problems, apiCalls } = watch(page);
  try {
    let progress;
    await step('the console sends an unsigned visitor to the provider, who signs ty-admin in (password + TOTP)', async () => {
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/reports/progress'), { timeout: 90_000 });
      await signIn(page, who, `${gateway}/console/`, /\/console\/dashboard/);
      const response = await answered;
      expect(response.status() === 200, `the month-by-month progress answered ${response.status()}`);
      progress = await response.json();
      const caller = await page.textContent('[data-test=caller]');
      expect(caller.includes('140100'), `the header names the caller's division 140100: ${caller}`);
    });

    await step('工作台 draws the directory stats of Taiyuan in an ECharts figure', async () => {
      await page.waitForSelector('[data-test=industry-chart] canvas');
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-test=total-units] .el-statistic__number');
        return el && Number(el.textContent.replace(/[^0-9]/g, '')) > 0;
      });
      const canvas = await page.$eval('[data-test=industry-chart] canvas', (c) => ({ w: c.width, h: c.height }));
      expect(canvas.w > 300 && canvas.h > 200, `the chart has a size: ${JSON.stringify(canvas)}`);
      const stats = apiCalls.find((c) => c.url.includes('/api/v1/directory/stats'));
      expect(stats && stats.authorization.startsWith('Bearer '), 'the stats came through the gateway with the bearer token');
      expect(stats.url.includes('division=140100'), `asked for the caller's division: ${stats.url}`);
      // every source of the 工作台 answered (a failing one shows its problem above the figures)
      await page.waitForSelector('[data-test=progress-chart] canvas');
      expect((await page.$$('[data-test=problem]')).length === 0, `no source failed: ${await page.textContent('.page')}`);
      expect(progress.months.length === 12 && progress.divisionCode === '140100', 'twelve months of Taiyuan');
      const inspections = await page.textContent('[data-test=inspections] .el-statistic__number');
      expect(Number(inspections.replace(/[^0-9]/g, '')) === progress.total.inspections, `本年检查 shows the year's ${progress.total.inspections}: ${inspections}`);
      expect((await page.getAttribute('[data-test=alerts]', 'href')).includes('/console/alerts?status=OPEN'), '待审核预警 opens the open alerts');
      await page.waitForTimeout(800); // the bars' entry animation
      await accessible(page, '工作台');
      await page.screenshot({ path: join(shots, 'console-dashboard.png') });
    });

    await step('名录库 lists the units of the caller, paged by the server', async () => {
      await page.click('[data-menu=directory]');
      await page.waitForURL(/\/console\/directory/);
      await page.waitForSelector('[data-test=units] .el-table__row');
      const total = await page.textContent('.el-pagination__total');
      expect(/\d+/.test(total) && Number(total.replace(/[^0-9]/g, '')) > 0, `a total is shown: ${total}`);
      await accessible(page, '名录库');
      await page.screenshot({ path: join(shots, 'console-directory.png') });
    });

    await step('a filter (管理类别 = 重点管理) is applied by the server and shown in every row', async () => {
      await page.click('[data-test=filter-category]');
      await page.click('.el-select-dropdown__item:visible >> text=重点管理');
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/directory/units?') && r.url().includes('category=KEY'));
      await page.click('[data-test=search]');
      const response = await answered;
      expect(response.status() === 200, `the filtered list answered ${response.status()}`);
      const body = await response.json();
      await page.waitForURL(/category=KEY/);
      await page.waitForSelector('[data-test=units] .el-table__row');
      const categories = await page.$$eval('[data-test=units] .el-table__body tr td:nth-child(4)', (cells) => cells.map((c) => c.textContent.trim()));
      expect(categories.length === Math.min(body.items.length, 20), `one row per item: ${categories.length} vs ${body.items.length}`);
      expect(categories.every((c) => c === '重点管理'), `every row is 重点管理: ${categories.join(',')}`);
      expect(body.items.every((u) => u.cityCode === '140100'), 'only Taiyuan units');
      await page.screenshot({ path: join(shots, 'console-directory-filtered.png') });
    });

    await step('a column header sorts on the server: 有效期至 descending, then ascending, in the server\'s order', async () => {
      // the header cycles ascending → descending → none; each click asks the server (sort=validTo,asc|desc)
      const header = page.locator('[data-test=units] th', { hasText: '有效期' });
      const ascending = page.waitForResponse((r) => r.url().includes('/api/v1/directory/units?') && r.url().includes('sort=validTo%2Casc'));
      await header.click();
      const asc = await (await ascending).json();
      await page.waitForURL(/sort=validTo%2Casc|sort=validTo,asc/);
      const descending = page.waitForResponse((r) => r.url().includes('/api/v1/directory/units?') && r.url().includes('sort=validTo%2Cdesc'));
      await header.click();
      const desc = await (await descending).json();
      await page.waitForSelector('[data-test=units] .el-table__row');
      // the server's order: dates never increase down the page (units without a date first when descending)
      const dates = desc.items.map((u) => u.validTo ?? '9999-99-99');
      expect(dates.every((d, i) => i === 0 || dates[i - 1] >= d), `descending by 有效期至: ${dates.join(',')}`);
      const ascDates = asc.items.filter((u) => u.validTo).map((u) => u.validTo);
      expect(ascDates.every((d, i) => i === 0 || ascDates[i - 1] <= d), `ascending by 有效期至: ${ascDates.join(',')}`);
      expect(asc.total === desc.total && asc.total > 0, 'the same units, only ordered');
      // the table shows the server's page as it came
      await page.waitForFunction(
        (first) => document.querySelector('[data-test=units] .el-table__body tr:first-child td:nth-child(2)')?.textContent.trim() === first,
        desc.items[0].permitNo,
      );
      const shown = await page.$$eval('[data-test=units] .el-table__body tr td:nth-child(2)', (cells) => cells.map((c) => c.textContent.trim()));
      expect(shown.join() === desc.items.map((u) => u.permitNo).join(), `the rows are the server's order: ${shown.join(',')}`);
    });

    await step("a unit's page shows its permit", async () => {
      const first = (await page.textContent('[data-test=units] .el-table__body tr:first-child td:nth-child(2)')).trim();
      await page.click('[data-test=units] .el-table__body tr:first-child [data-test=open-unit]');
      await page.waitForURL(new RegExp(`/console/directory/${first}`));
      await page.waitForSelector('[data-test=unit-basics]');
      const basics = await page.textContent('[data-test=unit-basics]');
      expect(basics.includes(first), `the unit's page shows its permit number ${first}`);
      // its enforcement history from reporting-service: twelve quarters, each with its status in words
      await page.waitForSelector('[data-test=quarter-strip] li');
      const quarters = await page.$$eval('[data-test=quarter-strip] li .status', (cells) => cells.map((c) => c.textContent.trim()));
      expect(quarters.length === 12 && quarters.every((q) => q.length > 0), `a 12-quarter strip: ${quarters.join(',')}`);
      await accessible(page, '单位');
      await page.screenshot({ path: join(shots, 'console-unit.png'), fullPage: true });
    });

    await step('the first screen of a returning officer (a new tab: silent sign-in, then 工作台) is measured', async () => {
      // Issue 17's budget is < 2 s on the local platform; the figure is printed for docs/benchmarks.md rather than
      // asserted, as a timing on a shared 2-core CI machine is not a reliable check.
      const fresh = await context.newPage();
      const started = Date.now();
      await fresh.goto(`${gateway}/console/dashboard`);
      await fresh.waitForFunction(() => {
        const el = document.querySelector('[data-test=total-units] .el-statistic__number');
        return el && Number(el.textContent.replace(/[^0-9]/g, '')) > 0;
      });
      const interactive = Date.now() - started;
      const nav = await fresh.evaluate(() => {
        const [n] = performance.getEntriesByType('navigation');
        return { domContentLoaded: Math.round(n.domContentLoadedEventEnd), transfer: n.transferSize };
      });
      console.log(`[console-e2e] first screen: 工作台 figures shown ${interactive} ms after the address was opened (incl. the silent sign-in; the last document's DOMContentLoaded at ${nav.domContentLoaded} ms)`);
      await fresh.close();
    });

    await step('a deep link opens the same page after a fresh sign-in, and nothing was blocked by the CSP', async () => {
      const url = page.url();
      const fresh = await context.newPage();
      await fresh.goto(url); // tokens live in memory: a new tab signs in again, silently (the provider's session)
      await fresh.waitForURL(url, { waitUntil: 'domcontentloaded' });
      await fresh.waitForSelector('[data-test=unit-basics]');
      await fresh.close();
      expect(problems.length === 0, `no script error or CSP violation: ${problems.join(' | ')}`);
    });
  } finally {
    await context.close();
  }
}
