// Issue 17's budget for the first screen: an app's initial bundle — what index.html loads before any route's lazy
// chunk (its entry script, the chunks that script imports statically, its stylesheets) — stays under 1 MB gzipped.
// Run by the Maven build after both `vite build`s (the console and the field app); fails the build when over.
// Prints every initial file's size.
//   node scripts/budget.mjs <outDir>...
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT = 1024 * 1024;
let over = false;
for (const out of process.argv.slice(2)) over = check(out) || over;
if (over) process.exit(1);

/** @returns whether the app in `out` is over the budget */
function check(out) {
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/[a-z]+\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
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
console.log(`[budget] ${out}: initial ${(total / 1024).toFixed(1)} KiB gz of ${(LIMIT / 1024).toFixed(0)} KiB; ${lazy} lazy files`);
if (total > LIMIT) console.error(`[budget] ${out}: the initial bundle is ${total} bytes gzipped, over the ${LIMIT} of issue 17`);
return total > LIMIT;
}
