// The 附件3 form as the officer fills it, and the request the service takes (PlanRequestsCreatePlan). Kept apart from
// the component so the translation (agencies typed as one line, optional per-stratum ratios) is unit-tested.
import type { components } from '../../api/generated/inspection-service';

export type CreatePlan = components['schemas']['PlanRequestsCreatePlan'];
export type PlanRow = components['schemas']['PlanRequestsRow'];
export type PlanDetail = components['schemas']['PlanViewsPlanDetail'];
export type Capacity = components['schemas']['CapacityCheckResult'];

export const KEY_INDUSTRIES = ['PAPER', 'STEEL', 'THERMAL_POWER', 'COKING', 'CEMENT', 'SEWAGE_TREATMENT', 'WATER_REUSE', 'OTHER'] as const;
export const CATEGORIES = ['REMOTE_SUPERVISION', 'ON_SITE', 'DOUBLE_RANDOM'] as const;
export const METHODS = ['CENSUS', 'SAMPLING', 'SPECIAL'] as const;
export const PERIODS = ['YEAR', 'QUARTER', 'MONTH'] as const;
export const STRATA = ['SPECIAL', 'KEY', 'GENERAL'] as const;

export interface RowForm {
  rowNo: number;
  keyIndustry: string;
  category: PlanRow['category'];
  method: PlanRow['method'];
  doubleRandom: boolean;
  ratio: number;
  frequencyTimes: number;
  frequencyPeriod: PlanRow['frequencyPeriod'];
  includeRegistration: boolean;
  /** Per-stratum ratios are optional: all three given, or none (the service's default). */
  perStratum: boolean;
  stratumRatios: { SPECIAL: number; KEY: number; GENERAL: number };
  contentDaily: string;
  contentSpecial: string;
  operatingMethod: string;
  /** One line as the officer types it: 公安局、水利局 */
  agencies: string;
  parentRowNo?: number;
}

export interface PlanForm {
  title: string;
  year: number;
  startMonth: number;
  parentPlanId?: string;
  rows: RowForm[];
}

/** A new row: the next free 序号, a 双随机 sampling row as most rows of a city plan are. */
export function emptyRow(rows: RowForm[]): RowForm {
  return {
    rowNo: rows.reduce((max, r) => Math.max(max, r.rowNo), 0) + 1,
    keyIndustry: 'PAPER',
    category: 'DOUBLE_RANDOM',
    method: 'SAMPLING',
    doubleRandom: true,
    ratio: 0.1,
    frequencyTimes: 1,
    frequencyPeriod: 'MONTH',
    includeRegistration: false,
    perStratum: false,
    stratumRatios: { SPECIAL: 1, KEY: 0.1, GENERAL: 0.1 },
    contentDaily: '',
    contentSpecial: '',
    operatingMethod: '',
    agencies: '',
  };
}

const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());

export function toRequest(form: PlanForm): CreatePlan {
  return {
    title: form.title.trim(),
    year: form.year,
    startMonth: form.startMonth,
    parentPlanId: form.parentPlanId || undefined,
    rows: form.rows.map((r) => ({
      rowNo: r.rowNo,
      keyIndustry: r.keyIndustry,
      category: r.category,
      method: r.method,
      doubleRandom: r.doubleRandom,
      ratio: r.ratio,
      frequencyTimes: r.frequencyTimes,
      frequencyPeriod: r.frequencyPeriod,
      includeRegistration: r.includeRegistration,
      stratumRatios: r.perStratum ? { ...r.stratumRatios } : undefined,
      contentDaily: blank(r.contentDaily),
      contentSpecial: blank(r.contentSpecial),
      operatingMethod: blank(r.operatingMethod),
      cooperatingAgencies: r.agencies
        .split(/[、,，;；\n]/)
        .map((a) => a.trim())
        .filter((a) => a !== ''),
      parentRowNo: r.parentRowNo,
    })),
  };
}

/** The form's default per-stratum ratios, as the service applies them when none are sent: KEY = GENERAL = ratio. */
function defaultStrata(ratio: number) {
  return { SPECIAL: 1, KEY: ratio, GENERAL: ratio };
}

/**
 * A saved draft back in the form, for editing (PUT /api/v1/plans/{id}). The start month is not stored: it is the
 * first month any row plans rounds in (the breakdown starts there), January when no row has rounds. Per-stratum ratios
 * count as given only when they differ from the default the service would apply anyway.
 */
export function fromDetail(plan: PlanDetail): PlanForm {
  const rows = plan.rows ?? [];
  const months = rows.flatMap((r) => (r.months ?? []).filter((m) => (m.rounds ?? 0) > 0).map((m) => m.month ?? 12));
  return {
    title: plan.title ?? '',
    year: plan.year ?? new Date().getFullYear(),
    startMonth: months.length ? Math.min(...months) : 1,
    parentPlanId: plan.parentPlanId ?? undefined,
    rows: rows.map((r) => {
      const ratio = Number(r.ratio ?? 0);
      const given = r.stratumRatios ?? {};
      const strata = {
        SPECIAL: Number(given.SPECIAL ?? 1),
        KEY: Number(given.KEY ?? ratio),
        GENERAL: Number(given.GENERAL ?? ratio),
      };
      const defaults = defaultStrata(ratio);
      return {
        rowNo: r.rowNo ?? 1,
        keyIndustry: r.keyIndustry ?? 'PAPER',
        category: r.category ?? 'DOUBLE_RANDOM',
        method: r.method ?? 'SAMPLING',
        doubleRandom: !!r.doubleRandom,
        ratio,
        frequencyTimes: r.frequencyTimes ?? 1,
        frequencyPeriod: r.frequencyPeriod ?? 'MONTH',
        includeRegistration: !!r.includeRegistration,
        perStratum: STRATA.some((s) => strata[s] !== defaults[s]),
        stratumRatios: strata,
        contentDaily: r.contentDaily ?? '',
        contentSpecial: r.contentSpecial ?? '',
        operatingMethod: r.operatingMethod ?? '',
        agencies: (r.cooperatingAgencies ?? []).join('、'),
        parentRowNo: r.parentRowNo ?? undefined,
      };
    }),
  };
}

/** The If-Match of an edit: the version the editor read, as the ETag the service sends ("3"). */
export function ifMatch(version: number | undefined): string {
  return `"${version ?? 0}"`;
}

/** The error the service named for a field of row i (`rows[0].ratio`, `rows[0].stratumRatios.KEY`). */
export function rowError(errors: Record<string, string>, i: number, field: string): string | undefined {
  return errors[`rows[${i}].${field}`];
}

/** 检查比例 as the form prints it: 10%, 2.5%. */
export function percent(ratio: number | undefined): string {
  if (ratio == null) return '';
  return `${Math.round(ratio * 1000) / 10}%`;
}
