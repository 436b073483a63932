// The citizen's verification of a published draw (ADR 0027): everything comes from the two public APIs — the
// disclosure of reporting-service (what was announced: the drawn units in order) and inspection-service's public
// inputs (commitment, revealed seed, quotas, the population) — and the check itself is ../draws/drawVerify.ts, the
// same rules the officers' page runs (one rule in one place).
import type { components as InspectionSchemas } from '../../api/generated/inspection-service';
import type { components as ReportingSchemas } from '../../api/generated/reporting-service';
import { verifyPublic, type AnnouncedUnit, type Candidate, type PublicCheck, type UnitInputs } from '../draws/drawVerify';

export type PublicInputs = InspectionSchemas['schemas']['DrawViewsPublicInputs'];
export type PublishedDraw = ReportingSchemas['schemas']['PublicViewsDraw'];

/** Units per request: the service's bound (5,000) — a 100,000-unit population is 20 requests. */
export const PAGE_SIZE = 5000;

/** One page of the inputs, or the problem the service answered with. */
export type PageLoader = (page: number, size: number) => Promise<{ data?: PublicInputs; error?: unknown }>;

/** The whole population, page by page, until `total` units are in (or a page comes back empty). */
export async function loadInputs(
  load: PageLoader,
  size = PAGE_SIZE,
  progress?: (loaded: number, total: number) => void,
): Promise<{ data?: { first: PublicInputs; eligible: Candidate[] }; error?: unknown }> {
  const eligible: Candidate[] = [];
  let first: PublicInputs | undefined;
  for (let page = 0; ; page++) {
    const { data, error } = await load(page, size);
    if (error || !data) return { error: error ?? new Error('empty answer') };
    first ??= data;
    const units = (data.eligible ?? []).map(candidate);
    eligible.push(...units);
    progress?.(eligible.length, data.total ?? 0);
    // Asks on until the total is in, whatever page size the service chose to answer with; an empty page ends it.
    if (eligible.length >= (data.total ?? 0) || units.length === 0) break;
  }
  return { data: { first: first!, eligible } };
}

const candidate = (u: InspectionSchemas['schemas']['DrawViewsEligibleUnit']): Candidate => ({
  permitNumber: u.permitNumber!,
  version: u.version!,
  stratum: u.stratum!,
});

/** What the unit selection takes, from the public inputs. */
export function unitInputs(first: PublicInputs, eligible: Candidate[]): UnitInputs {
  return {
    seedHex: first.seed ?? '',
    eligible,
    targeted: (first.targeted ?? []).map(candidate),
    quotas: first.quotas ?? {},
  };
}

/** The announced list in draw order (the disclosure numbers its units by `seq`). */
export function announcedUnits(draw: PublishedDraw): AnnouncedUnit[] {
  return [...(draw.units ?? [])]
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
    .map((u) => ({ permitNumber: u.permitNumber ?? '', stratum: u.stratum ?? '' }));
}

/** The check: commitment, population fingerprint and the re-run against the announced list. */
export function checkPublished(first: PublicInputs, eligible: Candidate[], draw: PublishedDraw): Promise<PublicCheck> {
  return verifyPublic(
    unitInputs(first, eligible),
    { seedHash: first.seedHash ?? '', eligibleFingerprint: first.eligibleFingerprint ?? '' },
    announcedUnits(draw),
  );
}
