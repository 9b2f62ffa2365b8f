// PUT /collections/{cid}/members/{principal} (putMember): 200, 400, 403, 404, 409, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PutMemberRequest, Role } from '../../client';
import { collectionErrorCases } from './collectionErrors';
import {
  EXAMPLE_CID, JSON_TYPE, OTHER_USER, PROBLEM_TYPE, UNKNOWN_ID, assertDate, assertFieldError, assertProblem, collectionId,
  collections, creatorIsOwner, dateTime, fieldErrors, injected, keys, newPact, principals, problem, recorded, roleRequired, states,
  withKey,
} from './support';

const JSON_REQUEST = { 'Content-Type': 'application/json' };
const AS_VIEWER: PutMemberRequest = { role: 'viewer' };
const AS_CONTRIBUTOR: PutMemberRequest = { role: 'contributor' };

/** A Member as it now is: who and which role are the request's, the rest the server's. */
function member(principal: string, role: Role, addedBy: string) {
  return { collectionId: collectionId(), principal, role, addedAt: dateTime(), addedBy };
}

describe('putMember (PUT /collections/{cid}/members/{principal})', () => {
  const pact = newPact();

  it("200: the owner changes a member's role", async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('putMember: alice makes bob, a viewer, a contributor')
      .withRequest('PUT', injected('/collections/${cid}/members/${principal}', { principal: principals.bob }),
        (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(AS_CONTRIBUTOR))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE })
        .jsonBody(member(principals.bob, 'contributor', principals.alice)))
      .executeTest(recorded(async (mock) => {
        const m = await collections(mock.url, keys.alice)
          .putMember({ cid: EXAMPLE_CID, principal: principals.bob, putMemberRequest: AS_CONTRIBUTOR });
        assert.equal(m.collectionId, EXAMPLE_CID);
        assert.equal(m.principal, principals.bob);
        assert.equal(m.role, 'contributor');
        assert.equal(m.addedBy, principals.alice);
        assertDate(m.addedAt, 'addedAt');
      }));
  });

  it('200: the owner adds a new member', async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('putMember: alice adds a user as a viewer')
      .withRequest('PUT', injected(`/collections/\${cid}/members/${encodeURIComponent(OTHER_USER)}`),
        (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(AS_VIEWER))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE })
        .jsonBody(member(OTHER_USER, 'viewer', principals.alice)))
      .executeTest(recorded(async (mock) => {
        const m = await collections(mock.url, keys.alice)
          .putMember({ cid: EXAMPLE_CID, principal: OTHER_USER, putMemberRequest: AS_VIEWER });
        assert.equal(m.principal, OTHER_USER);
        assert.equal(m.role, 'viewer');
        assert.equal(m.addedBy, principals.alice);
      }));
  });

  it('400: a role that is not one (refused by the gateway)', async () => {
    const admin = { role: 'admin' as Role };
    await pact.addInteraction()
      .uponReceiving('putMember: a body whose role is not a role')
      .withRequest('PUT', `/collections/${UNKNOWN_ID}/members/${encodeURIComponent(OTHER_USER)}`,
        (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(admin))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('invalid-request', 400)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.alice)
          .putMember({ cid: UNKNOWN_ID, principal: OTHER_USER, putMemberRequest: admin }), 'invalid-request', 400);
      }));
  });

  it('400: a principal that is neither user: nor key:', async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('putMember: alice adds a malformed principal')
      .withRequest('PUT', injected('/collections/${cid}/members/nobody'),
        (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(AS_VIEWER))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('principal', 'must match ^(user|key):[A-Za-z0-9._@-]{1,128}$'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(collections(mock.url, keys.alice)
          .putMember({ cid: EXAMPLE_CID, principal: 'nobody', putMemberRequest: AS_VIEWER }), 'invalid-request', 400);
        assertFieldError(p, 'principal');
      }));
  });

  it('403: a contributor may not change members', async () => {
    await pact.addInteraction()
      .given(states.contributorCollection())
      .uponReceiving("putMember: alice, a contributor, makes a viewer of bob's collection a contributor")
      .withRequest('PUT', injected('/collections/${cid}/members/${principal}', { principal: OTHER_USER }),
        (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(AS_CONTRIBUTOR))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(roleRequired()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.alice)
          .putMember({ cid: EXAMPLE_CID, principal: OTHER_USER, putMemberRequest: AS_CONTRIBUTOR }), 'role-required', 403);
      }));
  });

  it('409: the creator stays an owner', async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('putMember: alice, the creator, makes herself a viewer')
      .withRequest('PUT', injected('/collections/${cid}/members/${creator}', { creator: principals.alice }),
        (b) => b.headers(withKey(keys.alice, JSON_REQUEST)).jsonBody(AS_VIEWER))
      .willRespondWith(409, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(creatorIsOwner()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.alice)
          .putMember({ cid: EXAMPLE_CID, principal: principals.alice, putMemberRequest: AS_VIEWER }), 'creator-is-owner', 409);
      }));
  });

  collectionErrorCases(pact, {
    operationId: 'putMember',
    method: 'PUT',
    suffix: `/members/${encodeURIComponent(OTHER_USER)}`,
    injectedSuffix: '/members/${principal}',
    body: AS_VIEWER,
    call: (api, cid, principal) => api.putMember({ cid, principal, putMemberRequest: AS_VIEWER }),
  });
});
