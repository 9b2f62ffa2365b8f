// POST /files (createFile): 201, 400, 403, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CreateFileRequest } from '../../client';
import {
  JSON_TYPE, PROBLEM_TYPE, assertDate, assertTicket, assertFieldError, assertId, assertProblem, client, dateTime, fieldErrors,
  fileId, forbidden, internal, keys, newPact, presignedUrl, principals, problem, states, throttled, withKey, recorded,
} from './support';

const NEW_FILE: CreateFileRequest = {
  name: 'quarterly notes.txt',
  contentType: 'text/plain',
  size: 2048,
  metadata: { title: 'Quarterly notes' },
  checksumSha256: 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=',
};

const JSON_REQUEST = { 'Content-Type': 'application/json' };

describe('createFile (POST /files)', () => {
  const pact = newPact();

  it('201: records a PENDING file and returns its upload ticket', async () => {
    await pact.addInteraction()
      .uponReceiving('createFile: alice starts an upload')
      .withRequest('POST', '/files', (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(NEW_FILE))
      .willRespondWith(201, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        file: {
          id: fileId(),
          name: NEW_FILE.name,
          contentType: NEW_FILE.contentType,
          size: NEW_FILE.size,
          state: 'PENDING',
          metadata: NEW_FILE.metadata,
          checksumSha256: NEW_FILE.checksumSha256,
          createdBy: principals.alice,
          createdAt: dateTime(),
          updatedAt: dateTime(),
          expiresAt: dateTime('2025-01-16T10:30:00.123Z'),
        },
        upload: {
          method: 'PUT',
          url: presignedUrl('http://127.0.0.1:4566/filestore-files/uploads/3f8a1c9e0b7d4e2fa6c5d1e0f9b8a7c6'
            + '?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-Signature=0123abcd'),
          // The headers to send as they are: the signed content type and exact length are the request's.
          headers: { 'Content-Type': NEW_FILE.contentType, 'Content-Length': String(NEW_FILE.size) },
          expiresAt: dateTime('2025-01-15T10:45:00.123456789Z'),
        },
      }))
      .executeTest(recorded(async (mock) => {
        const started = await client(mock.url, keys.alice).createFile({ createFileRequest: NEW_FILE });
        assertId(started.file.id);
        assert.equal(started.file.name, NEW_FILE.name);
        assert.equal(started.file.contentType, NEW_FILE.contentType);
        assert.equal(started.file.size, NEW_FILE.size);
        assert.equal(started.file.state, 'PENDING');
        assert.deepEqual(started.file.metadata, NEW_FILE.metadata);
        assert.equal(started.file.checksumSha256, NEW_FILE.checksumSha256);
        assert.equal(started.file.createdBy, principals.alice);
        assert.equal(started.file.collectionId, undefined);
        assertDate(started.file.createdAt, 'file.createdAt');
        assertDate(started.file.updatedAt, 'file.updatedAt');
        assertDate(started.file.expiresAt, 'file.expiresAt');
        assertTicket(started.upload, 'text/plain', 2048);
      }));
  });

  it('400: a body that breaks the schema (negative size) is refused by the gateway', async () => {
    const invalid: CreateFileRequest = { name: 'notes.txt', contentType: 'text/plain', size: -1 };
    await pact.addInteraction()
      .uponReceiving('createFile: a body whose size is negative')
      .withRequest('POST', '/files', (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(invalid))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(client(mock.url, keys.alice).createFile({ createFileRequest: invalid }), 'invalid-request', 400);
      }));
  });

  it('400: a content type the deployment does not allow names the field', async () => {
    const exe: CreateFileRequest = { name: 'setup.exe', contentType: 'application/x-msdownload', size: 1024 };
    await pact.addInteraction()
      .uponReceiving('createFile: a content type that is not allowed')
      .withRequest('POST', '/files', (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(exe))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('invalid-request', 400,
        fieldErrors('contentType', "'application/x-msdownload' is not allowed"))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(client(mock.url, keys.alice).createFile({ createFileRequest: exe }), 'invalid-request', 400);
        assertFieldError(p, 'contentType');
      }));
  });

  it('403: no API key', async () => {
    await pact.addInteraction()
      .uponReceiving('createFile: a request without an API key')
      .withRequest('POST', '/files', (b) => b.headers(JSON_REQUEST).jsonBody(NEW_FILE))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(client(mock.url).createFile({ createFileRequest: NEW_FILE }), 'forbidden', 403);
      }));
  });

  it('429: a throttled API key', async () => {
    await pact.addInteraction()
      .uponReceiving('createFile: a request with a throttled API key')
      .withRequest('POST', '/files', (b) => b.headers(withKey(keys.throttled, JSON_REQUEST)).jsonBody(NEW_FILE))
      .willRespondWith(429, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(throttled()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(client(mock.url, keys.throttled).createFile({ createFileRequest: NEW_FILE }), 'throttled', 429);
      }));
  });

  it('500: the file table is unavailable', async () => {
    await pact.addInteraction()
      .given(states.tableUnavailable())
      .uponReceiving('createFile: while the file table is unavailable')
      .withRequest('POST', '/files', (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(NEW_FILE))
      .willRespondWith(500, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(internal()))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(client(mock.url, keys.alice).createFile({ createFileRequest: NEW_FILE }), 'internal', 500);
        assert.equal(typeof p.detail, 'string');
      }));
  });
});
