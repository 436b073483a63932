import { describe, expect, it } from 'vitest';
import { emptyRow, fromDetail, ifMatch, percent, rowError, toRequest, type PlanDetail, type PlanForm } from './planForm';
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

  it('puts a saved draft back into the form so that saving it unchanged sends the same request', () => {
    const form: PlanForm = { title: '大同计划', year: 2027, startMonth: 6, rows: [emptyRow([])] };
    Object.assign(form.rows[0]!, { keyIndustry: 'COKING', ratio: 0.25, frequencyPeriod: 'MONTH', agencies: '公安局、水利局' });
    const sent = toRequest(form);
    // what the service answers for it: months June..December with rounds, effective strata KEY = GENERAL = 0.25
    const detail: PlanDetail = {
      id: 'p1',
      title: '大同计划',
      year: 2027,
      status: 'DRAFT',
      version: 2,
      rows: [
        {
          ...sent.rows[0]!,
          stratumRatios: { SPECIAL: 1, KEY: 0.25, GENERAL: 0.25 },
          months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => ({ month: m, rounds: m >= 6 ? 1 : 0, plannedUnits: m >= 6 ? 3 : 0 })),
        },
      ],
    } as PlanDetail;
    const back = fromDetail(detail);
    expect(back.startMonth).toBe(6); // the first month with rounds
    expect(back.rows[0]!.perStratum).toBe(false); // the default strata, not a choice of the officer
    expect(back.rows[0]!.agencies).toBe('公安局、水利局');
    expect(toRequest(back)).toEqual(sent);

    // strata the officer set are kept as set
    detail.rows![0]!.stratumRatios = { SPECIAL: 1, KEY: 0.3, GENERAL: 0.05 };
    expect(fromDetail(detail).rows[0]).toMatchObject({ perStratum: true, stratumRatios: { SPECIAL: 1, KEY: 0.3, GENERAL: 0.05 } });
  });

  it('sends the version it read as a strong ETag in If-Match', () => {
    expect(ifMatch(2)).toBe('"2"');
    expect(ifMatch(undefined)).toBe('"0"');
  });
});
