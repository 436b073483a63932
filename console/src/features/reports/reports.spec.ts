import { describe, expect, it } from 'vitest';
import { defaultMonth, defaultPeriod, query, summaryCells, type SummaryTable } from './reports';

describe('the report screens', () => {
  const table: SummaryTable = {
    divisionCode: '140100',
    divisionName: '太原市',
    violationTypes: [
      { code: 'NO_PERMIT', label: '无证排污' },
      { code: 'EXCEEDANCE', label: '超标排放' },
    ],
    rows: [
      {
        no: 1,
        region: '小店区',
        industryLabel: '造纸',
        violations: { EXCEEDANCE: 2 },
        fineWanYuan: 12.5,
        rectificationStatus: '责令整改1家，已完成0家',
        rectificationComplete: '否',
        remarks: '',
      },
    ],
  };

  it('lays a 附件1 row out in the form and XLSX column order, a missing type as 0 and the fine to 4 places', () => {
    // 序号 1 | 小店区 | 造纸 | 无证排污 0 (absent) | 超标排放 2 | 12.5 万元 → "12.5000" | … as the XLSX's 0.0000 format
    expect(summaryCells(table, table.rows![0]!)).toEqual([1, '小店区', '造纸', 0, 2, '12.5000', '责令整改1家，已完成0家', '否', '']);
  });

  it('leaves the 序号 of the total row blank', () => {
    expect(summaryCells(table, { region: '合计', violations: {}, fineWanYuan: 0 })[0]).toBe('');
  });

  it('asks for the year so far and the current month first', () => {
    const today = new Date(2027, 5, 9); // 9 June 2027, local time
    expect(defaultPeriod(today)).toEqual({ from: '2027-01-01', to: '2027-06-09' });
    expect(defaultMonth(today)).toBe('2027-06');
  });

  it('puts only defined values in the export query', () => {
    expect(query({ from: '2027-01-01', to: '2027-06-09', division: undefined, format: 'xlsx' })).toBe(
      'from=2027-01-01&to=2027-06-09&format=xlsx',
    );
  });
});
