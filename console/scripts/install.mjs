// `npm ci`, but only when node_modules was not installed from this very package-lock.json: a stamp with the lock's
// SHA-256 is written after a successful install. A clean checkout (CI) always installs; a developer's second build
// does not wipe and reinstall 500 packages (a minute on 2 cores, and it broke a Vitest run going on at the same time).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'node_modules', '.permitwatch-lock.sha256');
const lock = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lock) {
  console.log('[install] node_modules is installed from this package-lock.json: npm ci skipped');
} else {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, `${lock}\n`);
}
