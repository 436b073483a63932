import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, NeedsSignIn, backoffMs, classify, type OutboxEntry, type SendOutcome } from './outbox';

// The outbox on a real IndexedDB implementation (fake-indexeddb: the IndexedDB API in memory, not a fake of ours).
let seq = 0;
const opened: Outbox<{ taskId: string }>[] = [];

function outbox(dbName: string, send: (e: OutboxEntry<{ taskId: string }>) => Promise<SendOutcome>, now: () => number) {
  const o = new Outbox<{ taskId: string }>({ dbName, send, now });
  opened.push(o);
  return o;
}

afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

function record(key: string) {
  const bytes = new TextEncoder().encode('photo').buffer;
  return {
    key,
    taskId: 't-1',
    unitName: '太原晋鑫焦化有限公司',
    body: { taskId: 't-1' },
    files: [{ fileName: 'a.jpg', type: 'image/jpeg', bytes, sha256: 'ab'.repeat(32), size: 5, takenAt: '2026-12-05T02:00:00Z' }],
  };
}

describe('the outbox', () => {
  it('sends a queued record once, with its key, and keeps it as sent', async () => {
    const keys: string[] = [];
    const box = outbox(`db-${seq++}`, async (e) => (keys.push(e.key), { kind: 'sent', recordId: 'r-1' }), () => 1000);
    await box.enqueue(record('k-1'));
    expect((await box.list())[0]!.status).toBe('queued');

    expect(await box.flush()).toEqual({ sent: 1, refused: 0, retrying: 0, needsSignIn: false });
    await box.flush();

    expect(keys).toEqual(['k-1']);
    const [entry] = await box.list();
    expect(entry).toMatchObject({ key: 'k-1', status: 'sent', recordId: 'r-1', attempts: 0 });
    // The evidence bytes are stored with the record.
    expect(new TextDecoder().decode(entry!.files[0]!.bytes)).toBe('photo');
  });

  it('retries after a network error with the SAME key, after the backoff', async () => {
    let now = 10_000;
    const keys: string[] = [];
    let fail = true;
    const box = outbox(`db-${seq++}`, async (e) => {
      keys.push(e.key);
      if (fail) throw new TypeError('Failed to fetch');
      return { kind: 'sent', recordId: 'r-2' };
    }, () => now);
    await box.enqueue(record('k-2'));

    expect((await box.flush()).retrying).toBe(1);
    let [entry] = await box.list();
    // First failure: attempts 1, next try 2 000 ms later (backoffMs(1) = 2 000 · 2^0).
    expect(entry).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: 12_000, lastError: 'Failed to fetch' });

    // Not due yet: nothing is sent.
    fail = false;
    now = 11_999;
    expect((await box.flush()).retrying).toBe(1);
    expect(keys).toEqual(['k-2']);

    now = 12_000;
    expect((await box.flush()).sent).toBe(1);
    expect(keys).toEqual(['k-2', 'k-2']);
    [entry] = await box.list();
    expect(entry).toMatchObject({ status: 'sent', recordId: 'r-2' });
  });

  it('retries 5xx and 503 with backoff 2 s, 4 s, 8 s … capped at 5 min; force sends at once', async () => {
    let now = 0;
    const box = outbox(`db-${seq++}`, async () => classify(503, { title: 'Service Unavailable' }), () => now);
    await box.enqueue(record('k-3'));
    await box.flush();
    await box.flush({ force: true });
    await box.flush({ force: true });
    const [entry] = await box.list();
    // Three attempts at t=0: the third schedules 2 000 · 2^2 = 8 000 ms.
    expect(entry).toMatchObject({ status: 'queued', attempts: 3, nextAttemptAt: 8_000, lastError: 'HTTP 503' });
    expect([1, 2, 3, 4, 8, 9, 20].map(backoffMs)).toEqual([2_000, 4_000, 8_000, 16_000, 256_000, 300_000, 300_000]);
    expect(classify(500, {}).kind).toBe('retry');
    expect(classify(429, {}).kind).toBe('retry');
  });

  it('a 422 refusal is final: kept with its problem and never sent again', async () => {
    let calls = 0;
    const problem = { title: 'Unprocessable', detail: '内容不符', errors: [{ field: 'measurements[0].outletCode', message: 'no such outlet' }] };
    const box = outbox(`db-${seq++}`, async () => (calls++, classify(422, problem)), () => 0);
    await box.enqueue(record('k-4'));

    expect((await box.flush()).refused).toBe(1);
    await box.flush({ force: true });
    await box.flush({ force: true });

    expect(calls).toBe(1);
    const [entry] = await box.list();
    expect(entry!.status).toBe('refused');
    expect(entry!.problem).toMatchObject({ status: 422, detail: '内容不符' });
    expect(entry!.problem!.errors![0]!.field).toBe('measurements[0].outletCode');
  });

  it('without a session the record waits, untouched, and goes after the sign-in', async () => {
    let signedIn = false;
    const box = outbox(`db-${seq++}`, async () => {
      if (!signedIn) throw new NeedsSignIn();
      return { kind: 'sent' };
    }, () => 0);
    await box.enqueue(record('k-5'));
    expect(await box.flush()).toMatchObject({ needsSignIn: true, sent: 0 });
    expect((await box.list())[0]).toMatchObject({ status: 'queued', attempts: 0 });
    expect(classify(401, {}).kind).toBe('unauthorized');

    signedIn = true;
    expect((await box.flush()).sent).toBe(1);
  });

  it('survives a reload: a new page finds the queue, and a record left "sending" is sent again with its key', async () => {
    const name = `db-${seq++}`;
    // The first page claims the record and dies before the answer arrives.
    let release!: () => void;
    const hung = new Promise<SendOutcome>((resolve) => (release = () => resolve({ kind: 'retry', reason: 'page closed' })));
    const first = outbox(name, () => hung, () => 0);
    await first.enqueue(record('k-6'));
    const flushing = first.flush();
    await new Promise((r) => setTimeout(r, 20));
    expect((await first.list())[0]!.status).toBe('sending');

    const keys: string[] = [];
    const second = outbox(name, async (e) => (keys.push(e.key), { kind: 'sent', recordId: 'r-6' }), () => 0);
    const [found] = await second.list();
    expect(found).toMatchObject({ key: 'k-6', status: 'sending', unitName: '太原晋鑫焦化有限公司' });
    expect((await second.flush()).sent).toBe(1);
    expect(keys).toEqual(['k-6']);
    expect((await second.list())[0]).toMatchObject({ status: 'sent', recordId: 'r-6' });
    release();
    await flushing;
  });

  it('refuses to store the same key twice', async () => {
    const box = outbox(`db-${seq++}`, async () => ({ kind: 'sent' }), () => 0);
    await box.enqueue(record('k-7'));
    await expect(box.enqueue(record('k-7'))).rejects.toThrow();
    expect(await box.list()).toHaveLength(1);
  });
});
