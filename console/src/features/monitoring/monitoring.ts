// What the 自动监控 screens compute from monitoring-service's answers: the unit's latest values joined with the
// permit's limits, the time ranges of the series chart, and the chart's option. Pure functions, tested on their own.
import { BEIJING_TIME_OPTION, beijingTime } from './timeAxis';
import type { components } from '../../api/generated/monitoring-service';
import type { UnitDetail } from '../../api/client';

export type LatestValue = components['schemas']['ViewsLatestValue'];
export type Series = components['schemas']['ViewsSeries'];
export type PointView = components['schemas']['PointView'];
export type Coverage = components['schemas']['ViewsCoverage'];
export type UnmonitoredOutlet = components['schemas']['UnmonitoredOutlet'];
export type ImportReport = components['schemas']['ImportReport'];
export type ImportBody = NonNullable<
  NonNullable<import('../../api/generated/monitoring-service').operations['pointImportSheet']['requestBody']>['content']['multipart/form-data']
>;

/** HJ 212-2017 表 6 data flags; only N is valid data (有效数据). Their words are in the messages (monitoring.flags.*). */
export const FLAGS = ['N', 'F', 'M', 'S', 'D', 'C', 'T', 'B'] as const;

export interface LatestRow {
  mn?: string;
  outletCode?: string;
  outletName?: string;
  pollutant?: string;
  pollutantName?: string;
  value?: number;
  flag?: string;
  cn?: string;
  dataTime?: string;
  /** the permit's hourly concentration limit for this outlet and pollutant, when it sets one */
  limit?: number;
  unit?: string;
  /** value above the hourly limit: a hint to look, not a finding (a real-time value is not an hourly mean) */
  aboveLimit: boolean;
}

/** One row per point and pollutant, the permit's hourly limit beside the newest value; ordered by outlet, pollutant. */
export function latestRows(values: LatestValue[], unit: UnitDetail | null): LatestRow[] {
  return values
    .map((v) => {
      const outlet = unit?.outlets?.find((o) => o.outletCode === v.outletCode);
      const limit = outlet?.pollutants?.find((p) => p.pollutantCode === v.pollutant);
      return {
        mn: v.mn,
        outletCode: v.outletCode,
        outletName: outlet?.outletName,
        pollutant: v.pollutant,
        pollutantName: limit?.pollutantName,
        value: v.value,
        flag: v.flag,
        cn: v.cn,
        dataTime: v.dataTime,
        limit: limit?.hourlyLimit,
        unit: limit?.unit,
        aboveLimit: limit?.hourlyLimit != null && v.value != null && v.value > limit.hourlyLimit,
      };
    })
    .sort((a, b) => `${a.outletCode}/${a.pollutant}/${a.mn}`.localeCompare(`${b.outletCode}/${b.pollutant}/${b.mn}`));
}

/** A row's key in the chart's choice: outlet and pollutant. */
export function choiceOf(row: Pick<LatestRow, 'outletCode' | 'pollutant'>): string {
  return `${row.outletCode}|${row.pollutant}`;
}

/**
 * The series the chart opens on: the first pollutant the permit limits, not merely the first code. Reference
 * parameters (a19001 oxygen, flow, temperature) sort first by code and carry no limit, and the minute data sends
 * oxygen with every frame: opening on it showed a chart without a limit and, over 30 days, without hourly values.
 */
export function defaultChoice(rows: LatestRow[]): string | undefined {
  const row = rows.find((r) => r.limit != null) ?? rows[0];
  return row && choiceOf(row);
}

/** The chart's ranges: the service answers minute values up to a day, hourly up to 62 days, daily beyond. */
export const RANGES = { day: 24 * 3600_000, month: 30 * 24 * 3600_000, year: 365 * 24 * 3600_000 } as const;
export type RangeKey = keyof typeof RANGES;

export function rangeOf(key: RangeKey, now: Date): { from: string; to: string } {
  return { from: new Date(now.getTime() - RANGES[key]).toISOString(), to: now.toISOString() };
}

/** A Beijing wall-clock time for tables and tooltips. */
export function beijing(iso?: string): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
}

/** A rate of 0..1 as a percentage with two decimals (the service answers four decimals); '—' without a figure. */
/** What a coverage row stands for (the service's `by`): a county, a city or a plan-table industry row. */
export type CoverageGrouping = 'county' | 'city' | 'industry';
export const COVERAGE_GROUPINGS: readonly CoverageGrouping[] = ['county', 'city', 'industry'];

/** The grouping named in the address (`?by=`), county when absent or unknown. */
export function coverageGrouping(value: unknown): CoverageGrouping {
  return COVERAGE_GROUPINGS.find((g) => g === value) ?? 'county';
}

/** A row's name: the industry row's label (焦化 …) when grouped by industry, else the division code. */
export function coverageLabel(row: Pick<Coverage, 'divisionCode' | 'keyIndustryLabel'>): string {
  return row.keyIndustryLabel ?? row.divisionCode ?? '—';
}

export function percent(rate?: number | null): string {
  return rate == null ? '—' : `${(rate * 100).toFixed(2)}%`;
}

/**
 * The series chart: means as a line, the permit's limit as a dashed markLine, every value whose flag is not N marked
 * with its flag (so a maintenance or fault period is visible, not only a gap).
 */
export function seriesOption(series: Series, limit: number | undefined, labels: { value: string; limit: string }) {
  const points = series.points ?? [];
  return {
    ...BEIJING_TIME_OPTION,
    animation: false,
    grid: { left: 56, right: 72, top: 32, bottom: 40 }, // room on the right for the limit's label
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' },
    // ECharts fits the axis to the data only: a limit above every value would fall off the chart, unseen.
    yAxis: {
      type: 'value',
      name: labels.value,
      max: limit == null ? undefined : (extent: { max: number }) => Math.ceil(Math.max(extent.max, limit) * 1.1),
    },
    series: [
      {
        name: series.pollutant,
        type: 'line',
        showSymbol: points.length < 100,
        data: points.map((p) => [beijingTime(p.time!), p.avg]),
        markLine:
          limit == null
            ? undefined
            : { symbol: 'none', lineStyle: { type: 'dashed', color: '#c45656' }, label: { formatter: `${labels.limit} ${limit}` }, data: [{ yAxis: limit }] },
        markPoint: {
          symbolSize: 36,
          data: points
            .filter((p) => p.flag && p.flag !== 'N')
            .slice(0, 200)
            .map((p) => ({ coord: [beijingTime(p.time!), p.avg], value: p.flag, itemStyle: { color: '#b88230' } })),
        },
      },
    ],
  };
}

/** A point's pollutant codes typed in a form: separated as the provincial sheets do (、 , ， ; or spaces). */
export function codes(text: string): string[] {
  return text
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Field problems of an import grouped by sheet row: `rows[7].mn` → { 7: [{ column: 'mn', message }] }; others under 0. */
export function problemsByRow(errors: { field: string; message: string }[]): { row: number; column: string; message: string }[] {
  return errors
    .map((e) => {
      const m = /^rows\[(\d+)]\.(.+)$/.exec(e.field);
      return m ? { row: Number(m[1]), column: m[2]!, message: e.message } : { row: 0, column: e.field, message: e.message };
    })
    .sort((a, b) => a.row - b.row);
}
