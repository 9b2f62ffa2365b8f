// POST /admin/files/{id}/reprocess (reprocessFile): 202, 400, 403, 404, 409, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminErrorCases } from './adminErrors';
import {
  EXAMPLE_ID, JSON_TYPE, MALFORMED_ID, PROBLEM_TYPE, UNKNOWN_ID, assertDate, assertFieldError, assertId, assertProblem, dateTime,
  fieldErrors, fileId, injected, jobId, keys, newPact, problem, processing, recorded, states, withKey,
} from './support';

const literal = (id: string) => `/admin/files/${id}/reprocess`;
const injectedReprocess = () => injected('/admin/files/${id}/reprocess');

describe('reprocessFile (POST /admin/files/{id}/reprocess)', () => {
  const pact = newPact();

  it('202: a new job, queued', async () => {
    await pact.addInteraction()
      .given(states.succeededJob())
      .uponReceiving("reprocessFile: an administrator reprocesses alice's file, whose job succeeded")
      .withRequest('POST', injectedReprocess(), (b) => b.headers(withKey(keys.admin)))
      .willRespondWith(202, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
        fileId: fileId(),
        jobId: jobId(),
        status: 'QUEUED',
        attempt: 0,
        nextAttemptAt: dateTime(),
        createdAt: dateTime(),
        updatedAt: dateTime(),
      }))
      .executeTest(recorded(async (mock) => {
        const job = await processing(mock.url, keys.admin).reprocessFile({ id: EXAMPLE_ID });
        assertId(job.fileId);
        assertId(job.jobId);
        assert.equal(job.status, 'QUEUED');
        assert.equal(job.attempt, 0);
        assertDate(job.nextAttemptAt, 'nextAttemptAt');
        assertDate(job.createdAt, 'createdAt');
        assertDate(job.updatedAt, 'updatedAt');
        assert.equal(job.lastStatusCode, undefined);
      }));
  });

  it('400: a malformed id', async () => {
    await pact.addInteraction()
      .uponReceiving('reprocessFile: a malformed id')
      .withRequest('POST', literal(MALFORMED_ID), (b) => b.headers(withKey(keys.admin)))
      .willRespondWith(400, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('invalid-request', 400, fieldErrors('id', 'must match ^[0-9a-f]{32}$'))))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(processing(mock.url, keys.admin).reprocessFile({ id: MALFORMED_ID }), 'invalid-request', 400);
        assertFieldError(p, 'id');
      }));
  });

  it('404: an id no file has', async () => {
    await pact.addInteraction()
      .uponReceiving('reprocessFile: an unknown id')
      .withRequest('POST', literal(UNKNOWN_ID), (b) => b.headers(withKey(keys.admin)))
      .willRespondWith(404, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('not-found', 404)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(processing(mock.url, keys.admin).reprocessFile({ id: UNKNOWN_ID }), 'not-found', 404);
      }));
  });

  it('409: a PENDING file cannot be processed', async () => {
    await pact.addInteraction()
      .given(states.pending())
      .uponReceiving('reprocessFile: an administrator reprocesses a file whose bytes never arrived')
      .withRequest('POST', injectedReprocess(), (b) => b.headers(withKey(keys.admin)))
      .willRespondWith(409, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE })
        .jsonBody(problem('state-conflict', 409, { state: 'PENDING' })))
      .executeTest(recorded(async (mock) => {
        const p = await assertProblem(processing(mock.url, keys.admin).reprocessFile({ id: EXAMPLE_ID }), 'state-conflict', 409);
        assert.equal(p.state, 'PENDING');
      }));
  });

  it('409: a job whose attempt is in flight', async () => {
    await pact.addInteraction()
      .given(states.runningJob())
      .uponReceiving("reprocessFile: an administrator reprocesses a file whose job's attempt is in flight")
      .withRequest('POST', injectedReprocess(), (b) => b.headers(withKey(keys.admin)))
      .willRespondWith(409, (b) => b.headers({ 'Content-Type': PROBLEM_TYPE }).jsonBody(problem('job-running', 409)))
      .executeTest(recorded(async (mock) => {
        await assertProblem(processing(mock.url, keys.admin).reprocessFile({ id: EXAMPLE_ID }), 'job-running', 409);
      }));
  });

  adminErrorCases(pact, {
    operationId: 'reprocessFile', method: 'POST', path: literal(UNKNOWN_ID), call: (api) => api.reprocessFile({ id: UNKNOWN_ID }),
  });
});
