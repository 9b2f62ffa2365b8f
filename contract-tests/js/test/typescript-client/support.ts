// What every interaction of the TypeScript client's pact shares: the pact, the API keys and provider
// states of contract.json, the client itself, and the matchers for what the server generates.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MatchersV3, PactV4, type V3MockServer as MockServer } from '@pact-foundation/pact';
import { makeConsumerPact, type ConsumerPact } from '@pact-foundation/pact-core';
import {
  CollectionsApi, Configuration, FilesApi, ProblemFromJSON, ProcessingApi, ResponseError, type Problem, type Role,
  type UploadTicket,
} from '../../client';

export const CONSUMER = 'filestore-typescript-client';
export const PROVIDER = 'filestore-api';

const { regex, string, integer, like, equal, fromProviderState } = MatchersV3;

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run the suite with npm test`);
  }
  return value;
}

export const pactDir = path.resolve(env('PACT_DIR'));
export const pactFile = path.join(pactDir, `${CONSUMER}-${PROVIDER}.json`);

interface ContractVocabulary {
  apiKeys: Record<'admin' | 'alice' | 'bob' | 'throttled', { value: string }>;
  unknownApiKey: string;
  providerStates: Record<string, string>;
}

const contract: ContractVocabulary = JSON.parse(fs.readFileSync(env('CONTRACT_FILE'), 'utf8'));

/** The x-api-key values the provider registers in the local stack's gateway. */
export const keys = {
  /** The stack's administrator: its principal is the one the provider lists in admin-principals. Alice and bob are not. */
  admin: contract.apiKeys.admin.value,
  alice: contract.apiKeys.alice.value,
  bob: contract.apiKeys.bob.value,
  throttled: contract.apiKeys.throttled.value,
  unknown: contract.unknownApiKey,
};

/** The principal of an API key: `key:` and the first 16 bytes of the SHA-256 of its value, in lowercase hex. */
export function principalOf(apiKey: string): string {
  return `key:${createHash('sha256').update(apiKey, 'utf8').digest().subarray(0, 16).toString('hex')}`;
}

/** The principals of the contract's keys, as the service names the callers. */
export const principals = {
  alice: principalOf(keys.alice),
  bob: principalOf(keys.bob),
};

/** A user-pool principal no key has: a member the provider need not know (never a caller). */
export const OTHER_USER = 'user:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** A provider state of contract.json; an unknown name fails the test that uses it. */
export function state(name: string): string {
  assert.ok(Object.hasOwn(contract.providerStates, name), `contract.json has no provider state '${name}'`);
  return name;
}

export const states = {
  pending: () => state('a pending file of alice'),
  uploaded: () => state('an uploaded file of alice'),
  stored: () => state('a stored file of alice'),
  bobs: () => state('a file of bob'),
  everyLiveState: () => state('alice has files in every live state'),
  morePages: () => state('alice has more files than one page'),
  tableUnavailable: () => state('the file table is unavailable'),
  aliceCollection: () => state('a collection of alice'),
  bobsCollection: () => state('a collection of bob'),
  viewerCollection: () => state('a collection of bob in which alice is a viewer'),
  contributorCollection: () => state('a collection of bob in which alice is a contributor'),
  collectionWithFiles: () => state('a collection of alice with files of alice and bob'),
  everyRole: () => state('alice is a member of collections in every role'),
  succeededJob: () => state('an uploaded file of alice whose job succeeded'),
  runningJob: () => state('an uploaded file of alice whose job is running'),
};

/** One pact for the suite; each executed interaction is merged into its file. */
export function newPact(): PactV4 {
  return new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: pactDir, logLevel: 'warn' });
}

let probe: ConsumerPact | undefined;

/**
 * Waits until the mock server has recorded what it answered. The native mock server answers first and
 * records the match on a queue of its own, so under load executeTest could look before the record is
 * there and report a request it answered as never received. Returns at once when the mismatches
 * are of another kind: waiting cannot mend those, and executeTest reports them.
 */
async function settled(port: number): Promise<void> {
  // Any handle asks the mock server by its port; 5 is the native library's code for the V4 specification.
  probe ??= makeConsumerPact('mock-server-probe', 'mock-server-probe', 5, 'warn');
  const deadline = Date.now() + 5000;
  while (!probe.mockServerMatchedSuccessfully(port) && Date.now() < deadline) {
    if (probe.mockServerMismatches(port).some((m) => !('type' in m) || m.type !== 'missing-request')) {
      return;
    }
    await sleep(5);
  }
}

/** The body of an executeTest: runs the test, then lets the mock server's records settle. */
export function recorded<T>(body: (mock: MockServer) => Promise<T>): (mock: MockServer) => Promise<T> {
  return async (mock) => {
    try {
      return await body(mock);
    } finally {
      await settled(mock.port);
    }
  };
}

/** The generated client against the mock server, sending `apiKey` (none when undefined) as x-api-key. */
export function client(basePath: string, apiKey?: string): FilesApi {
  return new FilesApi(new Configuration(apiKey === undefined ? { basePath } : { basePath, apiKey }));
}

/** The generated client's collection operations against the mock server, sending `apiKey` as x-api-key. */
export function collections(basePath: string, apiKey?: string): CollectionsApi {
  return new CollectionsApi(new Configuration(apiKey === undefined ? { basePath } : { basePath, apiKey }));
}

/** The generated client's processing operations (admin and job history) against the mock server. */
export function processing(basePath: string, apiKey?: string): ProcessingApi {
  return new ProcessingApi(new Configuration(apiKey === undefined ? { basePath } : { basePath, apiKey }));
}

/** Request headers: the API key the provider registered, literally. */
export function withKey(apiKey: string | undefined, headers: Record<string, string> = {}): Record<string, string> {
  return apiKey === undefined ? headers : { ...headers, 'x-api-key': apiKey };
}

// ---- ids ----

/** An id in the shape of a server-generated one; the example of every injected id. */
export const EXAMPLE_ID = '3f8a1c9e0b7d4e2fa6c5d1e0f9b8a7c6';
/** Well-formed and never generated: no file has it. */
export const UNKNOWN_ID = '00000000000000000000000000000000';
/** Not 32 lowercase hex digits. */
export const MALFORMED_ID = 'not-a-file-id';

const ID = '^[0-9a-f]{32}$';

/** `/files/${id}` + suffix, with the id the provider state injects. */
export function injectedPath(suffix = ''): ReturnType<typeof fromProviderState<string>> {
  return fromProviderState(`/files/\${id}${suffix}`, `/files/${EXAMPLE_ID}${suffix}`);
}

/** A collection id in the shape of a server-generated one; the example of every injected `cid`. */
export const EXAMPLE_CID = '9b1e4c7a2d5f48e3b6a0c1d2e3f4a5b6';
/** The example of the `own` id some collection states inject: a file the caller uploaded. */
export const EXAMPLE_OWN_ID = '5d2b8e1f0a9c4b3d8e7f6a5b4c3d2e1f';
/** Not 32 lowercase hex digits. */
export const MALFORMED_CID = 'not-a-collection-id';

/** The examples of the values provider states inject, by name. */
const EXAMPLES: Record<string, string> = {
  id: EXAMPLE_ID,
  own: EXAMPLE_OWN_ID,
  cid: EXAMPLE_CID,
};

/**
 * A path with `${name}` placeholders the provider state fills (`cid`, `id`, `own`, `principal`,
 * `creator`); the example, for the mock server, puts `examples` (or the default examples) in their place.
 */
export function injected(expression: string, examples: Record<string, string> = {}): ReturnType<typeof fromProviderState<string>> {
  const all: Record<string, string> = { ...EXAMPLES, ...examples };
  const example = expression.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    assert.ok(Object.hasOwn(all, name), `no example for \${${name}} in ${expression}`);
    return all[name];
  });
  return fromProviderState(expression, example);
}

/** The example of a `nextCursor`: base64url, as the service makes them. Opaque to the client. */
export const EXAMPLE_CURSOR = Buffer.from(`v1:2025-01-15T10:30:00.123Z#${EXAMPLE_ID}`).toString('base64url');

// ---- matchers ----

export const JSON_TYPE = regex('^application/json(;.*)?$', 'application/json');
export const PROBLEM_TYPE = regex('^application/problem\\+json(;.*)?$', 'application/problem+json');

/** RFC 3339: seconds are required, so strict parsers in generated clients accept it. */
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$';
export const dateTime = (example = '2025-01-15T10:30:00.123Z') => regex(DATE_TIME, example);
export const fileId = () => regex(ID, EXAMPLE_ID);
export const collectionId = () => regex(ID, EXAMPLE_CID);
/** Any principal, for the ones the provider makes up. */
export const principal = (example: string = OTHER_USER) => regex('^(user|key):[A-Za-z0-9._@-]{1,128}$', example);
export const presignedUrl = (example: string) => regex('^https?://\\S+$', example);

export type LiveState = 'PENDING' | 'UPLOADED' | 'STORED';

export interface FileOwnership {
  /** The principal who started the upload; alice's by default. */
  createdBy?: string;
  /** Whether the file is in a collection (and so has a `collectionId`). */
  inCollection?: boolean;
}

/** A FileInfo made by a provider state: its name, type and size are the provider's own. */
export function fileInfo(fileState: LiveState | ReturnType<typeof regex>, ownership: FileOwnership = {}) {
  const body: Record<string, unknown> = {
    id: fileId(),
    name: string('report.pdf'),
    contentType: string('application/pdf'),
    size: integer(48213),
    state: fileState,
    metadata: like({}),
    createdBy: equal(ownership.createdBy ?? principals.alice),
    createdAt: dateTime('2025-01-15T10:30:00.123Z'),
    updatedAt: dateTime('2025-01-15T10:30:02.456Z'),
  };
  const literal = typeof fileState === 'string' ? fileState : undefined;
  if (literal === 'PENDING' || literal === 'UPLOADED') {
    body.expiresAt = dateTime('2025-01-16T10:30:00.123Z');
  }
  if (literal === 'UPLOADED' || literal === 'STORED') {
    body.uploadedAt = dateTime('2025-01-15T10:30:01.789Z');
  }
  if (literal === 'STORED') {
    body.storedAt = dateTime('2025-01-15T10:30:02.456Z');
  }
  if (ownership.inCollection) {
    body.collectionId = collectionId();
  }
  return body;
}

/**
 * A Collection as a member sees it: `role` is the caller's, fixed; the policy's fields are always given
 * (the deployment's limits unless the collection narrowed them); the rest is the provider's own.
 */
export function collection(role: Role, createdBy: string, fixed: Record<string, unknown> = {}) {
  return {
    id: collectionId(),
    name: string('Summer party 2026'),
    policy: { allowedContentTypes: MatchersV3.eachLike(string('image/jpeg')), maxSize: integer(10485760) },
    defaultMetadata: like({}),
    createdBy: equal(createdBy),
    createdAt: dateTime(),
    role: equal(role),
    ...fixed,
  };
}

/** A job id: the creation time in milliseconds (12 hex digits) and 80 random bits, 32 hex digits in all. */
export const EXAMPLE_JOB_ID = '0193c4f1a2b3c4d5e6f708192a3b4c5d';
export const jobId = () => regex(ID, EXAMPLE_JOB_ID);

/** Any live state, for listings whose items are in several. */
export const liveState = () => regex('^(PENDING|UPLOADED|STORED)$', 'STORED');

/**
 * An application/problem+json body: the `type` URN and `status` are the contract; the words and
 * the request id are the server's own.
 */
export function problem(kind: string, status: number, extra: Record<string, unknown> = {}) {
  return {
    type: `urn:filestore:problem:${kind}`,
    title: string('A short summary'),
    status,
    detail: string('What went wrong'),
    requestId: string('c0ffee00-1234-4abc-8def-0123456789ab'),
    ...extra,
  };
}

/** The `errors` of a 400 the function answers: one entry naming the field or parameter. */
export function fieldErrors(field: string, message: string) {
  return { errors: MatchersV3.eachLike({ field: equal(field), message: string(message) }) };
}

/** The problems the gateway answers itself, before the function. */
export const forbidden = () => problem('forbidden', 403);
export const throttled = () => problem('throttled', 429);
export const internal = () => problem('internal', 500);

// ---- assertions on what the client returns or throws ----

export interface Failure {
  status: number;
  contentType: string | null;
  problem: Problem;
}

/** The client must throw a ResponseError; its response must be the documented problem. */
export async function failure(call: Promise<unknown>): Promise<Failure> {
  let thrown: unknown;
  try {
    await call;
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof ResponseError, `expected the client to throw a ResponseError, got ${String(thrown)}`);
  const response = thrown.response;
  const problem = ProblemFromJSON(await response.json());
  return { status: response.status, contentType: response.headers.get('content-type'), problem };
}

export async function assertProblem(call: Promise<unknown>, kind: string, status: number): Promise<Problem> {
  const f = await failure(call);
  assert.equal(f.status, status);
  assert.match(f.contentType ?? '', /^application\/problem\+json/);
  assert.equal(f.problem.type, `urn:filestore:problem:${kind}`);
  assert.equal(f.problem.status, status);
  assert.equal(typeof f.problem.title, 'string');
  return f.problem;
}

export function assertFieldError(p: Problem, field: string): void {
  assert.ok(p.errors && p.errors.length > 0, 'expected errors[]');
  assert.equal(p.errors[0].field, field);
  assert.equal(typeof p.errors[0].message, 'string');
}

export function assertDate(value: Date | undefined, what: string): void {
  assert.ok(value instanceof Date && !Number.isNaN(value.getTime()), `${what} is not a date-time: ${String(value)}`);
}

/** The upload ticket of an UploadStarted: a presigned PUT binding the type and the exact length. */
export function assertTicket(upload: UploadTicket, contentType: string, size: number): void {
  assert.equal(upload.method, 'PUT');
  assert.ok(new URL(upload.url).protocol.startsWith('http'));
  assert.equal(upload.headers['Content-Type'], contentType);
  assert.equal(upload.headers['Content-Length'], String(size));
  assertDate(upload.expiresAt, 'upload.expiresAt');
}

export function assertId(value: string): void {
  assert.match(value, new RegExp(ID));
}

/** The 403 the function answers when the caller's role does not allow the operation. */
export const roleRequired = () => problem('role-required', 403);
/** The 409 of a change that would make the creator something other than an owner. */
export const creatorIsOwner = () => problem('creator-is-owner', 409);
/** The 403 the function answers when the caller is no administrator (the gateway's is `forbidden`). */
export const adminRequired = () => problem('admin-required', 403);

// ---- processing ----

/**
 * A ProcessingStatus: the provider's settings are its own (the switch, its endpoint, the timeout and
 * attempts), so they are matched by type; every count is an integer.
 */
export function processingStatus(enabled: unknown = MatchersV3.boolean(true)) {
  return {
    enabled,
    endpoint: regex('^https?://\\S+$', 'https://ocr.example.com/v1/jobs'),
    timeoutSeconds: integer(10),
    maxAttempts: integer(5),
    counts: {
      queued: integer(0),
      skipped: integer(0),
      running: integer(0),
      succeeded: integer(12),
      failed: integer(0),
      rejected: integer(1),
      dead: integer(0),
    },
  };
}

const COUNTS = ['queued', 'skipped', 'running', 'succeeded', 'failed', 'rejected', 'dead'] as const;

export function assertCounts(counts: Record<(typeof COUNTS)[number], number>): void {
  for (const name of COUNTS) {
    assert.ok(Number.isInteger(counts[name]) && counts[name] >= 0, `counts.${name} is not a count: ${String(counts[name])}`);
  }
}
