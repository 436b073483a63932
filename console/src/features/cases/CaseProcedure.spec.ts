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
import { FIELDS, body, isDateField, stepRows, type Procedure } from './procedureRules';

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
});
