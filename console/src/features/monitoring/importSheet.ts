// The provincial sheet's import through the typed client: the file travels as multipart (the contract's
// multipart/form-data body with its binary 'file' part); openapi-fetch leaves a FormData's Content-Type to the browser.
import { monitoringApi } from '../../api/client';
import type { ImportBody } from './monitoring';

export function importSheet(file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file, file.name);
  return monitoringApi.POST('/api/v1/monitoring/points/import', {
    params: { query: { dryRun } },
    // The generated type names the binary part as a string (OpenAPI's format: binary); the FormData carries it.
    body: form as unknown as ImportBody,
  });
}
