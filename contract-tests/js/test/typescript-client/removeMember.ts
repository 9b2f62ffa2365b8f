// DELETE /collections/{cid}/members/{principal} (removeMember): 204, 400, 403, 404, 409, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionErrorCases } from './collectionErrors';
import {
  EXAMPLE_CID, OTHER_USER, PROBLEM_TYPE, assertFieldError, assertProblem, collections, creatorIsOwner, fieldErrors, injected, keys,
  newPact, principals, problem, recorded, roleRequired, states, withKey,
} from './support';

describe('removeMember (DELETE /collections/{cid}/members/{principal})', () => {
  const pact = newPact();

  it('204: the owner removes a member', async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('removeMember: alice removes bob, a viewer')
      .withRequest('DELETE', injected('/collections/${cid}/members/${principal}', { principal: principals.bob }),
        (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(204)
      .executeTest(recorded(async (mock) => {
        const response = await collections(mock.url, keys.alice).removeMemberRaw({ cid: EXAMPLE_CID, principal: principals.bob });
        assert.equal(response.raw.status, 204);
        assert.equal(await response.value(), undefined);
      }));
  });

  it('204: removing someone who is not a member succeeds again', async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('removeMember: alice removes a user who is not a member')
      .withRequest('DELETE', injected(`/collections/\${cid}/members/${encodeURIComponent(OTHER_USER)}`),
        (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(204)
      .executeTest(recorded(async (mock) => {
        const response = await collections(mock.url, keys.alice).removeMemberRaw({ cid: EXAMPLE_CID, principal: OTHER_USER });
        assert.equal(response.raw.status, 204);
      }));
  });

  it('400: a principal that is neither user: nor key:', async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('removeMember: alice removes a malformed principal')
      .withRequest('DELETE', injected('/collections/${cid}/members/nobody'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('principal', 'must match ^(user|key):[A-Za-z0-9._@-]{1,128}$'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(collections(mock.url, keys.alice).removeMember({ cid: EXAMPLE_CID, principal: 'nobody' }),
          'invalid-request', 400);
        assertFieldError(p, 'principal');
      }));
  });

  it('403: a contributor may not remove members', async () => {
    await pact.addInteraction()
      .given(states.contributorCollection())
      .uponReceiving("removeMember: alice, a contributor, removes a viewer of bob's collection")
      .withRequest('DELETE', injected('/collections/${cid}/members/${principal}', { principal: OTHER_USER }),
        (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(403, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(roleRequired()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.alice).removeMember({ cid: EXAMPLE_CID, principal: OTHER_USER }),
          'role-required', 403);
      }));
  });

  it('409: the creator cannot be removed', async () => {
    await pact.addInteraction()
      .given(states.aliceCollection())
      .uponReceiving('removeMember: alice, the creator, removes herself')
      .withRequest('DELETE', injected('/collections/${cid}/members/${creator}', { creator: principals.alice }),
        (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(409, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(creatorIsOwner()))
      .executeTest(recorded(async (mock) => {
        await assertProblem(collections(mock.url, keys.alice).removeMember({ cid: EXAMPLE_CID, principal: principals.alice }),
          'creator-is-owner', 409);
      }));
  });

  collectionErrorCases(pact, {
    operationId: 'removeMember',
    method: 'DELETE',
    suffix: `/members/${encodeURIComponent(OTHER_USER)}`,
    injectedSuffix: '/members/${principal}',
    call: (api, cid, principal) => api.removeMember({ cid, principal }),
  });
});
