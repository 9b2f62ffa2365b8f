// DELETE /files/{id} (deleteFile): 204, 400, 403, 404, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileErrorCases } from './fileErrors';
import { EXAMPLE_ID, client, injectedPath, keys, newPact, states, withKey, recorded } from './support';

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

  fileErrorCases(pact, {
    operationId: 'deleteFile', method: 'DELETE', suffix: '', call: (api, id) => api.deleteFile({ id }),
  });
});
