// Debian's Chromium through playwright-core (which never downloads a browser), for the browser tests.
//
// Environment:
//   FILESTORE_CHROMIUM   the browser (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const chromiumPath = process.env.FILESTORE_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-quic', '--disable-sync',
];
// Generous: a 2-core machine may be busy with a build while this runs. Waits end as soon as their
// condition holds; nothing here sleeps for a fixed time.
export const WAIT = 90_000;
export const TEST_TIMEOUT = 300_000;

export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/** Chromium's console report of a blocked resource or script names the Content Security Policy. */
const CSP_VIOLATION = /Content Security Policy/;

/**
 * Runs a case in a fresh context of `browser` (with `contextOptions`), failing it if the page threw or
 * broke the Content-Security-Policy the local stack sends (production's, from wiring/web-hosting.json);
 * `allowViolations` lets a case that provokes one check it. On failure saves a full-page screenshot in
 * `results`, named after the case. The body gets the page and the violations seen so far.
 */
export async function inPage(browser, t, body, { results, contextOptions = {}, allowViolations = false }) {
  const context = await browser.newContext({ viewport: { width: 1180, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  const pageErrors = [];
  const violations = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  page.on('console', (m) => {
    if (m.type() === 'error' && CSP_VIOLATION.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  try {
    await body(page, violations);
    assert.deepEqual(pageErrors.map(String), [], 'the page threw');
    if (!allowViolations) assert.deepEqual(violations, [], 'the page broke the Content-Security-Policy');
  } catch (e) {
    await mkdir(results, { recursive: true });
    const file = path.join(results, `${t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    e.message += `\n(screenshot: ${file})`;
    throw e;
  } finally {
    await context.close();
  }
}
