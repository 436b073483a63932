import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';

// The service's answers as its contract gives them (docs/api/inspection-service.json).
const get = vi.fn();
const post = vi.fn();
vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  inspectionApi: { GET: (...args: unknown[]) => get(...args), POST: (...args: unknown[]) => post(...args) },
}));

import CaseProcedure from './CaseProcedure.vue';
import { FIELDS, actionPath, body, isDateField, nextInstalment, parseInstalments, stepOf, stepRows, totalFen, type Procedure } from './procedureRules';

const detail = { id: 'c1', status: 'DECIDED' as const, proposals: [{ id: 'p1' }], decisions: [{ id: 'd1', kind: 'FINE' as const }] };

// A fine of 200000 served by post on 2026-10-22: due 11-06 (15 days); on 11-09 it is 3 days late,
// 200000 × 3 % × 3 = 18000 (the service computes it; the panel shows it).
const served: Procedure = {
  today: '2026-11-09',
  allowedActions: ['payment'],
  overdue: true,
  daysLate: 3,
  surchargeYuanToday: 18000,
  history: [],
  state: {
    caseId: 'c1',
    step: 'SERVED',
    openedOn: '2026-09-30',
    caseDue: '2027-01-05',
    noticeServedOn: '2026-09-30',
    statementDue: '2026-10-10',
    hearingRequestDue: '2026-10-13',
    hearingEligible: true,
    hearingRequestedOn: '2026-10-13',
    hearingHeldOn: '2026-10-20',
    reviewRequired: true,
    reviewedOn: '2026-10-20',
    discussionRequired: true,
    discussedOn: '2026-10-20',
    decidedOn: '2026-10-20',
    decisionKind: 'FINE',
    fineYuan: 200000,
    serviceDue: '2026-10-29',
    servedOn: '2026-10-22',
    paymentDue: '2026-11-06',
    enforcementFrom: '2027-04-23',
    enforcementUntil: '2027-07-22',
    nextDue: '2026-11-06',
    nextDueKind: 'PAYMENT',
  },
} as Procedure;

describe('the procedure panel', () => {
  it('shows each step with its date and deadline, the overdue payment and its surcharge, and records the payment', async () => {
    get.mockResolvedValue({ data: served });
    post.mockResolvedValue({ data: { ...served, allowedActions: [] } });
    const wrapper = mount(CaseProcedure, { props: { detail } });
    await flushPromises();

    expect(wrapper.find('[data-test=done-notice]').text()).toBe('2026-09-30');
    expect(wrapper.find('[data-test=due-hearingRequest]').text()).toBe('2026-10-13');
    expect(wrapper.find('[data-test=due-payment]').text()).toBe('2026-11-06');
    expect(wrapper.find('[data-test=overdue-payment]').exists()).toBe(true);
    expect(wrapper.find('[data-test=overdue-service]').exists()).toBe(false); // served 10-22, before 10-29
    expect(wrapper.find('[data-test=procedure-surcharge]').text()).toContain('18,000');

    await wrapper.find('[data-test=procedure-form]').trigger('submit');
    await flushPromises();
    expect(post).toHaveBeenCalledWith('/api/v1/cases/{id}/procedure/payment', {
      params: { path: { id: 'c1' } },
      body: { paidOn: '2026-11-09' },
    });
    expect(wrapper.emitted('changed')).toHaveLength(1);
    wrapper.unmount();
  });

  it("shows the service's refusal next to the field it names", async () => {
    get.mockResolvedValue({ data: served });
    post.mockResolvedValue({
      error: {
        type: 'about:blank', title: 'Unprocessable', status: 422, code: 'payment-amount-mismatch',
        detail: '应缴 218000 元', errors: [{ field: 'amountYuan', message: 'must be 218000' }],
      },
    });
    const wrapper = mount(CaseProcedure, { props: { detail } });
    await flushPromises();
    await wrapper.find('[data-test=procedure-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=problem]').text()).toContain('应缴 218000 元');
    const item = wrapper.find('[data-test=field-amountYuan]').element.closest('.el-form-item')!;
    await vi.waitFor(() => expect(item.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('must be 218000'), {
      timeout: 3_000,
    });
    expect(wrapper.emitted('changed')).toBeUndefined();
    wrapper.unmount();
  });

  it('takes every day field as a date, the statement\'s `on` too (a text box there sent no day: 400 on)', () => {
    expect(FIELDS.statement.filter(isDateField)).toEqual(['on']);
    expect(FIELDS.review.filter(isDateField)).toEqual(['reviewedOn', 'discussedOn']);
    expect(FIELDS.extension.filter(isDateField)).toEqual([]);
  });

  it('marks a deadline counted on a year not yet published as 暂定 with the service\'s reason', async () => {
    // Notice served Monday 2026-12-28 without the 2027 arrangement: statement due 12-31 (final), hearing request
    // due 2027-01-05 (provisional); the service names it and says why, the panel only shows it.
    const provisional = {
      today: '2027-01-06',
      allowedActions: ['statement', 'hearing-request', 'review', 'extension'],
      overdue: false,
      daysLate: 0,
      surchargeYuanToday: 0,
      fineDecisionBlocker: 'workday-calendar-provisional',
      history: [],
      state: {
        caseId: 'c1',
        step: 'NOTICE_SERVED',
        openedOn: '2026-12-28',
        caseDue: '2027-03-28',
        noticeServedOn: '2026-12-28',
        statementDue: '2026-12-31',
        hearingRequestDue: '2027-01-05',
        hearingEligible: true,
        nextDue: '2027-03-28',
        nextDueKind: 'DECISION',
        provisionalDeadlines: ['hearingRequestDue'],
        provisionalReason: '国务院办公厅2027年部分节假日安排尚未载入',
      },
    } as Procedure;
    expect(stepRows(provisional).filter((r) => r.provisional).map((r) => r.key)).toEqual(['hearingRequest']);
    get.mockResolvedValue({ data: provisional });
    const wrapper = mount(CaseProcedure, { props: { detail: { ...detail, status: 'OPEN' as const, decisions: [] } } });
    await flushPromises();
    expect(wrapper.find('[data-test="provisional-hearingRequest"]').text()).toBe('暂定');
    expect(wrapper.find('[data-test="provisional-statement"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="procedure-provisional"]').text()).toContain('2027年部分节假日安排尚未载入');
  });

  it('marks the case limit overdue before the decision and builds the notice body with the latest proposal', () => {
    const investigating = {
      today: '2026-12-31',
      allowedActions: ['notice', 'extension', 'decision'],
      state: { step: 'INVESTIGATING', openedOn: '2026-09-30', caseDue: '2026-12-29' },
    } as Procedure;
    const decision = stepRows(investigating).find((r) => r.key === 'decision');
    expect(decision).toEqual({ key: 'decision', done: undefined, due: '2026-12-29', overdue: true });
    expect(body('notice', { servedOn: '2026-12-31', method: 'DIRECT', amountYuan: '' }, 'p9')).toEqual({
      servedOn: '2026-12-31',
      method: 'DIRECT',
      proposalId: 'p9',
    });
  });

  // A fine of 200000 served 2026-03-19, deferral approved 03-27 in three instalments (docs/inspection/cases.md):
  // 66666.67 on 04-30 (paid), 66666.67 on 05-31 (2 days late on 06-02), 66666.66 on 06-30.
  const instalments: Procedure = {
    today: '2026-06-02',
    allowedActions: ['instalment-payment'],
    overdue: true,
    daysLate: 0,
    surchargeYuanToday: 0,
    history: [],
    instalments: [
      { seq: 1, dueOn: '2026-04-30', amountYuan: 66666.67, paidOn: '2026-04-30', paidYuan: 66666.67, surchargeYuan: 0, overdue: false, surchargeYuanToday: 0 },
      { seq: 2, dueOn: '2026-05-31', amountYuan: 66666.67, overdue: true, surchargeYuanToday: 4000 },
      { seq: 3, dueOn: '2026-06-30', amountYuan: 66666.66, overdue: false, surchargeYuanToday: 0 },
    ],
    state: {
      caseId: 'c1',
      procedureStep: 'INSTALMENTS',
      openedOn: '2026-03-10',
      decidedOn: '2026-03-10',
      fineYuan: 200000,
      servedOn: '2026-03-19',
      paymentDue: '2026-04-03',
      enforcementFrom: '2026-09-20',
      enforcementUntil: '2026-12-19',
      deferralAppliedOn: '2026-03-25',
      deferralDecidedOn: '2026-03-27',
      deferralApproved: true,
      nextDue: '2026-05-31',
      nextDueKind: 'INSTALMENT',
    },
  } as Procedure;

  it('lists each instalment with its due day, marks the late one and no longer the replaced payment day', () => {
    const rows = stepRows(instalments);
    expect(rows.find((r) => r.key === 'payment')).toMatchObject({ due: undefined, overdue: false });
    expect(rows.find((r) => r.key === 'deferralApproved')?.done).toBe('2026-03-27');
    expect(rows.filter((r) => r.label === 'instalment').map((r) => [r.key, r.due, r.done, r.overdue])).toEqual([
      ['instalment-1', '2026-04-30', '2026-04-30', false],
      ['instalment-2', '2026-05-31', undefined, true],
      ['instalment-3', '2026-06-30', undefined, false],
    ]);
    expect(nextInstalment(instalments)?.seq).toBe(2);
    // contract 1.0.0's step enum has no INSTALMENTS: the panel reads procedureStep
    expect(stepOf(instalments)).toBe('INSTALMENTS');
    expect(stepOf({ state: { step: 'SERVED' } } as Procedure)).toBe('SERVED');
  });

  it('shows the urge with the party\'s last day and the application window from its opening day', () => {
    const urged = {
      today: '2026-10-16',
      allowedActions: ['payment'],
      enforcementBlocker: 'urge-window-open',
      state: {
        procedureStep: 'URGED', decidedOn: '2026-03-10', paymentDue: '2026-04-03', urgeServedOn: '2026-09-28', urgeDue: '2026-10-16',
        enforcementFrom: '2026-09-20', enforcementOpensOn: '2026-10-17', enforcementUntil: '2026-12-19',
      },
    } as Procedure;
    const rows = stepRows(urged);
    expect(rows.find((r) => r.key === 'urge')).toMatchObject({ done: '2026-09-28', due: '2026-10-16' });
    expect(rows.find((r) => r.key === 'enforcement')).toMatchObject({ due: '2026-10-17 – 2026-12-19', overdue: false });
    // a day after the application's last day with nothing applied: the bureau is late
    expect(stepRows({ ...urged, today: '2026-12-20' }).find((r) => r.key === 'enforcement')?.overdue).toBe(true);
  });

  it('reads the typed schedule as decimal text, totals it in fen and points at a bad line', () => {
    expect(parseInstalments('2026-04-30 66666.67\n2026-05-31 66666.67；2026-06-30，66666.66\n')).toEqual({
      instalments: [
        { dueOn: '2026-04-30', amountYuan: '66666.67' },
        { dueOn: '2026-05-31', amountYuan: '66666.67' },
        { dueOn: '2026-06-30', amountYuan: '66666.66' },
      ],
    });
    // 6666667 + 6666667 + 6666666 fen = 20000000 fen = 200000.00 yuan exactly (0.1 + 0.2 style float error impossible)
    expect(totalFen(['66666.67', '66666.67', '66666.66'])).toBe(20_000_000);
    expect(totalFen(['0.1', '0.2'])).toBe(30);
    expect(parseInstalments('2026-04-30 100000\n2026-05-31 100000.005').bad).toBe(2);
    expect(actionPath('deferral-decision')).toBe('deferral/decision');
    expect(actionPath('urge')).toBe('urge');
    expect(body('deferral-decision', { decidedOn: '2026-03-27', approved: true, approver: '局长 李某', instalments: '2026-04-30 66666.67\n2026-05-31 133333.33' })).toEqual({
      decidedOn: '2026-03-27',
      approved: true,
      approver: '局长 李某',
      instalments: [
        { dueOn: '2026-04-30', amountYuan: 66666.67 },
        { dueOn: '2026-05-31', amountYuan: 133333.33 },
      ],
    });
    expect(body('deferral-decision', { decidedOn: '2026-03-27', approved: false, approver: '局长 李某', instalments: 'x' })).toEqual({
      decidedOn: '2026-03-27',
      approved: false,
      approver: '局长 李某',
    });
  });

  it('records the next instalment by default and posts the approval to its own path', async () => {
    get.mockResolvedValue({ data: instalments });
    post.mockResolvedValue({ data: instalments });
    const wrapper = mount(CaseProcedure, { props: { detail } });
    await flushPromises();
    expect(wrapper.find('[data-test=due-instalment-2]').text()).toBe('2026-05-31');
    expect(wrapper.find('[data-test=overdue-instalment-2]').exists()).toBe(true);
    expect(wrapper.find('[data-test=overdue-instalment-3]').exists()).toBe(false);
    await wrapper.find('[data-test=procedure-form]').trigger('submit');
    await flushPromises();
    expect(post).toHaveBeenCalledWith('/api/v1/cases/{id}/procedure/instalment-payment', {
      params: { path: { id: 'c1' } },
      body: { seq: 2, paidOn: '2026-06-02' },
    });
    wrapper.unmount();

    post.mockClear();
    const pending = {
      ...instalments,
      instalments: [],
      allowedActions: ['deferral-decision'],
      state: { ...instalments.state, step: 'SERVED', procedureStep: 'SERVED', deferralDecidedOn: undefined, deferralApproved: undefined },
    } as Procedure;
    get.mockResolvedValue({ data: pending });
    const form = mount(CaseProcedure, { props: { detail } });
    await flushPromises();
    await form.find('textarea[data-test=field-instalments], [data-test=field-instalments] textarea').setValue('2026-04-30 100000\n2026-05-31 100000');
    expect(form.find('[data-test=instalments-total]').text()).toContain('200,000');
    await form.find('[data-test=procedure-form]').trigger('submit');
    await flushPromises();
    expect(post).toHaveBeenCalledWith('/api/v1/cases/{id}/procedure/deferral/decision', {
      params: { path: { id: 'c1' } },
      body: {
        decidedOn: '2026-06-02',
        approved: true,
        instalments: [
          { dueOn: '2026-04-30', amountYuan: 100000 },
          { dueOn: '2026-05-31', amountYuan: 100000 },
        ],
      },
    });
    form.unmount();
  });
});
