// Generates the typed API (src/api/generated/*.ts) from the contracts of record in docs/api (ADR 0020, ADR 0021):
// the console never writes a request or response shape by hand. Run by the Maven build before the type-check.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const docs = join(here, '..', '..', 'docs', 'api');
const out = join(here, '..', 'src', 'api', 'generated');
const cli = join(here, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
mkdirSync(out, { recursive: true });
for (const service of ['permit-sync', 'inspection-service', 'liaison-service', 'reporting-service', 'identity-service', 'monitoring-service']) {
  execFileSync(process.execPath, [cli, join(docs, `${service}.json`), '-o', join(out, `${service}.ts`)], {
    stdio: 'inherit',
  });
}
