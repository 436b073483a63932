import { describe, expect, it } from 'vitest';
import { emptyRow, percent, rowError, toRequest, type PlanForm } from './planForm';
import { fieldErrors } from '../../api/problem';

describe('the 附件3 form', () => {
  it('numbers a new row after the highest 序号, as a 双随机 sampling row', () => {
    const rows = [emptyRow([])];
    rows[0]!.rowNo = 4;
    const next = emptyRow(rows);
    expect(next.rowNo).toBe(5); // 4 + 1
    expect(next).toMatchObject({ category: 'DOUBLE_RANDOM', method: 'SAMPLING', doubleRandom: true, frequencyPeriod: 'MONTH' });
  });

  it('sends the agencies as a list and leaves per-stratum ratios out unless asked for', () => {
    const form: PlanForm = { title: ' 太原市2026年计划 ', year: 2026, startMonth: 3, rows: [emptyRow([])] };
    Object.assign(form.rows[0]!, { keyIndustry: 'COKING', ratio: 0.2, agencies: '公安局、水利局, 市场监管局；', contentDaily: '  ' });
    const request = toRequest(form);
    expect(request.title).toBe('太原市2026年计划');
    expect(request.rows[0]).toMatchObject({ keyIndustry: 'COKING', ratio: 0.2, rowNo: 1 });
    expect(request.rows[0]!.cooperatingAgencies).toEqual(['公安局', '水利局', '市场监管局']);
    expect(request.rows[0]!.stratumRatios).toBeUndefined();
    expect(request.rows[0]!.contentDaily).toBeUndefined();

    form.rows[0]!.perStratum = true;
    form.rows[0]!.stratumRatios = { SPECIAL: 1, KEY: 0.25, GENERAL: 0.05 };
    expect(toRequest(form).rows[0]!.stratumRatios).toEqual({ SPECIAL: 1, KEY: 0.25, GENERAL: 0.05 });
  });

  it('finds the service\'s field errors of a row by the names the problem uses', () => {
    const errors = fieldErrors({
      title: 'Unprocessable',
      errors: [
        { field: 'rows[1].stratumRatios.KEY', message: '低于重点排污单位每季度 5% 的下限' },
        { field: 'rows[0].ratio', message: 'must be greater than 0' },
      ],
    });
    expect(rowError(errors, 1, 'stratumRatios.KEY')).toBe('低于重点排污单位每季度 5% 的下限');
    expect(rowError(errors, 0, 'ratio')).toBe('must be greater than 0');
    expect(rowError(errors, 0, 'keyIndustry')).toBeUndefined();
  });

  it('prints 检查比例 as a percentage with one decimal', () => {
    expect(percent(0.1)).toBe('10%');
    expect(percent(0.025)).toBe('2.5%'); // 0.025 × 1000 = 25 → 2.5
    expect(percent(1)).toBe('100%');
    expect(percent(undefined)).toBe('');
  });
});
