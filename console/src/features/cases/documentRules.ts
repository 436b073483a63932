// Which enforcement documents (执法文书) a case allows now, and what each is about. The service decides (409 with a
// stable code when the case does not allow a kind yet, docs/inspection/documents.md "What is issued"); the console
// offers only the kinds the case's state and the caller's role allow, each original once.
import type { components } from '../../api/generated/inspection-service';
import type { CaseDetail } from './caseRules';

export type CaseDocument = components['schemas']['DocumentViewsDocument'];
export type DocumentKind = components['schemas']['DocumentViewsIssueRequest']['kind'];
export type Interview = components['schemas']['InterviewViewsInterview'];

/**
 * A document's kind. `documentKind` is the open string every kind comes in; `kind` (deprecated) only carries the kinds
 * of contract 1.0.0 and is absent for INTERVIEW_RECORD (ADR 0042).
 */
export function kindOf(d: CaseDocument): DocumentKind | undefined {
  return (d.documentKind ?? d.kind) as DocumentKind | undefined;
}

/** In the order a case needs them. */
export const DOCUMENT_KINDS: DocumentKind[] = [
  'INSPECTION_RECORD',
  'INTERVIEW_RECORD',
  'RECTIFICATION_ORDER',
  'PRIOR_NOTICE',
  'PENALTY_DECISION',
  'NO_PENALTY_DECISION',
  'DAILY_PENALTY_DECISION',
  'SERVICE_RECEIPT',
];

const BUREAU = ['PROVINCE', 'CITY', 'COUNTY'];
const DECIDERS = ['PROVINCE', 'CITY'];
const DECIDER_KINDS: DocumentKind[] = ['PRIOR_NOTICE', 'PENALTY_DECISION', 'NO_PENALTY_DECISION', 'DAILY_PENALTY_DECISION'];

/** What a document of a kind is about: a decision or an issued document (id), with what the officer reads. */
export interface Subject {
  id: string;
  label: string;
}

/**
 * The subjects a kind may still be issued for: none needed (one entry, id ''), or the decisions / documents /
 * interviews left.
 */
export function subjects(
  kind: DocumentKind,
  c: CaseDetail,
  issued: readonly CaseDocument[],
  interviews: readonly Interview[] = [],
): Subject[] {
  const originals = issued.filter((d) => kindOf(d) === kind && !d.reissueOf);
  if (kind === 'INTERVIEW_RECORD') {
    return interviews
      .filter((i) => i.id && !originals.some((o) => o.subjectId === i.id))
      .map((i) => ({ id: i.id!, label: `${i.intervieweeName}（${i.intervieweeRole}）${(i.startedAt ?? '').slice(0, 10)}` }));
  }
  if (kind === 'DAILY_PENALTY_DECISION') {
    return (c.decisions ?? [])
      .filter((d) => d.kind === 'DAILY_CONTINUOUS' && d.id && !originals.some((o) => o.subjectId === d.id))
      .map((d) => ({ id: d.id!, label: `${d.fromDate} – ${d.toDate}（${d.days} 日）` }));
  }
  if (kind === 'SERVICE_RECEIPT') {
    return issued
      .filter((d) => kindOf(d) !== 'SERVICE_RECEIPT' && !d.reissuedBy && d.id && !originals.some((o) => o.subjectId === d.id))
      .map((d) => ({ id: d.id!, label: `${d.title} ${d.documentNo}` }));
  }
  return originals.length ? [] : [{ id: '', label: '' }];
}

/** The kinds the caller may issue on the case now. */
export function issuableKinds(
  c: CaseDetail,
  roles: readonly string[],
  issued: readonly CaseDocument[],
  interviews: readonly Interview[] = [],
): DocumentKind[] {
  if (!roles.some((r) => BUREAU.includes(r))) return [];
  const decided = (kind: string) => (c.decisions ?? []).some((d) => d.kind === kind);
  const verified = (c.rectification?.verifications ?? []).some((v) => v.result === 'COMPLETE');
  const allowed: Record<DocumentKind, boolean> = {
    INSPECTION_RECORD: !!c.recordId,
    RECTIFICATION_ORDER: !!c.rectification,
    // the notice precedes the decision (409 case-already-decided) and gives notice of a proposal
    PRIOR_NOTICE: c.status === 'OPEN' && (c.proposals ?? []).length > 0,
    PENALTY_DECISION: decided('FINE'),
    NO_PENALTY_DECISION: decided('NO_PENALTY') && verified,
    DAILY_PENALTY_DECISION: decided('DAILY_CONTINUOUS'),
    SERVICE_RECEIPT: issued.some((d) => kindOf(d) !== 'SERVICE_RECEIPT'),
    INTERVIEW_RECORD: interviews.length > 0,
  };
  return DOCUMENT_KINDS.filter(
    (k) => allowed[k] && mayIssue(k, roles) && subjects(k, c, issued, interviews).length > 0,
  );
}

/** Whether the caller's role may issue (or reissue) a kind at all: bureau staff; decisions the city or province. */
export function mayIssue(kind: DocumentKind, roles: readonly string[]): boolean {
  const bureau = roles.some((r) => BUREAU.includes(r));
  const decider = roles.some((r) => DECIDERS.includes(r));
  return bureau && (decider || !DECIDER_KINDS.includes(kind));
}

/**
 * Whether a document may be corrected by a reissue (a new 文号; the old one is shown 作废 with the reason): only the
 * current one of its chain, by a role that may issue its kind. The service says the same (409
 * document-already-reissued, 403 decision-forbidden).
 */
export function reissuable(d: CaseDocument, roles: readonly string[]): boolean {
  const kind = kindOf(d);
  return !d.reissuedBy && !!kind && mayIssue(kind, roles);
}
