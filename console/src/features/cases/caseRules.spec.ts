import { describe, expect, it } from 'vitest';
import { availableActions, benchmarkOn, timeline, type Benchmark, type CaseDetail } from './caseRules';
import { percent, when, yuan } from './format';

const proposal = { id: 'p1', proposedYuan: 288_000, createdAt: '2026-12-05T02:10:00Z', createdBy: 'ty-admin', article: '第三十四条第（一）项' };
const open: CaseDetail = { id: 'c1', status: 'OPEN', proposals: [], decisions: [], openedAt: '2026-12-05T02:00:00Z', openedBy: 'ty-admin' };
const CITY = ['CITY'];
const COUNTY = ['COUNTY'];

describe('the actions a case offers (docs/inspection/cases.md, "Flow")', () => {
  it('a new OPEN case: proposal, 定性 and the order; no decision without a proposal', () => {
    expect(availableActions(open, CITY)).toEqual(['proposal', 'article', 'rectification']);
  });

  it('with a proposal the city may decide; a county may not (decisions are CITY/PROVINCE)', () => {
    const c = { ...open, proposals: [proposal] };
    expect(availableActions(c, CITY)).toEqual(['proposal', 'article', 'decision', 'rectification']);
    expect(availableActions(c, COUNTY)).toEqual(['proposal', 'article', 'rectification']);
  });

  it('DECIDED with an ordered rectification: progress and verification, not yet close', () => {
    const c: CaseDetail = {
      ...open,
      status: 'DECIDED',
      proposals: [proposal],
      decisions: [{ kind: 'FINE', amountYuan: 300_000 }],
      rectification: { id: 'r1', status: 'ORDERED', verifications: [] },
    };
    expect(availableActions(c, CITY)).toEqual(['progress', 'verification']);
  });

  it('a CONTINUING re-inspection after a FINE decision offers the daily fine (city only)', () => {
    const c: CaseDetail = {
      ...open,
      status: 'DECIDED',
      decisions: [{ kind: 'FINE', amountYuan: 50_000 }],
      rectification: { id: 'r1', status: 'ESCALATED', verifications: [{ result: 'CONTINUING', recordId: 'rec2' }] },
    };
    expect(availableActions(c, CITY)).toEqual(['progress', 'verification', 'dailyPenalty']);
    expect(availableActions(c, COUNTY)).toEqual(['progress', 'verification']);
    // NO_PENALTY has no original fine to repeat (第十九条): no daily fine
    expect(availableActions({ ...c, decisions: [{ kind: 'NO_PENALTY' }] }, CITY)).toEqual(['progress', 'verification']);
  });

  it('DECIDED and verified complete: only 销号; an OPEN verified case still needs its decision first', () => {
    const verified = { id: 'r1', status: 'VERIFIED_COMPLETE' as const, verifications: [{ result: 'COMPLETE' as const }] };
    expect(availableActions({ ...open, status: 'DECIDED', decisions: [{ kind: 'FINE' }], rectification: verified }, COUNTY)).toEqual(['close']);
    expect(availableActions({ ...open, proposals: [proposal], rectification: verified }, CITY)).toEqual(['proposal', 'article', 'decision']);
  });

  it('a CLOSED case and an inspector get nothing', () => {
    expect(availableActions({ ...open, status: 'CLOSED' }, ['PROVINCE'])).toEqual([]);
    expect(availableActions({ ...open, proposals: [proposal] }, ['INSPECTOR'])).toEqual([]);
  });
});

describe('the case timeline', () => {
  it('orders what happened by when it happened, with who did it', () => {
    const c: CaseDetail = {
      ...open,
      status: 'CLOSED',
      proposals: [proposal],
      decisions: [{ kind: 'FINE', amountYuan: 300_000, decidedAt: '2026-12-05T02:20:00Z', decidedBy: 'ty-admin' }],
      rectification: {
        id: 'r1',
        status: 'VERIFIED_COMPLETE',
        orderedBy: 'ty-admin',
        orderedAt: '2026-12-05T02:15:00Z', // entered before the decision: placed before it
        deadline: '2026-12-12',
        progress: [{ note: '已检修', reportedAt: '2026-12-06T01:00:00Z', reportedBy: 'xd-admin' }],
        verifications: [{ result: 'COMPLETE', verifiedAt: '2026-12-08T03:00:00Z', verifiedBy: 'ty-admin', inspectedOn: '2026-12-08' }],
      },
      closedAt: '2026-12-08T04:00:00Z',
      closedBy: 'ty-admin',
    };
    const lines = timeline(c, (v) => yuan(v));
    expect(lines.map((l) => l.what)).toEqual(['opened', 'proposed', 'ordered', 'decided.FINE', 'progress', 'verified.COMPLETE', 'closed']);
    expect(lines[3]).toEqual({ at: '2026-12-05T02:20:00Z', who: 'ty-admin', what: 'decided.FINE', detail: '300,000 元（30 万元）' });
    expect(lines[2]?.detail).toBe('2026-12-12');
  });
});

describe('figures as officers read them', () => {
  it('formats yuan with separators and 万元 beside large amounts', () => {
    expect(yuan(288_000)).toBe('288,000 元（28.8 万元）'); // 288,000 / 10,000 = 28.8
    expect(yuan(5_900)).toBe('5,900 元'); // below 10,000: no 万元
    expect(yuan(1_000_000)).toBe('1,000,000 元（100 万元）');
    expect(yuan(650_000, 'en')).toBe('CNY 650,000');
    expect(percent(0.11)).toBe('11%');
    expect(percent(0.3)).toBe('30%');
  });

  it('shows instants in China Standard Time (UTC+8)', () => {
    expect(when('2026-12-05T18:30:00Z')).toBe('2026-12-06 02:30'); // 18:30 UTC + 8 h = 02:30 next day
    expect(when('2026-12-05')).toBe('2026-12-05');
  });

  it('takes the benchmark version in force on the violation day', () => {
    const versions: Benchmark[] = [
      { id: 'SX-PERMIT-2022.1', effectiveFrom: '2022-01-01' },
      { id: 'SX-PERMIT-2026.1', effectiveFrom: '2026-12-01' },
    ];
    expect(benchmarkOn(versions, '2026-11-30')?.id).toBe('SX-PERMIT-2022.1');
    expect(benchmarkOn(versions, '2026-12-01')?.id).toBe('SX-PERMIT-2026.1');
  });
});
