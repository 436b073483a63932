// What an officer may do next on a case, and the case's history as a timeline. The service decides (409 with a
// stable code when a state change is illegal, 403 for a role); the console only offers what the case's state and the
// caller's role allow, so an officer is not invited to press a button that must fail. The states are those of
// docs/inspection/cases.md ("Flow").
import type { components } from '../../api/generated/inspection-service';

export type CaseDetail = components['schemas']['CaseViewsDetail'];
export type CaseSummary = components['schemas']['CaseViewsSummary'];
export type QueuedFinding = components['schemas']['CaseViewsQueuedFinding'];
export type Proposal = components['schemas']['CaseViewsProposal'];
export type Explanation = components['schemas']['Explanation'];
export type Benchmark = components['schemas']['Benchmark'];
export type CaseStatus = NonNullable<CaseDetail['status']>;
export type ViolationType = NonNullable<CaseDetail['violationType']>;

export const CASE_STATUSES: CaseStatus[] = ['OPEN', 'DECIDED', 'CLOSED'];
export const VIOLATION_TYPES: ViolationType[] = [
  'UNPERMITTED_DISCHARGE',
  'UNPERMITTED_OUTLET',
  'EXCEEDING_LIMITS',
  'FACILITY_NOT_RUNNING',
  'FUGITIVE_EMISSION',
  'REDUCTION_NOT_IMPLEMENTED',
  'SELF_MONITORING_FALSIFIED',
  'LEDGER_INCOMPLETE',
  'EXECUTION_REPORT_IRREGULAR',
  'DISCLOSURE_NOT_IMPLEMENTED',
];

/** The actions in the order an officer takes them (the order of the tabs on the case file). */
export const CASE_ACTIONS = [
  'proposal',
  'article',
  'decision',
  'rectification',
  'progress',
  'verification',
  'dailyPenalty',
  'close',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const BUREAU = ['PROVINCE', 'CITY', 'COUNTY'];
const DECIDERS = ['PROVINCE', 'CITY']; // 处罚决定 and 按日连续处罚 are the city's or the province's (PenaltyController)

export function availableActions(c: CaseDetail, roles: readonly string[]): CaseAction[] {
  const bureau = roles.some((r) => BUREAU.includes(r));
  const decider = roles.some((r) => DECIDERS.includes(r));
  if (!bureau || c.status === 'CLOSED') return []; // every write is bureau-only; a closed case takes none
  const rect = c.rectification;
  const verified = rect?.status === 'VERIFIED_COMPLETE';
  const fined = (c.decisions ?? []).some((d) => d.kind === 'FINE');
  const continuing = (rect?.verifications ?? []).some((v) => v.result === 'CONTINUING');
  const allowed: Record<CaseAction, boolean> = {
    // Proposals and 定性 come before the decision (409 case-already-decided afterwards).
    proposal: c.status === 'OPEN',
    article: c.status === 'OPEN',
    // A decision is taken on a proposal; one FINE or NO_PENALTY decision per case.
    decision: decider && c.status === 'OPEN' && (c.proposals ?? []).length > 0,
    // One order per case (409 rectification-exists); it may precede the decision (首违不罚 needs it verified first).
    rectification: !rect,
    progress: !!rect && !verified,
    verification: !!rect && !verified,
    // 按日连续处罚 follows a FINE decision and a re-inspection that found the violation continuing; whether the
    // article is an unlawful discharge is the service's one rule (422 daily-fine-not-applicable).
    dailyPenalty: decider && c.status === 'DECIDED' && fined && continuing,
    // 销号 needs the decision and the verified correction.
    close: c.status === 'DECIDED' && verified,
  };
  return CASE_ACTIONS.filter((a) => allowed[a]);
}

export interface TimelineEntry {
  at: string;
  who?: string;
  /** i18n key under cases.timeline */
  what: string;
  detail?: string;
}

/**
 * The case's history from what the case file records (who, when): opening, proposals, decisions, the order, the
 * unit's progress, the follow-up verifications, escalation and 销号 — oldest first.
 */
export function timeline(c: CaseDetail, money: (yuan: number) => string): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  if (c.openedAt) out.push({ at: c.openedAt, who: c.openedBy, what: 'opened', detail: c.article });
  for (const p of c.proposals ?? []) {
    out.push({ at: p.createdAt ?? '', who: p.createdBy, what: 'proposed', detail: `${p.article ?? ''} ${money(p.proposedYuan ?? 0)}` });
  }
  for (const d of c.decisions ?? []) {
    const amount = d.kind === 'NO_PENALTY' ? '' : money(d.amountYuan ?? 0);
    out.push({ at: d.decidedAt ?? '', who: d.decidedBy, what: `decided.${d.kind}`, detail: amount });
  }
  const r = c.rectification;
  if (r) {
    // orderedOn is a day; the instant of entry places the order among the other steps.
    if (r.orderedAt) out.push({ at: r.orderedAt, who: r.orderedBy, what: 'ordered', detail: r.deadline });
    for (const p of r.progress ?? []) out.push({ at: p.reportedAt ?? '', who: p.reportedBy, what: 'progress', detail: p.note });
    for (const v of r.verifications ?? []) {
      out.push({ at: v.verifiedAt ?? '', who: v.verifiedBy, what: `verified.${v.result}`, detail: v.inspectedOn });
    }
    if (r.overdueAt) out.push({ at: r.overdueAt, what: 'escalated', detail: r.escalatedTo });
  }
  if (c.closedAt) out.push({ at: c.closedAt, who: c.closedBy, what: 'closed' });
  return out.filter((e) => e.at !== '').sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The benchmark version in force on the violation day (the service applies the same rule to every proposal). */
export function benchmarkOn(benchmarks: readonly Benchmark[], day: string): Benchmark | undefined {
  return [...benchmarks]
    .filter((b) => (b.effectiveFrom ?? '') <= day)
    .sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''))
    .pop();
}
