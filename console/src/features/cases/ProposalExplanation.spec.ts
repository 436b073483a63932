import { flushPromises, mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { describe, expect, it } from 'vitest';
import ProposalExplanation from './ProposalExplanation.vue';
import type { Explanation } from './caseRules';

// The system test's case A (Enforcement.java), by hand: art. 34, 200,000–1,000,000 yuan;
// p0 = 0.3 × 0.5 (HARM GENERAL) + 0.2 × 0.3 (FAULT NEGLIGENT) + 0.15 × 0 + 0.15 × 0 + 0.2 × 0 = 0.21;
// p = 0.21 − 10 % (COOPERATED) = 0.11; fine = 200,000 + 800,000 × 0.11 = 288,000 (already a multiple of 100).
const exceedance: Explanation = {
  article: '第三十四条第（一）项',
  articleTitle: '超标超总量排放',
  benchmarkVersion: 'SX-PERMIT-2026.1',
  benchmarkEffectiveFrom: '2026-12-01',
  range: { minYuan: 200_000, maxYuan: 1_000_000, perOccurrence: false, seriousRange: false },
  factors: [
    { code: 'HARM', label: '危害后果', level: 'GENERAL', levelLabel: '一般', score: 0.5, weight: 0.3, contribution: 0.15 },
    { code: 'FAULT', label: '主观过错', level: 'NEGLIGENT', levelLabel: '过失', score: 0.3, weight: 0.2, contribution: 0.06 },
    { code: 'METHOD', label: '违法手段', level: 'ORDINARY', levelLabel: '一般手段', score: 0, weight: 0.15, contribution: 0 },
    { code: 'HISTORY', label: '初犯/再犯', level: 'FIRST', levelLabel: '初犯', score: 0, weight: 0.15, contribution: 0, computed: true },
    { code: 'ATTITUDE', label: '整改态度', level: 'ACTIVE', levelLabel: '积极整改', score: 0, weight: 0.2, contribution: 0 },
  ],
  pBase: 0.21,
  adjustments: [{ code: 'COOPERATED', label: '从轻：主动配合调查取证', kind: 'MITIGATING', percent: 10, delta: -0.1 }],
  pAdjusted: 0.11,
  rawYuan: 288_000,
  roundingUnitYuan: 100,
  roundingMode: 'HALF_UP',
  roundedYuan: 288_000,
  fineYuan: 288_000,
  occurrences: 1,
  resultYuan: 288_000,
  history: { priorCases: 0, windowMonths: 12, priorCaseNos: [] },
  noPenalty: { eligible: false, reasons: [] },
};

const text = (e: Explanation, selector: string) => mount(ProposalExplanation, { props: { explanation: e } }).find(selector).text();

describe('the penalty proposal as an officer reads it', () => {
  it('states the article and the statutory range in 元', () => {
    expect(text(exceedance, '[data-test=explain-article]')).toBe('第三十四条第（一）项');
    expect(text(exceedance, '[data-test=explain-range]')).toBe('200,000 元（20 万元） – 1,000,000 元（100 万元）');
  });

  it('lists every factor with its level, score, weight and contribution, and p before and after the adjustments', async () => {
    const view = mount(ProposalExplanation, { props: { explanation: exceedance }, attachTo: document.body });
    await flushPromises();
    await nextTick(); // el-table renders its rows after it has measured itself
    const rows = view.findAll('[data-test=explain-factors] .el-table__body tr');
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['危害后果', '一般', '0.5', '30%', '0.15'], // 0.3 × 0.5 = 0.15
      ['主观过错', '过失', '0.3', '20%', '0.06'], // 0.2 × 0.3 = 0.06
      ['违法手段', '一般手段', '0', '15%', '0'],
      ['初犯/再犯', '初犯 系统计算', '0', '15%', '0'],
      ['整改态度', '积极整改', '0', '20%', '0'],
    ]);
    expect(text(exceedance, '[data-test=explain-pbase]')).toContain('0.21（21%）');
    expect(view.find('[data-test=explain-adjustments]').text()).toContain('−10%');
    view.unmount();
    expect(text(exceedance, '[data-test=explain-p]')).toContain('0.11（11%）');
  });

  it('writes the arithmetic from the range to the amount: 200,000 + 800,000 × 0.11 = 288,000', () => {
    expect(text(exceedance, '[data-test=explain-formula]')).toBe(
      '最低额 +（最高额 − 最低额）× p：200,000 + (1,000,000 − 200,000) × 0.11 = 200,000 + 800,000 × 0.11 = 288,000',
    );
    expect(text(exceedance, '[data-test=explain-rounded]')).toBe('按 100 元取整（HALF_UP）：288,000 元（28.8 万元）');
    expect(text(exceedance, '[data-test=explain-result]')).toBe('建议罚款金额：288,000 元（28.8 万元）');
  });

  it('multiplies a per-occurrence fine (art. 37): 5,000 + 15,000 × 0.06 = 5,900 per occurrence × 3 = 17,700', () => {
    const ledger: Explanation = {
      ...exceedance,
      article: '第三十七条第（一）项',
      range: { minYuan: 5_000, maxYuan: 20_000, perOccurrence: true },
      pBase: 0.06,
      adjustments: [],
      pAdjusted: 0.06,
      rawYuan: 5_900,
      roundedYuan: 5_900,
      fineYuan: 5_900,
      occurrences: 3,
      resultYuan: 17_700, // 5,900 × 3
      noPenalty: {
        eligible: false,
        rule: 'FIRST_MINOR_LEDGER',
        ruleLabel: '初次台账记录不全',
        legalBasis: '《中华人民共和国行政处罚法》第三十三条第一款；晋环发〔2022〕18号 三（四）',
        reasons: [
          { check: 'FIRST', passed: true, detail: '12个月内无同类违法' },
          { check: 'CORRECTED_IN_TIME', passed: false, detail: 'no rectification ordered yet' },
        ],
      },
    };
    const view = mount(ProposalExplanation, { props: { explanation: ledger } });
    expect(view.find('[data-test=explain-formula]').text()).toContain('5,000 + 15,000 × 0.06 = 5,900');
    expect(view.find('[data-test=explain-occurrences]').text()).toBe('每次 5,900 元 × 3 次');
    expect(view.find('[data-test=explain-result]').text()).toBe('建议罚款金额：17,700 元（1.77 万元）');
    expect(view.find('[data-test=explain-no-penalty]').text()).toContain('不符合');
    expect(view.text()).toContain('✓ 12个月内无同类违法');
    expect(view.text()).toContain('✗ no rectification ordered yet');
    expect(view.text()).toContain('晋环发〔2022〕18号');
  });
});
