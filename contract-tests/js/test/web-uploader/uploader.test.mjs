// The sample web client (web/) as a consumer of filestore-api: the calls its FilePond process, revert
// and file list make, through the page's own module (web/src/api.js), not a copy of it.
//
// Environment: PACT_DIR, CONTRACT_FILE and WEB_DIR (set by scripts/test.mjs).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import pact from '@pact-foundation/pact';
import pactCore from '@pact-foundation/pact-core';

const { PactV4, MatchersV3 } = pact;
const { regex, string, integer, like, eachLike, fromProviderState } = MatchersV3;

const CONSUMER = 'filestore-web';
const PROVIDER = 'filestore-api';
const contract = JSON.parse(fs.readFileSync(process.env.CONTRACT_FILE, 'utf8'));
const { createApi, ApiError } = await import(pathToFileURL(path.join(process.env.WEB_DIR, 'src', 'api.js')).href);

const ALICE = contract.apiKeys.alice.value;
const EXAMPLE_ID = '3f8a1c9e0b7d4e2fa6c5d1e0f9b8a7c6';
const ID = regex('^[0-9a-f]{32}$', EXAMPLE_ID);
const DATE_TIME = (example) => regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$', example);
const JSON_TYPE = regex('^application/json(;.*)?$', 'application/json');
const PROBLEM_TYPE = regex('^application/problem\\+json(;.*)?$', 'application/problem+json');

function state(name) {
  assert.ok(Object.hasOwn(contract.providerStates, name), `contract.json has no provider state '${name}'`);
  return name;
}

function newPact() {
  return new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: process.env.PACT_DIR, logLevel: 'warn' });
}

let probe;
/** The mock server answers before it records the match; wait for the record (see support.ts). */
function recorded(body) {
  return async (mock) => {
    try {
      return await body(mock);
    } finally {
      probe ??= pactCore.makeConsumerPact('mock-server-probe', 'mock-server-probe', 5, 'warn');
      const deadline = Date.now() + 5000;
      while (!probe.mockServerMatchedSuccessfully(mock.port) && Date.now() < deadline
          && probe.mockServerMismatches(mock.port).every((m) => m.type === 'missing-request')) {
        await sleep(5);
      }
    }
  };
}

const page = (url, key = ALICE) => createApi(url, () => key);

function fileInfo(fileState, extra = {}) {
  return {
    id: ID,
    name: string('holiday.jpg'),
    contentType: string('image/jpeg'),
    size: integer(3145728),
    state: fileState,
    metadata: like({}),
    createdAt: DATE_TIME('2025-01-15T10:30:00.123Z'),
    updatedAt: DATE_TIME('2025-01-15T10:30:02.456Z'),
    ...extra,
  };
}

function problem(kind, status, extra = {}) {
  return {
    type: `urn:filestore:problem:${kind}`,
    title: string('A short summary'),
    status,
    detail: string('What went wrong'),
    requestId: string('c0ffee00-1234-4abc-8def-0123456789ab'),
    ...extra,
  };
}

// What FilePond's process sends for a photo: the file's name, type and size, and its SHA-256.
const PHOTO = { name: 'holiday.jpg', contentType: 'image/jpeg', size: 3145728, checksumSha256: 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=' };

describe('the web page uploader', () => {
  it('process: asks for an upload ticket', async () => {
    await newPact().addInteraction()
      .uponReceiving('web: FilePond process asks for an upload ticket')
      .withRequest('POST', '/files', (b) => b.headers({ 'x-api-key': ALICE, 'content-type': 'application/json' }).jsonBody(PHOTO))
      .willRespondWith(201, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        file: fileInfo('PENDING', {
          name: PHOTO.name, contentType: PHOTO.contentType, size: PHOTO.size, checksumSha256: PHOTO.checksumSha256,
          expiresAt: DATE_TIME('2025-01-16T10:30:00.123Z'),
        }),
        upload: {
          method: 'PUT',
          url: regex('^https?://\\S+$', `http://127.0.0.1:4567/filestore-local/uploads/${EXAMPLE_ID}?X-Amz-Signature=0123abcd`),
          headers: like({ 'Content-Type': PHOTO.contentType, 'Content-Length': String(PHOTO.size), 'x-amz-checksum-sha256': PHOTO.checksumSha256 }),
          expiresAt: DATE_TIME('2025-01-15T10:45:00.123Z'),
        },
      }))
      .executeTest(recorded(async (mock) => {
        const started = await page(mock.url).createFile(PHOTO);
        assert.match(started.file.id, /^[0-9a-f]{32}$/);
        assert.equal(started.file.state, 'PENDING');
        assert.equal(started.upload.method, 'PUT');
        assert.equal(started.upload.headers['Content-Type'], PHOTO.contentType);
      }));
  });

  it('process: a type the deployment refuses reads as the field and why', async () => {
    const exe = { name: 'setup.exe', contentType: 'application/x-msdownload', size: 1024 };
    await newPact().addInteraction()
      .uponReceiving('web: FilePond process of a refused type')
      .withRequest('POST', '/files', (b) => b.headers({ 'x-api-key': ALICE, 'content-type': 'application/json' }).jsonBody(exe))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, { errors: eachLike({ field: 'contentType', message: string('not allowed') }) })))
      .executeTest(recorded(async (mock) => {
        const error = await page(mock.url).createFile(exe).then(() => null, (e) => e);
        assert.ok(error instanceof ApiError, String(error));
        assert.equal(error.status, 400);
        assert.deepEqual(error.errors.map((e) => e.field), ['contentType']);
      }));
  });

  it('process: a wrong key reads as forbidden', async () => {
    await newPact().addInteraction()
      .uponReceiving('web: FilePond process with an unknown key')
      .withRequest('POST', '/files', (b) => b.headers({ 'x-api-key': contract.unknownApiKey, 'content-type': 'application/json' }).jsonBody(PHOTO))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('forbidden', 403)))
      .executeTest(recorded(async (mock) => {
        const error = await page(mock.url, contract.unknownApiKey).createFile(PHOTO).then(() => null, (e) => e);
        assert.equal(error.status, 403);
        assert.equal(error.type, 'urn:filestore:problem:forbidden');
      }));
  });

  it('revert: deletes the uploaded file', async () => {
    await newPact().addInteraction()
      .given(state('a pending file of alice'))
      .uponReceiving('web: FilePond revert deletes the file')
      .withRequest('DELETE', fromProviderState('/files/${id}', `/files/${EXAMPLE_ID}`), (b) => b.headers({ 'x-api-key': ALICE }))
      .willRespondWith(204)
      .executeTest(recorded(async (mock) => {
        assert.equal(await page(mock.url).deleteFile(EXAMPLE_ID), null);
      }));
  });

  it('list: the first page of the caller\'s files', async () => {
    await newPact().addInteraction()
      .given(state('alice has files in every live state'))
      .uponReceiving('web: the file list loads its first page')
      .withRequest('GET', '/files', (b) => b.headers({ 'x-api-key': ALICE }).query({ limit: '20' }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        items: eachLike(fileInfo(regex('^(PENDING|UPLOADED|STORED)$', 'STORED')), 3),
      }))
      .executeTest(recorded(async (mock) => {
        const list = await page(mock.url).listFiles({ limit: 20, cursor: undefined });
        assert.ok(list.items.length >= 1);
        assert.ok(list.items.every((f) => ['PENDING', 'UPLOADED', 'STORED'].includes(f.state)));
      }));
  });

  it('store: makes an uploaded file permanent', async () => {
    await newPact().addInteraction()
      .given(state('an uploaded file of alice'))
      .uponReceiving('web: the Store button')
      .withRequest('POST', fromProviderState('/files/${id}/store', `/files/${EXAMPLE_ID}/store`), (b) => b.headers({ 'x-api-key': ALICE }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(fileInfo('STORED', {
        uploadedAt: DATE_TIME('2025-01-15T10:30:01.789Z'), storedAt: DATE_TIME('2025-01-15T10:30:02.456Z'),
      })))
      .executeTest(recorded(async (mock) => {
        assert.equal((await page(mock.url).storeFile(EXAMPLE_ID)).state, 'STORED');
      }));
  });

  it('download: a presigned link that saves the file under its name', async () => {
    await newPact().addInteraction()
      .given(state('a stored file of alice'))
      .uponReceiving('web: the Download button')
      .withRequest('GET', fromProviderState('/files/${id}/download', `/files/${EXAMPLE_ID}/download`),
        (b) => b.headers({ 'x-api-key': ALICE }).query({ disposition: 'attachment' }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        url: regex('^https?://\\S+$', `http://127.0.0.1:4567/filestore-local/uploads/${EXAMPLE_ID}?X-Amz-Signature=0123abcd`),
        expiresAt: DATE_TIME('2025-01-15T10:35:00.123Z'),
      }))
      .executeTest(recorded(async (mock) => {
        const link = await page(mock.url).downloadFile(EXAMPLE_ID, { disposition: 'attachment' });
        assert.match(link.url, /^https?:\/\//);
      }));
  });
});
