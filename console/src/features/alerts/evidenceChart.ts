// A monitoring alert's evidence (issue 19): the series monitoring-service judged, the limit, and the chart of them.
// The evidence member of an alert of source MONITORING has the FrozenSeries shape (docs/inspection/remote-checks.md).
import type { components } from '../../api/generated/inspection-service';
import type { AlertView } from './alertRules';
import { BEIJING_TIME_OPTION, beijingTime } from '../monitoring/timeAxis';

export type FrozenSeries = components['schemas']['FrozenSeries'];
export type SeriesPoint = NonNullable<FrozenSeries['series']>[number];

/** The series and limit of a monitoring alert; null for a remote check. */
export function monitoringEvidence(alert: AlertView): FrozenSeries | null {
  return alert.source === 'MONITORING' && alert.evidence ? (alert.evidence as FrozenSeries) : null;
}

/**
 * The HJ 212 data flag of a value (N, F, M, S, D, C, T, B), or null: an hourly or daily mean carries the stream's
 * validity judgement in its flag instead (VALID / INVALID), which the validity column already shows.
 */
export function dataFlag(p: SeriesPoint): string | null {
  return p.flag && /^[NFMSDCTB]$/.test(p.flag) ? p.flag : null;
}

/** The value compared with the limit: the corrected one where the standard prescribes a correction (as the service). */
export function judged(p: SeriesPoint): number | null {
  return p.corrected ?? p.value ?? null;
}

/** Above the limit — judged for valid values only; null when it cannot be said (invalid value, no limit). */
export function exceeds(p: SeriesPoint, limit: number | null | undefined): boolean | null {
  const v = judged(p);
  if (!p.valid || limit == null || v == null) return null;
  return v > limit;
}

/**
 * The ECharts option: the judged values as a line (an invalid value leaves a gap and is marked with its flag), the
 * limit as a dashed line with its value, the y axis stretched to show the limit even above every value.
 */
export function evidenceOption(ev: FrozenSeries, labels: { value: string; limit: string; judged: string }) {
  const points = ev.series ?? [];
  const limit = ev.limit ?? undefined;
  return {
    ...BEIJING_TIME_OPTION,
    animation: false,
    grid: { left: 56, right: 80, top: 32, bottom: 40 },
    tooltip: { trigger: 'axis' },
    // One hour alone (a fresh exceedance) would get an axis of two whole days: frame it with three hours each side.
    xAxis: points.length === 1 ? { type: 'time', min: beijingTime(points[0]!.time!) - 3 * 3600_000, max: beijingTime(points[0]!.time!) + 3 * 3600_000 } : { type: 'time' },
    yAxis: {
      type: 'value',
      name: labels.value,
      max: limit == null ? undefined : (extent: { max: number }) => Math.ceil(Math.max(extent.max, limit) * 1.1),
    },
    series: [
      {
        name: labels.judged,
        type: 'line',
        connectNulls: false,
        data: points.map((p) => [beijingTime(p.time!), p.valid ? judged(p) : null]),
        markLine:
          limit == null
            ? undefined
            : { symbol: 'none', lineStyle: { type: 'dashed', color: '#c45656' }, label: { formatter: `${labels.limit} ${limit}` }, data: [{ yAxis: limit }] },
        markPoint: {
          symbolSize: 36,
          data: points
            .filter((p) => !p.valid || (dataFlag(p) ?? 'N') !== 'N')
            .map((p) => ({ coord: [beijingTime(p.time!), judged(p)], value: dataFlag(p) ?? p.flag ?? '', itemStyle: { color: '#b88230' } })),
        },
      },
    ],
  };
}
