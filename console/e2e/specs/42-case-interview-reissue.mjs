// 案卷 in the browser, the rest of issue 20 (ADR 0042, ADR 0045): as the city (ty-admin) an officer records an
// interview (调查询问笔录) with two officers, prints it (its 文号, its PDF equal to the kept hash), reissues it and sees
// the voided original beside its replacement in the document list; then, on a fine decided and served today, the
// 程序 panel takes the party's application for instalments (分期缴纳), the bureau's approval with a schedule adding up to
// the fine, shows each instalment with its due day, and records the first one. The 催告 is offered only once the fine
// is late (15 days after service): the panel says why a court application must wait (the 催告 itself, over a pinned
// clock, is CaseProcedureIT's and CaseProcedure.spec.ts's). Preconditions (a case decided and served today) go through
// the API, as spec 40's do. axe on every screen.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessible, demoUser, expect, gateway, shots, signIn, step, watch } from '../lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** A token from the platform's local CLI client (./run.sh token), for preconditions only. */
const token = (...args) => execFileSync(join(root, 'run.sh'), ['token', ...args], { cwd: root, encoding: 'utf8' }).trim();

async function api(bearer, method, path, body, headers = {}) {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

async function checked(page, screen) {
  await page.waitForSelector('.el-message', { state: 'detached', timeout: 10_000 });
  await accessible(page, screen);
}

/** Beijing's calendar day, `days` from today (the service's zone). */
function beijingDay(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Beijing wall-clock time `minutes` from now, as the datetime picker shows it (YYYY-MM-DD HH:mm:ss). */
function beijingTime(minutes) {
  return new Date(Date.now() + 8 * 3600_000 + minutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The fine split into three instalments in fen (integers): the remainder on the first, so the sum is exact. */
function threeInstalments(fineYuan) {
  const fen = Math.round(Number(fineYuan) * 100);
  const base = Math.floor(fen / 3);
  const parts = [fen - 2 * base, base, base];
  return parts.map((p) => `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`);
}

export default async function caseInterviewReissue(browser) {
  const who = demoUser('ty-admin');
  const city = token('CITY', '140100');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const { problems } = watch(page);
  const pre = {};
  try {
    await step('preconditions (API): a Taiyuan case with a fine decided and served today', async () => {
      let team = (await api(city, 'GET', '/api/v1/inspectors?size=200')).items
        .filter((i) => i.certificateNo?.startsWith('TY-E2E-CASE-'))
        .map((i) => i.id);
      for (let n = team.length; n < 2; n++) {
        const created = await api(city, 'POST', '/api/v1/inspectors', {
          certificateNo: `TY-E2E-CASE-${n + 1}`,
          name: `案件测试执法员${n + 1}`,
          divisionCode: '140100',
          specialties: ['AIR'],
          onPost: true,
          phone: `1390000000${n + 1}`,
        });
        team = [...team, created.id];
      }
      pre.team = team.slice(0, 2);
      const units = (await api(city, 'GET', '/api/v1/directory/units?division=140100&status=VALID&size=100')).items;
      for (const u of units) {
        const cases = await api(city, 'GET', `/api/v1/cases?permitNumber=${encodeURIComponent(u.permitNo)}&status=OPEN&size=1`);
        if (cases.total > 0) continue; // one open case per finding's unit keeps this spec's case apart
        const detail = await api(city, 'GET', `/api/v1/directory/units/${encodeURIComponent(u.permitNo)}`);
        const limit = (detail.outlets ?? [])
          .flatMap((o) => (o.pollutants ?? []).map((p) => ({ outletCode: o.outletCode, ...p })))
          .find((p) => p.hourlyLimit != null && p.pollutantCode && p.unit);
        if (limit) {
          Object.assign(pre, { permit: u.permitNo, limit });
          break;
        }
      }
      expect(pre.permit, 'a Taiyuan unit with an hourly limit and no open case');
      const task = await api(city, 'POST', '/api/v1/tasks', {
        permitNumber: pre.permit,
        origin: 'MANUAL',
        method: 'ON_SITE',
        dueDate: beijingDay(7),
        department: 'ENVIRONMENT_ENFORCEMENT',
        inspectorIds: pre.team,
      });
      const inspector = token('INSPECTOR', '140100', '--sub', pre.team[0], '--name', '案件测试执法员1');
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const record = await api(
        inspector,
        'POST',
        '/api/v1/inspections',
        {
          taskId: task.id,
          submit: true,
          inspectedAt: now,
          position: { lat: 37.74, lon: 112.56 },
          notes: '现场检查：在线监测小时均值超标',
          items: [],
          measurements: [
            {
              outletCode: pre.limit.outletCode,
              pollutantCode: pre.limit.pollutantCode,
              value: pre.limit.hourlyLimit * 1.5,
              unit: pre.limit.unit,
              averaging: 'HOURLY',
              measuredAt: now,
            },
          ],
        },
        { 'Idempotency-Key': `e2e-case42-${randomUUID()}` },
      );
      const findings = await api(city, 'GET', `/api/v1/findings?permitNumber=${encodeURIComponent(pre.permit)}&size=20`);
      const finding = findings.items.find((f) => f.recordId === record.id && f.violationType === 'EXCEEDING_LIMITS');
      expect(finding, `an EXCEEDING_LIMITS finding of record ${record.id}`);
      const opened = await api(city, 'POST', '/api/v1/cases', { findingId: finding.id });
      pre.caseId = opened.id;
      const proposal = await api(city, 'POST', `/api/v1/cases/${pre.caseId}/penalty-proposal`, {
        factors: { HARM: 'GENERAL', FAULT: 'NEGLIGENT', METHOD: 'ORDINARY', ATTITUDE: 'PASSIVE' },
        adjustments: [],
      });
      const today = beijingDay(0);
      const path = `/api/v1/cases/${pre.caseId}/procedure`;
      await api(city, 'POST', `${path}/notice`, { proposalId: proposal.proposalId, servedOn: today, method: 'DIRECT' });
      await api(city, 'POST', `${path}/statement`, { on: today, waived: true, hearingWaived: true });
      const procedure = await api(city, 'GET', path);
      if (procedure.fineDecisionBlocker) {
        await api(city, 'POST', `${path}/review`, {
          reviewedOn: today,
          reviewer: '王法制',
          opinion: '事实清楚，证据确凿，适用法律正确',
          ...(procedure.state.discussionRequired ? { discussedOn: today, discussionNote: '集体讨论同意' } : {}),
        });
      }
      await api(city, 'POST', `/api/v1/cases/${pre.caseId}/decision`, { proposalId: proposal.proposalId, kind: 'FINE' });
      await api(city, 'POST', `${path}/service`, { servedOn: today, method: 'DIRECT' });
      pre.fine = (await api(city, 'GET', path)).state.fineYuan;
      expect(pre.fine > 0, `a fine was decided: ${pre.fine}`);
    });

    await step('ty-admin opens the case file and records an interview (调查询问笔录) with two officers', async () => {
      await signIn(page, who, `${gateway}/console/`, /\/console\/dashboard/);
      await page.goto(`${gateway}/console/cases/${pre.caseId}`);
      await page.waitForSelector('[data-test=case-documents]');
      await page.click('[data-test=interview-toggle]');
      await page.waitForSelector('[data-test=interview-form]');
      await page.fill('input[data-test=interview-name]', '张某某');
      await page.fill('input[data-test=interview-id-number]', '140105198001011234');
      await page.fill('input[data-test=interview-role]', '环保负责人');
      await page.fill('input[data-test=interview-place]', '太原市小店区 企业会议室');
      // a date picker keeps data-test on its wrapper, not its input: found by its label, as spec 40 does
      for (const [label, minutes] of [['开始时间', -50], ['结束时间', -10]]) {
        const input = `[data-test=interview-form] .el-form-item:has-text("${label}") input`;
        await page.fill(input, beijingTime(minutes));
        await page.press(input, 'Tab');
      }
      await page.click('[data-test=interview-officers]');
      for (const n of [1, 2]) await page.click(`.el-select-dropdown__item:visible:has-text("案件测试执法员${n}")`);
      await page.keyboard.press('Escape');
      await page.fill('textarea[data-test=interview-question-0]', '检查当日在线监测小时均值超标的原因是什么？');
      await page.fill('textarea[data-test=interview-answer-0]', '脱硫设施循环泵故障，已于当日维修。');
      await page.fill('input[data-test=interview-confirmation]', '以上笔录我看过，与我说的相符');
      const recorded = page.waitForResponse((r) => r.url().endsWith(`/cases/${pre.caseId}/interviews`) && r.request().method() === 'POST');
      await page.click('[data-test=interview-submit]');
      const answer = await recorded;
      expect(answer.status() === 201, `the interview is recorded: ${answer.status()} ${answer.status() === 201 ? '' : await answer.text()}`);
      pre.interview = await answer.json();
      await page.waitForSelector('[data-test=interview-row-name]');
      const names = await page.$$eval('[data-test=interview-row-name]', (els) => els.map((e) => e.textContent));
      // the name in full or masked (张**), as the caller's pii:read right decides (ADR 0042)
      expect(names.some((n) => n.startsWith('张')), `the interview is listed: ${names}`);
      await checked(page, '案卷（调查询问）');
    });

    // Issues a document and checks its PDF against the hash the service recorded when it issued it.
    const issueDocument = async (label, subject) => {
      await page.click('[data-test=issue-kind]');
      await page.click(`.el-select-dropdown__item:visible:has-text("${label}")`);
      if (subject) {
        await page.click('[data-test=issue-subject]');
        await page.click(`.el-select-dropdown__item:visible:has-text("${subject}")`);
      }
      const issued = page.waitForResponse((r) => r.url().includes(`/api/v1/cases/${pre.caseId}/documents`) && r.request().method() === 'POST');
      await page.click('[data-test=issue-document]');
      const answer = await issued;
      expect(answer.status() === 201 || answer.status() === 200, `${label} issued: ${answer.status()}`);
      const doc = await answer.json();
      expect(/〔\d{4}〕\d+号$/.test(doc.documentNo), `${label} has its 文号: ${doc.documentNo}`);
      await printed(doc, label);
      return doc;
    };
    const printed = async (doc, label) => {
      await page.waitForSelector(`[data-test="download-pdf-${doc.documentNo}"]`);
      const downloading = page.waitForEvent('download');
      await page.click(`[data-test="download-pdf-${doc.documentNo}"]`);
      const bytes = await readFile(await (await downloading).path());
      expect(bytes.subarray(0, 5).toString('latin1') === '%PDF-', `${label}: a PDF`);
      expect(
        createHash('sha256').update(bytes).digest('hex') === doc.pdfSha256 && bytes.length === doc.pdfSize,
        `${label}: the PDF printed is the one kept (SHA-256 ${doc.pdfSha256})`,
      );
    };

    await step('the 调查询问笔录 is issued for that interview with its 文号 and printed', async () => {
      pre.record = await issueDocument('调查询问笔录', '环保负责人');
      expect(pre.record.subjectId === pre.interview.id, `the record is of the interview: ${pre.record.subjectId}`);
    });

    await step('reissue: the 笔录 is voided with a reason and replaced; the list shows both, the original marked 作废', async () => {
      await page.click(`[data-test="reissue-${pre.record.documentNo}"]`);
      await page.waitForSelector('[data-test=reissue-dialog]');
      await page.fill('textarea[data-test=reissue-reason]', '被询问人职务记录有误，更正后重新制作');
      // a reissue is an issue of the same kind naming the document it replaces (ADR 0035)
      const reissued = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${pre.caseId}/documents`) && r.request().method() === 'POST');
      await page.click('[data-test=reissue-submit]');
      const answer = await reissued;
      expect(answer.status() === 201 || answer.status() === 200, `reissued: ${answer.status()} ${answer.status() < 300 ? '' : await answer.text()}`);
      const replacement = await answer.json();
      expect(replacement.documentNo !== pre.record.documentNo && replacement.reissueOf === pre.record.id, `a new 文号 replacing the old: ${JSON.stringify(replacement)}`);
      await page.waitForSelector(`[data-test="voided-${pre.record.documentNo}"]`);
      const numbers = await page.$$eval('[data-test=document-no]', (els) => els.map((e) => e.textContent));
      expect(numbers.includes(pre.record.documentNo) && numbers.includes(replacement.documentNo), `both listed: ${numbers}`);
      expect(!(await page.$(`[data-test="voided-${replacement.documentNo}"]`)), 'the replacement is not voided');
      expect(!(await page.$(`[data-test="reissue-${pre.record.documentNo}"]`)), 'a voided document is not reissued again');
      const table = await page.textContent('[data-test=documents-table]');
      expect(table.includes('被询问人职务记录有误'), `the reason is shown: ${table}`);
      await printed(replacement, 'the reissued 笔录');
      await checked(page, '案卷（文书重新制作）');
    });

    // One step of the 程序 panel: pick the action, fill its fields, record it; the service's answer must be 2xx.
    const procedureStep = async (label, fill) => {
      // the panel and the case reload after each step: choose the next one only once they have
      await page.waitForLoadState('networkidle');
      await page.click('[data-test=procedure-action]');
      await page.click(`.el-select-dropdown__item:visible:has-text("${label}")`);
      await fill?.();
      const answered = page.waitForResponse((r) => /\/procedure\/[a-z/-]+$/.test(r.url()) && r.request().method() === 'POST');
      await page.click('[data-test=procedure-submit]');
      const r = await answered;
      expect(r.status() < 300, `${label}: ${r.status()} ${r.status() < 300 ? '' : await r.text()}`);
      await page.waitForSelector('[data-test=case-procedure]');
    };

    await step('程序 before the payment day: no 催告 offered yet, the court application waits and the panel says why', async () => {
      await page.waitForSelector('[data-test=case-procedure]');
      await page.click('[data-test=procedure-action]');
      await page.waitForSelector('.el-select-dropdown__item:visible:has-text("登记暂缓")');
      const offered = await page.$$eval('.el-select-dropdown__item:visible', (els) => els.map((e) => e.textContent.trim()));
      await page.keyboard.press('Escape');
      expect(offered.includes('登记暂缓 / 分期缴纳申请') && !offered.includes('送达催告书'), `offered: ${offered}`);
      const blocker = await page.textContent('[data-test=procedure-enforcement-blocker]');
      expect(blocker.includes('暂不能申请法院强制执行') && blocker.includes('复议、诉讼期限尚未届满'), `why: ${blocker}`);
      // 15 days after service, moved to the next working day when that is a day off (ADR 0044): the service's count
      const state = (await api(city, 'GET', `/api/v1/cases/${pre.caseId}/procedure`)).state;
      expect(state.paymentDue >= beijingDay(15), `payment due no earlier than 15 days after service: ${state.paymentDue}`);
      expect((await page.textContent('[data-test=due-payment]')) === state.paymentDue, `the panel shows it: ${state.paymentDue}`);
    });

    await step('分期: the party applies, the city approves three instalments adding up to the fine, each listed with its due day', async () => {
      await procedureStep('登记暂缓 / 分期缴纳申请', async () => {
        await page.fill('input[data-test=field-reason]', '主要生产线停产检修，流动资金不足，申请分三期缴纳');
      });
      const amounts = threeInstalments(pre.fine);
      const days = [30, 60, 90].map((d) => beijingDay(d));
      await procedureStep('审批暂缓 / 分期缴纳', async () => {
        await page.fill('input[data-test=field-approver]', '局长 李某');
        await page.fill('textarea[data-test=field-instalments]', days.map((d, i) => `${d} ${amounts[i]}`).join('\n'));
        const total = await page.textContent('[data-test=instalments-total]');
        expect(total.includes('合计') && !total.includes('格式'), `the running total: ${total}`);
      });
      await page.waitForSelector('[data-test=procedure-step]:has-text("分期")'); // the panel reloads after the step
      await page.waitForLoadState('networkidle');
      for (const [i, d] of days.entries()) {
        expect((await page.textContent(`[data-test=due-instalment-${i + 1}]`)) === d, `instalment ${i + 1} due ${d}`);
        const label = await page.textContent(`[data-test=row-instalment-${i + 1}]`);
        expect(label.includes(`第 ${i + 1} 期`), `its row: ${label}`);
      }
      expect((await page.textContent('[data-test=due-payment]')).trim() === '', 'the fine\'s own payment day no longer counts');
      await checked(page, '案卷（分期缴纳）');
      // the first instalment paid, from the case page as an officer opens it that day
      await page.reload();
      await page.waitForSelector('[data-test=case-procedure] [data-test=procedure-form]');
      await procedureStep('登记分期缴纳', async () => {
        await page.fill('[data-test=field-amountYuan] input', amounts[0]);
      });
      await page.waitForSelector(`[data-test=done-instalment-1]:has-text("${beijingDay(0)}")`); // paid today
      const procedure = await api(city, 'GET', `/api/v1/cases/${pre.caseId}/procedure`);
      expect(procedure.state.nextDue === days[1] && procedure.state.nextDueKind === 'INSTALMENT', `next: ${procedure.state.nextDue}`);
      await page.$eval('[data-test=case-procedure]', (el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(shots, 'console-case-instalments.png') });
      expect(problems.length === 0, `no script error or CSP violation: ${problems.join(' | ')}`);
    });
  } finally {
    await context.close();
  }
}
