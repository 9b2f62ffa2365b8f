// GET /files/{id} (getFile): 200, 400, 403, 404, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileErrorCases } from './fileErrors';
import {
  EXAMPLE_ID, JSON_TYPE, assertDate, assertId, client, fileInfo, injectedPath, keys, newPact, principals, states, withKey, recorded,
} from './support';

describe('getFile (GET /files/{id})', () => {
  const pact = newPact();

  it("200: the file's information", async () => {
    await pact.addInteraction()
      .given(states.stored())
      .uponReceiving('getFile: alice reads her stored file')
      .withRequest('GET', injectedPath(), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(fileInfo('STORED')))
      .executeTest(recorded(async (mock) => {
        const file = await client(mock.url, keys.alice).getFile({ id: EXAMPLE_ID });
        assertId(file.id);
        assert.equal(file.state, 'STORED');
        assert.equal(typeof file.name, 'string');
        assert.equal(typeof file.size, 'number');
        assertDate(file.createdAt, 'createdAt');
        assertDate(file.updatedAt, 'updatedAt');
        assertDate(file.uploadedAt, 'uploadedAt');
        assertDate(file.storedAt, 'storedAt');
        assert.equal(file.createdBy, principals.alice);
        assert.equal(file.collectionId, undefined);
      }));
  });

  it("200: a viewer reads a file of the collection, with its collection and uploader", async () => {
    await pact.addInteraction()
      .given(states.viewerCollection())
      .uponReceiving("getFile: alice, a viewer, reads a file bob uploaded into his collection")
      .withRequest('GET', injectedPath(), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE })
        .jsonBody(fileInfo('UPLOADED', { createdBy: principals.bob, inCollection: true })))
      .executeTest(recorded(async (mock) => {
        const file = await client(mock.url, keys.alice).getFile({ id: EXAMPLE_ID });
        assert.equal(file.state, 'UPLOADED');
        assert.equal(file.createdBy, principals.bob);
        assertId(file.collectionId ?? '');
      }));
  });

  fileErrorCases(pact, {
    operationId: 'getFile', method: 'GET', suffix: '', call: (api, id) => api.getFile({ id }),
  });
});
