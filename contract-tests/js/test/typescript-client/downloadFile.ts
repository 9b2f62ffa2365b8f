// GET /files/{id}/download (downloadFile): 200, 400, 403, 404, 409, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileErrorCases } from './fileErrors';
import {
  EXAMPLE_ID, JSON_TYPE, PROBLEM_TYPE, assertDate, assertFieldError, assertProblem, client, dateTime, fieldErrors,
  injectedPath, keys, newPact, presignedUrl, problem, states, withKey, recorded,
} from './support';

const downloadLink = () => ({
  url: presignedUrl('http://127.0.0.1:4566/filestore-files/uploads/3f8a1c9e0b7d4e2fa6c5d1e0f9b8a7c6'
    + '?response-content-disposition=inline&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0123abcd'),
  expiresAt: dateTime('2025-01-15T10:32:00.123456789Z'),
});

describe('downloadFile (GET /files/{id}/download)', () => {
  const pact = newPact();

  it('200: a link to a STORED file, for the ttl and disposition asked for', async () => {
    await pact.addInteraction()
      .given(states.stored())
      .uponReceiving('downloadFile: alice asks for an inline link to her stored file for two minutes')
      .withRequest('GET', injectedPath('/download'), (b) => b.headers(withKey(keys.alice))
        .query({ ttl: '120', disposition: 'inline' }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(downloadLink()))
      .executeTest(recorded(async (mock) => {
        const link = await client(mock.url, keys.alice).downloadFile({ id: EXAMPLE_ID, ttl: 120, disposition: 'inline' });
        assert.ok(new URL(link.url).protocol.startsWith('http'));
        assertDate(link.expiresAt, 'expiresAt');
      }));
  });

  it('200: an UPLOADED file can be downloaded before it is stored', async () => {
    await pact.addInteraction()
      .given(states.uploaded())
      .uponReceiving('downloadFile: alice asks for a link to her uploaded file')
      .withRequest('GET', injectedPath('/download'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(downloadLink()))
      .executeTest(recorded(async (mock) => {
        const link = await client(mock.url, keys.alice).downloadFile({ id: EXAMPLE_ID });
        assert.equal(typeof link.url, 'string');
        assertDate(link.expiresAt, 'expiresAt');
      }));
  });

  it('200: a viewer downloads a file of the collection', async () => {
    await pact.addInteraction()
      .given(states.viewerCollection())
      .uponReceiving('downloadFile: alice, a viewer, asks for a link to a file bob uploaded into his collection')
      .withRequest('GET', injectedPath('/download'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(downloadLink()))
      .executeTest(recorded(async (mock) => {
        const link = await client(mock.url, keys.alice).downloadFile({ id: EXAMPLE_ID });
        assert.ok(new URL(link.url).protocol.startsWith('http'));
        assertDate(link.expiresAt, 'expiresAt');
      }));
  });

  it('400: a ttl out of range', async () => {
    await pact.addInteraction()
      .given(states.stored())
      .uponReceiving('downloadFile: a ttl of zero seconds')
      .withRequest('GET', injectedPath('/download'), (b) => b.headers(withKey(keys.alice)).query({ ttl: '0' }))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('ttl', 'must be between 1 and 43200'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(client(mock.url, keys.alice).downloadFile({ id: EXAMPLE_ID, ttl: 0 }), 'invalid-request', 400);
        assertFieldError(p, 'ttl');
      }));
  });

  it('409: a PENDING file has no bytes to download', async () => {
    await pact.addInteraction()
      .given(states.pending())
      .uponReceiving('downloadFile: alice asks for a link to a file whose bytes never arrived')
      .withRequest('GET', injectedPath('/download'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(409, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('state-conflict', 409, { state: 'PENDING' })))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(client(mock.url, keys.alice).downloadFile({ id: EXAMPLE_ID }), 'state-conflict', 409);
        assert.equal(p.state, 'PENDING');
      }));
  });

  fileErrorCases(pact, {
    operationId: 'downloadFile', method: 'GET', suffix: '/download', call: (api, id) => api.downloadFile({ id }),
  });
});
