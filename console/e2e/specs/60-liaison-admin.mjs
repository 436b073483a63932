// 联络员 and 用户与接入 as Taiyuan's administrator: the liaison directory (附件4) with a field error next to the field
// it names, then a new liaison shown as the service masks it; a submission against a deadline; a COUNTY user for
// 140105 created (a bad password first: the provider's problem+json under the password field), then disabled.
// axe on every screen; the README's screenshots of 联络员 and 用户.
import { join } from 'node:path';
import { accessible, demoUser, expect, gateway, shots, signIn, step, watch } from '../lib.mjs';

async function fieldError(page, input) {
  return page.$eval(`[data-test=${input}]`, (el) => el.closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim() ?? '');
}

async function confirmBox(page) {
  await page.click('.el-message-box .el-button--primary');
}

export default async function liaisonAdmin(browser) {
  const who = demoUser('ty-admin');
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const { problems, apiCalls, expected } = watch(page);
  const stamp = Date.now().toString(36);
  let createdUser;
  try {
    await step('ty-admin opens 联络员: the directory of Taiyuan, filtered on the server', async () => {
      await signIn(page, who, `${gateway}/console/`, /\/console\/dashboard/);
      await page.click('[data-menu=liaison]');
      await page.waitForURL(/\/console\/liaison\/contacts/);
      await page.waitForSelector('[data-test=contacts]');
      // Precondition: Taiyuan has no active enforcement liaison (one per city), so this spec can register one.
      const token = apiCalls.find((c) => c.authorization.startsWith('Bearer '))?.authorization;
      const existing = await (
        await fetch(`${gateway}/api/v1/liaisons?division=140100&role=ENFORCEMENT&size=50`, { headers: { Authorization: token } })
      ).json();
      for (const c of existing.items ?? []) {
        const gone = await fetch(`${gateway}/api/v1/liaisons/${c.id}`, { method: 'DELETE', headers: { Authorization: token } });
        expect(gone.status === 204, `deactivated ${c.id}: ${gone.status}`);
      }
    });

    await step('a liaison with a bad phone number: the service names the field and the form shows it next to it', async () => {
      await page.click('[data-test=add-contact]');
      await page.waitForSelector('[data-test=contact-personName]');
      await page.fill('[data-test=contact-divisionCode]', '140100');
      await page.fill('[data-test=contact-personName]', `联络员${stamp}`);
      await page.fill('[data-test=contact-organisation]', '太原市生态环境综合行政执法队');
      await page.fill('[data-test=contact-position]', '科长');
      await page.fill('[data-test=contact-phone-input]', '12345');
      await page.fill('[data-test=contact-email]', 'liaison.ty@example.gov.cn');
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/liaisons') && r.request().method() === 'POST');
      await page.click('[data-test=contact-save]');
      const refused = await answered;
      const problem = await refused.json();
      expect(refused.status() === 400 && problem.errors.some((e) => e.field === 'phone'), `a phone problem: ${JSON.stringify(problem)}`);
      await page.waitForFunction(() => document.querySelector('[data-test=contact-phone-input]')?.closest('.el-form-item')?.querySelector('.el-form-item__error'));
      const phoneError = await fieldError(page, 'contact-phone-input');
      const named = problem.errors.filter((e) => e.field === 'phone').map((e) => e.message).join('；');
      expect(phoneError === named, `the service's message under the phone field: ${phoneError} vs ${named}`);
      expect((await fieldError(page, 'contact-personName')) === '', 'no error next to a good field');
      expected(/400 POST .*\/api\/v1\/liaisons$/);
    });

    await step('corrected, the liaison is registered and listed as the service answers it (masked without pii:read)', async () => {
      await page.fill('[data-test=contact-phone-input]', '13912345678');
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/liaisons') && r.request().method() === 'POST');
      await page.click('[data-test=contact-save]');
      const created = await (await answered).json();
      expect(created.personName === `联络员${stamp}`, `created: ${JSON.stringify(created)}`);
      await page.fill('[data-test=filter-division]', '140100');
      const listed = page.waitForResponse((r) => r.url().includes('/api/v1/liaisons?') && r.url().includes('division=140100'));
      await page.click('[data-test=search]');
      const body = await (await listed).json();
      expect(body.items.every((c) => c.divisionCode.startsWith('1401')), 'only Taiyuan liaisons');
      const mine = body.items.find((c) => c.id === created.id);
      await page.waitForSelector(`[data-test=contacts] tr:has-text("联络员${stamp}")`);
      const phone = (await page.textContent(`[data-test=contacts] tr:has-text("联络员${stamp}") [data-test=contact-phone]`)).trim();
      expect(phone === mine.phone, `the phone as the service answered it: ${phone} vs ${mine.phone}`);
      if (mine.phone.includes('*')) await page.waitForSelector('[data-test=masked-note]');
      await accessible(page, '联络员');
      await page.screenshot({ path: join(shots, 'console-liaison.png'), fullPage: true });
    });

    await step('报送: Taiyuan submits a document against a deadline and sees its submission and the city status', async () => {
      await page.click('[data-test=tab-deadlines]');
      await page.waitForURL(/\/console\/liaison\/deadlines/);
      await page.waitForSelector('[data-test=deadlines] .el-table__row');
      await page.click('[data-test=deadlines] .el-table__row:first-child');
      await page.waitForSelector('[data-test=deadline-status]');
      await page.click('[data-test=submit-open]');
      await page.setInputFiles('[data-test=submit-file]', {
        name: `工作方案-${stamp}.pdf`,
        mimeType: 'application/pdf',
        buffer: Buffer.from(`%PDF-1.4 太原市工作方案 ${stamp}`),
      });
      await page.waitForSelector('[data-test=submit-digest]');
      await page.fill('[data-test=submit-note]', '按通知要求报送');
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/submissions') && r.request().method() === 'POST');
      await page.click('[data-test=submit-save]');
      const response = await answered;
      expect(response.status() < 300, `submitted: ${response.status()} ${await response.text()}`);
      expect(response.request().headers()['idempotency-key']?.length > 0, 'sent with an Idempotency-Key');
      await page.waitForSelector(`[data-test=submissions] tr:has-text("工作方案-${stamp}.pdf")`);
      const statuses = await page.$$eval('[data-test=deadline-status] [data-test=city-status]', (tags) => tags.map((t) => t.textContent.trim()));
      expect(statuses.some((s) => s === '按时报送' || s === '逾期报送'), `Taiyuan's status counts the submission: ${statuses.join(',')}`);
      await accessible(page, '报送');
    });

    await step('用户与接入: a COUNTY user for 140105 — a bad password is refused next to the password field', async () => {
      await page.click('[data-menu=admin]');
      await page.waitForURL(/\/console\/admin\/users/);
      await page.waitForSelector('[data-test=users]');
      await page.click('[data-test=create-user]');
      await page.waitForSelector('[data-test=user-username]');
      await page.fill('[data-test=user-username]', `xd-e2e-${stamp}`);
      await page.fill('[data-test=user-displayName]', '小店区测试用户');
      await page.fill('[data-test=user-division]', '140105');
      await page.fill('[data-test=user-password]', 'short');
      const answered = page.waitForResponse((r) => r.url().endsWith('/auth/api/v1/users') && r.request().method() === 'POST');
      await page.click('[data-test=user-save]');
      const refused = await answered;
      const problem = await refused.json();
      expect(refused.status() === 400 && problem.errors.some((e) => e.field === 'password'), `a password problem: ${JSON.stringify(problem)}`);
      await page.waitForFunction(() => document.querySelector('[data-test=user-password]')?.closest('.el-form-item')?.querySelector('.el-form-item__error'));
      const message = await fieldError(page, 'user-password');
      const named = problem.errors.filter((e) => e.field === 'password').map((e) => e.message).join('；');
      expect(message === named, `the provider's message under the field: ${message} vs ${named}`);
      expect((await fieldError(page, 'user-username')) === '', 'no error next to the username');
    });

    await step('with a good password the user is created, listed, and disabled', async () => {
      await page.fill('[data-test=user-password]', `Xiaodian#${stamp}2027`);
      const answered = page.waitForResponse((r) => r.url().endsWith('/auth/api/v1/users') && r.request().method() === 'POST');
      await page.click('[data-test=user-save]');
      const created = await (await answered).json();
      expect(created.role === 'COUNTY' && created.division === '140105', `created: ${JSON.stringify(created)}`);
      await page.fill('[data-test=filter-q]', `xd-e2e-${stamp}`);
      await page.click('[data-test=search]');
      const row = `[data-test=users] tr:has-text("xd-e2e-${stamp}")`;
      await page.waitForSelector(`${row} [data-test=user-state]:has-text("启用")`);
      await accessible(page, '用户');
      await page.screenshot({ path: join(shots, 'console-users.png'), fullPage: true });
      await page.click(`${row} [data-test=user-disable]`);
      const disabled = page.waitForResponse((r) => r.url().endsWith(`/auth/api/v1/users/${created.id}/disable`));
      await confirmBox(page);
      expect((await disabled).status() < 300, 'the provider disabled the user');
      await page.waitForSelector(`${row} [data-test=user-state]:has-text("停用")`);
      await page.waitForSelector(`${row} [data-test=user-enable]`);
      createdUser = created;
    });

    await step("the provider's audit log shows the disabling, filtered on the server", async () => {
      await page.click('[data-test=tab-audit]');
      await page.waitForURL(/\/console\/admin\/audit/);
      await page.fill('[data-test=filter-action]', 'user.disable');
      await page.click('[data-test=search]');
      await page.waitForURL(/action=user\.disable/);
      const rows = `[data-test=audit] tr:has-text("user.disable")`;
      await page.waitForSelector(rows);
      const texts = await page.$$eval(rows, (trs) => trs.map((tr) => tr.textContent));
      expect(
        texts.some((t) => t.includes(createdUser.username) || t.includes(createdUser.id) || t.includes(createdUser.subject ?? '\u0000')),
        `the disabling of ${createdUser.username} is audited: ${texts.slice(0, 3).join(' / ')}`,
      );
      await accessible(page, '审计日志');
      expect(problems.length === 0, `no script error or CSP violation: ${problems.join(' | ')}`);
    });
  } finally {
    await context.close();
  }
}
