// GET /collections/{cid}/files (listCollectionFiles): 200, 400, 403, 404, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import type { LiveFileState } from '../../client';
import { collectionErrorCases } from './collectionErrors';
import {
  EXAMPLE_CID, EXAMPLE_CURSOR, JSON_TYPE, PROBLEM_TYPE, assertDate, assertFieldError, assertId, assertProblem, collections,
  fieldErrors, fileInfo, injected, keys, newPact, principals, problem, recorded, states, withKey,
} from './support';

const { fromProviderState, string } = MatchersV3;

/** The files of 'a collection of alice with files of alice and bob', newest first. */
const inCollection = { inCollection: true };
const aliceStored = () => fileInfo('STORED', { ...inCollection, createdBy: principals.alice });
const bobsUploaded = () => fileInfo('UPLOADED', { ...inCollection, createdBy: principals.bob });
const alicePending = () => fileInfo('PENDING', { ...inCollection, createdBy: principals.alice });

describe('listCollectionFiles (GET /collections/{cid}/files)', () => {
  const pact = newPact();

  it("200: every member's live files, newest first", async () => {
    await pact.addInteraction()
      .given(states.collectionWithFiles())
      .uponReceiving('listCollectionFiles: alice lists the files of her collection')
      .withRequest('GET', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        // Literal order and length: alice's stored file (started last), bob's upload, alice's pending one.
        items: [aliceStored(), bobsUploaded(), alicePending()],
      }))
      .executeTest(recorded(async (mock) => {
        const list = await collections(mock.url, keys.alice).listCollectionFiles({ cid: EXAMPLE_CID });
        assert.deepEqual(list.items.map((f) => f.state), ['STORED', 'UPLOADED', 'PENDING']);
        assert.deepEqual(list.items.map((f) => f.createdBy), [principals.alice, principals.bob, principals.alice]);
        const created = list.items.map((f) => f.createdAt.getTime());
        assert.deepEqual(created, [...created].sort((a, b) => b - a), 'newest first');
        for (const f of list.items) {
          assertId(f.id);
          assert.equal(f.collectionId, EXAMPLE_CID);
        }
        assert.equal(list.nextCursor, undefined);
      }));
  });

  it('200: only the files in the state asked for', async () => {
    await pact.addInteraction()
      .given(states.collectionWithFiles())
      .uponReceiving('listCollectionFiles: alice lists the STORED files of her collection')
      .withRequest('GET', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice)).query({ state: 'STORED' }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({ items: [aliceStored()] }))
      .executeTest(recorded(async (mock) => {
        const list = await collections(mock.url, keys.alice).listCollectionFiles({ cid: EXAMPLE_CID, state: 'STORED' });
        assert.equal(list.items.length, 1);
        assert.equal(list.items[0].state, 'STORED');
        assertDate(list.items[0].storedAt, 'storedAt');
      }));
  });

  it('200: a page of at most limit files, with the cursor of the next', async () => {
    await pact.addInteraction()
      .given(states.collectionWithFiles())
      .uponReceiving('listCollectionFiles: the first page of two')
      .withRequest('GET', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice)).query({ limit: '2' }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        items: [aliceStored(), bobsUploaded()],
        nextCursor: string(EXAMPLE_CURSOR),
      }))
      .executeTest(recorded(async (mock) => {
        const page = await collections(mock.url, keys.alice).listCollectionFiles({ cid: EXAMPLE_CID, limit: 2 });
        assert.deepEqual(page.items.map((f) => f.state), ['STORED', 'UPLOADED']);
        assert.equal(typeof page.nextCursor, 'string');
      }));
  });

  it('200: the next page, from the cursor of the previous one', async () => {
    await pact.addInteraction()
      .given(states.collectionWithFiles())
      .uponReceiving('listCollectionFiles: the page after the cursor')
      .withRequest('GET', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice))
        .query({ limit: '2', cursor: fromProviderState('${cursor}', EXAMPLE_CURSOR) }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({ items: [alicePending()] }))
      .executeTest(recorded(async (mock) => {
        const page = await collections(mock.url, keys.alice).listCollectionFiles({ cid: EXAMPLE_CID, limit: 2, cursor: EXAMPLE_CURSOR });
        assert.equal(page.items.length, 1);
        assert.equal(page.items[0].state, 'PENDING');
        assert.equal(page.nextCursor, undefined);
      }));
  });

  it('200: a viewer lists the files too', async () => {
    await pact.addInteraction()
      .given(states.viewerCollection())
      .uponReceiving("listCollectionFiles: alice lists the files of bob's collection as a viewer")
      .withRequest('GET', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        items: [fileInfo('UPLOADED', { ...inCollection, createdBy: principals.bob })],
      }))
      .executeTest(recorded(async (mock) => {
        const list = await collections(mock.url, keys.alice).listCollectionFiles({ cid: EXAMPLE_CID });
        assert.equal(list.items.length, 1);
        assert.equal(list.items[0].createdBy, principals.bob);
        assert.equal(list.items[0].collectionId, EXAMPLE_CID);
      }));
  });

  it('400: a limit above 100', async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('listCollectionFiles: a limit out of range')
      .withRequest('GET', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice)).query({ limit: '101' }))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('limit', 'must be between 1 and 100'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(collections(mock.url, keys.alice).listCollectionFiles({ cid: EXAMPLE_CID, limit: 101 }),
          'invalid-request', 400);
        assertFieldError(p, 'limit');
      }));
  });

  it('400: a state that is not a live state', async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('listCollectionFiles: an unknown state')
      .withRequest('GET', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice)).query({ state: 'ARCHIVED' }))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('state', 'must be one of PENDING, UPLOADED, STORED'))))
      .executeTest(recorded(async (mock) => {
        const unknownState = 'ARCHIVED' as LiveFileState;
        const p = await assertProblem(collections(mock.url, keys.alice).listCollectionFiles({ cid: EXAMPLE_CID, state: unknownState }),
          'invalid-request', 400);
        assertFieldError(p, 'state');
      }));
  });

  collectionErrorCases(pact, {
    operationId: 'listCollectionFiles', method: 'GET', suffix: '/files',
    call: (api, cid) => api.listCollectionFiles({ cid }),
  });
});
