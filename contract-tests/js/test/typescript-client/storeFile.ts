// POST /files/{id}/store (storeFile): 200, 400, 403, 404, 409, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionFileRoleCases, fileErrorCases, type FileOperation } from './fileErrors';
import {
  EXAMPLE_ID, EXAMPLE_OWN_ID, JSON_TYPE, PROBLEM_TYPE, assertDate, assertId, assertProblem, client, fileInfo, injected, injectedPath,
  keys, newPact, principals, problem, states, withKey, recorded,
} from './support';

describe('storeFile (POST /files/{id}/store)', () => {
  const pact = newPact();

  it('200: an uploaded file becomes STORED', async () => {
    await pact.addInteraction()
      .given(states.uploaded())
      .uponReceiving('storeFile: alice stores her uploaded file')
      .withRequest('POST', injectedPath('/store'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(fileInfo('STORED')))
      .executeTest(recorded(async (mock) => {
        const file = await client(mock.url, keys.alice).storeFile({ id: EXAMPLE_ID });
        assertId(file.id);
        assert.equal(file.state, 'STORED');
        assertDate(file.storedAt, 'storedAt');
      }));
  });

  it("200: the collection's owner stores a file someone else uploaded", async () => {
    await pact.addInteraction()
      .given(states.collectionWithFiles())
      .uponReceiving('storeFile: alice, the owner, stores the file bob uploaded into her collection')
      .withRequest('POST', injectedPath('/store'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE })
        .jsonBody(fileInfo('STORED', { createdBy: principals.bob, inCollection: true })))
      .executeTest(recorded(async (mock) => {
        const file = await client(mock.url, keys.alice).storeFile({ id: EXAMPLE_ID });
        assert.equal(file.state, 'STORED');
        assert.equal(file.createdBy, principals.bob);
        assertId(file.collectionId ?? '');
      }));
  });

  it('200: a contributor stores a file it uploaded', async () => {
    await pact.addInteraction()
      .given(states.contributorCollection())
      .uponReceiving("storeFile: alice, a contributor, stores the file she uploaded into bob's collection")
      .withRequest('POST', injected('/files/${own}/store'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE })
        .jsonBody(fileInfo('STORED', { createdBy: principals.alice, inCollection: true })))
      .executeTest(recorded(async (mock) => {
        const file = await client(mock.url, keys.alice).storeFile({ id: EXAMPLE_OWN_ID });
        assert.equal(file.state, 'STORED');
        assert.equal(file.createdBy, principals.alice);
      }));
  });

  it('409: a PENDING file cannot be stored yet', async () => {
    await pact.addInteraction()
      .given(states.pending())
      .uponReceiving('storeFile: alice stores a file whose bytes never arrived')
      .withRequest('POST', injectedPath('/store'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(409, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('state-conflict', 409, { state: 'PENDING' })))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(client(mock.url, keys.alice).storeFile({ id: EXAMPLE_ID }), 'state-conflict', 409);
        assert.equal(p.state, 'PENDING');
      }));
  });

  const op: FileOperation = { operationId: 'storeFile', method: 'POST', suffix: '/store', call: (api, id) => api.storeFile({ id }) };
  collectionFileRoleCases(pact, op);
  fileErrorCases(pact, op);
});
