// What every browser spec shares (ADR 0021): Debian's chromium, sign-in through the provider's real pages, RFC 6238
// codes, steps that report and stop a spec at its first failure, a watch for script errors and CSP violations, and
// axe-core (no serious or critical violation on a main screen).
import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';
export const demoUsers = JSON.parse(
  readFileSync(process.env.DEMO_USERS ?? join(here, '..', '..', '.local', 'keys', 'demo-users.json'), 'utf8'),
);
export const shots = process.env.SCREENSHOTS ?? join(here, '..', '..', 'docs', 'screenshots');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function demoUser(username) {
  const user = demoUsers.find((u) => u.username === username);
  if (!user) throw new Error(`no ${username} in the demo users`);
  return user;
}

/** RFC 6238 as the provider checks it (platform-support Totp: HMAC-SHA1, 30 s steps, 6 digits). */
export function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export const results = { passed: 0, failed: 0 };

/** One named step of a spec; a failure is reported and ends the spec (later steps depend on earlier ones). */
export async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    results.passed++;
    console.log(`[console-e2e] ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.failed++;
    console.log(`[console-e2e] FAIL ${name}: ${e instanceof Error ? e.stack : e}`);
    throw e;
  }
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page that records every script error, CSP violation and 4xx/5xx of the console or an API; `problems` is checked
 * by the spec at its end (a step that provokes an error on purpose removes it with `expected`).
 */
export function watch(page) {
  const problems = [];
  const apiCalls = [];
  page.setDefaultTimeout(45_000); // the first sign-in hashes a password (Argon2id) on a provider that has just started
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.status() >= 400 && (path.startsWith('/console/') || path.startsWith('/field/') || path.startsWith('/api/'))) {
      problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => {
    if (r.url().includes('/api/')) apiCalls.push({ url: r.url(), method: r.method(), authorization: r.headers().authorization ?? '' });
  });
  return {
    problems,
    apiCalls,
    /** Forgets the recorded problems matching `pattern` (an error the step provoked on purpose). */
    expected(pattern) {
      for (let i = problems.length - 1; i >= 0; i--) if (pattern.test(problems[i])) problems.splice(i, 1);
    },
  };
}

/** The TOTP time step each user last signed in with during this run. */
const usedSteps = new Map();

/**
 * Signs `user` in through the provider's pages from `startUrl` (the console or the field app), TOTP when the user
 * has a secret; resolves once the browser is back on `landing`.
 */
export async function signIn(page, user, startUrl, landing) {
  await page.goto(startUrl);
  await page.waitForURL(/\/auth\/login/, { waitUntil: 'domcontentloaded' });
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await page.click('button[type=submit]');
  if (user.totpSecret) {
    await page.waitForURL(/\/auth\/login\/totp/, { waitUntil: 'domcontentloaded' });
    // A code is accepted once (RFC 6238 §5.2, as the provider checks it): wait for a step this user has not used yet
    // in this run (specs sign the same administrator in one after another), and for a fresh one if this one is about
    // to run out.
    const stepOf = () => Math.floor(Date.now() / 1000 / 30);
    while (usedSteps.get(user.username) === stepOf() || (Date.now() / 1000) % 30 > 25) {
      await page.waitForTimeout(1_000);
    }
    usedSteps.set(user.username, stepOf());
    await page.fill('#code', totp(user.totpSecret));
    await page.click('button[type=submit]');
  }
  await page.waitForURL(landing, { waitUntil: 'domcontentloaded' });
}

/** axe-core on the page as it is now: no serious or critical violation (issue 17). */
export async function accessible(page, screen) {
  // A toast or dialog still fading in is judged at its blended colours (a 60-liaison-admin run failed on the
  // ElMessage of the step before): wait until CSS transitions and animations have finished; an endless one (a
  // spinner) does not hold the check longer than 5 s.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5_000 })
    .catch(() => {});
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (an injected <script> would be blocked).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations.length === 0, `axe on ${screen}: ${violations.join(' | ')}`);
}
