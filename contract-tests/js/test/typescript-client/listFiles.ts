// GET /files (listFiles): 200, 400, 403, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import type { LiveFileState } from '../../client';
import {
  EXAMPLE_CURSOR, JSON_TYPE, PROBLEM_TYPE, assertDate, assertFieldError, assertId, assertProblem, client, fieldErrors,
  fileInfo, forbidden, internal, keys, liveState, newPact, problem, states, throttled, withKey, recorded,
} from './support';

const { arrayContaining, constrainedArrayLike, eachLike, fromProviderState, string } = MatchersV3;

describe('listFiles (GET /files)', () => {
  const pact = newPact();

  it('200: lists the live files, one in each state', async () => {
    await pact.addInteraction()
      .given(states.everyLiveState())
      .uponReceiving('listFiles: alice lists her files')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        items: arrayContaining(fileInfo('PENDING'), fileInfo('UPLOADED'), fileInfo('STORED')),
      }))
      .executeTest(recorded(async (mock) => {
        const list = await client(mock.url, keys.alice).listFiles();
        assert.deepEqual(new Set(list.items.map((f) => f.state)), new Set(['PENDING', 'UPLOADED', 'STORED']));
        for (const f of list.items) {
          assertId(f.id);
          assertDate(f.createdAt, 'createdAt');
        }
        assert.equal(list.nextCursor, undefined);
      }));
  });

  it('200: only the files in the state asked for', async () => {
    await pact.addInteraction()
      .given(states.everyLiveState())
      .uponReceiving('listFiles: alice lists her STORED files')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.alice)).query({ state: 'STORED' }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        items: eachLike(fileInfo('STORED')),
      }))
      .executeTest(recorded(async (mock) => {
        const list = await client(mock.url, keys.alice).listFiles({ state: 'STORED' });
        assert.ok(list.items.length > 0);
        assert.ok(list.items.every((f) => f.state === 'STORED'));
      }));
  });

  it('200: a page of at most limit files, with the cursor of the next', async () => {
    await pact.addInteraction()
      .given(states.morePages())
      .uponReceiving('listFiles: the first page of two')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.alice)).query({ limit: '2' }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        items: constrainedArrayLike(fileInfo(liveState()), 1, 2, 2),
        nextCursor: string(EXAMPLE_CURSOR),
      }))
      .executeTest(recorded(async (mock) => {
        const page = await client(mock.url, keys.alice).listFiles({ limit: 2 });
        assert.equal(page.items.length, 2);
        assert.equal(typeof page.nextCursor, 'string');
      }));
  });

  it('200: the next page, from the cursor of the previous one', async () => {
    await pact.addInteraction()
      .given(states.morePages())
      .uponReceiving('listFiles: the page after the cursor')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.alice))
        .query({ limit: '2', cursor: fromProviderState('${cursor}', EXAMPLE_CURSOR) }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        items: constrainedArrayLike(fileInfo(liveState()), 1, 2, 1),
      }))
      .executeTest(recorded(async (mock) => {
        const page = await client(mock.url, keys.alice).listFiles({ limit: 2, cursor: EXAMPLE_CURSOR });
        assert.equal(page.items.length, 1);
        assertId(page.items[0].id);
      }));
  });

  it('400: a limit above 100', async () => {
    await pact.addInteraction()
      .uponReceiving('listFiles: a limit out of range')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.alice)).query({ limit: '101' }))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('limit', 'must be between 1 and 100'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(client(mock.url, keys.alice).listFiles({ limit: 101 }), 'invalid-request', 400);
        assertFieldError(p, 'limit');
      }));
  });

  it('400: a state that is not a live state', async () => {
    await pact.addInteraction()
      .uponReceiving('listFiles: an unknown state')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.alice)).query({ state: 'ARCHIVED' }))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('state', 'must be one of PENDING, UPLOADED, STORED'))))
      .executeTest(recorded(async (mock) => {
        const unknownState = 'ARCHIVED' as LiveFileState;
        const p = await assertProblem(client(mock.url, keys.alice).listFiles({ state: unknownState }), 'invalid-request', 400);
        assertFieldError(p, 'state');
      }));
  });

  it('400: a cursor the service did not make', async () => {
    await pact.addInteraction()
      .uponReceiving('listFiles: a malformed cursor')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.alice)).query({ cursor: 'not-a-cursor' }))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('cursor', 'is not a cursor of this listing'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(client(mock.url, keys.alice).listFiles({ cursor: 'not-a-cursor' }), 'invalid-request', 400);
        assertFieldError(p, 'cursor');
      }));
  });

  it('403: an unknown API key', async () => {
    await pact.addInteraction()
      .uponReceiving('listFiles: a request with an unknown API key')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.unknown)))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(client(mock.url, keys.unknown).listFiles(), 'forbidden', 403);
      }));
  });

  it('429: a throttled API key', async () => {
    await pact.addInteraction()
      .uponReceiving('listFiles: a request with a throttled API key')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.throttled)))
      .willRespondWith(429, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(throttled()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(client(mock.url, keys.throttled).listFiles(), 'throttled', 429);
      }));
  });

  it('500: the file table is unavailable', async () => {
    await pact.addInteraction()
      .given(states.tableUnavailable())
      .uponReceiving('listFiles: while the file table is unavailable')
      .withRequest('GET', '/files', (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(500, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(internal()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(client(mock.url, keys.alice).listFiles(), 'internal', 500);
      }));
  });
});
