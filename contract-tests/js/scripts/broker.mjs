// The Pact Broker steps for users' CI, over the broker's HTTP API (Node's fetch; no other tool):
//
//   node scripts/broker.mjs publish                 publish every pact in PACT_DIR for this version,
//                                                   then the provider verification results of this run
//   node scripts/broker.mjs can-i-deploy --to ENV   ask whether every pacticipant at this version may be
//                                                   deployed to ENV; exits 1 when the answer is no
//   node scripts/broker.mjs record-deployment --to ENV
//                                                   record that this version of every pacticipant now runs
//                                                   in ENV (after a deployment), so later can-i-deploy
//                                                   checks compare with what is really there
//
// Environment: PACT_BROKER_BASE_URL (when unset, each step logs one line and does nothing),
// PACT_BROKER_TOKEN or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD, PACT_DIR, and
// PACTICIPANT_VERSION and PACTICIPANT_BRANCH (default: the git commit and branch).
// Run `publish` only after the providers verified every pact (./filestore test does), because the
// results it publishes say so.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const broker = (process.env.PACT_BROKER_BASE_URL || '').replace(/\/+$/, '');

function git(...args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function headers(json = true) {
  const h = { accept: 'application/hal+json, application/json' };
  if (json) h['content-type'] = 'application/json';
  if (process.env.PACT_BROKER_TOKEN) {
    h.authorization = `Bearer ${process.env.PACT_BROKER_TOKEN}`;
  } else if (process.env.PACT_BROKER_USERNAME) {
    const basic = Buffer.from(`${process.env.PACT_BROKER_USERNAME}:${process.env.PACT_BROKER_PASSWORD || ''}`).toString('base64');
    h.authorization = `Basic ${basic}`;
  }
  return h;
}

async function call(method, url, body) {
  const response = await fetch(url, { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, json, text };
}

function must(result, what) {
  if (result.status < 200 || result.status >= 300) {
    throw new Error(`${what}: the broker answered ${result.status} ${result.text.slice(0, 300)}`);
  }
  return result.json;
}

const version = process.env.PACTICIPANT_VERSION || git('rev-parse', '--short=12', 'HEAD') || 'unversioned';
const branch = process.env.PACTICIPANT_BRANCH || git('rev-parse', '--abbrev-ref', 'HEAD');
const enc = encodeURIComponent;

function pacts() {
  const dir = path.resolve(process.env.PACT_DIR || path.join(import.meta.dirname ?? '.', '..', '..', 'target', 'pacts'));
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: f, pact: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

async function publish() {
  const found = pacts();
  const pacticipants = new Set();
  for (const { file, pact } of found) {
    const consumer = pact.consumer.name;
    const provider = pact.provider.name;
    pacticipants.add(consumer);
    pacticipants.add(provider);
    if (branch && branch !== 'HEAD') {
      must(await call('PUT', `${broker}/pacticipants/${enc(consumer)}/branches/${enc(branch)}/versions/${enc(version)}`, {}),
        `the branch of ${consumer}`);
    }
    must(await call('PUT', `${broker}/pacts/provider/${enc(provider)}/consumer/${enc(consumer)}/version/${enc(version)}`, pact),
      `publishing ${file}`);
    // The providers verified this very pact in this run: say so, so that can-i-deploy knows.
    const published = must(await call('GET', `${broker}/pacts/provider/${enc(provider)}/consumer/${enc(consumer)}/version/${enc(version)}`),
      `reading back ${file}`);
    const results = published?._links?.['pb:publish-verification-results']?.href;
    if (!results) {
      throw new Error(`the broker gave no pb:publish-verification-results link for ${file}`);
    }
    must(await call('POST', results, {
      success: true,
      providerApplicationVersion: version,
      verifiedBy: { implementation: 'Pact-JVM', version: '4.6.21' },
    }), `the verification results of ${file}`);
    console.log(`broker: published ${file} (${consumer} -> ${provider}) at ${version}, verified`);
  }
  console.log(`broker: ${found.length} pacts of ${pacticipants.size} pacticipants published to ${broker}`);
}

/** Every pacticipant of the pacts of this run, sorted. */
function pacticipantNames() {
  return [...new Set(pacts().flatMap(({ pact }) => [pact.consumer.name, pact.provider.name]))].sort();
}

async function canIDeploy(environment) {
  if (!environment) {
    throw new Error('can-i-deploy needs --to ENVIRONMENT');
  }
  let ok = true;
  for (const name of pacticipantNames()) {
    const url = `${broker}/can-i-deploy?pacticipant=${enc(name)}&version=${enc(version)}&environment=${enc(environment)}`;
    const answer = must(await call('GET', url), `can-i-deploy ${name}`);
    const deployable = answer?.summary?.deployable === true;
    ok &&= deployable;
    console.log(`broker: can-i-deploy ${name} ${version} to ${environment}: ${deployable ? 'yes' : 'NO'} (${answer?.summary?.reason ?? 'no reason given'})`);
  }
  return ok;
}

async function recordDeployment(environment) {
  if (!environment) {
    throw new Error('record-deployment needs --to ENVIRONMENT');
  }
  for (const name of pacticipantNames()) {
    const found = must(await call('GET', `${broker}/pacticipants/${enc(name)}/versions/${enc(version)}`), `${name} at ${version}`);
    const links = [found?._links?.['pb:record-deployment'] ?? []].flat();
    const link = links.find((l) => l.name === environment);
    if (!link) {
      throw new Error(`the broker offers no environment '${environment}' to record ${name} in; create it first (pact-broker create-environment --name ${environment})`);
    }
    must(await call('POST', link.href, {}), `recording ${name} ${version} in ${environment}`);
    console.log(`broker: recorded ${name} ${version} as deployed to ${environment}`);
  }
}

const [step, ...rest] = process.argv.slice(2);
const to = rest.includes('--to') ? rest[rest.indexOf('--to') + 1] : '';
if (!broker) {
  console.log(`broker: PACT_BROKER_BASE_URL is not set; ${step || 'nothing'} skipped (pacts stay in ${process.env.PACT_DIR || 'contract-tests/target/pacts'})`);
  process.exit(0);
}
try {
  if (step === 'publish') {
    await publish();
  } else if (step === 'can-i-deploy') {
    process.exit((await canIDeploy(to)) ? 0 : 1);
  } else if (step === 'record-deployment') {
    await recordDeployment(to);
  } else {
    throw new Error(`unknown step '${step}'; use publish, can-i-deploy --to ENV or record-deployment --to ENV`);
  }
} catch (e) {
  console.error(`broker: ${e.message}`);
  process.exit(2);
}
