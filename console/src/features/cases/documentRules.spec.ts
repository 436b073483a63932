import { describe, expect, it } from 'vitest';
import type { CaseDetail } from './caseRules';
import { issuableKinds, reissuable, subjects, type CaseDocument, type DocumentKind, type Interview } from './documentRules';

// docs/inspection/documents.md, "What is issued": each kind when the case allows it, each original once.
const open: CaseDetail = { id: 'c1', status: 'OPEN', recordId: 'r1', proposals: [], decisions: [] };
const CITY = ['CITY'];
const COUNTY = ['COUNTY'];
const doc = (kind: DocumentKind, id: string, extra: Partial<CaseDocument> = {}): CaseDocument => ({
  id,
  // as the service answers: every kind in documentKind, the kinds of contract 1.0.0 in kind too
  documentKind: kind,
  kind: kind === 'INTERVIEW_RECORD' ? undefined : kind,
  title: kind === 'PENALTY_DECISION' ? '行政处罚决定书' : '现场检查（勘察）笔录',
  documentNo: `并环罚〔2026〕${id}号`,
  ...extra,
});

describe('the enforcement documents a case offers', () => {
  it('a new case from an inspection: only its inspection record; an inspector issues nothing', () => {
    expect(issuableKinds(open, CITY, [])).toEqual(['INSPECTION_RECORD']);
    expect(issuableKinds(open, ['INSPECTOR'], [])).toEqual([]);
  });

  it('once issued, the inspection record is not offered again, but its proof of service is', () => {
    expect(issuableKinds(open, CITY, [doc('INSPECTION_RECORD', '1')])).toEqual(['SERVICE_RECEIPT']);
  });

  it('a proposal allows the prior notice for the city, not for a county (decisions are CITY/PROVINCE)', () => {
    const c = { ...open, proposals: [{ id: 'p1' }] };
    expect(issuableKinds(c, CITY, [])).toEqual(['INSPECTION_RECORD', 'PRIOR_NOTICE']);
    expect(issuableKinds(c, COUNTY, [])).toEqual(['INSPECTION_RECORD']);
  });

  it('a FINE with an order and a daily fine: decision, order, daily decision; no notice once decided', () => {
    const c: CaseDetail = {
      ...open,
      status: 'DECIDED',
      proposals: [{ id: 'p1' }],
      decisions: [
        { id: 'd1', kind: 'FINE' },
        { id: 'd2', kind: 'DAILY_CONTINUOUS', fromDate: '2026-12-06', toDate: '2026-12-15', days: 10 },
      ],
      rectification: { id: 'r1', status: 'ORDERED', verifications: [] },
    };
    expect(issuableKinds(c, CITY, [doc('INSPECTION_RECORD', '1')])).toEqual([
      'RECTIFICATION_ORDER',
      'PENALTY_DECISION',
      'DAILY_PENALTY_DECISION',
      'SERVICE_RECEIPT',
    ]);
    expect(subjects('DAILY_PENALTY_DECISION', c, [])).toEqual([{ id: 'd2', label: '2026-12-06 – 2026-12-15（10 日）' }]);
    // the daily decision issued: no daily subject left
    expect(subjects('DAILY_PENALTY_DECISION', c, [doc('DAILY_PENALTY_DECISION', '5', { subjectId: 'd2' })])).toEqual([]);
  });

  it('a NO_PENALTY decision needs the verified correction', () => {
    const c: CaseDetail = {
      ...open,
      status: 'DECIDED',
      decisions: [{ id: 'd1', kind: 'NO_PENALTY' }],
      rectification: { id: 'r1', status: 'ORDERED', verifications: [] },
    };
    expect(issuableKinds(c, CITY, [doc('INSPECTION_RECORD', '1')])).not.toContain('NO_PENALTY_DECISION');
    const verified = { ...c, rectification: { id: 'r1', status: 'VERIFIED_COMPLETE' as const, verifications: [{ result: 'COMPLETE' as const }] } };
    expect(issuableKinds(verified, CITY, [doc('INSPECTION_RECORD', '1')])).toContain('NO_PENALTY_DECISION');
  });

  it('a proof of service is for each current document once, never for a replaced one or a receipt', () => {
    const issued = [
      doc('PENALTY_DECISION', '1', { reissuedBy: '2' }),
      doc('PENALTY_DECISION', '2', { reissueOf: '1' }),
      doc('SERVICE_RECEIPT', '3', { subjectId: '9' }),
      doc('INSPECTION_RECORD', '9'),
    ];
    expect(subjects('SERVICE_RECEIPT', open, issued)).toEqual([{ id: '2', label: '行政处罚决定书 并环罚〔2026〕2号' }]);
  });

  it('an interview record for each recorded interview once; a county may issue it', () => {
    const asked: Interview[] = [
      { id: 'i1', intervieweeName: '张**', intervieweeRole: '环保负责人', startedAt: '2026-12-04T06:00:00Z' },
      { id: 'i2', intervieweeName: '李*', intervieweeRole: '操作工', startedAt: '2026-12-04T08:00:00Z' },
    ];
    expect(issuableKinds(open, COUNTY, [], [])).toEqual(['INSPECTION_RECORD']);
    expect(issuableKinds(open, COUNTY, [], asked)).toEqual(['INSPECTION_RECORD', 'INTERVIEW_RECORD']);
    const printed = [doc('INTERVIEW_RECORD', '5', { subjectId: 'i1' })];
    expect(subjects('INTERVIEW_RECORD', open, printed, asked)).toEqual([
      { id: 'i2', label: '李*（操作工）2026-12-04' },
    ]);
  });

  it('only the current document of a chain is reissued, by a role that may issue its kind', () => {
    expect(reissuable(doc('INSPECTION_RECORD', '1'), COUNTY)).toBe(true);
    expect(reissuable(doc('INSPECTION_RECORD', '1', { reissuedBy: 'x' }), CITY)).toBe(false);
    expect(reissuable(doc('PENALTY_DECISION', '2'), COUNTY)).toBe(false);
    expect(reissuable(doc('PENALTY_DECISION', '2'), CITY)).toBe(true);
    expect(reissuable(doc('INSPECTION_RECORD', '1'), ['INSPECTOR'])).toBe(false);
  });
});
