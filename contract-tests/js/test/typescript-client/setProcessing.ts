// PUT /admin/processing (setProcessing): 200, 400, 403, 429, 500.
//
// Every interaction switches processing on, never off: the provider's pipeline runs the jobs other
// interactions' states wait for, and the functions keep their settings for a while, so a switch turned off
// and back on could leave a job SKIPPED long after.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProcessingSwitch } from '../../client';
import { adminErrorCases } from './adminErrors';
import {
  JSON_TYPE, PROBLEM_TYPE, assertCounts, assertProblem, keys, newPact, problem, processing, processingStatus, recorded, withKey,
} from './support';

const JSON_REQUEST = { 'Content-Type': 'application/json' };
const ON: ProcessingSwitch = { enabled: true };

describe('setProcessing (PUT /admin/processing)', () => {
  const pact = newPact();

  it('200: switches processing on and answers the settings after the change', async () => {
    await pact.addInteraction()
      .uponReceiving('setProcessing: an administrator switches processing on')
      .withRequest('PUT', '/admin/processing', (b) => b.headers(withKey(keys.admin, JSON_REQUEST)).jsonBody(ON))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(processingStatus(true)))
      .executeTest(recorded(async (mock) => {
        const status = await processing(mock.url, keys.admin).setProcessing({ processingSwitch: ON });
        assert.equal(status.enabled, true);
        assert.ok(Number.isInteger(status.timeoutSeconds));
        assertCounts(status.counts);
      }));
  });

  it('400: a body without enabled is refused by the gateway', async () => {
    // The client's type requires `enabled`; a caller that leaves it out sends {}.
    const empty = {} as ProcessingSwitch;
    await pact.addInteraction()
      .uponReceiving('setProcessing: a body without enabled')
      .withRequest('PUT', '/admin/processing', (b) => b.headers(withKey(keys.admin, JSON_REQUEST)).jsonBody({}))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('invalid-request', 400)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(processing(mock.url, keys.admin).setProcessing({ processingSwitch: empty }), 'invalid-request', 400);
      }));
  });

  it('400: enabled that is not a boolean is refused by the gateway', async () => {
    const text = { enabled: 'yes' } as unknown as ProcessingSwitch;
    await pact.addInteraction()
      .uponReceiving('setProcessing: enabled given as a string')
      .withRequest('PUT', '/admin/processing', (b) => b.headers(withKey(keys.admin, JSON_REQUEST)).jsonBody({ enabled: 'yes' }))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('invalid-request', 400)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(processing(mock.url, keys.admin).setProcessing({ processingSwitch: text }), 'invalid-request', 400);
      }));
  });

  adminErrorCases(pact, {
    operationId: 'setProcessing', method: 'PUT', path: '/admin/processing', body: ON,
    call: (api) => api.setProcessing({ processingSwitch: ON }),
  });
});
