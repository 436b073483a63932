// The citizen's check (ADR 0027) over a real draw of the service (../draws/fixtures: made by 20-campaign on a local
// platform): the public inputs and the disclosure's list are built from it as the two public APIs serve them.
import { describe, expect, it } from 'vitest';
import fixture from '../draws/fixtures/verification.json';
import { announcedUnits, checkPublished, loadInputs, type PublicInputs, type PublishedDraw } from './publicVerify';

const first: PublicInputs = {
  drawId: fixture.draw.id,
  seed: fixture.verification.seed,
  seedHash: fixture.draw.seedHash,
  eligibleFingerprint: fixture.draw.eligibleFingerprint,
  quotas: fixture.verification.inputs.quotas,
  targeted: fixture.verification.inputs.targeted,
  eligible: fixture.verification.inputs.eligible,
  page: 0,
  size: 5000,
  total: fixture.verification.inputs.eligible.length,
};
const eligible = fixture.verification.inputs.eligible;

/** The disclosure numbers units from 1 in draw order and shows a targeted unit's stratum as TARGETED. */
function disclosure(units: { permitNumber: string; stratum: string; targeted: boolean }[]): PublishedDraw {
  return {
    drawId: fixture.draw.id,
    units: units.map((u, i) => ({ seq: i + 1, permitNumber: u.permitNumber, stratum: u.targeted ? 'TARGETED' : u.stratum })).reverse(),
  };
}

describe('loading the population page by page', () => {
  it('asks until total units are in: 16 units in pages of 5 are 4 requests (5 + 5 + 5 + 1)', async () => {
    const all = Array.from({ length: 16 }, (_, i) => ({ permitNumber: `P${String(i).padStart(2, '0')}`, version: 1, stratum: 'KEY' }));
    const asked: number[] = [];
    const answer = await loadInputs(async (page, size) => {
      asked.push(page);
      return { data: { ...first, eligible: all.slice(page * size, page * size + size), page, size, total: 16 } };
    }, 5);
    expect(asked).toEqual([0, 1, 2, 3]);
    expect(answer.data!.eligible.map((u) => u.permitNumber)).toEqual(all.map((u) => u.permitNumber));
  });

  it('asks on when the service answers smaller pages than asked: 7 units in pages of 5 are 2 requests', async () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ permitNumber: `Q${i}`, version: 1, stratum: 'KEY' }));
    const asked: number[] = [];
    const answer = await loadInputs(async (page) => {
      asked.push(page);
      return { data: { ...first, eligible: all.slice(page * 5, page * 5 + 5), total: 7 } };
    }, 5000);
    expect(asked).toEqual([0, 1]);
    expect(answer.data!.eligible).toHaveLength(7);
  });

  it('stops at the first problem and hands it on (a 404 for a draw that is not published)', async () => {
    const problem = { status: 404, title: 'Not Found' };
    const answer = await loadInputs(async () => ({ error: problem }));
    expect(answer.error).toBe(problem);
    expect(answer.data).toBeUndefined();
  });
});

describe('the public check of a real draw', () => {
  const announced = disclosure(fixture.draw.units);

  it('puts the disclosure back in draw order by seq', () => {
    expect(announcedUnits(announced).map((u) => u.permitNumber)).toEqual(fixture.draw.units.map((u) => u.permitNumber));
  });

  it('finds the seed, the population and the re-run identical to what was committed and announced', async () => {
    const check = await checkPublished(first, eligible, announced);
    expect(check.seedMatchesHash).toBe(true);
    expect(check.eligibleFingerprintMatches).toBe(true);
    expect(check.differences).toEqual([]);
    expect(check.identical).toBe(true);
    // the fixture's draw took 6 KEY + 1 GENERAL + 0 SPECIAL = 7 units, no targeted one
    expect(check.recomputed).toHaveLength(6 + 1 + 0);
  });

  it('says so when the seed is not the committed one', async () => {
    const other = fixture.verification.seed.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const check = await checkPublished({ ...first, seed: other }, eligible, announced);
    expect(check.seedMatchesHash).toBe(false);
    expect(check.identical).toBe(false);
  });

  it('says so when a unit was left out of the population', async () => {
    const check = await checkPublished(first, eligible.slice(1), announced);
    expect(check.eligibleFingerprintMatches).toBe(false);
    expect(check.identical).toBe(false);
  });

  it('points at the position where the announced list differs from the re-run', async () => {
    const units = fixture.draw.units.map((u, i) => (i === 2 ? { ...u, permitNumber: 'SWAPPED' } : u));
    const check = await checkPublished(first, eligible, disclosure(units));
    expect(check.seedMatchesHash).toBe(true);
    expect(check.differences).toEqual([2]);
    expect(check.identical).toBe(false);
  });
});
