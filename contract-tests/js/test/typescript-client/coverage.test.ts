// Runs after the pact-js suite: the pact it wrote must hold an interaction for every operation of the
// spec (but those marked x-internal) and every status each documents, and nothing the spec does not.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CONSUMER, PROVIDER, pactFile } from './support';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  /** The number of path parameters: a literal segment wins over a parameter. */
  params: number;
  statuses: string[];
}

interface Interaction {
  type: string;
  description: string;
  providerStates?: { name: string }[];
  request: { method: string; path: string; query?: Record<string, string[]>; generators?: any };
  response: { status: number };
}

function operations(): Operation[] {
  const spec = parse(fs.readFileSync(process.env.OPENAPI_SPEC as string, 'utf8'), { maxAliasCount: -1 });
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries<Record<string, any>>(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op || op['x-internal'] === true) {
        continue;
      }
      const segments = template.split('/').map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      ops.push({
        operationId: op.operationId ?? `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${segments.join('/')}$`),
        params: (template.match(/\{/g) ?? []).length,
        statuses: Object.keys(op.responses ?? {}),
      });
    }
  }
  return ops;
}

/** The operation a request is for, as a router would pick it. */
function operationOf(ops: Operation[], method: string, path: string): Operation | undefined {
  const bare = path.split('?')[0];
  return ops.filter((op) => op.method === method.toUpperCase() && op.pattern.test(bare))
    .sort((a, b) => a.params - b.params)[0];
}

/** A status of the spec ('404', '4XX', 'default') that documents an actual status. */
function documented(statuses: string[], status: number): boolean {
  return statuses.includes(String(status)) || statuses.includes(`${String(status)[0]}XX`);
}

describe(`the pact of ${CONSUMER}`, () => {
  const ops = operations();
  const pact = JSON.parse(fs.readFileSync(pactFile, 'utf8'));
  const interactions: Interaction[] = pact.interactions ?? [];
  const http = interactions.filter((i) => i.type === 'Synchronous/HTTP');

  it('is a V4 pact between the TypeScript client and the API', () => {
    assert.equal(pact.consumer?.name, CONSUMER);
    assert.equal(pact.provider?.name, PROVIDER);
    assert.match(String(pact.metadata?.pactSpecification?.version), /^4\./);
    assert.ok(http.length > 0, 'no HTTP interaction');
    assert.equal(http.length, interactions.length, 'only HTTP interactions');
    const descriptions = http.map((i) => `${i.description} / ${(i.providerStates ?? []).map((s) => s.name).join(', ')}`);
    assert.equal(new Set(descriptions).size, descriptions.length, 'two interactions share a description and states');
  });

  it('has every operation and every documented status', (t) => {
    const covered = new Map<string, number>();
    for (const i of http) {
      const op = operationOf(ops, i.request.method, i.request.path);
      if (op) {
        const key = `${op.operationId} ${i.response.status}`;
        covered.set(key, (covered.get(key) ?? 0) + 1);
      }
    }
    const missing: string[] = [];
    for (const op of ops) {
      const counts = op.statuses.map((status) => {
        const n = [...covered].filter(([key]) => key.startsWith(`${op.operationId} `) && documented([status], Number(key.split(' ')[1])))
          .reduce((sum, [, count]) => sum + count, 0);
        if (n === 0 && status !== 'default') {
          missing.push(`${op.operationId} (${op.method} ${op.template}) ${status}`);
        }
        return `${status}×${n}`;
      });
      t.diagnostic(`${op.operationId}: ${counts.join(' ')}`);
    }
    t.diagnostic(`${http.length} interactions`);
    assert.deepEqual(missing, [], `no interaction for:\n  ${missing.join('\n  ')}`);
  });

  it('has nothing the spec does not document', () => {
    const stray = http.flatMap((i) => {
      const op = operationOf(ops, i.request.method, i.request.path);
      if (!op) {
        return [`'${i.description}': ${i.request.method} ${i.request.path} is no operation of the spec`];
      }
      return documented(op.statuses, i.response.status) || op.statuses.includes('default') ? []
        : [`'${i.description}': ${op.operationId} does not document ${i.response.status}`];
    });
    assert.deepEqual(stray, []);
  });

  it('takes the ids the provider states make from the states', () => {
    // A state that makes a file or a collection injects its id: the request path must come from it, never be a literal.
    const injecting = ['a pending file of alice', 'an uploaded file of alice', 'a stored file of alice', 'a file of bob',
      'a collection of alice', 'a collection of bob', 'a collection of bob in which alice is a viewer',
      'a collection of bob in which alice is a contributor', 'a collection of alice with files of alice and bob',
      'an uploaded file of alice whose job succeeded', 'an uploaded file of alice whose job is running'];
    const literal = http.filter((i) => (i.providerStates ?? []).some((s) => injecting.includes(s.name)))
      .filter((i) => i.request.generators?.path?.type !== 'ProviderState')
      .map((i) => i.description);
    assert.deepEqual(literal, []);
    // A state that injects a cursor: every page asked for with a cursor under it must send the injected one.
    const paging = ['alice has more files than one page', 'a collection of alice with files of alice and bob',
      'alice is a member of collections in every role'];
    for (const name of paging) {
      const pages = http.filter((i) => i.request.query?.cursor !== undefined && (i.providerStates ?? []).some((s) => s.name === name));
      assert.ok(pages.length > 0, `no page asked for with the cursor '${name}' injects`);
      for (const i of pages) {
        assert.equal(i.request.generators?.query?.cursor?.type, 'ProviderState', `${i.description}: the cursor is not injected`);
      }
    }
  });
});
