// End-to-end test of the sample client and the API docs page, in a real browser, against a real local stack.
//
// It starts its own stack (support/stack.mjs: `filestore local` with --port P --data DIR), waits for
// DIR/local.json, drives Debian's Chromium through playwright-core (support/browser.mjs), and stops the
// stack with SIGINT at the end.
//
// Environment: FILESTORE_LOCAL_CMD, FILESTORE_START_TIMEOUT (support/stack.mjs), FILESTORE_CHROMIUM
// (support/browser.mjs), and
//   FILESTORE_SCREENSHOT      when set, a path where a screenshot of the page with a few files is saved

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inPage as inContext, launchBrowser, TEST_TIMEOUT, WAIT } from './support/browser.mjs';
import { Stack, web } from './support/stack.mjs';

const results = path.join(web, 'test-results');
const stack = new Stack();

/** The API from Node, with the stack's key. */
const api = (method, route, body) => stack.call(method, route, { body });

async function listedIds() {
  return (await stack.listAll('/files')).map((f) => f.id);
}

// ---- the browser ------------------------------------------------------------------------------------

let browser;

/** Runs a case in a fresh browser context that accepts downloads; a failure leaves a screenshot in test-results/. */
const inPage = (t, body) => inContext(browser, t, body, { results, contextOptions: { acceptDownloads: true } });

/** Opens the sample page and saves the key through its form. */
async function openApp(page, key) {
  await page.goto(stack.facts.webUrl);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.getByLabel('Key sent as x-api-key').fill(key);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

const row = (page, name, state) =>
  page.locator(`tr[data-testid="file-row"][data-name="${name}"]${state ? `[data-state="${state}"]` : ''}`);

const pondItem = (page, name) => page.locator('.filepond--item', { hasText: name });

async function upload(page, name, mimeType, buffer) {
  await page.locator('input.filepond--browser').setInputFiles({ name, mimeType, buffer });
}

// ---- the cases --------------------------------------------------------------------------------------

describe('the sample web client', { timeout: 30 * 60_000 }, () => {
  let browserBegan = 0;
  let browserEnded = 0;

  before(async () => {
    await rm(results, { recursive: true, force: true });
    await stack.start({ prefix: 'filestore-web-e2e-' });
    browserBegan = Date.now();
    browser = await launchBrowser();
  });

  after(async () => {
    const seconds = browserBegan ? (((browserEnded || Date.now()) - browserBegan) / 1000).toFixed(1) : '-';
    await browser?.close().catch(() => {});
    console.log(`e2e: stack ready in ${stack.startedIn.toFixed(1)} s; browser tests ran in ${seconds} s (wall time)`);
    await stack.finish(results);
  });

  test('uploads a 3 MB file, stores, downloads the same bytes and deletes it', { timeout: TEST_TIMEOUT }, async (t) => {
    await inPage(t, async (page) => {
      await openApp(page, stack.facts.apiKey);
      const bytes = randomBytes(3 * 1024 * 1024);
      const name = `random-${Date.now()}.zip`;
      await upload(page, name, 'application/zip', bytes);

      await pondItem(page, name).and(page.locator('[data-filepond-item-state="processing-complete"]')).waitFor();
      await row(page, name, 'UPLOADED').waitFor();
      const id = await row(page, name).getAttribute('data-file-id');
      assert.match(id, /^[0-9a-f]{32}$/);
      const info = await api('GET', `/files/${id}`);
      assert.equal(info.body.size, bytes.length);
      assert.equal(info.body.contentType, 'application/zip');
      assert.ok(info.body.checksumSha256, 'the page sent a checksum');

      await row(page, name).getByRole('button', { name: `Store ${name}` }).click();
      await row(page, name, 'STORED').waitFor();
      assert.ok(await row(page, name).getByRole('button', { name: `Store ${name}` }).isDisabled());

      const downloading = page.waitForEvent('download', { timeout: WAIT });
      await row(page, name).getByRole('button', { name: `Download ${name}` }).click();
      const download = await downloading;
      assert.equal(download.suggestedFilename(), name);
      const saved = await readFile(await download.path());
      assert.equal(saved.length, bytes.length);
      assert.ok(saved.equals(bytes), 'the downloaded bytes are the uploaded ones');

      await row(page, name).getByRole('button', { name: `Delete ${name}` }).click();
      await row(page, name).waitFor({ state: 'detached' });
      await page.getByTestId('message').filter({ hasText: `Deleted ${name}` }).waitFor();
      await pondItem(page, name).waitFor({ state: 'detached' });
      const gone = await api('GET', `/files/${id}`);
      assert.ok(gone.status === 404 || gone.body.state === 'DELETED', `the file is gone: ${JSON.stringify(gone)}`);
      assert.ok(!(await listedIds()).includes(id), 'the list no longer has the file');
    });
  });

  test('FilePond\'s undo deletes the upload, and waits for the API', { timeout: TEST_TIMEOUT }, async (t) => {
    await inPage(t, async (page) => {
      await openApp(page, stack.facts.apiKey);
      const name = `revert-${Date.now()}.txt`;
      await upload(page, name, 'text/plain', Buffer.from('a small file, uploaded then undone\n'));
      const item = pondItem(page, name);
      await item.and(page.locator('[data-filepond-item-state="processing-complete"]')).waitFor();
      await row(page, name).waitFor();
      const id = await row(page, name).getAttribute('data-file-id');
      assert.ok((await listedIds()).includes(id), 'the API lists the upload before the undo');

      await item.locator('.filepond--action-revert-item-processing').click();
      // FilePond drops the item only once the revert has called back, that is after the DELETE answered.
      await item.waitFor({ state: 'detached' });
      assert.ok(!(await listedIds()).includes(id), 'the API no longer lists the file once FilePond let it go');
      assert.equal((await api('GET', `/files/${id}`)).body.state, 'DELETED');
      await row(page, name).waitFor({ state: 'detached' });
    });
  });

  test('cancelling an upload in FilePond deletes its pending file', { timeout: TEST_TIMEOUT }, async (t) => {
    await inPage(t, async (page) => {
      // Hold the PUT to storage, so the upload is still running when it is cancelled.
      const storage = new URL(stack.facts.s3Endpoint).host;
      let hold;
      const held = new Promise((resolve) => { hold = resolve; });
      await page.route((url) => url.host === storage, (route) => hold(route));
      await openApp(page, stack.facts.apiKey);
      const name = `cancel-${Date.now()}.txt`;
      await upload(page, name, 'text/plain', Buffer.alloc(200_000, 'x'));
      assert.equal((await held).request().method(), 'PUT');
      await row(page, name, 'PENDING').waitFor();
      const id = await row(page, name).getAttribute('data-file-id');

      await pondItem(page, name).locator('.filepond--action-abort-item-processing').click();
      await pondItem(page, name).waitFor({ state: 'detached' });
      // The page deletes the abandoned file, then reloads the list.
      await row(page, name).waitFor({ state: 'detached' });
      assert.equal((await api('GET', `/files/${id}`)).body.state, 'DELETED');
    });
  });

  test('shows readable errors: a wrong key, a disallowed type, a stale state, a network failure', { timeout: TEST_TIMEOUT }, async (t) => {
    await inPage(t, async (page) => {
      const message = page.getByTestId('message');

      await openApp(page, 'not-a-key-of-this-api');
      await message.filter({ hasText: 'Forbidden' }).waitFor();
      const forbidden = await message.innerText();
      assert.match(forbidden, /A valid API key is required in the x-api-key header/);
      assert.match(forbidden, /HTTP 403/);

      await page.getByLabel('Key sent as x-api-key').fill(stack.facts.apiKey);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await message.waitFor({ state: 'hidden' });
      await page.getByTestId('files-status').filter({ hasNotText: 'Could not' }).waitFor();

      // The default list allows images, PDF, text, CSV, JSON and ZIP; not Windows programs.
      const name = `setup-${Date.now()}.exe`;
      await upload(page, name, 'application/x-msdownload', Buffer.from('MZ not really a program'));
      await message.filter({ hasText: 'Invalid request' }).waitFor();
      const invalid = await message.innerText();
      assert.match(invalid, /HTTP 400/);
      assert.match(invalid, /'application\/x-msdownload' is not allowed/);
      assert.match(invalid, /allowed: .*image\/png/);
      assert.match(invalid, /contentType/);
      await pondItem(page, name).and(page.locator('[data-filepond-item-state="processing-error"]')).waitFor();
      assert.match(await pondItem(page, name).innerText(), /Invalid request \(HTTP 400\)/);
      assert.equal(await row(page, name).count(), 0);

      // A list gone stale: the file was deleted elsewhere, so Store answers 409 with the file's state.
      const stale = `stale-${Date.now()}.txt`;
      await upload(page, stale, 'text/plain', Buffer.from('deleted behind the page\'s back\n'));
      await row(page, stale, 'UPLOADED').waitFor();
      const staleId = await row(page, stale).getAttribute('data-file-id');
      assert.equal((await api('DELETE', `/files/${staleId}`)).status, 204);
      await row(page, stale).getByRole('button', { name: `Store ${stale}` }).click();
      await message.filter({ hasText: 'HTTP 409' }).waitFor();
      const conflict = await message.innerText();
      assert.match(conflict, /can no longer be stored/);
      assert.match(conflict, /The file is DELETED\./);
      await row(page, stale).waitFor({ state: 'detached' });

      await page.route((url) => url.pathname.startsWith('/files'), (route) => route.abort('connectionrefused'));
      await page.getByRole('button', { name: 'Refresh' }).click();
      await message.filter({ hasText: 'Network error' }).waitFor();
      assert.match(await message.innerText(), /Could not reach http:\/\/127\.0\.0\.1:\d+/);
    });
  });

  test('the API docs page shows the Files operations and "Try it out" works with the saved key', { timeout: TEST_TIMEOUT }, async (t) => {
    const published = await (await fetch(new URL('openapi.json', stack.facts.webUrl))).text();
    assert.doesNotMatch(published, /"x-amazon-apigateway-[^"]*":/, 'no API Gateway extension is published');
    assert.doesNotMatch(published, /"x-internal"/, 'no internal operation is published');
    assert.equal(JSON.parse(published).paths['/files'].options, undefined);

    await inPage(t, async (page) => {
      await openApp(page, stack.facts.apiKey);
      await page.getByRole('link', { name: 'API docs' }).click();
      await page.waitForURL(stack.facts.docsUrl);
      await page.locator('body[data-ready="true"]').waitFor();
      await page.locator('#operations-tag-Files').waitFor();
      for (const operation of ['createFile', 'listFiles', 'getFile', 'deleteFile', 'storeFile', 'downloadFile']) {
        await page.locator(`#operations-Files-${operation}`).waitFor();
      }
      assert.equal(await page.locator('[id^="operations-Files-"][id$="Preflight"]').count(), 0);

      const list = page.locator('#operations-Files-listFiles');
      await list.locator('.opblock-summary-control').click();
      await list.getByRole('button', { name: 'Try it out' }).click();
      await list.getByRole('button', { name: 'Execute' }).click();
      await list.locator('.live-responses-table .response-col_status', { hasText: '200' }).waitFor();
      assert.match(await list.locator('.live-responses-table').innerText(), /"items"/);
      assert.match(await list.locator('.request-url').innerText(), new RegExp(`${stack.facts.apiUrl}/files`));

      await page.getByRole('link', { name: 'Sample client' }).click();
      await page.waitForURL(stack.facts.webUrl);
    });
  });

  test("every page is served with production's Content-Security-Policy, which blocks an injected script", { timeout: TEST_TIMEOUT }, async (t) => {
    const hosting = JSON.parse(await readFile(path.join(web, '..', 'wiring', 'web-hosting.json'), 'utf8'));
    const expected = hosting.contentSecurityPolicy
      .map((d) => d.replace('{api}', stack.facts.apiUrl).replace('{files}', new URL(stack.facts.s3Endpoint).origin))
      .join('; ');
    for (const page of ['', 'gallery.html', 'docs/']) {
      const response = await fetch(new URL(page, stack.facts.webUrl));
      assert.equal(response.status, 200, page);
      assert.equal(response.headers.get('content-security-policy'), expected, page);
      assert.equal(response.headers.get('x-frame-options'), hosting.frameOptions, page);
    }

    await inContext(browser, t, async (page, violations) => {
      await openApp(page, stack.facts.apiKey);
      const reported = page.waitForEvent('console', { predicate: (m) => /Content Security Policy/.test(m.text()) });
      const blocked = await page.evaluate(() => new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
        const script = document.createElement('script');
        script.textContent = 'window.injected = true;';
        document.head.append(script);
      }));
      assert.equal(blocked, 'script-src-elem');
      assert.equal(await page.evaluate(() => window.injected), undefined, 'the inline script did not run');
      // The check every other case relies on: Chromium's console report reaches the violation list.
      await reported;
      assert.match(violations.join('\n'), /inline script.*script-src/);
    }, { results, allowViolations: true });
  });

  test('screenshot of the page with files in several states', {
    timeout: TEST_TIMEOUT,
    skip: !process.env.FILESTORE_SCREENSHOT && 'FILESTORE_SCREENSHOT is not set',
  }, async (t) => {
    await inPage(t, async (page) => {
      await page.setViewportSize({ width: 1100, height: 800 });
      await openApp(page, stack.facts.apiKey);
      // A PENDING file: a ticket whose bytes never came.
      const pending = await api('POST', '/files', { name: 'scan-draft.pdf', contentType: 'application/pdf', size: 524_288 });
      assert.equal(pending.status, 201);
      await upload(page, 'quarterly-report.pdf', 'application/pdf', randomBytes(1_200_000));
      await row(page, 'quarterly-report.pdf', 'UPLOADED').waitFor();
      await row(page, 'quarterly-report.pdf').getByRole('button', { name: 'Store quarterly-report.pdf' }).click();
      await row(page, 'quarterly-report.pdf', 'STORED').waitFor();
      await upload(page, 'team-photo.png', 'image/png', randomBytes(2_400_000));
      await row(page, 'team-photo.png', 'UPLOADED').waitFor();
      await row(page, 'scan-draft.pdf', 'PENDING').waitFor();
      await pondItem(page, 'team-photo.png').and(page.locator('[data-filepond-item-state="processing-complete"]')).waitFor();
      const target = path.resolve(process.env.FILESTORE_SCREENSHOT);
      await mkdir(path.dirname(target), { recursive: true });
      await page.screenshot({ path: target, fullPage: true });
      console.log(`e2e: saved ${target}`);
    });
  });

  test('the stack stops within 5 s of SIGINT', { timeout: 60_000 }, async () => {
    browserEnded = Date.now();
    await browser.close();
    browser = null;
    const exit = await stack.interrupt(5_000);
    assert.ok(exit, `the stack was still running 5 s after SIGINT:\n${stack.log().slice(-4000)}`);
  });
});
