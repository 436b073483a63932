// Photos and files taken on site: their bytes, SHA-256 (what the record carries), time and place.
import type { EvidenceFile } from './outbox';

export interface Position {
  lat: number;
  lon: number;
}

/** The phone's position now, or undefined when the inspector refused it or the fix takes too long. */
export function currentPosition(timeoutMs = 10_000): Promise<Position | undefined> {
  if (!('geolocation' in navigator)) return Promise.resolve(undefined);
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
      () => resolve(undefined),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    ),
  );
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A file as evidence. The capture time is the file's own time (a camera capture is written when it is taken),
 * never later than now (the service refuses a time in the future); the place is where the phone is when it is added.
 */
export async function evidenceOf(file: File, now = new Date()): Promise<EvidenceFile> {
  const bytes = await file.arrayBuffer();
  const taken = file.lastModified && file.lastModified <= now.getTime() ? new Date(file.lastModified) : now;
  return {
    fileName: file.name.slice(0, 255),
    type: file.type || 'application/octet-stream',
    bytes,
    sha256: await sha256Hex(bytes),
    size: bytes.byteLength,
    takenAt: taken.toISOString(),
    location: await currentPosition(),
  };
}
