import { describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import MonitoringEvidence from './MonitoringEvidence.vue';
import { dataFlag, evidenceOption, exceeds, judged, monitoringEvidence } from './evidenceChart';
import type { AlertView } from './alertRules';

// happy-dom has no canvas: record what the screen asks ECharts to draw instead.
const drawn: unknown[] = [];
vi.mock('../monitoring/charts', () => ({
  echarts: { init: () => ({ setOption: (o: unknown) => drawn.push(o), dispose: () => undefined }) },
}));

/**
 * Hourly SO2 of DA001 against 50 mg/m3, as MonitoringAlertIT sends it: judged on the corrected value where there is
 * one — 45.1 no, 58.4 yes, 61.5 (no correction) yes, the M-flagged hour invalid and not judged.
 */
const alert: AlertView = {
  id: 'a1',
  rule: 'HOURLY_EXCEEDANCE',
  source: 'MONITORING',
  status: 'OPEN',
  monitoring: { outletCode: 'DA001', pollutantCode: 'a21026', worstValue: 61.5, limit: 50, unit: 'mg/m3', sourceStatus: 'OPEN' },
  evidence: {
    limit: 50,
    unit: 'mg/m3',
    legalNote: '有效均值超过许可排放浓度：《排污许可管理条例》第三十四条第（一）项',
    parametersVersion: '2026-12-06.1',
    parameters: { exceedingHoursOfDay: 2, minValidPerHour: 45, referenceOxygen: 6 },
    series: [
      { time: '2026-11-03T00:00:00Z', period: 'HOUR', value: 40.2, corrected: 45.1, flag: 'N', valid: true },
      { time: '2026-11-03T01:00:00Z', period: 'HOUR', value: 52.0, corrected: 58.4, flag: 'VALID', valid: true },
      { time: '2026-11-03T02:00:00Z', period: 'HOUR', value: 61.5, flag: 'N', valid: true },
      { time: '2026-11-03T03:00:00Z', period: 'HOUR', value: 70.0, corrected: 78.6, flag: 'M', valid: false },
    ],
  },
};

describe('a monitoring alert', () => {
  it('judges the corrected value against the limit, valid values only', () => {
    const series = monitoringEvidence(alert)!.series!;
    expect(series.map(judged)).toEqual([45.1, 58.4, 61.5, 78.6]);
    expect(series.map((p) => exceeds(p, 50))).toEqual([false, true, true, null]);
    expect(monitoringEvidence({ ...alert, source: 'REMOTE_CHECK' })).toBeNull();
  });

  it('draws the valid values as a line with a gap for the invalid hour, the limit dashed, the axis up to the limit', () => {
    const option = evidenceOption(monitoringEvidence(alert)!, { value: 'mg/m3', limit: '限值', judged: '折算值' });
    const line = option.series[0]!;
    // x in Beijing time drawn as UTC: 2026-11-03 00:00Z is 08:00 in Beijing, whatever zone runs the test
    expect(option.useUTC).toBe(true);
    expect(line.data).toEqual([
      [Date.parse('2026-11-03T08:00:00Z'), 45.1],
      [Date.parse('2026-11-03T09:00:00Z'), 58.4],
      [Date.parse('2026-11-03T10:00:00Z'), 61.5],
      [Date.parse('2026-11-03T11:00:00Z'), null],
    ]);
    expect(line.markLine?.data).toEqual([{ yAxis: 50 }]);
    expect(line.markLine?.label.formatter).toBe('限值 50');
    // only the invalid M hour is pinned: a mean's VALID judgement is not a data flag
    expect(line.markPoint.data.map((p) => p.value)).toEqual(['M']);
    expect(monitoringEvidence(alert)!.series!.map(dataFlag)).toEqual(['N', null, 'N', 'M']);
    // every value below a limit of 80 would hide it: the axis reaches ceil(max(61.5, 80) × 1.1) = 88
    const max = evidenceOption({ ...monitoringEvidence(alert)!, limit: 80 }, { value: '', limit: '', judged: '' }).yAxis.max!;
    expect(max({ max: 61.5 })).toBe(88);
    // a single hour is framed ±3 h (Beijing 08:00 → 05:00–11:00), not an axis of two days
    const one = evidenceOption({ ...monitoringEvidence(alert)!, series: monitoringEvidence(alert)!.series!.slice(0, 1) }, { value: '', limit: '', judged: '' });
    expect([one.xAxis.min, one.xAxis.max]).toEqual([Date.parse('2026-11-03T05:00:00Z'), Date.parse('2026-11-03T11:00:00Z')]);
  });

  it('shows the worst value against the limit, the series with validity and judgement, and charts it', async () => {
    drawn.length = 0;
    const wrapper = mount(MonitoringEvidence, { props: { alert } });
    await new Promise((r) => setTimeout(r, 0));
    expect(wrapper.get('[data-test="worst-vs-limit"]').text()).toBe('61.5 / 50 mg/m3');
    const cells = wrapper.get('[data-test="evidence-series"]').findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()));
    expect(cells.map((c) => [c[4], c[5]])).toEqual([
      ['有效', '否'],
      ['有效', '是'],
      ['有效', '是'],
      ['无效', '—'],
    ]);
    expect(wrapper.text()).toContain('第三十四条第（一）项');
    // what it was judged with: the day's exceeding hours, the limit's basis, the rule version
    expect(wrapper.get('[data-test="param-exceedingHoursOfDay"]').text()).toBe('2 小时');
    expect(wrapper.get('[data-test="param-limitBasis"]').text()).toBe('常规排放限值');
    expect(wrapper.get('[data-test="param-version"]').text()).toBe('2026-12-06.1');
    expect(drawn).toHaveLength(1);
  });
});
