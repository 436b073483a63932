// The campaign in the browser (issue 17): ty-admin (Taiyuan, TOTP) finds a unit in 名录库, makes a 附件3 plan for its
// industry through the form, reads the capacity check, publishes; draws a month of the row, sees the units with their
// officers and the tasks they became; opens the verification page and re-runs the draw in the browser: identical.
// Self-contained: if Taiyuan has fewer than two on-post officers, the spec registers them through the API.
import { join } from 'node:path';
import { accessible as axeCheck, demoUser, expect, gateway, shots, signIn, step, watch } from '../lib.mjs';

const INDUSTRY_ZH = {
  PAPER: '造纸',
  STEEL: '钢铁',
  THERMAL_POWER: '火电',
  COKING: '焦化',
  CEMENT: '水泥',
  SEWAGE_TREATMENT: '污水处理',
  WATER_REUSE: '再生水',
  OTHER: '其他',
};

/** axe once the page is still: no toast fading out, no tag or dialog mid-transition (their colours are blended). */
async function accessible(page, screen) {
  await page.waitForSelector('.el-message', { state: 'detached', timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(600);
  await axeCheck(page, screen);
}

export default async function campaign(browser) {
  const who = demoUser('ty-admin');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const { problems, apiCalls, expected } = watch(page);
  const bearer = () => [...apiCalls].reverse().find((c) => c.authorization.startsWith('Bearer '))?.authorization;
  const api = async (method, path, body) => {
    const r = await fetch(`${gateway}${path}`, {
      method,
      headers: { Authorization: bearer(), 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  let unit;
  let planId;
  let drawId;
  const rowNo = 1;
  try {
    await step('ty-admin signs in and finds a valid unit of Taiyuan in 名录库', async () => {
      await signIn(page, who, `${gateway}/console/`, /\/console\/dashboard/);
      await page.click('[data-menu=directory]');
      await page.waitForSelector('[data-test=units] .el-table__row');
      await page.click('[data-test=filter-status]');
      await page.click('.el-select-dropdown__item:visible >> text=有效');
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/directory/units?') && r.url().includes('status=VALID'));
      await page.click('[data-test=search]');
      const body = await (await answered).json();
      // a unit not yet holding an open task this month (an earlier run against the same platform drew some)
      const open = await api('GET', '/api/v1/tasks?status=ASSIGNED&size=200');
      const busy = new Set((open.body?.items ?? []).map((t) => t.permitNumber));
      unit = body.items.find((u) => u.keyIndustry && u.cityCode === '140100' && !busy.has(u.permitNo));
      expect(unit, `a valid Taiyuan unit with an industry and no open task: ${JSON.stringify(body.items.slice(0, 2))}`);
    });

    await step('precondition: at least two on-post officers in Taiyuan (registered through the API when missing)', async () => {
      const list = await api('GET', '/api/v1/inspectors?onPost=true&size=200');
      expect(list.status === 200, `inspectors answered ${list.status}`);
      const onPost = list.body.items.filter((i) => i.onPost && i.divisionCode.startsWith('1401'));
      for (let i = onPost.length; i < 2; i++) {
        const created = await api('POST', '/api/v1/inspectors', {
          certificateNo: `E2E-TY-${Date.now()}-${i}`,
          divisionCode: '140100',
          name: `浏览器测试执法员${i + 1}`,
          onPost: true,
          phone: '13800000000',
          specialties: [],
        });
        expect(created.status === 201, `registered an officer: ${created.status} ${JSON.stringify(created.body)}`);
      }
    });

    await step('计划: a 附件3 plan for the unit\'s industry is made through the form; the capacity check is shown', async () => {
      await page.click('[data-menu=plans]');
      await page.waitForURL(/\/console\/plans/);
      await page.waitForSelector('[data-test=plans]');
      await accessible(page, '计划列表');
      await page.click('[data-test=new-plan]');
      await page.waitForSelector('[data-test=plan-form]');
      // a bad ratio first: the service's problem+json puts the error next to the field it names
      await page.fill('[data-test=plan-title]', `太原市${new Date().getFullYear()}年排污许可清单式执法检查计划（浏览器测试）`);
      await page.click('[data-test=row-0] [data-test=row-industry]');
      await page.click(`.el-select-dropdown__item:visible >> text="${INDUSTRY_ZH[unit.keyIndustry]}"`);
      await page.fill('[data-test=row-0] [data-test=row-ratio] input', '0.001');
      await page.locator('[data-test=row-0] [data-test=row-ratio] input').blur();
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/plans') && r.request().method() === 'POST');
      await page.click('[data-test=save-plan]');
      const refusal = await refused;
      expect(refusal.status() === 422 || refusal.status() === 400, `a ratio below the floor is refused: ${refusal.status()}`);
      await page.waitForSelector('[data-test=row-0] .el-form-item__error');
      const fieldError = await page.textContent('[data-test=row-0] .el-form-item__error');
      expect(fieldError.trim().length > 0, 'the error stands next to the row\'s field');
      expected(/POST .*\/api\/v1\/plans$/);
      await page.screenshot({ path: join(shots, 'console-plan-form.png'), fullPage: true });

      await page.fill('[data-test=row-0] [data-test=row-ratio] input', '1');
      await page.locator('[data-test=row-0] [data-test=row-ratio] input').blur();
      const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/plans') && r.request().method() === 'POST');
      await page.click('[data-test=save-plan]');
      const answer = await created;
      expect(answer.status() === 201, `the plan was created: ${answer.status()} ${await answer.text()}`);
      planId = (await answer.json()).id;
      await page.waitForURL(new RegExp(`/console/plans/${planId}`));
      await page.waitForSelector('[data-test=plan-rows] .el-table__row');
      await page.waitForSelector('[data-test=capacity]');
      const table = await page.textContent('[data-test=plan-rows]');
      expect(table.includes(INDUSTRY_ZH[unit.keyIndustry]) && table.includes('100%'), `附件3 row shows industry and 检查比例: ${table}`);
      const needed = await page.textContent('[data-test=capacity-needed]');
      expect(/\d/.test(needed), `the capacity check names the officer-days needed: ${needed}`);
    });

    await step('计划: the draft is edited through the same form, saved under its version (If-Match)', async () => {
      await page.click('[data-test=edit-plan]');
      await page.waitForURL(new RegExp(`/console/plans/${planId}/edit`));
      await page.waitForFunction(() => document.querySelector('[data-test=plan-title]')?.value?.includes('浏览器测试'));
      await accessible(page, '编辑计划');
      const title = `太原市${new Date().getFullYear()}年排污许可清单式执法检查计划（浏览器测试，修订）`;
      await page.fill('[data-test=plan-title]', title);
      const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/plans/${planId}`) && r.request().method() === 'PUT');
      await page.click('[data-test=save-plan]');
      const answer = await saved;
      expect(answer.status() === 200, `the draft was saved: ${answer.status()} ${await answer.text()}`);
      expect(answer.request().headers()['if-match'] === '"0"', `sent the version it read: ${answer.request().headers()['if-match']}`);
      expect((await answer.json()).version === 1, 'its version went up');
      await page.waitForURL(new RegExp(`/console/plans/${planId}$`));
      await page.waitForSelector('[data-test=plan-rows] .el-table__row');
      expect((await page.textContent('[data-test=plan-head]')).includes('修订'), 'the plan shows the edited title');
    });

    await step('计划: publishing the plan (confirmed) makes it PUBLISHED', async () => {
      await page.click('[data-test=publish-plan]');
      await page.click('.el-message-box__btns .el-button--primary');
      await page.waitForSelector('[data-test=plan-status] >> text=已发布');
      await accessible(page, '计划（附件3）');
      await page.screenshot({ path: join(shots, 'console-plan.png'), fullPage: true });
    });

    await step('双随机: a draw of this month for the row; the result lists units with two officers each', async () => {
      const planRead = page.waitForResponse((r) => r.url().endsWith(`/api/v1/plans/${planId}`));
      await page.click(`[data-test=draw-row-${rowNo}]`);
      await page.waitForSelector('[data-test=draw-form]');
      await planRead; // the dialog has the plan, its row and this month chosen
      await page.waitForTimeout(300);
      // the unit found in 名录库 is named for 靶向核查, so it is in the draw whatever the sample takes
      await page.fill('textarea[data-test=draw-targeted]', unit.permitNo);
      await accessible(page, '发起抽取');
      const drawn = page.waitForResponse((r) => r.url().endsWith('/api/v1/draws') && r.request().method() === 'POST');
      await page.click('[data-test=run-draw]');
      const answer = await drawn;
      expect(answer.status() === 201, `the draw ran: ${answer.status()} ${await answer.text()}`);
      const draw = await answer.json();
      drawId = draw.id;
      expect(draw.status === 'COMPLETED' && draw.units.length > 0, `units were drawn: ${draw.status} ${draw.failure ?? ''}`);
      expect(draw.units.every((u) => u.inspectorIds.length === 2), 'two officers per unit');
      expect(draw.units.some((u) => u.permitNumber === unit.permitNo && u.targeted), 'the targeted unit is in the draw');
      await page.waitForURL(new RegExp(`/console/draws/${drawId}`));
      await page.waitForSelector('[data-test=draw-units] .el-table__row');
      const rows = await page.$$('[data-test=draw-units] .el-table__body tr');
      expect(rows.length === draw.units.length, `one row per drawn unit: ${rows.length} vs ${draw.units.length}`);
      await accessible(page, '抽取结果');
      await page.screenshot({ path: join(shots, 'console-draw.png'), fullPage: true });
    });

    await step('双随机: publishing before the tasks are done is refused with the service\'s reason', async () => {
      const refused = page.waitForResponse((r) => r.url().includes(`/api/v1/draws/${drawId}/publish`));
      await page.click('[data-test=publish-draw]');
      expect((await refused).status() === 409, 'not publishable while its tasks are open');
      await page.waitForSelector('[data-test=problem]');
      expected(new RegExp(`/api/v1/draws/${drawId}/publish`));
    });

    await step('任务与检查: the draw\'s tasks are assigned to the drawn officers', async () => {
      await page.click('[data-test=draw-tasks]');
      await page.waitForURL(/\/console\/tasks\?drawId=/);
      await page.waitForSelector('[data-test=tasks] .el-table__row');
      const officers = await page.$$eval('[data-test=task-inspectors]', (cells) => cells.map((c) => c.textContent.trim()));
      expect(officers.length > 0 && officers.every((o) => o.includes('、')), `each task names its two officers: ${officers.join(' | ')}`);
      const statuses = await page.textContent('[data-test=tasks]');
      expect(statuses.includes('已派发'), 'the tasks are 已派发');
      await accessible(page, '任务');
      await page.screenshot({ path: join(shots, 'console-tasks.png'), fullPage: true });
      await page.click('[data-test=tasks] .el-table__body tr:first-child [data-test=open-task]');
      await page.waitForSelector('[data-test=task-basics]');
      await accessible(page, '任务详情');
    });

    await step('任务与检查: a task\'s officers are reassigned (with a reason) before its inspection starts', async () => {
      // precondition: a third on-post officer of Taiyuan to send instead (registered through the API)
      const name = `改派执法员${Date.now() % 100000}`;
      const created = await api('POST', '/api/v1/inspectors', {
        certificateNo: `E2E-RA-${Date.now()}`,
        divisionCode: '140100',
        name,
        onPost: true,
        phone: '13800000000',
        specialties: [],
      });
      expect(created.status === 201, `registered an officer: ${created.status}`);
      await page.reload(); // the officer picker reads the officers when the task opens
      await page.waitForSelector('[data-test=reassign]');
      await page.click('[data-test=reassign]');
      await page.waitForSelector('[data-test=reassign-dialog]');
      // drop the first officer, add the new one
      await page.click('[data-test=reassign-dialog] .el-select .el-tag:first-of-type .el-tag__close');
      await page.click('[data-test=reassign-officers]');
      await page.click(`.el-select-dropdown__item:visible >> text="${name}"`);
      await page.keyboard.press('Escape');
      await page.fill('textarea[data-test=reassign-reason]', '原执法人员申请回避');
      await accessible(page, '改派');
      const put = page.waitForResponse((r) => r.url().includes('/inspectors') && r.request().method() === 'PUT');
      await page.click('[data-test=reassign-save]');
      const answer = await put;
      expect(answer.status() === 200, `reassigned: ${answer.status()} ${await answer.text()}`);
      const task = await answer.json();
      expect(task.inspectorIds.length === 2 && task.inspectorIds.includes(created.body.id), 'the new officer is one of two');
      await page.waitForFunction((n) => document.querySelector('[data-test=task-officers]')?.textContent.includes(n), name);
    });

    await step('核验: the verification page explains the draw and the browser\'s re-run is identical', async () => {
      await page.click('[data-test=task-draw]');
      await page.waitForSelector('[data-test=open-verification]');
      await page.click('[data-test=open-verification]');
      await page.waitForURL(new RegExp(`/console/draws/${drawId}/verification`));
      await page.waitForSelector('[data-test=algorithm]');
      await page.waitForSelector('[data-test=server-check]');
      const seedHash = (await page.textContent('[data-test=seed-hash]')).trim();
      expect(/^[0-9a-f]{64}$/.test(seedHash), `the commitment is shown: ${seedHash}`);
      await page.click('[data-test=rerun]');
      await page.waitForSelector('[data-test=rerun-result]');
      const identical = await page.getAttribute('[data-test=rerun-result]', 'data-identical');
      const text = await page.textContent('[data-test=browser-check]');
      expect(identical === 'true', `the browser's re-run is identical: ${text}`);
      expect(!text.includes('✘'), `every check passed in the browser: ${text}`);
      await accessible(page, '抽取核验');
      await page.screenshot({ path: join(shots, 'console-draw-verification.png'), fullPage: true });
    });

    await step('no script error or CSP violation', async () => {
      expect(problems.length === 0, `no script error or CSP violation: ${problems.join(' | ')}`);
    });
  } finally {
    if (process.env.E2E_DEBUG) {
      console.log(`[console-e2e] debug: ${page.url()} problems: ${problems.join(' | ')}`);
      await page.screenshot({ path: '/tmp/e2e-debug.png', fullPage: true }).catch(() => {});
      const detail = await page
        .evaluate(async () =>
          window.axe
            ? (await window.axe.run(document, { runOnly: ['color-contrast'] })).violations.flatMap((v) =>
                v.nodes.map((n) => `${n.html} :: ${n.any.map((a) => a.message).join(';')}`),
              )
            : [],
        )
        .catch((e) => [String(e)]);
      console.log(`[console-e2e] debug contrast: ${detail.join('\n')}`);
    }
    await context.close();
  }
}
