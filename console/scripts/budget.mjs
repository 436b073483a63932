// Issue 17's budget for the first screen: the console's initial bundle — what index.html loads before any route's
// lazy chunk (its entry script, the chunks that script imports statically, its stylesheets) — stays under 1 MB
// gzipped. Run by the Maven build after `vite build`; fails the build when over. Prints every initial file's size.
//   node scripts/budget.mjs <outDir>
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT = 1024 * 1024;
const out = process.argv[2] ?? 'dist';
const html = readFileSync(join(out, 'index.html'), 'utf8');
const referenced = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
if (referenced.length === 0) throw new Error(`no assets referenced by ${out}/index.html`);

// Static imports of the entry (Vite emits them as `from"./x.js"` / `import"./x.js"`); dynamic import() is lazy.
const initial = new Set();
const visit = (file) => {
  if (initial.has(file)) return;
  initial.add(file);
  if (!file.endsWith('.js')) return;
  const code = readFileSync(join(out, file), 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(`assets/${m[1]}`);
};
referenced.forEach(visit);

let total = 0;
for (const file of [...initial].sort()) {
  const gz = gzipSync(readFileSync(join(out, file))).length;
  total += gz;
  console.log(`[budget] ${file.padEnd(48)} ${(gz / 1024).toFixed(1).padStart(8)} KiB gz`);
}
const lazy = readdirSync(join(out, 'assets')).filter((f) => !initial.has(`assets/${f}`)).length;
console.log(`[budget] initial ${(total / 1024).toFixed(1)} KiB gz of ${(LIMIT / 1024).toFixed(0)} KiB; ${lazy} lazy files`);
if (total > LIMIT) {
  console.error(`[budget] the console's initial bundle is ${total} bytes gzipped, over the ${LIMIT} of issue 17`);
  process.exit(1);
}
