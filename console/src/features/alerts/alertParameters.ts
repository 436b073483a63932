// A monitoring alert's parameters in words (issue 19): what the stream judged with — the day's exceeding hours, the
// limit and its basis (normal or special period, reference oxygen, dry basis), the daily mean's method, the validity
// thresholds, the rule version and the window. monitoring-service names them in MonitoringAlertChanged.parameters
// (docs/monitoring.md#alerts); inspection-service keeps them with the frozen series.
import { when } from '../cases/format';
import type { FrozenSeries } from './evidenceChart';

export interface ParameterRow {
  /** The parameter's name (data-test="param-<key>"). */
  key: string;
  label: string;
  value: string;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Parameters given their own row, in this order; any other (a newer rule's) is listed after them as it came. */
const KNOWN = [
  'exceedingHoursOfDay',
  'limitBasis',
  'specialPeriod',
  'normalLimit',
  'warningId',
  'warningLevel',
  'referenceOxygen',
  'dryBasis',
  'dailyMean',
  'minValidPerHour',
  'minValidHoursPerDay',
  'minMissingMinutes',
  'maxFlaggedHoursPerDay',
  'flags',
  'minHours',
  'maxValue',
];

const LEVELS: Record<string, string> = { BLUE: 'BLUE', YELLOW: 'YELLOW', ORANGE: 'ORANGE', RED: 'RED' };

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The rows to show for an alert's evidence; labels and values through {@code t} (alerts.monitoring.parameters.*). */
export function parameterRows(ev: FrozenSeries, t: Translate): ParameterRow[] {
  const p = (ev.parameters ?? {}) as Record<string, unknown>;
  const k = (key: string, named?: Record<string, unknown>) => t(`alerts.monitoring.parameters.${key}`, named);
  const unit = ev.unit ?? '';
  const rows: ParameterRow[] = [];
  const row = (key: string, value: string) => rows.push({ key, label: k(`labels.${key}`), value });

  const hours = num(p.exceedingHoursOfDay);
  if (hours != null) row('exceedingHoursOfDay', k('hours', { n: hours }));
  if (ev.limit != null) {
    row('limit', `${ev.limit} ${unit}`.trim());
    if (p.limitBasis === 'SPECIAL_PERIOD') {
      const level = typeof p.warningLevel === 'string' && LEVELS[p.warningLevel] ? k(`levels.${p.warningLevel}`) : String(p.warningLevel ?? '');
      row(
        'limitBasis',
        k('special', { period: String(p.specialPeriod ?? ''), level, normal: `${num(p.normalLimit) ?? '—'} ${unit}`.trim() }),
      );
    } else {
      row('limitBasis', k('normal'));
    }
  }
  const oxygen = num(p.referenceOxygen);
  if (oxygen != null) row('referenceOxygen', k('oxygen', { n: oxygen }));
  if (p.dryBasis === 'AS_MEASURED' || p.dryBasis === 'CONVERTED_FROM_WET') row('dryBasis', k(`dry.${p.dryBasis}`));
  if (p.dailyMean === 'FLOW_WEIGHTED' || p.dailyMean === 'ARITHMETIC') row('dailyMean', k(`mean.${p.dailyMean}`));
  const perHour = num(p.minValidPerHour);
  if (perHour != null) row('minValidPerHour', k('perHour', { n: perHour }));
  const perDay = num(p.minValidHoursPerDay);
  if (perDay != null) row('minValidHoursPerDay', k('perDay', { n: perDay }));
  const missing = num(p.minMissingMinutes);
  if (missing != null) row('minMissingMinutes', k('missing', { n: missing }));
  const flagged = num(p.maxFlaggedHoursPerDay);
  if (flagged != null) row('maxFlaggedHoursPerDay', k('flagged', { n: flagged, flags: String(p.flags ?? '') }));
  const constant = num(p.minHours);
  if (constant != null) row('minHours', k('constant', { n: constant }));
  for (const [key, value] of Object.entries(p)) {
    if (!KNOWN.includes(key) && value != null) rows.push({ key, label: key, value: typeof value === 'object' ? JSON.stringify(value) : String(value) });
  }
  if (ev.periodStart) row('window', `${when(ev.periodStart)} – ${when(ev.periodEnd) || k('ongoing')}`);
  if (ev.parametersVersion) row('version', ev.parametersVersion);
  return rows;
}
