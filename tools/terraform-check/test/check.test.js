'use strict';
// The real repository passes, the CLI's exit codes and messages, and the jar cross-check.
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { runChecks } = require('../lib/run');
const { REPO, JAR, copyRepo, editJson, remove, describeFailures } = require('./helpers');

const CLI = path.join(__dirname, '..', 'check.js');
const haveJar = fs.existsSync(JAR);
const noJar = haveJar ? false : `no built jar at ${JAR} (mvn -B package, or set TERRAFORM_CHECK_JAR)`;

test('the repository passes every rule in every workspace', async () => {
  const result = await runChecks({ root: REPO, jar: haveJar ? JAR : undefined, skipJar: !haveJar });
  assert.deepStrictEqual(result.failures.length, 0, `failures:\n${describeFailures(REPO, result.failures)}`);
  assert.ok(result.configurations.length >= 15, `configurations evaluated: ${result.configurations.join('; ')}`);
  for (const ws of ['dev', 'demo', 'prod']) assert.ok(result.plan[ws].length > 40, `workspace ${ws} plans its resources`);
});

test('resource names end with the workspace', async () => {
  const result = await runChecks({ root: REPO, skipJar: true });
  for (const [ws, instances] of Object.entries(result.plan)) {
    // Fixed names inside a named parent: the alias, inline policies, the stage, statement and target ids.
    const fixed = /^(aws_lambda_alias|aws_iam_role_policy|aws_api_gateway_stage|aws_api_gateway_method_settings|aws_lambda_permission|aws_cloudwatch_event_target)\./;
    // SSM parameters are paths: the workspace is a segment of their prefix (/filestore/dev/...).
    const parameter = /^aws_ssm_parameter\./;
    const named = instances.filter((i) => i.name && !fixed.test(i.address) && !parameter.test(i.address));
    assert.ok(named.length > 20);
    for (const i of named) assert.match(i.name, new RegExp(`-${ws}$`), `${i.address} is named ${i.name}`);
    const parameters = instances.filter((i) => parameter.test(i.address));
    assert.ok(parameters.length > 0, 'the settings parameters are planned');
    for (const i of parameters) assert.match(i.name, new RegExp(`^/filestore/${ws}/`), `${i.address} is named ${i.name}`);
  }
});

test('the CLI exits 0 on the repository and prints a summary', { skip: noJar }, () => {
  const run = spawnSync(process.execPath, [CLI, '--root', REPO, '--jar', JAR], { encoding: 'utf8' });
  assert.strictEqual(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /terraform-check: OK/);
});

test('the CLI fails with a build hint when the jar is missing', () => {
  const run = spawnSync(process.execPath, [CLI, '--root', REPO, '--jar', path.join(REPO, 'no-such-dir', 'filestore-lambda.jar')], { encoding: 'utf8' });
  assert.strictEqual(run.status, 1);
  assert.match(run.stderr, /wiring\/filestore\.json:\d+: jar-handlers: no-such-dir\/filestore-lambda\.jar not found: build it with mvn -B package/);
});

test('the CLI rejects unknown arguments', () => {
  const run = spawnSync(process.execPath, [CLI, '--frobnicate'], { encoding: 'utf8' });
  assert.strictEqual(run.status, 2);
  assert.match(run.stderr, /usage/);
});

test('a broken copy makes the CLI fail with file, line and rule', () => {
  const root = copyRepo();
  try {
    // The statement ids follow the wiring's permission order (Wiring<index>), so the index is read from it.
    let objects;
    editJson(root, 'wiring/filestore.json', (w) => {
      objects = w.functions.api.permissions.findIndex((p) => p.resource === 'objects');
      w.functions.api.permissions[objects].actions.push('s3:*');
    });
    const run = spawnSync(process.execPath, [CLI, '--root', root, '--jar', JAR], { encoding: 'utf8' });
    assert.strictEqual(run.status, 1);
    assert.match(run.stderr, new RegExp(`terraform/iam\\.tf:\\d+: no-wildcard-actions: data\\.aws_iam_policy_document\\.function\\["api"\\] statement Wiring${objects} allows the wildcard action s3:\\*`));
  } finally {
    remove(root);
  }
});

async function jarFailures(change) {
  const root = copyRepo();
  try {
    editJson(root, 'wiring/filestore.json', change);
    const result = await runChecks({ root, jar: JAR, workspaces: ['dev'] });
    return result.failures.filter((f) => f.rule === 'jar-handlers').map((f) => `${path.relative(root, f.file)}:${f.line}: ${f.message}`);
  } finally {
    remove(root);
  }
}

test('jar-handlers accepts the built jar', { skip: noJar }, async () => {
  assert.deepStrictEqual(await jarFailures(() => {}), []);
});

test('jar-handlers rejects a wrong input type', { skip: noJar }, async () => {
  const failures = await jarFailures((w) => { w.functions['object-removed'].input = 'com.amazonaws.services.lambda.runtime.events.ScheduledEvent'; });
  assert.strictEqual(failures.length, 1, failures.join('\n'));
  assert.match(failures[0], /^wiring\/filestore\.json:\d+: io\.filestore\.functions\.ObjectRemovedFunction implements RequestHandler<com\.amazonaws\.services\.lambda\.runtime\.events\.S3Event, \.\.\.> but the wiring says its input is .*ScheduledEvent$/);
});

test('jar-handlers rejects a class that is not in the jar', { skip: noJar }, async () => {
  const failures = await jarFailures((w) => { w.functions.expire.class = 'io.filestore.functions.SweepFunction'; });
  assert.ok(failures.some((f) => /SweepFunction \(wiring function expire\) is not in/.test(f)), failures.join('\n'));
});

test('jar-handlers rejects a class that is not a RequestHandler', { skip: noJar }, async () => {
  const failures = await jarFailures((w) => { w.functions.expire.class = 'io.filestore.domain.ExpirySweeper'; });
  assert.ok(failures.some((f) => /ExpirySweeper does not implement com\.amazonaws\.services\.lambda\.runtime\.RequestHandler/.test(f)), failures.join('\n'));
});

test('jar-handlers takes JDK input types from the runtime, and still compares them', { skip: noJar }, async () => {
  // The process function is a RequestHandler<java.util.Map, ...>: java.util.Map is not in the jar, and need not be.
  assert.deepStrictEqual((await jarFailures(() => {})).filter((f) => /java\.util\.Map/.test(f)), []);
  const failures = await jarFailures((w) => { w.functions.process.input = 'java.util.List'; });
  assert.strictEqual(failures.length, 1, failures.join('\n'));
  assert.match(failures[0], /ProcessFunction implements RequestHandler<java\.util\.Map, \.\.\.> but the wiring says its input is java\.util\.List$/);
});
