import { describe, expect, it } from 'vitest';
import { judge, limitFor, normaliseUnit, type PermittedLimit } from './judge';

// An outlet's SO2 as a permit lists it: 30 mg/m³ hourly, 20 mg/m³ daily (figures chosen for the cases below, not
// quoted from a standard; the rule is ContentAssembler's: strictly greater than the limit of the period).
const so2: PermittedLimit = { pollutantCode: 'SO2', pollutantName: '二氧化硫', unit: 'mg/m³', hourlyLimit: 30, dailyLimit: 20 };
const nox: PermittedLimit = { pollutantCode: 'NOX', pollutantName: '氮氧化物', unit: 'mg/m³', hourlyLimit: 150, dailyLimit: null };

describe('the limit judgement (same rule as inspection-service)', () => {
  it('hourly value against the hourly limit: 30.01 > 30 exceeds, 30 = 30 does not', () => {
    expect(judge(30.01, 'mg/m³', 'HOURLY', so2)).toEqual({ kind: 'EXCEEDED', limit: 30, unit: 'mg/m³' });
    expect(judge(30, 'mg/m³', 'HOURLY', so2)).toEqual({ kind: 'WITHIN', limit: 30, unit: 'mg/m³' });
  });

  it('a daily average against the daily limit: 25 is within the hourly 30 but above the daily 20', () => {
    expect(judge(25, 'mg/m³', 'DAILY', so2)).toEqual({ kind: 'EXCEEDED', limit: 20, unit: 'mg/m³' });
    expect(judge(19.9, 'mg/m³', 'DAILY', so2)).toEqual({ kind: 'WITHIN', limit: 20, unit: 'mg/m³' });
  });

  it('no limit for the period: never exceeded, however high', () => {
    expect(judge(9999, 'mg/m³', 'DAILY', nox)).toEqual({ kind: 'NO_LIMIT', unit: 'mg/m³' });
    expect(limitFor(nox, 'DAILY')).toBeNull();
    expect(limitFor(nox, 'HOURLY')).toBe(150);
  });

  it('units compare as the service normalises them; another unit is a mismatch, not a judgement', () => {
    expect(normaliseUnit('MG / M^3')).toBe('mg/m3');
    expect(normaliseUnit('mg/m³')).toBe('mg/m3');
    expect(judge(31, 'MG/M3', 'HOURLY', so2).kind).toBe('EXCEEDED');
    expect(judge(31, 'kg/h', 'HOURLY', so2)).toEqual({ kind: 'UNIT_MISMATCH', unit: 'mg/m³' });
  });

  it('an empty or negative entry is not a value yet', () => {
    expect(judge(undefined, 'mg/m³', 'HOURLY', so2).kind).toBe('NOT_A_VALUE');
    expect(judge(Number.NaN, 'mg/m³', 'HOURLY', so2).kind).toBe('NOT_A_VALUE');
    expect(judge(-1, 'mg/m³', 'HOURLY', so2).kind).toBe('NOT_A_VALUE');
  });
});
