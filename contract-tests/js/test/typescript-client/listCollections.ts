// GET /collections (listCollections): 200, 400, 403, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import {
  EXAMPLE_CURSOR, JSON_TYPE, PROBLEM_TYPE, assertDate, assertFieldError, assertId, assertProblem, collection, collections,
  fieldErrors, forbidden, internal, keys, newPact, principals, problem, recorded, states, throttled, withKey,
} from './support';

const { fromProviderState } = MatchersV3;

describe('listCollections (GET /collections)', () => {
  const pact = newPact();

  it('200: the collections alice is a member of, most recently joined first, with her role in each', async () => {
    await pact.addInteraction()
      .given(states.everyRole())
      .uponReceiving('listCollections: the three collections alice joined last')
      .withRequest('GET', '/collections', (b) => b.headers(withKey(keys.alice)).query({ limit: '3' }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        // Literal order and length: her own (joined last), then bob's as a contributor, then as a viewer.
        items: [
          collection('owner', principals.alice),
          collection('contributor', principals.bob),
          collection('viewer', principals.bob),
        ],
      }))
      .executeTest(recorded(async (mock) => {
        const page = await collections(mock.url, keys.alice).listCollections({ limit: 3 });
        assert.deepEqual(page.items.map((c) => c.role), ['owner', 'contributor', 'viewer']);
        assert.deepEqual(page.items.map((c) => c.createdBy), [principals.alice, principals.bob, principals.bob]);
        for (const c of page.items) {
          assertId(c.id);
          assertDate(c.createdAt, 'createdAt');
          assert.ok(c.policy.allowedContentTypes && c.policy.allowedContentTypes.length > 0);
        }
      }));
  });

  it('200: the next page, from the cursor of the previous one', async () => {
    await pact.addInteraction()
      .given(states.everyRole())
      .uponReceiving('listCollections: the collection after a page of two')
      .withRequest('GET', '/collections', (b) => b.headers(withKey(keys.alice))
        .query({ limit: '1', cursor: fromProviderState('${cursor}', EXAMPLE_CURSOR) }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        // The page of two held her own collection and bob's she contributes to; next comes the one she views.
        // Whether a page follows depends on what else alice joined: the pact leaves nextCursor open.
        items: [collection('viewer', principals.bob)],
      }))
      .executeTest(recorded(async (mock) => {
        const page = await collections(mock.url, keys.alice).listCollections({ limit: 1, cursor: EXAMPLE_CURSOR });
        assert.equal(page.items.length, 1);
        assert.equal(page.items[0].role, 'viewer');
        assert.equal(page.items[0].createdBy, principals.bob);
      }));
  });

  it('400: a limit above 100', async () => {
    await pact.addInteraction()
      .uponReceiving('listCollections: a limit out of range')
      .withRequest('GET', '/collections', (b) => b.headers(withKey(keys.alice)).query({ limit: '101' }))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('limit', 'must be between 1 and 100'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(collections(mock.url, keys.alice).listCollections({ limit: 101 }), 'invalid-request', 400);
        assertFieldError(p, 'limit');
      }));
  });

  it('400: a cursor the service did not make', async () => {
    await pact.addInteraction()
      .uponReceiving('listCollections: a malformed cursor')
      .withRequest('GET', '/collections', (b) => b.headers(withKey(keys.alice)).query({ cursor: 'not-a-cursor' }))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('cursor', 'is not a cursor of this listing'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(collections(mock.url, keys.alice).listCollections({ cursor: 'not-a-cursor' }),
          'invalid-request', 400);
        assertFieldError(p, 'cursor');
      }));
  });

  it('403: an unknown API key', async () => {
    await pact.addInteraction()
      .uponReceiving('listCollections: a request with an unknown API key')
      .withRequest('GET', '/collections', (b) => b.headers(withKey(keys.unknown)))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.unknown).listCollections(), 'forbidden', 403);
      }));
  });

  it('429: a throttled API key', async () => {
    await pact.addInteraction()
      .uponReceiving('listCollections: a request with a throttled API key')
      .withRequest('GET', '/collections', (b) => b.headers(withKey(keys.throttled)))
      .willRespondWith(429, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(throttled()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.throttled).listCollections(), 'throttled', 429);
      }));
  });

  it('500: the file table is unavailable', async () => {
    await pact.addInteraction()
      .given(states.tableUnavailable())
      .uponReceiving('listCollections: while the file table is unavailable')
      .withRequest('GET', '/collections', (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(500, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(internal()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.alice).listCollections(), 'internal', 500);
      }));
  });
});
