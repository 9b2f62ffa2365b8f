// Browser test of the collection gallery (gallery.html), against a real local stack with the user-pool
// authorizer on, in Debian's Chromium.
//
// It starts its own stack (support/stack.mjs: `filestore local` with --port P --data DIR --auth cognito),
// waits for DIR/local.json, mints ID tokens for alice and bob (`filestore token --sub NAME --data DIR`),
// drives Chromium through playwright-core (support/browser.mjs), and stops the stack at the end.
//
// Environment: FILESTORE_LOCAL_CMD, FILESTORE_TOKEN_CMD, FILESTORE_START_TIMEOUT (support/stack.mjs),
// FILESTORE_CHROMIUM (support/browser.mjs), and
//   FILESTORE_GALLERY_SCREENSHOT when set, a path where a screenshot of the gallery with three images is saved

import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inPage as inContext, launchBrowser, TEST_TIMEOUT } from './support/browser.mjs';
import { Stack, web } from './support/stack.mjs';

const results = path.join(web, 'test-results', 'gallery');
const stack = new Stack();
const tokens = {};

/** The API from Node, with the stack's key and a user's token. */
const api = (method, route, { user, body } = {}) => stack.call(method, route, { body, token: user && tokens[user] });

/** Every live file of a collection, as its owner sees them, newest first. */
const collectionFiles = (cid) => stack.listAll(`/collections/${cid}/files`, { token: tokens.alice });

// ---- images -----------------------------------------------------------------------------------------

/** Real image bytes: a canvas of `width` × `height` drawn and encoded by the browser as `type`. */
async function drawImage(page, type, width, height, colour) {
  const base64 = await page.evaluate(async ({ type, width, height, colour }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    context.fillStyle = colour;
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#ffffff';
    context.beginPath();
    context.arc(width / 2, height / 2, Math.min(width, height) / 3, 0, 2 * Math.PI);
    context.fill();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, type, 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }, { type, width, height, colour });
  const buffer = Buffer.from(base64, 'base64');
  const signature = type === 'image/png' ? '89504e470d0a1a0a' : 'ffd8ff';
  assert.equal(buffer.subarray(0, signature.length / 2).toString('hex'), signature, `the canvas made a ${type}`);
  return buffer;
}

/** A 1 × 1 GIF: a real image of a type the collection does not allow. */
const GIF = Buffer.from([
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0x00, 0x00, 0xff, 0xff, 0xff,
  0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02,
  0x02, 0x44, 0x01, 0x00, 0x3b,
]);

// ---- the browser ------------------------------------------------------------------------------------

let browser;

/** Runs a case in a fresh browser context; a failure leaves a screenshot in test-results/gallery/. */
const inPage = (t, body) => inContext(browser, t, body, { results });

/** Opens the gallery and saves the key and, when given, the user's token through its form. */
async function openGallery(page, user) {
  await page.goto(new URL('gallery.html', stack.facts.webUrl).href);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.getByLabel('API key, sent as x-api-key').fill(stack.facts.apiKey);
  await page.getByLabel(/^ID token/).fill(user ? tokens[user] : '');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

const cards = (page) => page.getByTestId('gallery-card');
const queueItem = (page, name) => page.locator(`[data-testid="queue-item"][data-name="${name}"]`);

/** Chooses files in the upload form and gives each its title and description. */
async function chooseImages(page, images) {
  await page.getByLabel('Images to upload').setInputFiles(images.map(({ name, mimeType, buffer }) => ({ name, mimeType, buffer })));
  for (const { name, title, description } of images) {
    const item = queueItem(page, name);
    await item.getByLabel(`Title of ${name}`).fill(title);
    if (description) await item.getByLabel(`Description of ${name}`).fill(description);
  }
}

/** Waits until every thumbnail shown has loaded, and returns each card's title, alt text and image width. */
async function loadedCards(page, count) {
  await page.waitForFunction((n) => {
    const shown = [...document.querySelectorAll('[data-testid="gallery-card"]')];
    return shown.length === n && shown.every((card) => {
      const img = card.querySelector('img[data-testid="thumbnail"]');
      return img && img.complete && img.naturalWidth > 0;
    });
  }, count);
  return cards(page).evaluateAll((shown) => shown.map((card) => {
    const img = card.querySelector('img[data-testid="thumbnail"]');
    return {
      title: card.querySelector('[data-testid="card-title"]').textContent,
      description: card.querySelector('[data-testid="card-description"]').textContent,
      uploader: card.querySelector('[data-testid="card-uploader"]').textContent,
      state: card.dataset.state,
      alt: img.alt,
      width: img.naturalWidth,
      height: img.naturalHeight,
    };
  }));
}

// ---- the cases --------------------------------------------------------------------------------------

describe('the collection gallery', { timeout: 30 * 60_000 }, () => {
  let browserBegan = 0;
  // Each case builds on the ones before; a case whose ground is missing fails at once, not after a wait.
  const collection = { id: '', name: `Harbour festival ${Date.now()}`, uploaded: false };
  // Chosen in this order; the gallery shows them newest first, so in reverse.
  const images = [
    { name: 'harbour.png', mimeType: 'image/png', width: 64, height: 48, colour: '#1f5fbf', title: 'Harbour at dawn', description: 'Boats leaving before sunrise' },
    { name: 'market.jpg', mimeType: 'image/jpeg', width: 80, height: 60, colour: '#b42318', title: 'Fish market', description: 'The stalls at 7 a.m.' },
    { name: 'lighthouse.png', mimeType: 'image/png', width: 40, height: 40, colour: '#067647', title: 'Lighthouse', description: 'From the end of the pier' },
  ];

  before(async () => {
    await rm(results, { recursive: true, force: true });
    await stack.start({ prefix: 'filestore-web-gallery-', args: ['--auth', 'cognito'] });
    tokens.alice = await stack.token('alice');
    tokens.bob = await stack.token('bob');
    browserBegan = Date.now();
    browser = await launchBrowser();
  });

  after(async () => {
    const seconds = browserBegan ? ((Date.now() - browserBegan) / 1000).toFixed(1) : '-';
    await browser?.close().catch(() => {});
    console.log(`gallery: stack ready in ${stack.startedIn.toFixed(1)} s; browser tests ran in ${seconds} s (wall time)`);
    await stack.finish(results, 10_000);
  });

  test('alice creates a collection that accepts PNG and JPEG', { timeout: TEST_TIMEOUT }, async (t) => {
    await inPage(t, async (page) => {
      await openGallery(page, 'alice');
      await page.getByTestId('credentials-status').filter({ hasText: 'ID token for alice' }).waitFor();
      await page.getByTestId('collections-status').filter({ hasText: 'not a member of any collection' }).waitFor();

      await page.getByText('New collection', { exact: true }).click();
      await page.getByLabel('Name', { exact: true }).fill(collection.name);
      await page.getByRole('checkbox', { name: /PNG/ }).check();
      await page.getByRole('checkbox', { name: /JPEG/ }).check();
      await page.getByRole('checkbox', { name: /GIF/ }).uncheck();
      await page.getByRole('checkbox', { name: /WebP/ }).uncheck();
      await page.getByRole('button', { name: 'Create collection' }).click();

      const chooser = page.getByLabel('Collection', { exact: true });
      await chooser.locator('option', { hasText: `${collection.name} (owner)` }).waitFor({ state: 'attached' });
      collection.id = await chooser.inputValue();
      assert.match(collection.id, /^[0-9a-f]{32}$/);
      await page.getByTestId('role').filter({ hasText: 'Your role: owner' }).waitFor();
      assert.match(await page.getByTestId('policy').innerText(), /accepts image\/png, image\/jpeg|accepts image\/jpeg, image\/png/);
      await page.getByTestId('gallery-status').filter({ hasText: 'No files in this collection yet.' }).waitFor();
      assert.equal(new URL(page.url()).hash, `#${collection.id}`);

      const { status, body } = await api('GET', `/collections/${collection.id}`, { user: 'alice' });
      assert.equal(status, 200);
      assert.equal(body.name, collection.name);
      assert.equal(body.role, 'owner');
      assert.equal(body.createdBy, 'user:alice');
      assert.deepEqual([...body.policy.allowedContentTypes].sort(), ['image/jpeg', 'image/png']);
    });
  });

  test('alice uploads three images with titles; they show newest first with their thumbnails', { timeout: TEST_TIMEOUT }, async (t) => {
    assert.ok(collection.id, 'the collection was created');
    await inPage(t, async (page) => {
      for (const image of images) image.buffer = await drawImage(page, image.mimeType, image.width, image.height, image.colour);
      const linkRequests = [];
      page.on('request', (request) => {
        if (request.method() === 'GET' && /\/files\/[0-9a-f]{32}\/download\?/.test(request.url())) linkRequests.push(request.url());
      });

      await openGallery(page, 'alice');
      await page.getByTestId('role').filter({ hasText: 'Your role: owner' }).waitFor();
      await chooseImages(page, images);
      await page.getByRole('button', { name: 'Upload 3 images' }).click();

      // Each item leaves the form once its file is STORED.
      for (const { name } of images) await queueItem(page, name).waitFor({ state: 'detached' });
      await page.locator('[data-testid="gallery-card"][data-state="STORED"]').nth(2).waitFor();
      const shown = await loadedCards(page, 3);
      const newestFirst = [...images].reverse();
      assert.deepEqual(shown.map((c) => c.title), newestFirst.map((i) => i.title));
      assert.deepEqual(shown.map((c) => c.alt), newestFirst.map((i) => i.title), 'the alt text is the title');
      assert.deepEqual(shown.map((c) => c.description), newestFirst.map((i) => i.description));
      assert.deepEqual(shown.map((c) => [c.width, c.height]), newestFirst.map((i) => [i.width, i.height]), 'each thumbnail is its image');
      for (const card of shown) {
        assert.match(card.uploader, /^Uploaded by you \(alice\) · /);
        assert.equal(card.state, 'STORED');
      }

      const files = await collectionFiles(collection.id);
      assert.deepEqual(files.map((f) => f.name), newestFirst.map((i) => i.name));
      for (const [index, file] of files.entries()) {
        const image = newestFirst[index];
        assert.equal(file.state, 'STORED');
        assert.equal(file.collectionId, collection.id);
        assert.equal(file.createdBy, 'user:alice');
        assert.equal(file.contentType, image.mimeType);
        assert.equal(file.size, image.buffer.length);
        assert.equal(file.metadata.title, image.title);
        assert.equal(file.metadata.description, image.description);
        assert.ok(file.checksumSha256, 'the page sent a checksum');
      }

      // One inline link per image, reused by a refresh (the links are valid for 15 minutes).
      assert.equal(linkRequests.length, 3, linkRequests.join('\n'));
      for (const url of linkRequests) assert.match(url, /disposition=inline/);
      const relisted = page.waitForResponse((r) => r.url().includes(`/collections/${collection.id}/files`) && r.ok());
      await page.getByRole('button', { name: 'Refresh' }).click();
      await relisted;
      await loadedCards(page, 3);
      assert.equal(linkRequests.length, 3, 'a refresh reuses the links it has');

      collection.uploaded = true;

      if (process.env.FILESTORE_GALLERY_SCREENSHOT) {
        const target = path.resolve(process.env.FILESTORE_GALLERY_SCREENSHOT);
        await mkdir(path.dirname(target), { recursive: true });
        await page.screenshot({ path: target, fullPage: true });
        console.log(`gallery: saved ${target}`);
      }
    });
  });

  test('a type the collection does not allow shows the 400 with the allowed types, and creates no file', { timeout: TEST_TIMEOUT }, async (t) => {
    assert.ok(collection.uploaded, 'the three images were uploaded');
    await inPage(t, async (page) => {
      await openGallery(page, 'alice');
      await page.getByTestId('role').filter({ hasText: 'Your role: owner' }).waitFor();
      await loadedCards(page, 3);
      await chooseImages(page, [{ name: 'spinner.gif', mimeType: 'image/gif', buffer: GIF, title: 'Spinner' }]);
      await page.getByRole('button', { name: 'Upload 1 image' }).click();

      const message = page.getByTestId('message');
      await message.filter({ hasText: 'HTTP 400' }).waitFor();
      const text = await message.innerText();
      assert.match(text, /Uploading spinner\.gif: Invalid request \(HTTP 400\)/);
      assert.match(text, /image\/gif/);
      const allowed = await page.getByTestId('allowed-types').innerText();
      assert.match(allowed, /^Allowed types: /);
      assert.match(allowed, /image\/png/);
      assert.match(allowed, /image\/jpeg/);
      assert.doesNotMatch(allowed, /image\/gif/);
      const item = queueItem(page, 'spinner.gif');
      assert.equal(await item.getAttribute('data-state'), 'failed');
      assert.match(await item.getByTestId('item-status').innerText(), /Failed: Invalid request \(HTTP 400\)/);

      assert.equal((await collectionFiles(collection.id)).length, 3, 'no file was created');
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByTestId('gallery-status').filter({ hasText: '3 files, newest first.' }).waitFor();
      assert.equal(await cards(page).count(), 3);
    });
  });

  test('bob, added as a viewer, sees the gallery, and his upload shows the 403', { timeout: TEST_TIMEOUT }, async (t) => {
    assert.ok(collection.uploaded, 'the three images were uploaded');
    await inPage(t, async (page) => {
      // Alice shares the collection through the page's Share form.
      await openGallery(page, 'alice');
      await page.getByTestId('role').filter({ hasText: 'Your role: owner' }).waitFor();
      await page.getByTestId('member-principal').fill('bob');
      await page.getByTestId('member-role').selectOption('viewer');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByTestId('message').filter({ hasText: 'user:bob is now a viewer' }).waitFor();
    });
    const memberships = await api('GET', '/collections', { user: 'bob' });
    assert.equal(memberships.status, 200);
    assert.deepEqual(memberships.body.items.map((c) => [c.id, c.role]), [[collection.id, 'viewer']]);

    await inPage(t, async (page) => {
      await openGallery(page, 'bob');
      const chooser = page.getByLabel('Collection', { exact: true });
      await chooser.locator('option', { hasText: `${collection.name} (viewer)` }).waitFor({ state: 'attached' });
      await page.getByTestId('role').filter({ hasText: 'Your role: viewer' }).waitFor();
      assert.equal(await page.locator('#members-card').isVisible(), false, 'only owners see the Share form');
      const shown = await loadedCards(page, 3);
      assert.deepEqual(shown.map((c) => c.title), [...images].reverse().map((i) => i.title));
      for (const card of shown) assert.match(card.uploader, /^Uploaded by alice · /);

      const buffer = await drawImage(page, 'image/png', 32, 24, '#93370d');
      await chooseImages(page, [{ name: 'bobs-photo.png', mimeType: 'image/png', buffer, title: 'Bob was here' }]);
      await page.getByRole('button', { name: 'Upload 1 image' }).click();
      const message = page.getByTestId('message');
      await message.filter({ hasText: 'HTTP 403' }).waitFor();
      const text = await message.innerText();
      assert.match(text, /Uploading bobs-photo\.png: .* \(HTTP 403\)/);
      assert.match(text, /viewer/);
      assert.match(text, new RegExp(`Your role in “${collection.name}” is viewer`));
      assert.equal(await queueItem(page, 'bobs-photo.png').getAttribute('data-state'), 'failed');
    });
    assert.equal((await collectionFiles(collection.id)).length, 3, 'bob\'s upload created no file');
  });

  test('without an ID token the page shows the 401', { timeout: TEST_TIMEOUT }, async (t) => {
    await inPage(t, async (page) => {
      await openGallery(page, null);
      await page.getByTestId('credentials-status').filter({ hasText: 'No ID token' }).waitFor();
      const message = page.getByTestId('message');
      await message.filter({ hasText: 'HTTP 401' }).waitFor();
      const text = await message.innerText();
      assert.match(text, /Loading collections: Unauthorized \(HTTP 401\)/);
      assert.match(text, /ID token/);
      assert.match(text, /This API needs an ID token of its user pool/);
      await page.getByTestId('collections-status').filter({ hasText: 'Could not load your collections.' }).waitFor();
      assert.equal(await page.locator('#gallery-card').isVisible(), false);

      // The main page links here, and back.
      await page.getByRole('link', { name: 'Your files' }).click();
      await page.waitForURL(stack.facts.webUrl);
      await page.getByRole('link', { name: 'Collection gallery' }).click();
      await page.waitForURL(/\/gallery\.html/);
    });
  });
});
