// POST /collections (createCollection): 201, 400, 403, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CreateCollectionRequest } from '../../client';
import {
  JSON_TYPE, PROBLEM_TYPE, assertDate, assertId, assertProblem, collection, collections, forbidden, internal, keys, newPact,
  principals, problem, recorded, states, throttled, withKey,
} from './support';

const NEW_COLLECTION: CreateCollectionRequest = {
  name: 'Summer party 2026',
  policy: { allowedContentTypes: ['image/jpeg', 'image/png'], maxSize: 20971520 },
  defaultMetadata: { event: 'summer-party-2026' },
};

const JSON_REQUEST = { 'Content-Type': 'application/json' };

describe('createCollection (POST /collections)', () => {
  const pact = newPact();

  it('201: the new collection, whose creator is its owner', async () => {
    await pact.addInteraction()
      .uponReceiving('createCollection: alice creates a collection for images with default metadata')
      .withRequest('POST', '/collections', (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(NEW_COLLECTION))
      .willRespondWith(201, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(collection('owner', principals.alice, {
        name: NEW_COLLECTION.name,
        policy: NEW_COLLECTION.policy,
        defaultMetadata: NEW_COLLECTION.defaultMetadata,
      })))
      .executeTest(recorded(async (mock) => {
        const c = await collections(mock.url, keys.alice).createCollection({ createCollectionRequest: NEW_COLLECTION });
        assertId(c.id);
        assert.equal(c.name, NEW_COLLECTION.name);
        assert.equal(c.role, 'owner');
        assert.equal(c.createdBy, principals.alice);
        assert.deepEqual(c.policy, NEW_COLLECTION.policy);
        assert.deepEqual(c.defaultMetadata, NEW_COLLECTION.defaultMetadata);
        assertDate(c.createdAt, 'createdAt');
      }));
  });

  it("201: without a policy, the collection takes the deployment's limits", async () => {
    const bare: CreateCollectionRequest = { name: 'Case 4711' };
    await pact.addInteraction()
      .uponReceiving('createCollection: alice creates a collection with a name only')
      .withRequest('POST', '/collections', (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(bare))
      .willRespondWith(201, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(collection('owner', principals.alice, {
        name: bare.name,
        defaultMetadata: {},
      })))
      .executeTest(recorded(async (mock) => {
        const c = await collections(mock.url, keys.alice).createCollection({ createCollectionRequest: bare });
        assert.equal(c.name, bare.name);
        assert.equal(c.role, 'owner');
        assert.ok(Array.isArray(c.policy.allowedContentTypes) && c.policy.allowedContentTypes.length > 0);
        assert.equal(typeof c.policy.maxSize, 'number');
        assert.deepEqual(c.defaultMetadata, {});
      }));
  });

  it('400: a body that breaks the schema (empty name) is refused by the gateway', async () => {
    const invalid: CreateCollectionRequest = { name: '' };
    await pact.addInteraction()
      .uponReceiving('createCollection: a body whose name is empty')
      .withRequest('POST', '/collections', (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(invalid))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('invalid-request', 400)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.alice).createCollection({ createCollectionRequest: invalid }),
          'invalid-request', 400);
      }));
  });

  it('403: no API key', async () => {
    await pact.addInteraction()
      .uponReceiving('createCollection: a request without an API key')
      .withRequest('POST', '/collections', (b) => b.headers(JSON_REQUEST).jsonBody(NEW_COLLECTION))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(forbidden()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url).createCollection({ createCollectionRequest: NEW_COLLECTION }), 'forbidden', 403);
      }));
  });

  it('429: a throttled API key', async () => {
    await pact.addInteraction()
      .uponReceiving('createCollection: a request with a throttled API key')
      .withRequest('POST', '/collections', (b) => b.headers(withKey(keys.throttled, JSON_REQUEST)).jsonBody(NEW_COLLECTION))
      .willRespondWith(429, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(throttled()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.throttled).createCollection({ createCollectionRequest: NEW_COLLECTION }),
          'throttled', 429);
      }));
  });

  it('500: the file table is unavailable', async () => {
    await pact.addInteraction()
      .given(states.tableUnavailable())
      .uponReceiving('createCollection: while the file table is unavailable')
      .withRequest('POST', '/collections', (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(NEW_COLLECTION))
      .willRespondWith(500, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(internal()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.alice).createCollection({ createCollectionRequest: NEW_COLLECTION }),
          'internal', 500);
      }));
  });
});
