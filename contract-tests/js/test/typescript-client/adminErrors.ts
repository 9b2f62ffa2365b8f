// The errors every administrators' operation (/admin/...) shares: 403 from the gateway without a valid
// API key (`forbidden`), 403 from the function for a caller who is no administrator (`admin-required`),
// 429 and 500. Administrators are the user-pool group `admins` and the principals of the admin-principals
// setting; the provider lists the contract's `admin` key there, and not alice's.

import { it } from 'node:test';
import type { PactV4 } from '@pact-foundation/pact';
import type { V4RequestBuilder } from '@pact-foundation/pact/src/v4/http/types';
import type { ProcessingApi } from '../../client';
import {
  PROBLEM_TYPE, adminRequired, assertProblem, forbidden, internal, keys, processing, recorded, states, throttled, withKey,
} from './support';

const JSON_REQUEST = { 'Content-Type': 'application/json' };

export interface AdminOperation {
  operationId: string;
  method: 'GET' | 'PUT' | 'POST';
  /** A literal path: these cases never reach a file, so an id in it is one no file has. */
  path: string;
  /** A valid JSON body, for the operations that take one. */
  body?: unknown;
  /** Calls the operation through the generated client. */
  call: (api: ProcessingApi) => Promise<unknown>;
}

export function adminErrorCases(pact: PactV4, op: AdminOperation): void {
  const request = (apiKey?: string) => (b: V4RequestBuilder) => {
    b.headers(withKey(apiKey, op.body === undefined ? {} : JSON_REQUEST));
    if (op.body !== undefined) {
      b.jsonBody(op.body);
    }
  };

  it('403: no API key', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a request without an API key`)
      .withRequest(op.method, op.path, request(undefined))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(processing(mock.url)), 'forbidden', 403);
      }));
  });

  it('403: an unknown API key', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a request with an unknown API key`)
      .withRequest(op.method, op.path, request(keys.unknown))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(processing(mock.url, keys.unknown)), 'forbidden', 403);
      }));
  });

  it('403: a caller who is no administrator', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: alice, who is no administrator`)
      .withRequest(op.method, op.path, request(keys.alice))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(adminRequired()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(processing(mock.url, keys.alice)), 'admin-required', 403);
      }));
  });

  it('429: a throttled API key', async () => {
    await pact.addInteraction()
      .uponReceiving(`${op.operationId}: a request with a throttled API key`)
      .withRequest(op.method, op.path, request(keys.throttled))
      .willRespondWith(429, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(throttled()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(processing(mock.url, keys.throttled)), 'throttled', 429);
      }));
  });

  it('500: the file table is unavailable', async () => {
    await pact.addInteraction()
      .given(states.tableUnavailable())
      .uponReceiving(`${op.operationId}: an administrator, while the file table is unavailable`)
      .withRequest(op.method, op.path, request(keys.admin))
      .willRespondWith(500, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(internal()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(op.call(processing(mock.url, keys.admin)), 'internal', 500);
      }));
  });
}
