// What the inspector needs at the factory gate without a network: the task list, each unit's permit facts and each
// task's checklist, kept in IndexedDB from the last time they were read online (ADR 0025). Read-only copies: the
// services stay the source of truth and every online read replaces them.
import { openDB } from 'idb';

const db = openDB('permitwatch-field-cache', 1, {
  upgrade(d) {
    d.createObjectStore('data');
  },
});

export interface Cached<T> {
  value: T;
  /** When the copy was read from the service (epoch ms). */
  savedAt: number;
  /** True when the service could not be reached and this is the stored copy. */
  stale: boolean;
}

/** The service's answer (stored for later), or the stored copy when the service cannot be reached. */
export async function cached<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
  try {
    const value = await load();
    const savedAt = Date.now();
    await (await db).put('data', { value, savedAt }, key);
    return { value, savedAt, stale: false };
  } catch (e) {
    const copy = (await (await db).get('data', key)) as { value: T; savedAt: number } | undefined;
    if (copy) return { ...copy, stale: true };
    throw e;
  }
}
