// The errors every operation on one file (/files/{id}...) shares: 400 for a malformed id, 403, 404 for
// an unknown id, for another caller's file and for a file in a collection the caller is not a member of,
// 429 and 500; and the 403 of the roles that may not store or delete a collection's file.

import { it } from 'node:test';
import type { PactV4 } from '@pact-foundation/pact';
import type { FilesApi } from '../../client';
import {
  EXAMPLE_ID, MALFORMED_ID, PROBLEM_TYPE, UNKNOWN_ID, assertFieldError, assertProblem, client as files, fieldErrors, forbidden, injectedPath,
  internal, keys, problem, roleRequired, states, throttled, withKey, recorded,
} from './support';

export interface FileOperation<A = FilesApi> {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** What follows /files/{id} in the path: '', '/store', '/download' or '/jobs'. */
  suffix: string;
  /** The generated client's API class the operation is in; FilesApi by default. */
  api?: (basePath: string, apiKey?: string) => A;
  /** Calls the operation through the generated client. */
  call: (api: A, id: string) => Promise<unknown>;
}

export function fileErrorCases<A = FilesApi>(pact: PactV4, op: FileOperation<A>): void {
  const literal = (id: string) => `/files/${id}${op.suffix}`;
  const client = (op.api ?? files) as (basePath: string, apiKey?: string) => A;

  it('400: a malformed id', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a malformed id`)
      .withRequest(op.method, literal(MALFORMED_ID), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('id', 'must match ^[0-9a-f]{32}$'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(op.call(client(mock.url, keys.alice), MALFORMED_ID), 'invalid-request', 400);
        assertFieldError(p, 'id');
      }));
  });

  it('403: an unknown API key', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a request with an unknown API key`)
      .withRequest(op.method, literal(UNKNOWN_ID), (b) => b.headers(withKey(keys.unknown)))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(client(mock.url, keys.unknown), UNKNOWN_ID), 'forbidden', 403);
      }));
  });

  it('403: no API key', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a request without an API key`)
      .withRequest(op.method, literal(UNKNOWN_ID))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(client(mock.url), UNKNOWN_ID), 'forbidden', 403);
      }));
  });

  it('404: an id no file has', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: an unknown id`)
      .withRequest(op.method, literal(UNKNOWN_ID), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(404, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('not-found', 404)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(client(mock.url, keys.alice), UNKNOWN_ID), 'not-found', 404);
      }));
  });

  it("404: another caller's file", async () => {
    await pact.addInteraction()
      .given(states.bobs())
      .uponReceiving(`${op.operationId}: alice asks for bob's file`)
      .withRequest(op.method, injectedPath(op.suffix), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(404, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('not-found', 404)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(client(mock.url, keys.alice), EXAMPLE_ID), 'not-found', 404);
      }));
  });

  it("404: a file in a collection the caller is not a member of", async () => {
    await pact.addInteraction()
      .given(states.bobsCollection())
      .uponReceiving(`${op.operationId}: alice asks for a file of bob's collection, which she is not a member of`)
      .withRequest(op.method, injectedPath(op.suffix), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(404, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('not-found', 404)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(client(mock.url, keys.alice), EXAMPLE_ID), 'not-found', 404);
      }));
  });

  it('429: a throttled API key', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a request with a throttled API key`)
      .withRequest(op.method, literal(UNKNOWN_ID), (b) => b.headers(withKey(keys.throttled)))
      .willRespondWith(429, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(throttled()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(client(mock.url, keys.throttled), UNKNOWN_ID), 'throttled', 429);
      }));
  });

  it('500: the file table is unavailable', async () => {
    await pact.addInteraction()
      .given(states.tableUnavailable())
      .uponReceiving(`${op.operationId}: while the file table is unavailable`)
      .withRequest(op.method, literal(UNKNOWN_ID), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(500, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(internal()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(client(mock.url, keys.alice), UNKNOWN_ID), 'internal', 500);
      }));
  });
}

/**
 * Storing or deleting a collection's file: a viewer may not (403), nor a contributor a file someone else
 * uploaded (403); both states inject as `id` a file bob uploaded into his collection.
 */
export function collectionFileRoleCases(pact: PactV4, op: FileOperation): void {
  it('403: a viewer may not', async () => {
    await pact.addInteraction()
      .given(states.viewerCollection())
      .uponReceiving(`${op.operationId}: alice, a viewer, on a file bob uploaded into his collection`)
      .withRequest(op.method, injectedPath(op.suffix), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(roleRequired()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(files(mock.url, keys.alice), EXAMPLE_ID), 'role-required', 403);
      }));
  });

  it('403: a contributor may not, on a file someone else uploaded', async () => {
    await pact.addInteraction()
      .given(states.contributorCollection())
      .uponReceiving(`${op.operationId}: alice, a contributor, on a file bob uploaded into his collection`)
      .withRequest(op.method, injectedPath(op.suffix), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(roleRequired()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(files(mock.url, keys.alice), EXAMPLE_ID), 'role-required', 403);
      }));
  });
}
