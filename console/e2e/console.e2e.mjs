// The console and the field app in a real browser (issue 17, ADR 0021): every spec under specs/ in file-name order,
// one browser, a fresh context per spec, against a running platform (console/e2e/run.sh starts one).
//
//   GATEWAY_URL=http://localhost:25080 DEMO_USERS=.local/keys/demo-users.json node console/e2e/console.e2e.mjs [name-filter]
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, results } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const specs = readdirSync(join(here, 'specs'))
  .filter((f) => f.endsWith('.mjs') && (!only || f.includes(only)))
  .sort();
const browser = await launch();
const failedSpecs = [];
try {
  for (const file of specs) {
    console.log(`[console-e2e] spec ${file}`);
    const spec = await import(pathToFileURL(join(here, 'specs', file)).href);
    try {
      await spec.default(browser);
    } catch {
      failedSpecs.push(file); // reported by step(); the next spec starts from its own context
    }
  }
} finally {
  await browser.close();
  console.log(`console-e2e: ${results.passed} passed, ${results.failed} failed${failedSpecs.length ? ` (in ${failedSpecs.join(', ')})` : ''}`);
  process.exitCode = failedSpecs.length > 0 || results.passed === 0 ? 1 : 0;
}
