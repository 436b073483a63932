import { describe, expect, it } from 'vitest';
import { codes, coverageGrouping, coverageLabel, defaultChoice, latestRows, percent, problemsByRow, rangeOf, seriesOption } from './monitoring';
import type { UnitDetail } from '../../api/client';

const unit = {
  permitNo: 'P1',
  outlets: [
    { outletCode: 'DA001', outletName: '1#锅炉排口', pollutants: [{ pollutantCode: 'a21026', pollutantName: '二氧化硫', hourlyLimit: 35, unit: 'mg/m3' }] },
  ],
} as UnitDetail;

describe('monitoring', () => {
  it("puts the permit's hourly limit beside each latest value and marks a value above it", () => {
    const rows = latestRows(
      [
        { mn: 'M1', outletCode: 'DA001', pollutant: 'a21026', value: 36.2, flag: 'N', cn: '2011', dataTime: '2026-12-05T06:00:00Z' },
        { mn: 'M1', outletCode: 'DA001', pollutant: 'a21002', value: 20, flag: 'M', cn: '2011' },
        { mn: 'M2', outletCode: 'DA009', pollutant: 'a21026', value: 3, flag: 'N', cn: '2061' },
      ],
      unit,
    );
    expect(rows.map((r) => [r.outletCode, r.pollutant, r.limit, r.aboveLimit])).toEqual([
      ['DA001', 'a21002', undefined, false], // no limit on the permit: nothing to compare
      ['DA001', 'a21026', 35, true], // 36.2 > 35
      ['DA009', 'a21026', undefined, false], // an outlet the permit lacks
    ]);
    expect(rows[1]).toMatchObject({ outletName: '1#锅炉排口', pollutantName: '二氧化硫', unit: 'mg/m3' });
  });

  it("opens the chart on a pollutant the permit limits, not on the oxygen that sorts first", () => {
    const rows = latestRows(
      [
        { mn: 'M1', outletCode: 'DA001', pollutant: 'a19001', value: 6, flag: 'N', cn: '2051' },
        { mn: 'M1', outletCode: 'DA001', pollutant: 'a21026', value: 12, flag: 'N', cn: '2011' },
      ],
      unit,
    );
    expect(rows[0]!.pollutant).toBe('a19001'); // the table keeps code order
    expect(defaultChoice(rows)).toBe('DA001|a21026');
    expect(defaultChoice(rows.filter((r) => r.pollutant === 'a19001'))).toBe('DA001|a19001'); // no limit anywhere: the first
    expect(defaultChoice([])).toBeUndefined();
  });

  it('asks for 24 h, 30 days and 365 days back from now', () => {
    const now = new Date('2026-12-05T06:00:00Z');
    expect(rangeOf('day', now)).toEqual({ from: '2026-12-04T06:00:00.000Z', to: '2026-12-05T06:00:00.000Z' });
    expect(rangeOf('month', now).from).toBe('2026-11-05T06:00:00.000Z'); // 30 × 24 h back
    expect(rangeOf('year', now).from).toBe('2025-12-05T06:00:00.000Z'); // 365 days; 2026 is not a leap year
  });

  it('draws the limit as a markLine and marks every value not flagged N with its flag', () => {
    const option = seriesOption(
      {
        pollutant: 'a21026',
        points: [
          { time: '2026-12-04T16:00:00Z', avg: 10, flag: 'N' },
          { time: '2026-12-04T17:00:00Z', avg: 12, flag: 'M' },
          { time: '2026-12-04T18:00:00Z', avg: 0, flag: 'D' },
        ],
      },
      35,
      { value: 'mg/m3', limit: '限值' },
    );
    const line = option.series[0]!;
    // Beijing midnight (16:00Z) is drawn as 00:00 of the 5th on a UTC axis, in any browser zone
    expect(option.useUTC).toBe(true);
    expect(line.data).toEqual([
      [Date.parse('2026-12-05T00:00:00Z'), 10],
      [Date.parse('2026-12-05T01:00:00Z'), 12],
      [Date.parse('2026-12-05T02:00:00Z'), 0],
    ]);
    expect(line.markLine?.data).toEqual([{ yAxis: 35 }]);
    expect(line.markPoint.data.map((p) => p.value)).toEqual(['M', 'D']);
    // the axis reaches above the limit even when every value is below it: max(12, 35) × 1.1 = 38.5 → 39
    expect((option.yAxis.max as (e: { max: number }) => number)({ max: 12 })).toBe(39);
    expect(seriesOption({ points: [] }, undefined, { value: '', limit: '' }).series[0]!.markLine).toBeUndefined();
  });

  it('reads codes as the provincial sheets separate them, rates as percentages and problems by row', () => {
    expect(codes('a21026、a21002，a34013 ; w01018')).toEqual(['a21026', 'a21002', 'a34013', 'w01018']);
    expect(percent(0.7083)).toBe('70.83%');
    expect(percent(null)).toBe('—');
    expect(
      problemsByRow([
        { field: 'rows[12].pollutants', message: 'b' },
        { field: 'file', message: 'c' },
        { field: 'rows[7].mn', message: 'a' },
      ]),
    ).toEqual([
      { row: 0, column: 'file', message: 'c' },
      { row: 7, column: 'mn', message: 'a' },
      { row: 12, column: 'pollutants', message: 'b' },
    ]);
  });

  it('names a coverage row by its industry label or its division, and reads the grouping from the address', () => {
    expect(coverageLabel({ divisionCode: null, keyIndustryLabel: '焦化' })).toBe('焦化');
    expect(coverageLabel({ divisionCode: '140100', keyIndustryLabel: null })).toBe('140100');
    expect(coverageLabel({ divisionCode: null, keyIndustryLabel: null })).toBe('—');
    expect(coverageGrouping('industry')).toBe('industry');
    expect(coverageGrouping('city')).toBe('city');
    expect(coverageGrouping('county;drop')).toBe('county');
    expect(coverageGrouping(undefined)).toBe('county');
    expect(coverageGrouping(['city'])).toBe('county');
  });
});
