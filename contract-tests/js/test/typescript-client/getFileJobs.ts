// GET /files/{id}/jobs (getFileJobs): 200, 400, 403, 404, 429, 500.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import type { JobHistory, ProcessingApi } from '../../client';
import { fileErrorCases } from './fileErrors';
import {
  EXAMPLE_ID, JSON_TYPE, assertDate, assertId, dateTime, fileId, injectedPath, jobId, keys, newPact, processing, recorded, states,
  withKey,
} from './support';

const { eachLike, integer, string } = MatchersV3;

/** The history of a file whose first job succeeded at its first attempt: the endpoint answered 200. */
const SUCCEEDED_HISTORY = {
  fileId: fileId(),
  job: {
    fileId: fileId(),
    jobId: jobId(),
    status: 'SUCCEEDED',
    attempt: 1,
    lastStatusCode: 200,
    result: string('{"received":"0193c4f1a2b3c4d5e6f708192a3b4c5d"}'),
    createdAt: dateTime('2025-01-15T10:30:01.900Z'),
    updatedAt: dateTime('2025-01-15T10:30:02.300Z'),
  },
  attempts: eachLike({
    jobId: jobId(),
    attempt: 1,
    outcome: 'SUCCEEDED',
    statusCode: 200,
    durationMs: integer(85),
    at: dateTime('2025-01-15T10:30:02.300Z'),
  }),
};

function assertSucceeded(history: JobHistory): void {
  assertId(history.fileId);
  assert.ok(history.job, 'the history has no job');
  assert.equal(history.job.fileId, history.fileId);
  assertId(history.job.jobId);
  assert.equal(history.job.status, 'SUCCEEDED');
  assert.equal(history.job.attempt, 1);
  assert.equal(history.job.lastStatusCode, 200);
  assert.equal(typeof history.job.result, 'string');
  assertDate(history.job.createdAt, 'job.createdAt');
  assertDate(history.job.updatedAt, 'job.updatedAt');
  assert.ok(history.attempts.length >= 1, 'no attempt');
  const [latest] = history.attempts;
  assert.equal(latest.jobId, history.job.jobId);
  assert.equal(latest.attempt, 1);
  assert.equal(latest.outcome, 'SUCCEEDED');
  assert.equal(latest.statusCode, 200);
  assert.ok(Number.isInteger(latest.durationMs));
  assertDate(latest.at, 'attempts[0].at');
}

describe('getFileJobs (GET /files/{id}/jobs)', () => {
  const pact = newPact();

  it("200: the file's job and its attempts", async () => {
    await pact.addInteraction()
      .given(states.succeededJob())
      .uponReceiving("getFileJobs: alice reads the job history of her file, whose job succeeded")
      .withRequest('GET', injectedPath('/jobs'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(SUCCEEDED_HISTORY))
      .executeTest(recorded(async (mock) => {
        assertSucceeded(await processing(mock.url, keys.alice).getFileJobs({ id: EXAMPLE_ID }));
      }));
  });

  it("200: an administrator reads any file's history", async () => {
    await pact.addInteraction()
      .given(states.succeededJob())
      .uponReceiving("getFileJobs: an administrator reads the job history of alice's file")
      .withRequest('GET', injectedPath('/jobs'), (b) => b.headers(withKey(keys.admin)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(SUCCEEDED_HISTORY))
      .executeTest(recorded(async (mock) => {
        assertSucceeded(await processing(mock.url, keys.admin).getFileJobs({ id: EXAMPLE_ID }));
      }));
  });

  it('200: a file that has not landed has no job and no attempt', async () => {
    await pact.addInteraction()
      .given(states.pending())
      .uponReceiving('getFileJobs: alice reads the job history of a file whose bytes never arrived')
      .withRequest('GET', injectedPath('/jobs'), (b) => b.headers(withKey(keys.alice)))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({ fileId: fileId(), attempts: [] }))
      .executeTest(recorded(async (mock) => {
        const history = await processing(mock.url, keys.alice).getFileJobs({ id: EXAMPLE_ID });
        assertId(history.fileId);
        assert.equal(history.job, undefined);
        assert.deepEqual(history.attempts, []);
      }));
  });

  fileErrorCases<ProcessingApi>(pact, {
    operationId: 'getFileJobs', method: 'GET', suffix: '/jobs', api: processing, call: (api, id) => api.getFileJobs({ id }),
  });
});
