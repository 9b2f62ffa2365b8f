// POST /collections/{cid}/files (createCollectionFile): 201, 400, 403, 404, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CreateCollectionFileRequest } from '../../client';
import { collectionErrorCases } from './collectionErrors';
import {
  EXAMPLE_CID, JSON_TYPE, PROBLEM_TYPE, UNKNOWN_ID, assertDate, assertTicket, assertFieldError, assertId, assertProblem, collectionId,
  collections, dateTime, fieldErrors, fileId, injected, keys, newPact, presignedUrl, principals, problem, recorded, roleRequired,
  states, withKey,
} from './support';

const JSON_REQUEST = { 'Content-Type': 'application/json' };

/** An image for the collection of alice, whose policy allows JPEG and PNG up to 10 MiB. */
const SUNSET: CreateCollectionFileRequest = {
  name: 'sunset.jpg',
  contentType: 'image/jpeg',
  size: 1048576,
  title: 'Sunset',
  description: 'Taken from the pier',
  metadata: { camera: 'X100V' },
};

/** Notes for a collection whose policy is the deployment's. */
const NOTES: CreateCollectionFileRequest = { name: 'notes.txt', contentType: 'text/plain', size: 512, title: 'Notes' };

function uploadStarted(request: CreateCollectionFileRequest, metadata: Record<string, string>) {
  return {
    file: {
      id: fileId(),
      name: request.name,
      contentType: request.contentType,
      size: request.size,
      state: 'PENDING',
      metadata,
      collectionId: collectionId(),
      createdBy: principals.alice,
      createdAt: dateTime(),
      updatedAt: dateTime(),
      expiresAt: dateTime('2025-01-16T10:30:00.123Z'),
    },
    upload: {
      method: 'PUT',
      url: presignedUrl(`http://127.0.0.1:4566/filestore-files/uploads/${EXAMPLE_CID}/3f8a1c9e0b7d4e2fa6c5d1e0f9b8a7c6`
        + '?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-Signature=0123abcd'),
      headers: { 'Content-Type': request.contentType, 'Content-Length': String(request.size) },
      expiresAt: dateTime('2025-01-15T10:45:00.123456789Z'),
    },
  };
}

describe('createCollectionFile (POST /collections/{cid}/files)', () => {
  const pact = newPact();

  it("201: the owner starts an upload; title, description and the collection's default metadata land in metadata", async () => {
    const metadata = { title: 'Sunset', description: 'Taken from the pier', camera: 'X100V', event: 'summer-party-2026' };
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('createCollectionFile: alice starts an upload of an image into her collection')
      .withRequest('POST', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(SUNSET))
      .willRespondWith(201, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(uploadStarted(SUNSET, metadata)))
      .executeTest(recorded(async (mock) => {
        const started = await collections(mock.url, keys.alice)
          .createCollectionFile({ cid: EXAMPLE_CID, createCollectionFileRequest: SUNSET });
        assertId(started.file.id);
        assert.equal(started.file.state, 'PENDING');
        assert.equal(started.file.collectionId, EXAMPLE_CID);
        assert.equal(started.file.createdBy, principals.alice);
        assert.deepEqual(started.file.metadata, metadata);
        assertDate(started.file.expiresAt, 'file.expiresAt');
        assertTicket(started.upload, 'image/jpeg', 1048576);
      }));
  });

  it('201: a contributor may upload too', async () => {
    await pact.addInteraction()
      .given(states.contributorCollection())
      .uponReceiving("createCollectionFile: alice, a contributor, starts an upload into bob's collection")
      .withRequest('POST', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(NOTES))
      .willRespondWith(201, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(uploadStarted(NOTES, { title: 'Notes' })))
      .executeTest(recorded(async (mock) => {
        const started = await collections(mock.url, keys.alice)
          .createCollectionFile({ cid: EXAMPLE_CID, createCollectionFileRequest: NOTES });
        assert.equal(started.file.state, 'PENDING');
        assert.equal(started.file.collectionId, EXAMPLE_CID);
        assert.equal(started.file.createdBy, principals.alice);
        assert.equal(started.file.metadata.title, 'Notes');
      }));
  });

  it("400: a content type outside the collection's policy, with the types it allows", async () => {
    const pdf: CreateCollectionFileRequest = { name: 'flyer.pdf', contentType: 'application/pdf', size: 4096 };
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('createCollectionFile: alice uploads a PDF into her collection of images')
      .withRequest('POST', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(pdf))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('invalid-request', 400, {
        allowedContentTypes: ['image/jpeg', 'image/png'],
        ...fieldErrors('contentType', "'application/pdf' is not allowed; allowed: image/jpeg, image/png"),
      })))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(collections(mock.url, keys.alice)
          .createCollectionFile({ cid: EXAMPLE_CID, createCollectionFileRequest: pdf }), 'invalid-request', 400);
        assert.deepEqual(p.allowedContentTypes, ['image/jpeg', 'image/png']);
        assertFieldError(p, 'contentType');
      }));
  });

  it("400: a size above the collection's maximum", async () => {
    const large: CreateCollectionFileRequest = { name: 'panorama.png', contentType: 'image/png', size: 20971520 };
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('createCollectionFile: alice uploads an image larger than her collection allows')
      .withRequest('POST', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(large))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('size', 'must be at most 10485760'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(collections(mock.url, keys.alice)
          .createCollectionFile({ cid: EXAMPLE_CID, createCollectionFileRequest: large }), 'invalid-request', 400);
        assertFieldError(p, 'size');
      }));
  });

  it('400: a body that breaks the schema (negative size) is refused by the gateway', async () => {
    const invalid: CreateCollectionFileRequest = { name: 'sunset.jpg', contentType: 'image/jpeg', size: -1 };
    await pact.addInteraction()
      .uponReceiving('createCollectionFile: a body whose size is negative')
      .withRequest('POST', `/collections/${UNKNOWN_ID}/files`, (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(invalid))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('invalid-request', 400)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.alice)
          .createCollectionFile({ cid: UNKNOWN_ID, createCollectionFileRequest: invalid }), 'invalid-request', 400);
      }));
  });

  it('403: a viewer may not upload', async () => {
    await pact.addInteraction()
      .given(states.viewerCollection())
      .uponReceiving("createCollectionFile: alice, a viewer, starts an upload into bob's collection")
      .withRequest('POST', injected('/collections/${cid}/files'), (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(NOTES))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(roleRequired()))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(collections(mock.url, keys.alice)
          .createCollectionFile({ cid: EXAMPLE_CID, createCollectionFileRequest: NOTES }), 'role-required', 403);
        assert.equal(typeof p.detail, 'string');
      }));
  });

  collectionErrorCases(pact, {
    operationId: 'createCollectionFile',
    method: 'POST',
    suffix: '/files',
    body: NOTES,
    call: (api, cid) => api.createCollectionFile({ cid, createCollectionFileRequest: NOTES }),
  });
});

