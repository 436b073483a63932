// Which enforcement documents (执法文书) a case allows now, and what each is about. The service decides (409 with a
// stable code when the case does not allow a kind yet, docs/inspection/documents.md "What is issued"); the console
// offers only the kinds the case's state and the caller's role allow, each original once.
import type { components } from '../../api/generated/inspection-service';
import type { CaseDetail } from './caseRules';

export type CaseDocument = components['schemas']['DocumentViewsDocument'];
export type DocumentKind = components['schemas']['DocumentViewsIssueRequest']['kind'];

/** In the order a case needs them. */
export const DOCUMENT_KINDS: DocumentKind[] = [
  'INSPECTION_RECORD',
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

/** The subjects a kind may still be issued for: none needed (one entry, id ''), or the decisions / documents left. */
export function subjects(kind: DocumentKind, c: CaseDetail, issued: readonly CaseDocument[]): Subject[] {
  const originals = issued.filter((d) => d.kind === kind && !d.reissueOf);
  if (kind === 'DAILY_PENALTY_DECISION') {
    return (c.decisions ?? [])
      .filter((d) => d.kind === 'DAILY_CONTINUOUS' && d.id && !originals.some((o) => o.subjectId === d.id))
      .map((d) => ({ id: d.id!, label: `${d.fromDate} – ${d.toDate}（${d.days} 日）` }));
  }
  if (kind === 'SERVICE_RECEIPT') {
    return issued
      .filter((d) => d.kind !== 'SERVICE_RECEIPT' && !d.reissuedBy && d.id && !originals.some((o) => o.subjectId === d.id))
      .map((d) => ({ id: d.id!, label: `${d.title} ${d.documentNo}` }));
  }
  return originals.length ? [] : [{ id: '', label: '' }];
}

/** The kinds the caller may issue on the case now. */
export function issuableKinds(c: CaseDetail, roles: readonly string[], issued: readonly CaseDocument[]): DocumentKind[] {
  const bureau = roles.some((r) => BUREAU.includes(r));
  const decider = roles.some((r) => DECIDERS.includes(r));
  if (!bureau) return [];
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
    SERVICE_RECEIPT: issued.some((d) => d.kind !== 'SERVICE_RECEIPT'),
  };
  return DOCUMENT_KINDS.filter(
    (k) => allowed[k] && (decider || !DECIDER_KINDS.includes(k)) && subjects(k, c, issued).length > 0,
  );
}
