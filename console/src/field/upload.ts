// Evidence files leave the phone (issue 20, ADR 0031): after the record is accepted, each photo or file is declared
// to inspection-service, PUT to the presigned URL it returns (through the gateway's /evidence-store, one origin) and
// confirmed; the service reads it back and keeps it only if its SHA-256 and size are the declared ones.
//
// Why a retry never duplicates or overwrites: the declaration of the same bytes for the same record is the same
// declaration (the service answers 200 with it); the PUT is create-only (If-None-Match: *, signed), so a second PUT of
// an object that already arrived is 412, which here means "already uploaded, go on and confirm"; a confirmation is
// done once (409 evidence-already-confirmed on a second), and a lost answer is recovered by declaring again, which
// reports the file as KEPT.
import type { Problem } from '../api/problem';
import type { EvidenceFile } from './outbox';

export type FileOutcome =
  | { kind: 'kept'; evidenceId: string }
  | { kind: 'refused'; problem: Problem; evidenceId?: string }
  | { kind: 'retry'; reason: string }
  | { kind: 'unauthorized' };

interface Answer {
  status: number;
  body: unknown;
}

interface Declared {
  evidence: { id: string; status: string };
  upload?: { url: string; method: string; headers: Record<string, string> } | null;
}

/** The three calls, injected: the app's are openapi-fetch over the service and fetch() for the presigned PUT. */
export interface UploadPort {
  declare(recordId: string, file: EvidenceFile): Promise<Answer>;
  put(url: string, headers: Record<string, string>, bytes: ArrayBuffer): Promise<number>;
  confirm(recordId: string, evidenceId: string): Promise<Answer>;
}

/** An answer of the service that is not a success, as what to do next (same rules as the record's). */
function failure(a: Answer): FileOutcome {
  if (a.status === 401) return { kind: 'unauthorized' };
  if (a.status >= 500 || a.status === 408 || a.status === 425 || a.status === 429) return { kind: 'retry', reason: `HTTP ${a.status}` };
  const problem = (a.body && typeof a.body === 'object' ? a.body : { title: `HTTP ${a.status}` }) as Problem;
  return { kind: 'refused', problem: { ...problem, status: problem.status ?? a.status } };
}

function code(body: unknown): string | undefined {
  return body && typeof body === 'object' && 'code' in body ? String((body as { code: unknown }).code) : undefined;
}

/** Declare → PUT → confirm for one file. Network errors (a TypeError from fetch) propagate: the outbox retries. */
export async function uploadEvidence(recordId: string, file: EvidenceFile, port: UploadPort): Promise<FileOutcome> {
  const declared = await port.declare(recordId, file);
  if (declared.status !== 200 && declared.status !== 201) return failure(declared);
  const { evidence, upload } = declared.body as Declared;
  if (evidence.status === 'KEPT') return { kind: 'kept', evidenceId: evidence.id };
  if (!upload) return { kind: 'retry', reason: `evidence ${evidence.id} is ${evidence.status}` };

  const put = await port.put(upload.url, upload.headers, file.bytes);
  // 412: the object is already there (an earlier attempt's PUT arrived, its answer did not): confirm it.
  // 403: the URL expired while queued (or the clock is off): declare again for a fresh one.
  if (put === 403) return { kind: 'retry', reason: 'upload URL refused (expired?)' };
  // Anything else (5xx, a proxy's error) is not the file's fault: try again later.
  if (put !== 200 && put !== 412) return { kind: 'retry', reason: `upload HTTP ${put}` };

  const confirmed = await port.confirm(recordId, evidence.id);
  if (confirmed.status === 200) return { kind: 'kept', evidenceId: evidence.id };
  if (confirmed.status === 409 && code(confirmed.body) === 'evidence-already-confirmed') {
    // A lost answer to an earlier confirmation: the declaration tells what became of it.
    const again = await port.declare(recordId, file);
    const status = (again.body as Declared | undefined)?.evidence?.status;
    if ((again.status === 200 || again.status === 201) && status === 'KEPT') return { kind: 'kept', evidenceId: evidence.id };
    return { kind: 'retry', reason: `evidence ${evidence.id} is ${status ?? 'unknown'}` };
  }
  if (confirmed.status === 409) return { kind: 'retry', reason: code(confirmed.body) ?? 'HTTP 409' };
  const outcome = failure(confirmed);
  return outcome.kind === 'refused' ? { ...outcome, evidenceId: evidence.id } : outcome;
}
