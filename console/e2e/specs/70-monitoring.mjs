// 自动监控 as Taiyuan's administrator (issue 18): the points the HJ 212 simulator registered, listed and filtered on the
// server; a unit with simulator points, whose live values change on screen without a reload (the simulator sends 2011
// every 30 s; the page polls every 30 s) and whose series chart draws 24 h and 30 days; the provincial platform's
// sheet of points, generated here as XLSX, checked (dry run) then imported and listed; coverage per county and per
// industry.
// axe on every screen; the README's screenshots docs/screenshots/monitoring-*.png.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { accessible, demoUser, expect, gateway, shots, signIn, step, watch } from '../lib.mjs';

export default async function monitoring(browser) {
  const who = demoUser('ty-admin');
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const { problems, apiCalls } = watch(page);
  const stamp = Date.now().toString(36).toUpperCase();
  let token;
  let point; // a simulator point with values
  let unit; // its unit, as the directory has it
  const api = async (path) => {
    const r = await fetch(`${gateway}${path}`, { headers: { Authorization: token } });
    expect(r.ok, `${path}: ${r.status}`);
    return r.json();
  };
  try {
    await step("ty-admin opens 自动监控: the simulator's points of Taiyuan, paged and filtered on the server", async () => {
      await signIn(page, who, `${gateway}/console/`, /\/console\/dashboard/);
      await page.click('[data-menu=monitoring]');
      await page.waitForURL(/\/console\/monitoring\/points/);
      await page.waitForSelector('[data-test=points] .el-table__row');
      token = apiCalls.find((c) => c.url.includes('/api/v1/monitoring/points') && c.authorization.startsWith('Bearer '))?.authorization;
      expect(token, 'the list was asked with the bearer token');
      // Precondition (the e2e platform runs SIMULATOR_POINTS=10): a point whose unit has sent values already.
      const points = await api('/api/v1/monitoring/points?size=50');
      expect(points.total >= 1, `the simulator registered points: ${points.total}`);
      for (const p of points.items) {
        const latest = await api(`/api/v1/monitoring/units/${encodeURIComponent(p.permitNo)}/latest`);
        if (latest.some((v) => v.mn === p.mn)) {
          point = p;
          break;
        }
      }
      expect(point, 'a simulator point has sent values');
      unit = await api(`/api/v1/directory/units/${encodeURIComponent(point.permitNo)}`);
      const shown = await page.$$eval('[data-test=points] .el-table__row', (rows) => rows.length);
      expect(shown === Math.min(points.total, 20), `one page of ${points.total} points shown: ${shown}`);
      const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/monitoring/points?') && r.url().includes('outletOnPermit=false'));
      await page.click('[data-test=filter-onPermit]');
      await page.click('.el-select-dropdown__item:has-text("许可证无此排放口")');
      await page.click('[data-test=search]');
      const answer = await (await filtered).json();
      expect(answer.items.every((p) => p.outletOnPermit === false), 'only points whose outlet the permit lacks');
      await page.waitForURL(/outletOnPermit=false/);
      await page.click('button:has-text("重置")');
      await page.waitForSelector('[data-test=points] .el-table__row');
      await accessible(page, '监控点位');
      await page.screenshot({ path: join(shots, 'monitoring-points.png'), fullPage: true });
    });

    await step("the unit's page: its outlets' live values arrive and change without a reload, with flag and limit", async () => {
      await page.goto(`${gateway}/console/directory/${encodeURIComponent(point.permitNo)}`);
      await page.waitForSelector('[data-test=unit-monitoring] [data-test=live-values] .el-table__row');
      await page.evaluate(() => {
        window.__sameDocument = true; // gone if the page reloads
      });
      const snapshot = () =>
        page.$$eval('[data-test=live-values] .el-table__row', (rows) =>
          rows.map((r) => `${r.querySelector('[data-test=live-value]')?.textContent}@${r.querySelector('[data-test=live-time]')?.textContent}`).join('|'),
        );
      const before = await snapshot();
      const flags = await page.$$eval('[data-test=live-flag]', (els) => els.map((e) => e.textContent.trim()));
      expect(flags.every((f) => /^[NFMSDCTB] \S+/.test(f)), `every flag in words: ${flags.join(',')}`);
      // The simulator sends 2011 every 30 s and the page polls every 30 s: a new value is on screen within ~60 s.
      await page.waitForFunction(
        (old) =>
          [...document.querySelectorAll('[data-test=live-values] .el-table__row')]
            .map((r) => `${r.querySelector('[data-test=live-value]')?.textContent}@${r.querySelector('[data-test=live-time]')?.textContent}`)
            .join('|') !== old,
        before,
        { timeout: 95_000, polling: 1_000 },
      );
      expect(await page.evaluate(() => window.__sameDocument === true), 'the values changed without a reload');
      const limits = await page.$$eval('[data-test=live-values] .el-table__row', (rows) => rows.map((r) => r.textContent));
      const permitted = (unit.outlets ?? []).flatMap((o) => (o.pollutants ?? []).filter((p) => p.hourlyLimit != null).map((p) => `${p.hourlyLimit}`));
      expect(permitted.length === 0 || limits.some((t) => permitted.some((l) => t.includes(l))), `the permit's limits beside the values: ${permitted.join(',')}`);
    });

    await step('the series chart draws 24 h of minute values and 30 days of hourly values', async () => {
      await page.waitForSelector('[data-test=series-chart] canvas');
      await page.waitForSelector('[data-test=series-summary]');
      const monthly = page.waitForResponse((r) => r.url().includes('/api/v1/monitoring/series?'));
      await page.click('[data-test=range-month]');
      const series = await (await monthly).json();
      expect(series.resolution === 'HOURLY', `30 days are hourly values: ${series.resolution}`);
      expect(series.points.length >= 1, `hourly values backfilled by the simulator: ${series.points.length}`);
      await page.waitForFunction((n) => document.querySelector('[data-test=series-summary]')?.textContent?.includes(`${n} 个数据`), series.points.length);
      await accessible(page, '单位自动监控');
      await page.locator('[data-test=unit-monitoring]').screenshot({ path: join(shots, 'monitoring-unit.png') });
    });

    await step("the provincial sheet (XLSX): checked first, nothing stored; then imported, and its points are listed", async () => {
      const outlets = (unit.outlets ?? []).map((o) => o.outletCode);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('自动监控点位');
      sheet.addRow(['序号', '企业名称', '数采仪MN号', '访问密码', '排污许可证编号', '排放口编号', '监测因子']);
      sheet.addRow([1, unit.unitName, `E2E${stamp}1`, 'e2e-pw1', unit.permitNo, outlets[0] ?? 'DA001', 'a21026、a21002']);
      sheet.addRow([2, unit.unitName, `E2E${stamp}2`, 'e2e-pw2', unit.permitNo, 'DW099', 'w01018,w21003']);
      const buffer = Buffer.from(await book.xlsx.writeBuffer());

      await page.goto(`${gateway}/console/monitoring/points`);
      await page.waitForSelector('[data-test=points] .el-table__row');
      await page.click('[data-test=import-points]');
      await page.waitForSelector('[data-test=import-file]', { state: 'attached' });
      await page.setInputFiles('[data-test=import-file]', { name: '自动监控点位.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
      const checked = page.waitForResponse((r) => r.url().includes('/api/v1/monitoring/points/import?dryRun=true'));
      await page.click('[data-test=import-preview-button]');
      const preview = await (await checked).json();
      expect(preview.dryRun === true && preview.created === 2, `the preview: ${JSON.stringify(preview)}`);
      await page.waitForSelector('[data-test=import-summary]:has-text("新增 2")');
      await page.waitForSelector('[data-test=import-preview] tr:has-text("许可证无此排放口")'); // DW099 is not on the permit
      const stored = await api(`/api/v1/monitoring/points?permitNo=${encodeURIComponent(unit.permitNo)}&size=50`);
      expect(!stored.items.some((p) => p.mn.startsWith(`E2E${stamp}`)), 'a check stores nothing');
      await accessible(page, '导入预检');
      await page.screenshot({ path: join(shots, 'monitoring-import.png'), fullPage: true });

      const imported = page.waitForResponse((r) => r.url().includes('/api/v1/monitoring/points/import?dryRun=false'));
      await page.click('[data-test=import-commit]');
      const report = await (await imported).json();
      expect(report.dryRun === false && report.created === 2, `imported: ${JSON.stringify(report)}`);
      await page.waitForSelector('[data-test=import-summary]:has-text("已导入")');
      await page.click('[data-test=import-dialog] button:has-text("取消")');
      await page.fill('[data-test=filter-permitNo]', unit.permitNo);
      await page.click('[data-test=search]');
      await page.waitForSelector(`[data-test=points] tr:has-text("E2E${stamp}1")`);
      await page.waitForSelector(`[data-test=points] tr:has-text("E2E${stamp}2") [data-test=not-on-permit]`);
    });

    await step('coverage per county: 联网率 and 传输有效率 as the service figures them, table and chart', async () => {
      await page.click('[data-test=tab-coverage]');
      await page.waitForURL(/\/console\/monitoring\/coverage/);
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/monitoring/coverage?'));
      await page.waitForSelector('[data-test=coverage-chart] canvas');
      const coverage = await (await answered).json();
      expect(coverage.items.every((c) => c.divisionCode.startsWith('1401')), 'only counties of Taiyuan');
      if (coverage.items.length) {
        const first = coverage.items[0];
        const shown = first.networkingRate == null ? '—' : `${(first.networkingRate * 100).toFixed(2)}%`;
        await page.waitForSelector(`[data-test=coverage] .el-table__row:first-child:has-text("${shown}")`);
      }
      // The same day per industry row of the plan table: the row is named by its label (火电, 焦化 …).
      const perIndustry = page.waitForResponse((r) => r.url().includes('/api/v1/monitoring/coverage?') && r.url().includes('by=industry'));
      await page.click('[data-test=coverage-by-industry]');
      const industries = await (await perIndustry).json();
      await page.waitForURL(/by=industry/);
      expect(industries.items.every((c) => c.keyIndustry && c.keyIndustryLabel && c.divisionCode == null), 'industry rows carry their label, no division');
      if (industries.items.length) {
        await page.waitForSelector(`[data-test=coverage] .el-table__row:first-child:has-text("${industries.items[0].keyIndustryLabel}")`);
      }
      await accessible(page, '联网率与传输有效率');
      await page.screenshot({ path: join(shots, 'monitoring-coverage.png'), fullPage: true });
    });

    await step('outlets that must be monitored and have no point, paged', async () => {
      await page.click('[data-test=tab-unmonitored]');
      await page.waitForURL(/\/console\/monitoring\/unmonitored/);
      await page.waitForSelector('[data-test=unmonitored]');
      await accessible(page, '应监控未联网排放口');
      expect(problems.length === 0, `no script error or CSP violation: ${problems.join(' | ')}`);
    });
  } finally {
    await context.close();
  }
}
