// The errors every operation on one collection (/collections/{cid}...) shares: 400 for a malformed id,
// 403 without a valid API key, 404 for an unknown id and for a collection the caller is not a member of
// (the same answer, so membership does not leak), 429 and 500.

import { it } from 'node:test';
import type { PactV4 } from '@pact-foundation/pact';
import type { V4RequestBuilder } from '@pact-foundation/pact/src/v4/http/types';
import type { CollectionsApi } from '../../client';
import {
  EXAMPLE_CID, MALFORMED_CID, PROBLEM_TYPE, UNKNOWN_ID, assertFieldError, assertProblem, collections, fieldErrors, forbidden,
  injected, internal, keys, principals, problem, recorded, states, throttled, withKey,
} from './support';

const JSON_REQUEST = { 'Content-Type': 'application/json' };

export interface CollectionOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** What follows /collections/{cid} in the path: '', '/files' or '/members/<principal>'. */
  suffix: string;
  /**
   * The same, for the state 'a collection of bob' (which injects alice's own principal as `principal`):
   * alice asks about herself in a collection she is not a member of. Default: `suffix`.
   */
  injectedSuffix?: string;
  /** A valid JSON body, for the operations that take one. */
  body?: unknown;
  /** Calls the operation through the generated client; `principal` is the one in the path, if any. */
  call: (api: CollectionsApi, cid: string, principal: string) => Promise<unknown>;
}

export function collectionErrorCases(pact: PactV4, op: CollectionOperation): void {
  const literal = (cid: string) => `/collections/${cid}${op.suffix}`;
  const headers = (apiKey?: string) => withKey(apiKey, op.body === undefined ? {} : JSON_REQUEST);
  const request = (apiKey?: string) => (b: V4RequestBuilder) => {
    b.headers(headers(apiKey));
    if (op.body !== undefined) {
      b.jsonBody(op.body);
    }
  };
  /** The principal of the literal paths: the one in `suffix`, when there is one. */
  const pathPrincipal = decodeURIComponent(op.suffix.split('/members/')[1] ?? '');

  it('400: a malformed collection id', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a malformed collection id`)
      .withRequest(op.method, literal(MALFORMED_CID), request(keys.alice))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('cid', 'must match ^[0-9a-f]{32}$'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(op.call(collections(mock.url, keys.alice), MALFORMED_CID, pathPrincipal), 'invalid-request', 400);
        assertFieldError(p, 'cid');
      }));
  });

  it('403: an unknown API key', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a request with an unknown API key`)
      .withRequest(op.method, literal(UNKNOWN_ID), request(keys.unknown))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(collections(mock.url, keys.unknown), UNKNOWN_ID, pathPrincipal), 'forbidden', 403);
      }));
  });

  it('403: no API key', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a request without an API key`)
      .withRequest(op.method, literal(UNKNOWN_ID), request(undefined))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(collections(mock.url), UNKNOWN_ID, pathPrincipal), 'forbidden', 403);
      }));
  });

  it('404: an id no collection has', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: an unknown collection id`)
      .withRequest(op.method, literal(UNKNOWN_ID), request(keys.alice))
      .willRespondWith(404, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('not-found', 404)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(collections(mock.url, keys.alice), UNKNOWN_ID, pathPrincipal), 'not-found', 404);
      }));
  });

  it('404: a collection the caller is not a member of', async () => {
    await pact.addInteraction()
      .given(states.bobsCollection())
      .uponReceiving(`${op.operationId}: alice asks about bob's collection, which she is not a member of`)
      .withRequest(op.method, injected(`/collections/\${cid}${op.injectedSuffix ?? op.suffix}`, { principal: principals.alice }),
        request(keys.alice))
      .willRespondWith(404, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('not-found', 404)))
      .executeTest(recorded(async (mock) => {
        const principal = op.injectedSuffix === undefined ? pathPrincipal : principals.alice;
        await assertProblem(op.call(collections(mock.url, keys.alice), EXAMPLE_CID, principal), 'not-found', 404);
      }));
  });

  it('429: a throttled API key', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a request with a throttled API key`)
      .withRequest(op.method, literal(UNKNOWN_ID), request(keys.throttled))
      .willRespondWith(429, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(throttled()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(collections(mock.url, keys.throttled), UNKNOWN_ID, pathPrincipal), 'throttled', 429);
      }));
  });

  it('500: the file table is unavailable', async () => {
    await pact.addInteraction()
      .given(states.tableUnavailable())
      .uponReceiving(`${op.operationId}: while the file table is unavailable`)
      .withRequest(op.method, literal(UNKNOWN_ID), request(keys.alice))
      .willRespondWith(500, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(internal()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(collections(mock.url, keys.alice), UNKNOWN_ID, pathPrincipal), 'internal', 500);
      }));
  });
}
