// The draw re-run in the browser (ADR 0007, inspection-service draw/DrawAlgorithm, DrawRandom, Fingerprints): from the
// published inputs only, with the browser's own Web Crypto, so a citizen need not trust the service's own check.
// Every rule below mirrors one of the Java classes line for line; a difference would show as "not identical".

/** A unit of the population as fingerprinted: permit number, directory version, stratum. */
export interface Candidate {
  permitNumber: string;
  version: number;
  stratum: string;
}

/** An officer of the pool: assignments open when the draw started, permits with a declared conflict. */
export interface InspectorSlot {
  id: string;
  openAssignments: number;
  conflicts: string[];
}

export interface DrawInputs {
  seedHex: string;
  eligible: Candidate[];
  targeted: Candidate[];
  quotas: Record<string, number>;
  inspectors: InspectorSlot[];
  inspectorsPerUnit: number;
}

export interface Pick {
  permitNumber: string;
  stratum: string;
  targeted: boolean;
  inspectorIds: string[];
}

/** The strata in the order they are drawn, each with its own random stream `units:<stratum>`. */
export const STRATA = ['SPECIAL', 'KEY', 'GENERAL'] as const;

const TWO_64 = 1n << 64n;
const encoder = new TextEncoder();

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`not hex: ${hex}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

/** Java's String order (UTF-16 code units), which is also JavaScript's `<` on strings: no locale. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Block i of stream `label` = HMAC-SHA256(key = seed bytes, UTF-8(label) || 0x00 || uint64be(i)), read as four
 * unsigned 64-bit big-endian words; integers below n by rejection sampling (no modulo bias).
 */
export class DrawRandom {
  private counter = 0n;
  private words: bigint[] = [];

  private constructor(
    private readonly key: CryptoKey,
    private readonly label: Uint8Array,
  ) {}

  static async of(seedHex: string, label: string): Promise<DrawRandom> {
    const key = await crypto.subtle.importKey('raw', hexToBytes(seedHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new DrawRandom(key, encoder.encode(label));
  }

  async nextWord(): Promise<bigint> {
    if (this.words.length === 0) {
      const message = new Uint8Array(this.label.length + 1 + 8);
      message.set(this.label, 0);
      message[this.label.length] = 0;
      new DataView(message.buffer).setBigUint64(this.label.length + 1, this.counter++, false);
      const block = new DataView(await crypto.subtle.sign('HMAC', this.key, message));
      for (let i = 0; i < 4; i++) this.words.push(block.getBigUint64(8 * i, false));
    }
    return this.words.shift()!;
  }

  /** Uniform in [0, bound): words at or above the largest multiple of bound that fits in 2^64 are drawn again. */
  async nextInt(bound: number): Promise<number> {
    if (!(bound > 0)) throw new Error(`bound must be positive: ${bound}`);
    const n = BigInt(bound);
    const remainder = TWO_64 % n;
    const limit = TWO_64 - remainder; // equals 2^64 when n divides 2^64: nothing is rejected
    for (;;) {
      const word = await this.nextWord();
      if (remainder === 0n || word < limit) return Number(word % n);
    }
  }

  /** Partial Fisher–Yates: the first k of a random permutation of items (given in canonical order). */
  async sample<T>(items: readonly T[], k: number): Promise<T[]> {
    const a = [...items];
    const take = Math.min(k, a.length);
    for (let i = 0; i < take; i++) {
      const j = i + (await this.nextInt(a.length - i));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a.slice(0, take);
  }
}

/** What the unit selection needs — all of it public once the draw is published (ADR 0027). */
export type UnitInputs = Omit<DrawInputs, 'inspectors' | 'inspectorsPerUnit'>;

/** A unit the selection chose, in draw order. */
export interface Chosen {
  c: Candidate;
  targeted: boolean;
}

/**
 * The unit selection alone: targeted units first (by permit number), then per stratum a sample of its pool. It uses
 * only the `units:<stratum>` streams, so it can be re-run without the officer pool (the public check).
 */
export async function selectUnits(input: UnitInputs): Promise<Chosen[]> {
  const targeted = [...input.targeted].sort((a, b) => byText(a.permitNumber, b.permitNumber));
  const targetedNumbers = new Set(targeted.map((c) => c.permitNumber));
  const chosen: Chosen[] = targeted.map((c) => ({ c, targeted: true }));
  for (const stratum of STRATA) {
    const pool = input.eligible
      .filter((c) => c.stratum === stratum && !targetedNumbers.has(c.permitNumber))
      .sort((a, b) => byText(a.permitNumber, b.permitNumber));
    const random = await DrawRandom.of(input.seedHex, `units:${stratum}`);
    for (const c of await random.sample(pool, input.quotas[stratum] ?? 0)) chosen.push({ c, targeted: false });
  }
  return chosen;
}

/** Runs the draw: the unit selection ({@link selectUnits}), then officers from the `inspectors` stream. */
export async function runDraw(input: DrawInputs): Promise<Pick[]> {
  if (input.inspectorsPerUnit < 2 && input.inspectorsPerUnit !== 0) {
    throw new Error('at least two inspectors per unit (or none for remote checks)');
  }
  const chosen = await selectUnits(input);

  // Officers: least-loaded first, ties broken at random within a load tier, each tier in id text order.
  const pool = [...input.inspectors].sort((a, b) => byText(a.id, b.id));
  const load = new Map(pool.map((s) => [s.id, s.openAssignments]));
  const conflicts = new Map(pool.map((s) => [s.id, new Set(s.conflicts)]));
  const random = await DrawRandom.of(input.seedHex, 'inspectors');
  const picks: Pick[] = [];
  for (const { c, targeted: isTargeted } of chosen) {
    let inspectorIds: string[] = [];
    if (input.inspectorsPerUnit > 0) {
      const tiers = new Map<number, string[]>();
      for (const s of pool) {
        if (conflicts.get(s.id)!.has(c.permitNumber)) continue;
        const l = load.get(s.id)!;
        tiers.set(l, [...(tiers.get(l) ?? []), s.id]);
      }
      for (const l of [...tiers.keys()].sort((a, b) => a - b)) {
        if (inspectorIds.length === input.inspectorsPerUnit) break;
        inspectorIds.push(...(await random.sample(tiers.get(l)!, input.inspectorsPerUnit - inspectorIds.length)));
      }
      if (inspectorIds.length < input.inspectorsPerUnit) {
        throw new Error(`only ${inspectorIds.length} officers without a conflict are available for ${c.permitNumber}`);
      }
      for (const id of inspectorIds) load.set(id, load.get(id)! + 1);
    }
    picks.push({ permitNumber: c.permitNumber, stratum: c.stratum, targeted: isTargeted, inspectorIds });
    inspectorIds = [];
  }
  return picks;
}

/** The commitment: SHA-256 over the seed's raw bytes (not its hex text). */
export const seedHash = (seedHex: string) => sha256Hex(hexToBytes(seedHex));

/** One line `permit<TAB>version<TAB>stratum<LF>` per eligible unit, sorted by permit number. */
export function eligibleFingerprint(units: readonly Candidate[]): Promise<string> {
  const text = [...units]
    .sort((a, b) => byText(a.permitNumber, b.permitNumber))
    .map((c) => `${c.permitNumber}\t${c.version}\t${c.stratum}\n`)
    .join('');
  return sha256Hex(encoder.encode(text));
}

/** One line `id<TAB>openAssignments<TAB>conflict,conflict<LF>` per officer, sorted by the id's text. */
export function inspectorsFingerprint(inspectors: readonly InspectorSlot[]): Promise<string> {
  const text = [...inspectors]
    .sort((a, b) => byText(a.id, b.id))
    .map((s) => `${s.id}\t${s.openAssignments}\t${[...s.conflicts].sort(byText).join(',')}\n`)
    .join('');
  return sha256Hex(encoder.encode(text));
}

/** What the draw published (its commitment and result), checked against. */
export interface Published {
  seedHash: string;
  eligibleFingerprint: string;
  inspectorsFingerprint: string;
  units: Pick[];
}

export interface BrowserCheck {
  seedHash: string;
  seedMatchesHash: boolean;
  eligibleFingerprint: string;
  eligibleFingerprintMatches: boolean;
  inspectorsFingerprint: string;
  inspectorsFingerprintMatches: boolean;
  recomputed: Pick[];
  /** Index of each recomputed unit that differs from the published one (empty when identical). */
  differences: number[];
  identical: boolean;
}

const samePick = (a: Pick | undefined, b: Pick | undefined) =>
  !!a &&
  !!b &&
  a.permitNumber === b.permitNumber &&
  a.stratum === b.stratum &&
  a.targeted === b.targeted &&
  a.inspectorIds.length === b.inspectorIds.length &&
  a.inspectorIds.every((id, i) => id === b.inspectorIds[i]);

/** The whole check a citizen can follow: commitment, fingerprints of the inputs, and the re-run result. */
export async function verifyInBrowser(inputs: DrawInputs, published: Published): Promise<BrowserCheck> {
  const [hash, ef, inf, recomputed] = await Promise.all([
    seedHash(inputs.seedHex),
    eligibleFingerprint(inputs.eligible),
    inspectorsFingerprint(inputs.inspectors),
    runDraw(inputs),
  ]);
  const length = Math.max(recomputed.length, published.units.length);
  const differences = Array.from({ length }, (_, i) => i).filter((i) => !samePick(recomputed[i], published.units[i]));
  const seedOk = hash === published.seedHash;
  const eligibleOk = ef === published.eligibleFingerprint;
  const inspectorsOk = inf === published.inspectorsFingerprint;
  return {
    seedHash: hash,
    seedMatchesHash: seedOk,
    eligibleFingerprint: ef,
    eligibleFingerprintMatches: eligibleOk,
    inspectorsFingerprint: inf,
    inspectorsFingerprintMatches: inspectorsOk,
    recomputed,
    differences,
    identical: seedOk && eligibleOk && inspectorsOk && differences.length === 0,
  };
}

/** The stratum the public disclosure shows for a drawn unit: TARGETED for a unit put in by hand (DrawEvents). */
export const TARGETED = 'TARGETED';

/** A unit as the public disclosure (reporting-service) lists it, in draw order. */
export interface AnnouncedUnit {
  permitNumber: string;
  stratum: string;
}

export interface PublicCheck {
  seedHash: string;
  seedMatchesHash: boolean;
  eligibleFingerprint: string;
  eligibleFingerprintMatches: boolean;
  recomputed: AnnouncedUnit[];
  /** Index of each position where the re-run and the announced list differ (empty when identical). */
  differences: number[];
  identical: boolean;
}

/**
 * The citizen's check of a published draw (ADR 0027): the revealed seed against the commitment, the population
 * against its recorded fingerprint, and the unit selection re-run against the announced list. Officers are not
 * part of it: their pool is personal data and not published.
 */
export async function verifyPublic(
  inputs: UnitInputs,
  committed: { seedHash: string; eligibleFingerprint: string },
  announced: readonly AnnouncedUnit[],
): Promise<PublicCheck> {
  const [hash, ef, chosen] = await Promise.all([seedHash(inputs.seedHex), eligibleFingerprint(inputs.eligible), selectUnits(inputs)]);
  const recomputed = chosen.map(({ c, targeted }) => ({ permitNumber: c.permitNumber, stratum: targeted ? TARGETED : c.stratum }));
  const length = Math.max(recomputed.length, announced.length);
  const differences = Array.from({ length }, (_, i) => i).filter((i) => {
    const a = recomputed[i];
    const b = announced[i];
    return !a || !b || a.permitNumber !== b.permitNumber || a.stratum !== b.stratum;
  });
  const seedOk = hash === committed.seedHash;
  const eligibleOk = ef === committed.eligibleFingerprint;
  return {
    seedHash: hash,
    seedMatchesHash: seedOk,
    eligibleFingerprint: ef,
    eligibleFingerprintMatches: eligibleOk,
    recomputed,
    differences,
    identical: seedOk && eligibleOk && differences.length === 0,
  };
}
