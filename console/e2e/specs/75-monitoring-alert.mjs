// Issue 19's "done means", end to end on the running platform: an SO2 exceedance injected for a 太原 coking unit
// (`./run.sh hj212-inject`: a new point on its main outlet sends an hour that has ended, all 60 minutes at 2 × the
// permit's hourly limit, every frame acknowledged) becomes, within seconds, a monitoring alert the city sees with its
// chart and numbers; ty-admin turns it into a case, and the case file's export holds the hour with its limit and
// validity judgement. axe on the alert page; the README's screenshot docs/screenshots/monitoring-alert.png.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { accessible, demoUser, expect, gateway, shots, signIn, step, watch } from '../lib.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The alert must arrive "within seconds of the hour's end": generous for a loaded CI machine, still seconds. */
const ALERT_WITHIN_MS = 30_000;

export default async function monitoringAlert(browser) {
  const who = demoUser('ty-admin');
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const { problems, apiCalls } = watch(page);
  let injected; // what hj212-inject sent
  let injectedAt;
  let token;
  let alert;
  const api = async (path, init = {}) => {
    const r = await fetch(`${gateway}${path}`, { ...init, headers: { Authorization: token, ...(init.headers ?? {}) } });
    expect(r.ok, `${path}: ${r.status}`);
    return r.json();
  };
  try {
    await step('hj212-inject: a 太原 coking unit sends an ended hour at 2 × its SO2 limit, every minute acknowledged', async () => {
      // The same ports and PERMITWATCH_LOCAL as the platform under test (console/e2e/run.sh exports them).
      const out = execFileSync(join(repo, 'run.sh'), ['hj212-inject', '--pollutant', 'a21026', '--factor', '2', '--hours-ago', '1'], {
        cwd: repo,
        env: process.env,
        encoding: 'utf8',
        timeout: 120_000,
      });
      injectedAt = Date.now();
      injected = JSON.parse(out.trim().split('\n').at(-1));
      expect(injected.acked === 60, `60 minutes acknowledged (9014): ${injected.acked}`);
      // 2 × the permit's hourly limit, by hand: GB 16171-2012's 30 mg/m3 on a coke oven stack gives 60.
      expect(Math.abs(injected.value - 2 * injected.limit) < 1e-9, `${injected.value} = 2 × ${injected.limit}`);
    });

    await step('ty-admin sees the alert within seconds, filtered to automatic monitoring on the server', async () => {
      await signIn(page, who, `${gateway}/console/`, /\/console\/dashboard/);
      await page.click('[data-menu=alerts]');
      await page.waitForURL(/\/console\/alerts/);
      token = apiCalls.find((c) => c.url.includes('/api/v1/alerts') && c.authorization.startsWith('Bearer '))?.authorization;
      expect(token, 'the list was asked with the bearer token');
      for (;;) {
        const listed = await api('/api/v1/alerts?source=MONITORING&rule=HOURLY_EXCEEDANCE&sort=raisedAt,desc&size=100');
        alert = listed.items.find((a) => a.monitoring?.mn === injected.mn);
        if (alert || Date.now() - injectedAt > ALERT_WITHIN_MS) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const seconds = ((Date.now() - injectedAt) / 1000).toFixed(1);
      expect(alert, `an HOURLY_EXCEEDANCE alert for ${injected.mn} within ${ALERT_WITHIN_MS / 1000} s (waited ${seconds} s)`);
      console.log(`    the alert arrived ${seconds} s after the hour's last minute was acknowledged`);
      expect(alert.permitNumber === injected.permitNo && alert.monitoring.pollutantCode === 'a21026', 'on the injected unit and pollutant');
      expect(alert.article && alert.article.includes('34'), `超标排放 under art. 34: ${alert.article}`);
      const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/alerts?') && r.url().includes('source=MONITORING'));
      await page.click('[data-test=filter-source]');
      await page.click('.el-select-dropdown__item:has-text("自动监控")');
      await page.click('[data-test=search]');
      const answer = await (await filtered).json();
      expect(answer.items.every((a) => a.source === 'MONITORING'), 'only automatic-monitoring alerts listed');
      await page.waitForSelector('[data-test=alerts] .el-table__row');
    });

    await step('the alert page: the hour against the limit, the chart and the series with flags and validity', async () => {
      await page.goto(`${gateway}/console/alerts/${alert.id}`);
      await page.waitForSelector('[data-test=monitoring-numbers]');
      const numbers = await page.textContent('[data-test=worst-vs-limit]');
      expect(numbers.includes(String(injected.value)) && numbers.includes(String(injected.limit)), `worst / limit shows ${injected.value} / ${injected.limit}: ${numbers}`);
      await page.waitForSelector('[data-test=evidence-chart] canvas');
      const cells = await page.$$eval('[data-test=evidence-series] .el-table__row', (rows) => rows.map((r) => r.textContent));
      expect(cells.some((c) => c.includes(String(injected.value))), `the series lists the hourly mean ${injected.value}: ${cells.join(' | ')}`);
      // what it was judged with (MonitoringAlertChanged.parameters): the day's exceeding hours, the limit's basis
      // (no warning declared: the normal limit), the window, the rule version
      await page.waitForSelector('[data-test=alert-parameters]');
      const param = async (key) => (await page.textContent(`[data-test=param-${key}]`)).trim();
      expect(/^[1-9]\d* 小时$/.test(await param('exceedingHoursOfDay')), `当日超标小时数: ${await param('exceedingHoursOfDay')}`);
      expect((await param('limitBasis')) === '常规排放限值', `限值依据: ${await param('limitBasis')}`);
      expect((await param('window')).includes(' – '), `判定时段: ${await param('window')}`);
      expect((await param('version')).length > 0, 'the rule version is shown');
      await accessible(page, '监测预警详情');
      await page.screenshot({ path: join(shots, 'monitoring-alert.png'), fullPage: true });
    });

    await step('turned into a case (直接立案), and the case file exports the hour with its limit and judgement', async () => {
      await page.click('[data-test=input-decision] .el-radio:has-text("直接立案")');
      await page.fill('[data-test=input-facts]', `自动监控：${injected.outletCode} 二氧化硫小时均值 ${injected.value} mg/m3，超过许可限值 ${injected.limit} mg/m3。`);
      const reviewed = page.waitForResponse((r) => r.url().endsWith(`/api/v1/alerts/${alert.id}/review`));
      await page.click('[data-test=submit-review]');
      expect((await reviewed).status() === 200, 'the review was accepted');
      await page.waitForSelector('[data-test=alert-review]');
      const after = await api(`/api/v1/alerts/${alert.id}`);
      expect(after.status === 'CASED' && after.caseId, `the alert is CASED with a case: ${after.status} ${after.caseId}`);
      const downloading = page.waitForEvent('download');
      await page.click('[data-test=export-evidence]');
      const file = await (await downloading).path();
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await readFile(file));
      const sheet = book.worksheets[0];
      const rows = [];
      sheet.eachRow((row) => rows.push(row.values.slice(1).map((v) => (v == null ? '' : String(v?.result ?? v)))));
      const text = rows.flat().join(' ');
      expect(text.includes(injected.mn), `the export names the point ${injected.mn}`);
      const header = rows.findIndex((r) => r[0] === '序号');
      expect(header >= 0, 'the export has its table of values');
      const col = (name) => rows[header].indexOf(name);
      const hour = rows.slice(header + 1).find((r) => r[col('数据类型')] === '小时均值');
      expect(hour, `the export lists the hourly mean: ${JSON.stringify(rows.slice(header, header + 4))}`);
      expect(Number(hour[col('监测值')]) === injected.value, `监测值 ${hour[col('监测值')]} = ${injected.value}`);
      expect(Number(hour[col('排放限值')]) === injected.limit, `排放限值 ${hour[col('排放限值')]} = ${injected.limit}`);
      expect(hour[col('有效性')] === '有效' && hour[col('是否超标')] === '是', `judged valid and over: ${hour.join(' | ')}`);
      expect(problems.length === 0, `no script error or CSP violation: ${problems.join(' | ')}`);
    });
  } finally {
    await context.close();
  }
}
