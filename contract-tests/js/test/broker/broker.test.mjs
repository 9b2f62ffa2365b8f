// scripts/broker.mjs against a stand-in broker. The Pact Broker is a Ruby service that none of the
// project's registries (Maven Central, npm, Debian) ships, so this stand-in answers the few HAL
// resources the script uses, as the broker documents them, and records what it was sent.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'broker.mjs');
const requests = [];
let deployable = true;
let environments = ['dev', 'demo', 'prod'];
let server;
let base;
const pactDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broker-test-'));

before(async () => {
  for (const [consumer, provider] of [['filestore-web', 'filestore-api'], ['filestore-object-created', 'aws-s3']]) {
    fs.writeFileSync(path.join(pactDir, `${consumer}-${provider}.json`), JSON.stringify({
      consumer: { name: consumer }, provider: { name: provider }, interactions: [], metadata: { pactSpecification: { version: '4.0' } },
    }));
  }
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, auth: req.headers.authorization, body: body ? JSON.parse(body) : null });
      res.setHeader('content-type', 'application/hal+json');
      if (req.method === 'GET' && req.url.startsWith('/pacts/')) {
        res.end(JSON.stringify({ _links: { 'pb:publish-verification-results': { href: `${base}${req.url}/verification-results` } } }));
      } else if (req.method === 'GET' && /^\/pacticipants\/[^/]+\/versions\/[^/]+$/.test(req.url)) {
        res.end(JSON.stringify({ _links: { 'pb:record-deployment': environments.map((name) => ({ name, href: `${base}${req.url}/deployed-versions/environment/${name}-uuid` })) } }));
      } else if (req.method === 'GET' && req.url.startsWith('/can-i-deploy')) {
        res.end(JSON.stringify({ summary: { deployable, reason: deployable ? 'All required verification results are published and successful' : 'No verification for this version' } }));
      } else {
        res.statusCode = req.method === 'PUT' || req.method === 'POST' ? 201 : 404;
        res.end('{}');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH, PACT_DIR: pactDir, PACTICIPANT_VERSION: 'abc123', PACTICIPANT_BRANCH: 'main', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('the broker steps', () => {
  it('are skipped with one line when no broker is configured', async () => {
    const { code, out } = await run(['publish'], {});
    assert.equal(code, 0);
    assert.equal(out.trim().split('\n').length, 1);
    assert.match(out, /PACT_BROKER_BASE_URL is not set; publish skipped/);
  });

  it('publish every pact, with the branch and the verification results, authenticated', async () => {
    requests.length = 0;
    const { code, out } = await run(['publish'], { PACT_BROKER_BASE_URL: base, PACT_BROKER_TOKEN: 's3cret' });
    assert.equal(code, 0, out);
    const puts = requests.filter((r) => r.method === 'PUT' && r.url.startsWith('/pacts/')).map((r) => r.url).sort();
    assert.deepEqual(puts, [
      '/pacts/provider/aws-s3/consumer/filestore-object-created/version/abc123',
      '/pacts/provider/filestore-api/consumer/filestore-web/version/abc123',
    ]);
    assert.ok(requests.some((r) => r.url === '/pacticipants/filestore-web/branches/main/versions/abc123'));
    const results = requests.filter((r) => r.method === 'POST');
    assert.equal(results.length, 2);
    assert.ok(results.every((r) => r.body.success === true && r.body.providerApplicationVersion === 'abc123'));
    assert.ok(requests.every((r) => r.auth === 'Bearer s3cret'));
  });

  it('can-i-deploy fails when the broker says no', async () => {
    deployable = true;
    assert.equal((await run(['can-i-deploy', '--to', 'prod'], { PACT_BROKER_BASE_URL: base })).code, 0);
    assert.ok(requests.some((r) => r.url.includes('/can-i-deploy?pacticipant=filestore-api&version=abc123&environment=prod')));
    deployable = false;
    const { code, out } = await run(['can-i-deploy', '--to', 'prod'], { PACT_BROKER_BASE_URL: base });
    assert.equal(code, 1);
    assert.match(out, /NO/);
  });

  it('record-deployment records every pacticipant in the environment, and names a missing environment', async () => {
    requests.length = 0;
    const { code, out } = await run(['record-deployment', '--to', 'demo'], { PACT_BROKER_BASE_URL: base });
    assert.equal(code, 0, out);
    const posts = requests.filter((r) => r.method === 'POST').map((r) => r.url).sort();
    assert.deepEqual(posts, ['aws-s3', 'filestore-api', 'filestore-object-created', 'filestore-web']
      .map((name) => `/pacticipants/${name}/versions/abc123/deployed-versions/environment/demo-uuid`));
    environments = ['dev'];
    const missing = await run(['record-deployment', '--to', 'prod'], { PACT_BROKER_BASE_URL: base });
    assert.equal(missing.code, 2);
    assert.match(missing.out, /no environment 'prod'.*create-environment --name prod/);
    environments = ['dev', 'demo', 'prod'];
  });
});
