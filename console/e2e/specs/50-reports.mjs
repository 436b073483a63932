// 报表 as a city officer reads it: 附件1 on screen as the seed lays it out, its XLSX downloaded with the bearer token
// and read back (header rows, and every figure equal to the screen's), 附件3 of a plan the spec publishes itself,
// and the monthly dispatch on screen and as XLSX. axe on every screen; the README's screenshot of 附件1.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { accessible, demoUser, expect, gateway, shots, signIn, step, watch } from '../lib.mjs';

/** A cell as the screen prints it: counts as integers, 万元 to 4 places (the XLSX's 0.0000 format). */
function shown(value, money) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'number') return money ? value.toFixed(4) : String(value);
  return String(value);
}

async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = await download.path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return { name: download.suggestedFilename(), sheet: book.worksheets[0] };
}

async function screenRows(page, table) {
  return page.$$eval(`[data-test=${table}] tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim())));
}

export default async function reports(browser) {
  const who = demoUser('ty-admin');
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const { problems, apiCalls, expected } = watch(page);
  try {
    await step('ty-admin signs in and opens 报表: 附件1 of Taiyuan for the year so far, laid out as the seed form', async () => {
      await signIn(page, who, `${gateway}/console/`, /\/console\/dashboard/);
      await page.click('[data-menu=reports]');
      await page.waitForURL(/\/console\/reports\/summary/);
      await page.waitForSelector('[data-test=annex1] tbody tr');
      const unit = await page.textContent('[data-test=filling-unit]');
      expect(unit.includes('太原市'), `填报单位 is Taiyuan: ${unit}`);
      const heads = await page.$$eval('[data-test=annex1] thead tr:first-child th', (ths) => ths.map((th) => th.textContent.trim()));
      expect(heads.slice(0, 4).join('|') === '序号|区域|行业类别|违法问题类型', `the seed's header: ${heads.join('|')}`);
      const types = await page.$$eval('[data-test=annex1] thead tr:nth-child(2) th', (ths) => ths.length);
      expect(types === 10, `the ten violation types of the seed under 违法问题类型: ${types}`);
      const call = apiCalls.find((c) => c.url.includes('/api/v1/reports/summary'));
      expect(call && call.authorization.startsWith('Bearer '), 'the table came through the gateway with the bearer token');
      await accessible(page, '报表 附件1');
      await page.screenshot({ path: join(shots, 'console-report-annex1.png'), fullPage: true });
    });

    await step('附件1 XLSX comes with the bearer token and holds the seed header and exactly the figures on screen', async () => {
      const screen = await screenRows(page, 'annex1');
      const labels = await page.$$eval('[data-test=annex1] thead tr:nth-child(2) th', (ths) => ths.map((th) => th.textContent.trim()));
      const { name, sheet } = await downloaded(page, '[data-test=download]');
      expect(name.endsWith('.xlsx') && name.includes('汇总表'), `the server's file name: ${name}`);
      const xlsxCall = apiCalls.find((c) => c.url.includes('/api/v1/reports/summary') && c.url.includes('format=xlsx'));
      expect(xlsxCall === undefined || xlsxCall.authorization.startsWith('Bearer '), 'the XLSX request carried the token');
      expect(shown(sheet.getCell('A1').value) === '山西省排污许可执法检查情况汇总表', `title: ${sheet.getCell('A1').value}`);
      expect(shown(sheet.getCell('A2').value) === '填报单位：太原市', `填报单位: ${sheet.getCell('A2').value}`);
      expect(shown(sheet.getCell('A3').value).startsWith('时间：'), `时间: ${sheet.getCell('A3').value}`);
      const row4 = [1, 2, 3, 4].map((c) => shown(sheet.getRow(4).getCell(c).value));
      expect(row4.join('|') === '序号|区域|行业类别|违法问题类型', `header row 4: ${row4.join('|')}`);
      const row5 = labels.map((_, i) => shown(sheet.getRow(5).getCell(4 + i).value));
      expect(row5.join('|') === labels.join('|'), `the violation types in the screen's order: ${row5.join('|')} vs ${labels.join('|')}`);
      const trailing = [14, 15, 16, 17].map((c) => shown(sheet.getRow(4).getCell(c).value));
      expect(trailing.join('|') === '罚款金额（万元）|整改完成情况|是否完成整改|备注', `trailing headers: ${trailing.join('|')}`);
      // Data from row 6: one sheet row per screen row (the regions, then 合计), cell by cell; 罚款 is column 14.
      for (let r = 0; r < screen.length; r++) {
        const cells = screen[r].map((_, c) => shown(sheet.getRow(6 + r).getCell(c + 1).value, c === 13));
        expect(cells.join('|') === screen[r].join('|'), `row ${r + 1}: XLSX ${cells.join('|')} vs screen ${screen[r].join('|')}`);
      }
      expect(shown(sheet.getRow(6 + screen.length).getCell(1).value).startsWith('注：'), 'the note row follows 合计');
      expect(screen.length >= 2, `Taiyuan's regions and 合计: ${screen.length} rows`);
    });

    await step('附件3: a plan of Taiyuan published for the year is laid out as the seed form', async () => {
      const token = apiCalls.find((c) => c.authorization.startsWith('Bearer '))?.authorization;
      const year = new Date().getFullYear();
      const api = (path, body) =>
        fetch(`${gateway}${path}`, {
          method: 'POST',
          headers: { Authorization: token, 'Content-Type': 'application/json' },
          body: body ? JSON.stringify(body) : undefined,
        });
      // Precondition (the plan screen is another feature's subject): a published plan through inspection-service.
      const created = await api('/api/v1/plans', {
        title: `太原市${year}年排污许可清单式执法检查计划`,
        year,
        rows: [
          {
            rowNo: 4,
            keyIndustry: 'COKING',
            category: 'DOUBLE_RANDOM',
            method: 'SAMPLING',
            doubleRandom: true,
            ratio: 0.05,
            frequencyPeriod: 'QUARTER',
            frequencyTimes: 1,
            contentDaily: '许可事项落实情况',
            cooperatingAgencies: ['市生态环境监测站'],
          },
        ],
      });
      const plan = await created.json();
      expect(created.status === 201 || created.status === 200, `plan created: ${created.status} ${JSON.stringify(plan)}`);
      const published = await api(`/api/v1/plans/${plan.id}/publish`);
      expect(published.status < 300, `plan published: ${published.status} ${await published.text()}`);
      await page.click('[data-test=tab-plan]');
      await page.waitForURL(/\/console\/reports\/plan/);
      // The report is a read model fed by the plan event: ask again until it has arrived.
      for (let i = 0; i < 30 && !(await page.$('[data-test=annex3] tbody tr')); i++) {
        await page.waitForTimeout(1_000);
        await page.click('[data-test=show]');
        await page.waitForLoadState('networkidle');
      }
      expected(/404 GET .*\/api\/v1\/reports\/plans/);
      const rows = await screenRows(page, 'annex3');
      expect(rows.map((r) => r[1]).join(',') === '造纸,钢铁,火电,焦化,水泥,污水处理,再生利用,其他', `the seed's industries: ${rows.map((r) => r[1])}`);
      const coking = rows[3];
      expect(coking[4] === '是' && coking[5] === '5%' && coking[6] === '每季1次', `焦化 as planned: ${coking.join('|')}`);
      await accessible(page, '报表 附件3');
    });

    await step('the monthly dispatch of the current month is on screen and its XLSX holds the same 合计', async () => {
      await page.click('[data-test=tab-dispatch]');
      await page.waitForURL(/\/console\/reports\/dispatch/);
      await page.waitForSelector('[data-test=dispatch] tbody tr');
      const rows = await screenRows(page, 'dispatch');
      expect(rows[0][0] === '太原市' && rows.at(-1)[0] === '合计', `Taiyuan's own row and 合计: ${rows.map((r) => r[0])}`);
      await accessible(page, '报表 月度调度');
      const { sheet } = await downloaded(page, '[data-test=download]');
      const total = rows.at(-1);
      const cells = total.map((_, c) => shown(sheet.getRow(5 + rows.length).getCell(c + 1).value, c === 6));
      const screenTotal = total.map((v) => (v === '—' ? '' : v));
      expect(cells.join('|') === screenTotal.join('|'), `合计: XLSX ${cells.join('|')} vs screen ${screenTotal.join('|')}`);
      expect(problems.length === 0, `no script error or CSP violation: ${problems.join(' | ')}`);
    });
  } finally {
    await context.close();
  }
}
