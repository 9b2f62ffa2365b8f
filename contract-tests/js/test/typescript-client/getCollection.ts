// GET /collections/{cid} (getCollection): 200, 400, 403, 404, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionErrorCases } from './collectionErrors';
import {
  EXAMPLE_CID, JSON_TYPE, assertDate, assertId, collection, collections, injected, keys, newPact, principals, recorded, states,
  withKey,
} from './support';

describe('getCollection (GET /collections/{cid})', () => {
  const pact = newPact();

  it("200: the owner reads the collection, with its policy and default metadata", async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('getCollection: alice reads the collection she created')
      .withRequest('GET', injected('/collections/${cid}'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(collection('owner', principals.alice, {
        policy: { allowedContentTypes: ['image/jpeg', 'image/png'], maxSize: 10485760 },
        defaultMetadata: { event: 'summer-party-2026' },
      })))
      .executeTest(recorded(async (mock) => {
        const c = await collections(mock.url, keys.alice).getCollection({ cid: EXAMPLE_CID });
        assertId(c.id);
        assert.equal(c.role, 'owner');
        assert.equal(c.createdBy, principals.alice);
        assert.deepEqual(c.policy.allowedContentTypes, ['image/jpeg', 'image/png']);
        assert.equal(c.policy.maxSize, 10485760);
        assert.deepEqual(c.defaultMetadata, { event: 'summer-party-2026' });
        assert.equal(typeof c.name, 'string');
        assertDate(c.createdAt, 'createdAt');
      }));
  });

  it('200: a viewer reads the collection, with the role it has in it', async () => {
    await pact.addInteraction()
      .given(states.viewerCollection())
      .uponReceiving("getCollection: alice reads bob's collection as a viewer")
      .withRequest('GET', injected('/collections/${cid}'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(collection('viewer', principals.bob)))
      .executeTest(recorded(async (mock) => {
        const c = await collections(mock.url, keys.alice).getCollection({ cid: EXAMPLE_CID });
        assert.equal(c.role, 'viewer');
        assert.equal(c.createdBy, principals.bob);
        // A response always gives both fields of the policy: the deployment's limits when not narrowed.
        assert.ok(Array.isArray(c.policy.allowedContentTypes) && c.policy.allowedContentTypes.length > 0);
        assert.equal(typeof c.policy.maxSize, 'number');
      }));
  });

  collectionErrorCases(pact, {
    operationId: 'getCollection', method: 'GET', suffix: '', call: (api, cid) => api.getCollection({ cid }),
  });
});
