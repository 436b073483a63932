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
  | 'enforcement'
  | 'extension';

/** The actions this panel offers (the decision itself stays in the case's actions). */
export const PANEL_ACTIONS: ProcedureAction[] = [
  'notice',
  'statement',
  'hearing-request',
  'hearing',
  'review',
  'service',
  'payment',
  'enforcement',
  'extension',
];

export interface StepRow {
  key: string;
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
  if (s.paymentDue) rows.push({ key: 'payment', done: s.paidOn, due: s.paymentDue, overdue: late(s.paymentDue, s.paidOn) });
  if (s.enforcementFrom) {
    rows.push({ key: 'enforcement', done: s.enforcementAppliedOn, due: `${s.enforcementFrom} – ${s.enforcementUntil}`, overdue: false });
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
  enforcement: ['appliedOn', 'court'],
  extension: ['days', 'reason', 'collectiveDiscussion'],
};

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
  return out;
}
