import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { parameterRows } from './alertParameters';
import type { FrozenSeries } from './evidenceChart';

const t = (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key));
const byKey = (ev: FrozenSeries) => Object.fromEntries(parameterRows(ev, t).map((r) => [r.key, r.value]));

describe("an alert's parameters in words", () => {
  it('an hour judged under a heavy-pollution warning: the reduced limit, its basis, oxygen, dry basis, version, window', () => {
    i18n.global.locale.value = 'zh-CN';
    const rows = byKey({
      rule: 'HOURLY_EXCEEDANCE',
      limit: 24.5,
      unit: 'mg/m3',
      // 01:00–02:00 UTC is 09:00–10:00 in Beijing, whatever zone runs the test
      periodStart: '2026-11-04T01:00:00Z',
      periodEnd: '2026-11-04T02:00:00Z',
      parametersVersion: '2026-12-06.1',
      parameters: {
        exceedingHoursOfDay: 3,
        limitBasis: 'SPECIAL_PERIOD',
        specialPeriod: '重污染天气应对',
        normalLimit: 35,
        warningId: '0b1c2d3e-0000-4000-8000-000000000039',
        warningLevel: 'ORANGE',
        referenceOxygen: 6,
        dryBasis: 'CONVERTED_FROM_WET',
        minValidPerHour: 45,
      },
    });
    expect(rows).toEqual({
      exceedingHoursOfDay: '3 小时',
      limit: '24.5 mg/m3',
      limitBasis: '特殊时段限值：重污染天气应对（橙色预警期间；常规限值 35 mg/m3）',
      referenceOxygen: '折算至基准氧含量 6%',
      dryBasis: '湿基监测值按湿度换算为干基',
      minValidPerHour: '每小时至少 45 个有效值',
      window: '2026-11-04 09:00 – 2026-11-04 10:00',
      version: '2026-12-06.1',
    });
  });

  it('a wastewater day: the normal limit and the flow-weighted mean; labels in order', () => {
    const ev: FrozenSeries = {
      rule: 'DAILY_EXCEEDANCE',
      limit: 50,
      unit: 'mg/L',
      periodStart: '2026-11-30T16:00:00Z',
      periodEnd: '2026-12-01T16:00:00Z',
      parametersVersion: 'v',
      parameters: { dailyMean: 'FLOW_WEIGHTED', minValidPerHour: 1, minValidHoursPerDay: 1 },
    };
    const rows = parameterRows(ev, t);
    expect(rows.map((r) => r.label)).toEqual(['排放限值', '限值依据', '日均值计算', '小时数据有效性', '日数据有效性', '判定时段', '规则版本']);
    expect(byKey(ev)).toMatchObject({
      limitBasis: '常规排放限值',
      dailyMean: '流量加权平均（Σ 浓度×流量 ÷ Σ 流量）',
      minValidHoursPerDay: '每日至少 1 个有效小时',
    });
  });

  it('a rule without a limit: no limit rows, an open window, and a parameter the console does not know shown as it came', () => {
    const rows = byKey({
      rule: 'DATA_MISSING',
      periodStart: '2026-12-01T00:10:00Z',
      parametersVersion: 'v',
      parameters: { minMissingMinutes: 60, forecastTons: 7.5 },
    });
    expect(rows).toEqual({
      minMissingMinutes: '连续 60 分钟无分钟数据',
      forecastTons: '7.5',
      window: '2026-12-01 08:10 – 持续中',
      version: 'v',
    });
    expect(byKey({ parameters: { maxFlaggedHoursPerDay: 4, flags: 'M,C,S' } })).toEqual({
      maxFlaggedHoursPerDay: '每日标记为 M,C,S 的数据超过 4 小时',
    });
  });
});
