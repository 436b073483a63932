// The browser's re-run against known answers: the PRNG vectors of inspection-service DrawRandomTest (computed there
// independently with Python's hmac module) and a real verification answer of the service (fixtures/).
import { describe, expect, it } from 'vitest';
import { DrawRandom, eligibleFingerprint, inspectorsFingerprint, runDraw, seedHash, verifyInBrowser, type DrawInputs } from './drawVerify';
import fixture from './fixtures/verification.json';

// bytes 0x00..0x1f, as in DrawRandomTest
const SEED = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('');

describe('the draw random stream (ADR 0007)', () => {
  it('gives the same words as the Java service and the Python reference', async () => {
    const random = await DrawRandom.of(SEED, 'units:KEY');
    const expected = [
      0x306ce582e0b6a917n, 0xbc393a9d776db67en, 0x5fe0229b6f5fe887n, 0xf0acfbf1d5bddff8n,
      0x411e2468b422facan, 0x5544947feaf333fcn, 0xabd7cc5ab7e870f6n, 0x6cb8006db2c3c545n,
    ];
    for (const word of expected) expect(await random.nextWord()).toBe(word);
  });

  it('samples like the service: P03, P07, P09, P06 out of P00–P09', async () => {
    const items = Array.from({ length: 10 }, (_, i) => `P${String(i).padStart(2, '0')}`);
    expect(await (await DrawRandom.of(SEED, 'units:KEY').then((r) => r.sample(items, 4)))).toEqual(['P03', 'P07', 'P09', 'P06']);
  });

  it('commits to the seed with SHA-256 over its raw bytes', async () => {
    expect(await seedHash(SEED)).toBe('630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd');
  });

  it('rejects instead of taking a biased remainder: the first word below the limit is used', async () => {
    // bound 3: 2^64 mod 3 = 1, so only the word 2^64 − 1 would be rejected; word 1 = 0x306c…a917 mod 3
    const random = await DrawRandom.of(SEED, 'units:KEY');
    expect(await random.nextInt(3)).toBe(Number(0x306ce582e0b6a917n % 3n));
  });
});

describe('a real verification answer of the service', () => {
  const inputs: DrawInputs = {
    seedHex: fixture.verification.seed,
    eligible: fixture.verification.inputs.eligible,
    targeted: fixture.verification.inputs.targeted,
    quotas: fixture.verification.inputs.quotas,
    inspectors: fixture.verification.inputs.inspectors,
    inspectorsPerUnit: fixture.verification.inputs.inspectorsPerUnit,
  };
  const published = {
    seedHash: fixture.draw.seedHash,
    eligibleFingerprint: fixture.draw.eligibleFingerprint,
    inspectorsFingerprint: fixture.draw.inspectorsFingerprint,
    units: fixture.draw.units,
  };

  it('re-runs to exactly the recorded units and officers', async () => {
    expect(await runDraw(inputs)).toEqual(fixture.verification.recorded);
  });

  it('recomputes the commitment and both fingerprints the draw published', async () => {
    expect(await seedHash(inputs.seedHex)).toBe(fixture.draw.seedHash);
    expect(await eligibleFingerprint(inputs.eligible)).toBe(fixture.draw.eligibleFingerprint);
    expect(await inspectorsFingerprint(inputs.inspectors)).toBe(fixture.draw.inspectorsFingerprint);
    const check = await verifyInBrowser(inputs, published);
    expect(check.identical).toBe(true);
    expect(check.differences).toEqual([]);
  });

  it('notices a changed seed, a changed population and a swapped officer', async () => {
    const otherSeed = { ...inputs, seedHex: inputs.seedHex.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    const bySeed = await verifyInBrowser(otherSeed, published);
    expect(bySeed.seedMatchesHash).toBe(false);
    expect(bySeed.identical).toBe(false);

    const fewer = { ...inputs, eligible: inputs.eligible.slice(1) };
    expect((await verifyInBrowser(fewer, published)).eligibleFingerprintMatches).toBe(false);

    const first = published.units[0]!;
    const swapped = { ...published, units: [{ ...first, inspectorIds: [...first.inspectorIds].reverse() }, ...published.units.slice(1)] };
    const bySwap = await verifyInBrowser(inputs, swapped);
    expect(bySwap.differences).toEqual([0]);
    expect(bySwap.identical).toBe(false);
  });
});
