// Judges a measurement taken on site against the unit's permitted limit, as the inspector types it in.
//
// The rule is inspection-service's (record/ContentAssembler#measurements, the one that decides what the stored record
// says): the limit is the permit's hourly limit for an hourly value and its daily limit for a daily average; a value
// exceeds only when it is strictly greater than that limit; a pollutant the permit sets no such limit for is never
// "exceeded"; units compare after the service's normalisation (case, "³" = "3", no "^" or spaces). The service does
// not expose the judgement as an endpoint, so the field app applies it here — once, in this file — to show it offline;
// the record the service stores (and its findings) always come from the service's own judgement.

export type Averaging = 'HOURLY' | 'DAILY';

/** A permitted pollutant at an outlet, as the directory's permit detail lists it. */
export interface PermittedLimit {
  pollutantCode?: string;
  pollutantName?: string;
  unit?: string;
  hourlyLimit?: number | null;
  dailyLimit?: number | null;
  standard?: string;
}

export type Judgement =
  | { kind: 'EXCEEDED'; limit: number; unit: string }
  | { kind: 'WITHIN'; limit: number; unit: string }
  | { kind: 'NO_LIMIT'; unit: string }
  | { kind: 'UNIT_MISMATCH'; unit: string }
  | { kind: 'NOT_A_VALUE' };

/** ContentAssembler.normaliseUnit: "mg/m³", "MG/M3" and "mg / m^3" are the same unit. */
export function normaliseUnit(unit: string | null | undefined): string {
  return (unit ?? '').toLowerCase().replace(/³/g, '3').replace(/\^/g, '').replace(/ /g, '');
}

/** The permit's limit for this averaging period, or null when the permit sets none. */
export function limitFor(permitted: PermittedLimit, averaging: Averaging): number | null {
  const limit = averaging === 'HOURLY' ? permitted.hourlyLimit : permitted.dailyLimit;
  return limit === undefined || limit === null ? null : limit;
}

export function judge(value: number | null | undefined, unit: string, averaging: Averaging, permitted: PermittedLimit): Judgement {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return { kind: 'NOT_A_VALUE' };
  const permittedUnit = permitted.unit ?? '';
  if (normaliseUnit(unit) !== normaliseUnit(permittedUnit)) return { kind: 'UNIT_MISMATCH', unit: permittedUnit };
  const limit = limitFor(permitted, averaging);
  if (limit === null) return { kind: 'NO_LIMIT', unit: permittedUnit };
  return value > limit ? { kind: 'EXCEEDED', limit, unit: permittedUnit } : { kind: 'WITHIN', limit, unit: permittedUnit };
}
