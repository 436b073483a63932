// The procedure (程序) panel's reading of GET /cases/{id}/procedure: which steps to show with their dates and
// deadlines, which are overdue, and the form fields of each action. The service decides what is allowed
// (`allowedActions`, `fineDecisionBlocker`); nothing here re-derives a legal rule (docs/inspection/cases.md#procedure).
import type { components } from '../../api/generated/inspection-service';

export type Procedure = components['schemas']['ProcedureViewsProcedure'];
export type ProcedureState = components['schemas']['ProcedureState'];
export type ProcedureAction =
  | 'notice'
  | 'statement'
  | 'hearing-request'
  | 'hearing'
  | 'review'
  | 'service'
  | 'payment'
  | 'deferral'
  | 'deferral-decision'
  | 'instalment-payment'
  | 'urge'
  | 'enforcement'
  | 'extension'
  | 'suspension'
  | 'resumption'
  | 'termination';
export type Instalment = components['schemas']['ProcedureViewsInstalment'];

/** The actions this panel offers (the decision itself stays in the case's actions). */
export const PANEL_ACTIONS: ProcedureAction[] = [
  'notice',
  'statement',
  'hearing-request',
  'hearing',
  'review',
  'service',
  'payment',
  'deferral',
  'deferral-decision',
  'instalment-payment',
  'urge',
  'enforcement',
  'extension',
  'suspension',
  'resumption',
  'termination',
];

/** The step, as the open `procedureStep` (contract 1.0.0's `step` enum is absent for steps added since: ADR 0045). */
export function stepOf(p: Procedure): string {
  return p.state?.procedureStep ?? p.state?.step ?? '';
}

/** The path segment of an action under /cases/{id}/procedure/ (the bureau's answer to a deferral is a sub-resource). */
export function actionPath(a: ProcedureAction): string {
  return a === 'deferral-decision' ? 'deferral/decision' : a;
}

export interface StepRow {
  key: string;
  label?: string; // the message key when several rows share one (instalments)
  args?: Record<string, unknown>;
  done?: string; // the day it happened
  due?: string; // its deadline
  overdue: boolean;
  /** the deadline reaches a year whose State Council holiday arrangement is not loaded yet: 暂定 (ADR 0044) */
  provisional?: boolean;
}

/** The rows of the panel: each step with the day it happened and its deadline; overdue = due before today, not done. */
export function stepRows(p: Procedure): StepRow[] {
  const s = (p.state ?? {}) as ProcedureState;
  const today = p.today ?? '';
  const late = (due?: string, done?: string) => !!due && !done && due < today;
  const rows: StepRow[] = [
    { key: 'opened', done: s.openedOn, overdue: false },
    { key: 'notice', done: s.noticeServedOn, overdue: false },
    { key: 'statement', done: s.statementOn, due: s.statementDue, overdue: false },
  ];
  if (s.hearingEligible) {
    rows.push({ key: 'hearingRequest', done: s.hearingRequestedOn, due: s.hearingRequestDue, overdue: false });
  }
  if (s.hearingRequestedOn) rows.push({ key: 'hearing', done: s.hearingHeldOn, overdue: false });
  if (s.reviewRequired || s.reviewedOn) rows.push({ key: 'review', done: s.reviewedOn, overdue: false });
  if (s.discussionRequired || s.discussedOn) rows.push({ key: 'discussion', done: s.discussedOn, overdue: false });
  rows.push({ key: 'decision', done: s.decidedOn, due: s.caseDue, overdue: late(s.caseDue, s.decidedOn) });
  if (s.decidedOn) rows.push({ key: 'service', done: s.servedOn, due: s.serviceDue, overdue: late(s.serviceDue, s.servedOn) });
  if (s.suspendedSince) rows.push({ key: 'suspended', done: s.suspendedSince, overdue: false });
  if (s.terminatedOn) rows.push({ key: 'terminated', done: s.terminatedOn, overdue: false });
  // an approved deferral replaces the fine's payment day by the instalments' own
  const deferred = s.deferralApproved === true;
  if (s.paymentDue) {
    const due = deferred ? undefined : s.paymentDue;
    rows.push({ key: 'payment', done: s.paidOn, due, overdue: late(due, s.paidOn) });
  }
  if (s.deferralAppliedOn) rows.push({ key: 'deferral', done: s.deferralAppliedOn, overdue: false });
  if (s.deferralDecidedOn) rows.push({ key: deferred ? 'deferralApproved' : 'deferralRefused', done: s.deferralDecidedOn, overdue: false });
  for (const i of p.instalments ?? []) {
    rows.push({ key: `instalment-${i.seq}`, label: 'instalment', args: { seq: i.seq, amount: i.amountYuan }, done: i.paidOn, due: i.dueOn, overdue: i.overdue === true });
  }
  if (s.urgeServedOn) rows.push({ key: 'urge', done: s.urgeServedOn, due: s.urgeDue, overdue: false });
  if (s.enforcementFrom) {
    const opens = s.enforcementOpensOn ?? s.enforcementFrom;
    const applied = s.enforcementAppliedOn ?? s.paidOn;
    rows.push({
      key: 'enforcement',
      done: s.enforcementAppliedOn,
      due: `${opens} – ${s.enforcementUntil}`,
      // the bureau's own deadline once it has urged: the last day of the application
      overdue: !!s.urgeServedOn && late(s.enforcementUntil, applied),
    });
  }
  // The service names the deadlines it counted provisionally; the panel only marks them.
  const provisional = new Set(s.provisionalDeadlines ?? []);
  const field: Record<string, string> = {
    statement: 'statementDue',
    hearingRequest: 'hearingRequestDue',
    service: 'serviceDue',
    payment: 'paymentDue',
  };
  return rows.map((r) => {
    const name = field[r.key];
    return name && provisional.has(name) ? { ...r, provisional: true } : r;
  });
}

/** The form fields of an action, in order; dates are YYYY-MM-DD. */
export const FIELDS: Record<ProcedureAction, string[]> = {
  notice: ['servedOn', 'method', 'amountYuan'],
  statement: ['on', 'waived', 'hearingWaived', 'summary'],
  'hearing-request': ['requestedOn'],
  hearing: ['heldOn', 'outcome'],
  review: ['reviewedOn', 'reviewer', 'opinion', 'discussedOn', 'discussionNote'],
  service: ['servedOn', 'method'],
  payment: ['paidOn', 'amountYuan'],
  deferral: ['appliedOn', 'reason'],
  'deferral-decision': ['decidedOn', 'approved', 'approver', 'instalments'],
  'instalment-payment': ['seq', 'paidOn', 'amountYuan'],
  urge: ['servedOn', 'method'],
  enforcement: ['appliedOn', 'court', 'courtCaseNo'],
  extension: ['days', 'reason', 'collectiveDiscussion'],
  suspension: ['on', 'reason'],
  resumption: ['on', 'reason'],
  termination: ['on', 'reason'],
};

/**
 * The schedule typed in the approval form, one instalment a line: `YYYY-MM-DD amount` (yuan, at most two decimals).
 * Amounts stay decimal strings — never a float — and go to the service as JSON numbers written from those strings;
 * the service checks that they add up to the fine (422 instalments-sum-mismatch). A line that does not parse is
 * returned as `bad` with its number, so the form can say which.
 */
export function parseInstalments(text: string): { instalments: { dueOn: string; amountYuan: string }[]; bad?: number } {
  const instalments: { dueOn: string; amountYuan: string }[] = [];
  const lines = text.split(/[\n;；]/).map((l) => l.trim()).filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const m = /^(\d{4}-\d{2}-\d{2})[\s,，]+(\d+(?:\.\d{1,2})?)$/.exec(line);
    if (!m?.[1] || !m[2]) return { instalments, bad: i + 1 };
    instalments.push({ dueOn: m[1], amountYuan: m[2] });
  }
  return { instalments };
}

/** Sum of decimal yuan strings in fen (integers: exact), for the form's running total against the fine. */
export function totalFen(amounts: string[]): number {
  return amounts.reduce((sum, a) => {
    const [whole, frac = ''] = a.split('.');
    return sum + Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  }, 0);
}

/** The first instalment not yet paid: the one the payment form is for. */
export function nextInstalment(p: Procedure): Instalment | undefined {
  return (p.instalments ?? []).find((i) => !i.paidOn);
}

export const SERVICE_METHODS = [
  'DIRECT',
  'LEFT_AT_PREMISES',
  'ENTRUSTED',
  'MAIL',
  'FORWARDED',
  'ELECTRONIC',
  'PUBLIC_NOTICE',
] as const;

/** The request body of an action from the form's values: empty fields left out, the notice's proposal added. */
/** Whether a form field is a day (YYYY-MM-DD, a date picker defaulting to today): `on` and every `…On`. */
export function isDateField(f: string): boolean {
  return f === 'on' || f.endsWith('On');
}

export function body(action: ProcedureAction, values: Record<string, unknown>, proposalId?: string) {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS[action]) {
    const v = values[f];
    if (v !== '' && v !== undefined && v !== null) out[f] = v;
  }
  if (action === 'notice' && proposalId) out.proposalId = proposalId;
  if (action === 'deferral-decision') {
    if (out.approved === true) {
      // JSON numbers from the typed decimal text: 66666.67 stays 66666.67 on the wire (no arithmetic here)
      out.instalments = parseInstalments(String(values.instalments ?? '')).instalments.map((i) => ({
        dueOn: i.dueOn,
        amountYuan: Number(i.amountYuan),
      }));
    } else {
      delete out.instalments;
    }
  }
  return out;
}
