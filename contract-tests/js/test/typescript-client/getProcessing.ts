// GET /admin/processing (getProcessing): 200, 403, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminErrorCases } from './adminErrors';
import { JSON_TYPE, assertCounts, keys, newPact, processing, processingStatus, recorded, withKey } from './support';

describe('getProcessing (GET /admin/processing)', () => {
  const pact = newPact();

  it('200: the switch, the endpoint and the jobs by state', async () => {
    await pact.addInteraction()
      .uponReceiving('getProcessing: an administrator reads the processing settings')
      .withRequest('GET', '/admin/processing', (b) => b.headers(withKey(keys.admin)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(processingStatus()))
      .executeTest(recorded(async (mock) => {
        const status = await processing(mock.url, keys.admin).getProcessing();
        assert.equal(typeof status.enabled, 'boolean');
        assert.match(status.endpoint ?? '', /^https?:\/\//);
        assert.ok(Number.isInteger(status.timeoutSeconds));
        assert.ok(Number.isInteger(status.maxAttempts));
        assertCounts(status.counts);
      }));
  });

  adminErrorCases(pact, {
    operationId: 'getProcessing', method: 'GET', path: '/admin/processing', call: (api) => api.getProcessing(),
  });
});
