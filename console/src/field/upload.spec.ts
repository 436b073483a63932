import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, type EvidenceFile, type OutboxEntry } from './outbox';
import { uploadEvidence, type UploadPort } from './upload';

// The outbox's file uploads on a real IndexedDB implementation (fake-indexeddb) against a scripted service and store
// that behave as inspection-service and S3 do (ADR 0031): the same bytes declared again are the same declaration, the
// PUT is create-only (412 on a second), a confirmation is done once (409 afterwards).
let seq = 0;
const opened: Outbox<{ taskId: string }>[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

/** "photo-1" is 7 bytes: p h o t o - 1. */
const PHOTO = new TextEncoder().encode('photo-1').buffer as ArrayBuffer;

function entry(key: string) {
  const file: EvidenceFile = { fileName: '现场.jpg', type: 'image/jpeg', bytes: PHOTO, sha256: 'ab'.repeat(32), size: 7, takenAt: '2026-12-05T02:00:00Z', location: { lat: 37.87, lon: 112.55 } };
  return { key, taskId: 't-1', unitName: '太原晋鑫焦化有限公司', body: { taskId: 't-1' }, files: [file] };
}

/** A service and store in memory that keep the rules the real ones keep; `calls` records what the phone sent. */
class Platform implements UploadPort {
  calls: string[] = [];
  declarations = new Map<string, { id: string; status: 'DECLARED' | 'KEPT' }>();
  objects = new Map<string, ArrayBuffer>();
  offline = false;
  /** Drop the answer to the next call of this kind (the request arrives, the response is lost). */
  loseAnswerOf: string | undefined;
  hashMatches = true;

  private net(kind: string) {
    this.calls.push(kind);
    if (this.offline) throw new TypeError('Failed to fetch');
  }

  private lost<T>(kind: string, value: T): T {
    if (this.loseAnswerOf === kind) {
      this.loseAnswerOf = undefined;
      throw new TypeError('Failed to fetch');
    }
    return value;
  }

  async declare(recordId: string, file: EvidenceFile) {
    this.net('declare');
    const key = `${recordId}/${file.sha256}`;
    let d = this.declarations.get(key);
    const created = !d;
    if (!d) this.declarations.set(key, (d = { id: `e-${this.declarations.size + 1}`, status: 'DECLARED' }));
    const upload = d.status === 'DECLARED' ? { url: `/evidence-store/b/${d.id}`, method: 'PUT', headers: { 'if-none-match': '*' } } : null;
    return this.lost('declare', { status: created ? 201 : 200, body: { evidence: { ...d }, upload } });
  }

  async put(url: string, headers: Record<string, string>, bytes: ArrayBuffer) {
    this.net('put');
    expect(headers['if-none-match']).toBe('*');
    if (this.objects.has(url)) return 412; // create-only: never overwritten
    this.objects.set(url, bytes);
    return this.lost('put', 200);
  }

  async confirm(_recordId: string, id: string) {
    this.net('confirm');
    const d = [...this.declarations.values()].find((x) => x.id === id)!;
    if (d.status !== 'DECLARED') return { status: 409, body: { code: 'evidence-already-confirmed' } };
    if (!this.objects.has(`/evidence-store/b/${id}`)) return { status: 409, body: { code: 'evidence-not-uploaded' } };
    if (!this.hashMatches) return { status: 422, body: { code: 'evidence-sha256-mismatch', detail: 'does not match', errors: [{ field: 'sha256', message: 'x' }] } };
    d.status = 'KEPT';
    return this.lost('confirm', { status: 200, body: { id, status: 'KEPT' } });
  }
}

function box(platform: Platform, now: () => number, recordSent = true) {
  const o = new Outbox<{ taskId: string }>({
    dbName: `files-${seq++}`,
    send: async () => (recordSent ? { kind: 'sent', recordId: 'r-1' } : { kind: 'retry', reason: 'HTTP 503' }),
    upload: (recordId, file) => uploadEvidence(recordId, file, platform),
    now,
  });
  opened.push(o);
  return o;
}

async function fileOf(o: Outbox<{ taskId: string }>): Promise<OutboxEntry<{ taskId: string }>['files'][number]> {
  return (await o.list())[0]!.files[0]!;
}

describe('evidence uploads from the outbox', () => {
  it('uploads a file after its record is accepted: declare, PUT, confirm; kept, bytes freed', async () => {
    const platform = new Platform();
    const o = box(platform, () => 1_000);
    await o.enqueue(entry('k-1'));
    expect((await fileOf(o)).upload).toBeUndefined();

    await o.flush();

    expect(platform.calls).toEqual(['declare', 'put', 'confirm']);
    const file = await fileOf(o);
    expect(file.upload).toEqual({ status: 'kept', evidenceId: 'e-1' });
    expect(file.bytes.byteLength).toBe(0);
    expect(file.sha256).toBe('ab'.repeat(32));
    // kept once: a later flush sends nothing
    await o.flush({ force: true });
    expect(platform.calls).toHaveLength(3);
  });

  it('waits for the record: no file leaves before the record is accepted', async () => {
    const platform = new Platform();
    const o = box(platform, () => 1_000, false);
    await o.enqueue(entry('k-2'));
    await o.flush();
    expect(platform.calls).toEqual([]);
    expect((await fileOf(o)).upload).toBeUndefined();
  });

  it('taken offline, uploaded when the network is back, with backoff in between', async () => {
    let now = 10_000;
    const platform = new Platform();
    platform.offline = true;
    const o = box(platform, () => now);
    await o.enqueue(entry('k-3'));

    const first = await o.flush();
    expect(first.retrying).toBe(1);
    let [e] = await o.list();
    expect(e!.files[0]!.upload?.status).toBe('queued');
    expect(e!.files[0]!.upload?.lastError).toBe('Failed to fetch');
    // first failure: next try 2 000 ms later (backoffMs(1) = 2 000 · 2^0)
    expect(e!.filesNextAttemptAt).toBe(12_000);
    expect(await o.nextDue()).toBe(12_000);

    platform.offline = false;
    now = 11_000; // before the backoff: not sent unless forced
    await o.flush();
    expect(platform.calls).toEqual(['declare']);
    await o.flush({ force: true }); // the 'online' event
    [e] = await o.list();
    expect(e!.files[0]!.upload).toEqual({ status: 'kept', evidenceId: 'e-1' });
    expect(e!.fileAttempts).toBe(0);
    expect(platform.calls).toEqual(['declare', 'declare', 'put', 'confirm']);
    expect(platform.declarations.size).toBe(1);
  });

  it('a lost answer at any step is retried without a second declaration, upload or confirmation', async () => {
    for (const step of ['declare', 'put', 'confirm']) {
      const platform = new Platform();
      platform.loseAnswerOf = step;
      let now = 1_000;
      const o = box(platform, () => now);
      await o.enqueue(entry(`k-${step}`));
      await o.flush();
      expect((await fileOf(o)).upload?.status).toBe('queued');
      now += 60_000;
      await o.flush();
      expect((await fileOf(o)).upload, step).toEqual({ status: 'kept', evidenceId: 'e-1' });
      // one declaration and one object whatever was lost
      expect(platform.declarations.size, step).toBe(1);
      expect(platform.objects.size, step).toBe(1);
      expect([...platform.declarations.values()][0]!.status).toBe('KEPT');
    }
  });

  it('a refusal (hash mismatch) is final for that file and shown with its problem', async () => {
    const platform = new Platform();
    platform.hashMatches = false;
    const o = box(platform, () => 1_000);
    await o.enqueue(entry('k-4'));
    const result = await o.flush();
    expect(result.refused).toBe(1);
    const file = await fileOf(o);
    expect(file.upload?.status).toBe('refused');
    expect(file.upload?.problem).toMatchObject({ code: 'evidence-sha256-mismatch', status: 422 });
    // the bytes stay on the phone (nothing kept them)
    expect(file.bytes.byteLength).toBe(7);
    await o.flush({ force: true });
    expect(platform.calls).toEqual(['declare', 'put', 'confirm']);
  });

  it('a file left "uploading" by a closed page is sent again on the next start', async () => {
    const platform = new Platform();
    const o = box(platform, () => 1_000);
    await o.enqueue(entry('k-5'));
    const [e] = await o.list();
    // as a page closed mid-upload leaves it
    await (o as unknown as { save(x: unknown): Promise<void> }).save({
      ...e,
      status: 'sent',
      recordId: 'r-1',
      files: e!.files.map((f) => ({ ...f, upload: { status: 'uploading' } })),
    });
    await o.flush();
    expect((await fileOf(o)).upload).toEqual({ status: 'kept', evidenceId: 'e-1' });
  });
});
