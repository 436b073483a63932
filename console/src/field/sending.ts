// Wires the outbox to the network and to the screens: sends when the app starts, when the network comes back, after
// a submit and after a sign-in (records first, then the files of accepted records); schedules the next retry; keeps a reactive copy of the queue for the status screens.
import { ref } from 'vue';
import { classify, Outbox, type OutboxEntry, type SendOutcome } from './outbox';
import { inspectionApi, type RecordInputCreate } from './api';
import { uploadEvidence, type UploadPort } from './upload';

export type FieldEntry = OutboxEntry<RecordInputCreate>;

/** One attempt: the stored body with the stored key. openapi-fetch throws on a network error (retried by the outbox). */
async function send(entry: FieldEntry): Promise<SendOutcome> {
  const { data, error, response } = await inspectionApi.POST('/api/v1/inspections', {
    params: { header: { 'Idempotency-Key': entry.key } },
    body: entry.body,
  });
  return classify(response.status, data ?? error);
}

/** The service and the store as the upload needs them (upload.ts); the PUT goes to the gateway's /evidence-store. */
const evidencePort: UploadPort = {
  async declare(recordId, file) {
    const { data, error, response } = await inspectionApi.POST('/api/v1/inspections/{recordId}/evidence', {
      params: { path: { recordId } },
      body: {
        fileName: file.fileName,
        mediaType: file.type,
        size: file.size,
        sha256: file.sha256,
        takenAt: file.takenAt,
        location: file.location,
      },
    });
    return { status: response.status, body: data ?? error };
  },
  async put(url, headers, bytes) {
    // No token: the presigned URL is the credential (and a bearer token must never reach the store).
    const response = await fetch(url, { method: 'PUT', headers, body: bytes, credentials: 'omit' });
    return response.status;
  },
  async confirm(recordId, evidenceId) {
    const { data, error, response } = await inspectionApi.POST('/api/v1/inspections/{recordId}/evidence/{id}/confirm', {
      params: { path: { recordId, id: evidenceId } },
    });
    return { status: response.status, body: data ?? error };
  },
};

export const outbox = new Outbox<RecordInputCreate>({
  send,
  upload: (recordId, file) => uploadEvidence(recordId, file, evidencePort),
});
export const entries = ref<FieldEntry[]>([]);
export const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
export const needsSignIn = ref(false);

let retryTimer: ReturnType<typeof setTimeout> | undefined;

async function refresh(): Promise<void> {
  entries.value = await outbox.list();
}

/** Sends what is due; `force` when the network just came back or after a sign-in (no reason to wait out a backoff). */
export async function sendNow(force = false): Promise<void> {
  if (!online.value) return;
  const result = await outbox.flush({ force });
  needsSignIn.value = result.needsSignIn;
  await refresh();
  clearTimeout(retryTimer);
  const due = await outbox.nextDue();
  if (due !== undefined && !result.needsSignIn) {
    retryTimer = setTimeout(() => void sendNow(), Math.max(due - Date.now(), 500));
  }
}

export function startSending(): void {
  outbox.subscribe(() => void refresh());
  window.addEventListener('online', () => {
    online.value = true;
    void sendNow(true);
  });
  window.addEventListener('offline', () => (online.value = false));
  void refresh().then(() => sendNow(true));
}
