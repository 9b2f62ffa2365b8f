// DELETE /files/{id} (deleteFile): 204, 400, 403, 404, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionFileRoleCases, fileErrorCases, type FileOperation } from './fileErrors';
import { EXAMPLE_ID, EXAMPLE_OWN_ID, client, injected, injectedPath, keys, newPact, states, withKey, recorded } from './support';

describe('deleteFile (DELETE /files/{id})', () => {
  const pact = newPact();

  it('204: the file is deleted', async () => {
    await pact.addInteraction()
      .given(states.stored())
      .uponReceiving('deleteFile: alice deletes her stored file')
      .withRequest('DELETE', injectedPath(), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(204)
      .executeTest(recorded(async (mock) => {
        const response = await client(mock.url, keys.alice).deleteFileRaw({ id: EXAMPLE_ID });
        assert.equal(response.raw.status, 204);
        assert.equal(await response.value(), undefined);
      }));
  });

  it("204: the collection's owner deletes a file someone else uploaded", async () => {
    await pact.addInteraction()
      .given(states.collectionWithFiles())
      .uponReceiving('deleteFile: alice, the owner, deletes the file bob uploaded into her collection')
      .withRequest('DELETE', injectedPath(), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(204)
      .executeTest(recorded(async (mock) => {
        const response = await client(mock.url, keys.alice).deleteFileRaw({ id: EXAMPLE_ID });
        assert.equal(response.raw.status, 204);
      }));
  });

  it('204: a contributor deletes a file it uploaded', async () => {
    await pact.addInteraction()
      .given(states.contributorCollection())
      .uponReceiving("deleteFile: alice, a contributor, deletes the file she uploaded into bob's collection")
      .withRequest('DELETE', injected('/files/${own}'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(204)
      .executeTest(recorded(async (mock) => {
        const response = await client(mock.url, keys.alice).deleteFileRaw({ id: EXAMPLE_OWN_ID });
        assert.equal(response.raw.status, 204);
      }));
  });

  const op: FileOperation = { operationId: 'deleteFile', method: 'DELETE', suffix: '', call: (api, id) => api.deleteFile({ id }) };
  collectionFileRoleCases(pact, op);
  fileErrorCases(pact, op);
});
