// The console in a real browser (issue 17, ADR 0021): Debian's chromium driven by playwright-core against a running
// platform (console/e2e/run.sh starts one). A city administrator signs in through the provider's real pages
// (password + TOTP), sees 工作台 with its chart drawn from the directory stats, opens 名录库, filters it on the server,
// opens a unit; screenshots go to docs/screenshots/ for the README.
//
//   GATEWAY_URL=http://localhost:38080 DEMO_USERS=.local/keys/demo-users.json node console/e2e/console.e2e.mjs
import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';
const users = JSON.parse(readFileSync(process.env.DEMO_USERS ?? join(here, '..', '..', '.local', 'keys', 'demo-users.json'), 'utf8'));
const shots = process.env.SCREENSHOTS ?? join(here, '..', '..', 'docs', 'screenshots');
const who = users.find((u) => u.username === 'ty-admin');
if (!who) throw new Error('no ty-admin in the demo users');
mkdirSync(shots, { recursive: true });

/** RFC 6238 as the provider checks it (platform-support Totp: HMAC-SHA1, 30 s steps, 6 digits). */
function totp(base32, at = Date.now()) {
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

let passed = 0;
let failed = 0;
async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`[console-e2e] ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`[console-e2e] FAIL ${name}: ${e instanceof Error ? e.stack : e}`);
    throw e;
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
const page = await context.newPage();
// Generous: the first sign-in hashes a password (Argon2id) on a provider that has just started.
page.setDefaultTimeout(45_000);
// Anything the strict Content-Security-Policy blocks, and any script error, fails the run.
const problems = [];
page.on('console', (m) => {
  // A failed load is judged by its URL below (the browser's own /favicon.ico is not the console's).
  if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
});
page.on('response', (r) => {
  const path = new URL(r.url()).pathname;
  if (r.status() >= 400 && (path.startsWith('/console/') || path.startsWith('/api/'))) problems.push(`${r.status()} ${r.url()}`);
});
page.on('pageerror', (e) => problems.push(String(e)));
const apiCalls = [];
page.on('request', (r) => {
  if (r.url().includes('/api/')) apiCalls.push({ url: r.url(), authorization: r.headers().authorization ?? '' });
});

try {
  await step('the console sends an unsigned visitor to the provider, who signs ty-admin in (password + TOTP)', async () => {
    await page.goto(`${gateway}/console/`);
    await page.waitForURL(/\/auth\/login/, { waitUntil: 'domcontentloaded' });
    await page.fill('#username', who.username);
    await page.fill('#password', who.password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/auth\/login\/totp/, { waitUntil: 'domcontentloaded' });
    // A code is accepted once: wait for a fresh step if this one is about to run out.
    if ((Date.now() / 1000) % 30 > 25) await page.waitForTimeout(6_000);
    await page.fill('#code', totp(who.totpSecret));
    await page.click('button[type=submit]');
    await page.waitForURL(/\/console\/dashboard/, { waitUntil: 'domcontentloaded' });
    const caller = await page.textContent('[data-test=caller]');
    expect(caller.includes('140100'), `the header names the caller's division 140100: ${caller}`);
  });

  await step('工作台 draws the directory stats of Taiyuan in an ECharts figure', async () => {
    await page.waitForSelector('[data-test=industry-chart] canvas');
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-test=total-units] .el-statistic__number');
      return el && Number(el.textContent.replace(/[^0-9]/g, '')) > 0;
    });
    const canvas = await page.$eval('[data-test=industry-chart] canvas', (c) => ({ w: c.width, h: c.height }));
    expect(canvas.w > 300 && canvas.h > 200, `the chart has a size: ${JSON.stringify(canvas)}`);
    const stats = apiCalls.find((c) => c.url.includes('/api/v1/directory/stats'));
    expect(stats && stats.authorization.startsWith('Bearer '), 'the stats came through the gateway with the bearer token');
    expect(stats.url.includes('division=140100'), `asked for the caller's division: ${stats.url}`);
    await page.waitForTimeout(800); // the bars' entry animation
    await page.screenshot({ path: join(shots, 'console-dashboard.png') });
  });

  await step('名录库 lists the units of the caller, paged by the server', async () => {
    await page.click('[data-menu=directory]');
    await page.waitForURL(/\/console\/directory/);
    await page.waitForSelector('[data-test=units] .el-table__row');
    const total = await page.textContent('.el-pagination__total');
    expect(/\d+/.test(total) && Number(total.replace(/[^0-9]/g, '')) > 0, `a total is shown: ${total}`);
    await page.screenshot({ path: join(shots, 'console-directory.png') });
  });

  await step('a filter (管理类别 = 重点管理) is applied by the server and shown in every row', async () => {
    await page.click('[data-test=filter-category]');
    await page.click('.el-select-dropdown__item:visible >> text=重点管理');
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/directory/units?') && r.url().includes('category=KEY'));
    await page.click('[data-test=search]');
    const response = await answered;
    expect(response.status() === 200, `the filtered list answered ${response.status()}`);
    const body = await response.json();
    await page.waitForURL(/category=KEY/);
    await page.waitForSelector('[data-test=units] .el-table__row');
    const categories = await page.$$eval('[data-test=units] .el-table__body tr td:nth-child(4)', (cells) => cells.map((c) => c.textContent.trim()));
    expect(categories.length === Math.min(body.items.length, 20), `one row per item: ${categories.length} vs ${body.items.length}`);
    expect(categories.every((c) => c === '重点管理'), `every row is 重点管理: ${categories.join(',')}`);
    expect(body.items.every((u) => u.cityCode === '140100'), 'only Taiyuan units');
    await page.screenshot({ path: join(shots, 'console-directory-filtered.png') });
  });

  await step("a unit's page shows its permit", async () => {
    const first = (await page.textContent('[data-test=units] .el-table__body tr:first-child td:nth-child(2)')).trim();
    await page.click('[data-test=units] .el-table__body tr:first-child [data-test=open-unit]');
    await page.waitForURL(new RegExp(`/console/directory/${first}`));
    await page.waitForSelector('[data-test=unit-basics]');
    const basics = await page.textContent('[data-test=unit-basics]');
    expect(basics.includes(first), `the unit's page shows its permit number ${first}`);
    await page.screenshot({ path: join(shots, 'console-unit.png'), fullPage: true });
  });

  await step('a deep link opens the same page after a fresh sign-in, and nothing was blocked by the CSP', async () => {
    const url = page.url();
    const fresh = await context.newPage();
    await fresh.goto(url); // tokens live in memory: a new tab signs in again, silently (the provider's session)
    await fresh.waitForURL(url, { waitUntil: 'domcontentloaded' });
    await fresh.waitForSelector('[data-test=unit-basics]');
    await fresh.close();
    expect(problems.length === 0, `no script error or CSP violation: ${problems.join(' | ')}`);
  });
} catch {
  // reported by step()
} finally {
  await browser.close();
  console.log(`console-e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}
