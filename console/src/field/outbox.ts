// The field app's outbox (issue 17, ADR 0025): an inspection record and its evidence are stored in IndexedDB the
// moment the inspector presses 提交, with an Idempotency-Key fixed at that moment, and sent when the network allows.
//
// Why this never loses or duplicates a record:
// - the entry is written to IndexedDB before anything is sent, and only a server answer changes its outcome;
// - every attempt for an entry carries the SAME key, and inspection-service answers a repeated key with the stored
//   response of the first success (record/IdempotencyKeys), so a POST whose response was lost is not done twice;
// - an entry left "sending" by a closed tab goes back to "queued" on the next start and is sent again with its key.
// A refusal (4xx other than 401/408/425/429: the content is wrong) is final for that entry: it stays visible with the
// problem and is never retried; a network error, 5xx or 503 is retried with exponential backoff; 401 means "sign in
// again" — the entry waits, untouched, until there is a session.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Problem } from '../api/problem';
import type { FileOutcome } from './upload';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'refused';

/** Where a file stands (ADR 0031): waiting, being sent, kept by the platform (hash checked), or refused. */
export type FileStatus = 'queued' | 'uploading' | 'kept' | 'refused';

export interface FileUpload {
  status: FileStatus;
  evidenceId?: string;
  problem?: Problem;
  lastError?: string;
}

/** A photo or file taken on site, kept on the device (the service stores its hash, time and place). */
export interface EvidenceFile {
  fileName: string;
  type: string;
  /** The file's bytes: an ArrayBuffer, not a Blob (Blobs in IndexedDB have been unreliable in mobile Safari). */
  bytes: ArrayBuffer;
  sha256: string;
  size: number;
  takenAt: string;
  location?: { lat: number; lon: number };
  /** Its upload after the record was accepted; absent = queued. */
  upload?: FileUpload;
}

/** A file still to be sent: queued, or left "uploading" by a closed page. */
export function filePending(file: EvidenceFile): boolean {
  const status = file.upload?.status ?? 'queued';
  return status === 'queued' || status === 'uploading';
}

export interface OutboxEntry<B = unknown> {
  /** The Idempotency-Key, fixed when the inspector pressed submit; also the entry's id. */
  key: string;
  taskId: string;
  unitName: string;
  /** The request body, complete: nothing is recomputed at send time. */
  body: B;
  files: EvidenceFile[];
  status: OutboxStatus;
  attempts: number;
  /** Epoch ms before which an automatic retry does not send (backoff). */
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
  /** Why the last attempt did not go through (network, 5xx), for the status line. */
  lastError?: string;
  /** The refusal, with its field errors, shown next to the fields. */
  problem?: Problem;
  recordId?: string;
  /** Backoff of the files' uploads (the record itself is sent). */
  fileAttempts?: number;
  filesNextAttemptAt?: number;
}

/** What one attempt came to. */
export type SendOutcome =
  | { kind: 'sent'; recordId?: string }
  | { kind: 'refused'; problem: Problem }
  | { kind: 'retry'; reason: string }
  | { kind: 'unauthorized' };

export type Sender<B> = (entry: OutboxEntry<B>) => Promise<SendOutcome>;

/** Sends one file of an accepted record (upload.ts: declare → PUT → confirm). */
export type FileSender = (recordId: string, file: EvidenceFile) => Promise<FileOutcome>;

/** Thrown by a sender's token source when there is no session to send with (ADR 0025). */
export class NeedsSignIn extends Error {
  constructor() {
    super('sign-in needed');
  }
}

/** An HTTP answer as an outcome: what is final and what is worth trying again. */
export function classify(status: number, body: unknown): SendOutcome {
  if (status >= 200 && status < 300) {
    const id = body && typeof body === 'object' && 'id' in body ? String((body as { id: unknown }).id) : undefined;
    return { kind: 'sent', recordId: id };
  }
  if (status === 401) return { kind: 'unauthorized' };
  // Timeouts, "too early" and rate limiting say nothing about the record: try again later.
  if (status >= 500 || status === 408 || status === 425 || status === 429) return { kind: 'retry', reason: `HTTP ${status}` };
  const problem = (body && typeof body === 'object' ? body : { title: `HTTP ${status}` }) as Problem;
  return { kind: 'refused', problem: { ...problem, status: problem.status ?? status } };
}

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

/** 2 s, 4 s, 8 s … capped at 5 min: a phone at the edge of coverage does not hammer the gateway. */
export function backoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), MAX_RETRY_MS);
}

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byTask: string } };
}

export interface OutboxOptions<B> {
  dbName?: string;
  send: Sender<B>;
  /** Uploads the files of accepted records; without it files stay on the device (the record's tests). */
  upload?: FileSender;
  now?: () => number;
}

export interface FlushResult {
  sent: number;
  refused: number;
  retrying: number;
  needsSignIn: boolean;
}

export class Outbox<B = unknown> {
  private readonly db: Promise<IDBPDatabase<OutboxDb>>;
  private readonly send: Sender<B>;
  private readonly upload: FileSender | undefined;
  private readonly now: () => number;
  private flushing: Promise<FlushResult> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(options: OutboxOptions<B>) {
    this.send = options.send;
    this.upload = options.upload;
    this.now = options.now ?? Date.now;
    this.db = openDB<OutboxDb>(options.dbName ?? 'permitwatch-field-outbox', 1, {
      upgrade(db) {
        db.createObjectStore('outbox', { keyPath: 'key' }).createIndex('byTask', 'taskId');
      },
    });
  }

  /** Called after every change, so the screens show the current status. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Stores the record for sending. The key is the caller's, created when the inspector pressed submit. */
  async enqueue(entry: { key: string; taskId: string; unitName: string; body: B; files: EvidenceFile[] }): Promise<OutboxEntry<B>> {
    const at = this.now();
    const stored: OutboxEntry<B> = { ...entry, status: 'queued', attempts: 0, nextAttemptAt: at, createdAt: at, updatedAt: at };
    // add(), not put(): the same key twice is a bug in the caller, never a silent overwrite of a record.
    await (await this.db).add('outbox', stored as OutboxEntry);
    this.changed();
    return stored;
  }

  async list(): Promise<OutboxEntry<B>[]> {
    const all = (await (await this.db).getAll('outbox')) as OutboxEntry<B>[];
    return all.sort((a, b) => b.createdAt - a.createdAt);
  }

  async get(key: string): Promise<OutboxEntry<B> | undefined> {
    return (await (await this.db).get('outbox', key)) as OutboxEntry<B> | undefined;
  }

  /** A refused entry the inspector has replaced with a corrected one (which has its own key). */
  async remove(key: string): Promise<void> {
    await (await this.db).delete('outbox', key);
    this.changed();
  }

  /** Epoch ms of the next automatic retry, or undefined when nothing waits. */
  async nextDue(): Promise<number | undefined> {
    const all = await this.list();
    const waiting = all.filter((e) => e.status === 'queued').map((e) => e.nextAttemptAt);
    if (this.upload) {
      for (const e of all) if (this.filesDue(e)) waiting.push(e.filesNextAttemptAt ?? 0);
    }
    return waiting.length ? Math.min(...waiting) : undefined;
  }

  /**
   * Sends every queued entry that is due (all of them with `force`, e.g. when the network just came back), one at a
   * time, oldest first. One flush at a time: a second call while one runs gets the running one.
   */
  flush(options: { force?: boolean } = {}): Promise<FlushResult> {
    this.flushing ??= this.run(options.force ?? false).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async run(force: boolean): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, refused: 0, retrying: 0, needsSignIn: false };
    const db = await this.db;
    const entries = ((await db.getAll('outbox')) as OutboxEntry<B>[]).sort((a, b) => a.createdAt - b.createdAt);
    for (const entry of entries) {
      if (entry.status === 'sent') {
        // The record was accepted on an earlier flush: its files may still wait (offline, a retry, a sign-in).
        if (this.filesDue(entry)) {
          if (!force && (entry.filesNextAttemptAt ?? 0) > this.now()) {
            result.retrying++;
            continue;
          }
          if (!(await this.sendFiles(entry, result))) break;
        }
        continue;
      }
      // "sending" here means a previous page died mid-send: send it again, with the same key.
      if (entry.status !== 'queued' && entry.status !== 'sending') continue;
      if (!force && entry.status === 'queued' && entry.nextAttemptAt > this.now()) {
        result.retrying++;
        continue;
      }
      await this.save({ ...entry, status: 'sending', updatedAt: this.now() });
      let outcome: SendOutcome;
      try {
        outcome = await this.send({ ...entry, status: 'sending' });
      } catch (e) {
        outcome = e instanceof NeedsSignIn ? { kind: 'unauthorized' } : { kind: 'retry', reason: e instanceof Error ? e.message : String(e) };
      }
      const at = this.now();
      if (outcome.kind === 'sent') {
        const sent: OutboxEntry<B> = { ...entry, status: 'sent', recordId: outcome.recordId, lastError: undefined, problem: undefined, updatedAt: at };
        await this.save(sent);
        result.sent++;
        // Files only after the record is accepted: they are evidence OF that record.
        if (this.filesDue(sent) && !(await this.sendFiles(sent, result))) break;
      } else if (outcome.kind === 'refused') {
        await this.save({ ...entry, status: 'refused', problem: outcome.problem, updatedAt: at });
        result.refused++;
      } else if (outcome.kind === 'unauthorized') {
        // Not the record's fault and not worth a backoff: it waits for a sign-in, and so does the rest of the queue.
        await this.save({ ...entry, status: 'queued', updatedAt: at });
        result.needsSignIn = true;
        break;
      } else {
        const attempts = entry.attempts + 1;
        await this.save({ ...entry, status: 'queued', attempts, nextAttemptAt: at + backoffMs(attempts), lastError: outcome.reason, updatedAt: at });
        result.retrying++;
      }
    }
    return result;
  }

  private filesDue(entry: OutboxEntry<B>): boolean {
    return this.upload !== undefined && entry.status === 'sent' && !!entry.recordId && entry.files.some(filePending);
  }

  /**
   * Uploads the pending files of an accepted record one by one, saving each file's status as it changes (a page
   * closed mid-upload leaves "uploading", sent again next time: the service's rules make that harmless). Returns
   * false when a sign-in is needed (the flush stops, as for records).
   */
  private async sendFiles(entry: OutboxEntry<B>, result: FlushResult): Promise<boolean> {
    let current = entry;
    let retry: string | undefined;
    for (let i = 0; i < current.files.length; i++) {
      const file = current.files[i]!;
      if (!filePending(file)) continue;
      current = await this.saveFile(current, i, { ...file.upload, status: 'uploading' });
      let outcome: FileOutcome;
      try {
        outcome = await this.upload!(current.recordId!, current.files[i]!);
      } catch (e) {
        outcome = e instanceof NeedsSignIn ? { kind: 'unauthorized' } : { kind: 'retry', reason: e instanceof Error ? e.message : String(e) };
      }
      if (outcome.kind === 'kept') {
        // Kept by the platform with its hash checked: the bytes need not take room on the phone any more.
        current = await this.saveFile(current, i, { status: 'kept', evidenceId: outcome.evidenceId }, new ArrayBuffer(0));
      } else if (outcome.kind === 'refused') {
        current = await this.saveFile(current, i, { status: 'refused', evidenceId: outcome.evidenceId, problem: outcome.problem });
        result.refused++;
      } else if (outcome.kind === 'unauthorized') {
        await this.saveFile(current, i, { ...file.upload, status: 'queued' });
        result.needsSignIn = true;
        return false;
      } else {
        current = await this.saveFile(current, i, { ...file.upload, status: 'queued', lastError: outcome.reason });
        retry = outcome.reason;
      }
    }
    if (retry !== undefined) {
      const attempts = (current.fileAttempts ?? 0) + 1;
      await this.save({ ...current, fileAttempts: attempts, filesNextAttemptAt: this.now() + backoffMs(attempts), updatedAt: this.now() });
      result.retrying++;
    } else if (current.fileAttempts) {
      await this.save({ ...current, fileAttempts: 0, filesNextAttemptAt: undefined, updatedAt: this.now() });
    }
    return true;
  }

  private async saveFile(entry: OutboxEntry<B>, index: number, upload: FileUpload, bytes?: ArrayBuffer): Promise<OutboxEntry<B>> {
    const files = entry.files.map((f, i) => (i === index ? { ...f, upload, bytes: bytes ?? f.bytes } : f));
    const next = { ...entry, files, updatedAt: this.now() };
    await this.save(next);
    return next;
  }

  private async save(entry: OutboxEntry<B>): Promise<void> {
    await (await this.db).put('outbox', entry as OutboxEntry);
    this.changed();
  }

  async close(): Promise<void> {
    (await this.db).close();
  }
}
