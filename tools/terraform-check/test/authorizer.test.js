'use strict';
// The Cognito authorizer that api.tf adds to the REST API body, read from the body Terraform
// renders for each workspace: with enable_cognito every non-OPTIONS operation of the spec needs
// the API key and a user pool token, preflights stay open; without it nothing mentions Cognito.
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { loadModule } = require('../lib/hcl');
const { ModuleContext, isUnknown } = require('../lib/eval');
const { partialContext, renderedApiBodies } = require('../lib/api-body');
const { runChecks } = require('../lib/run');
const { REPO, copyRepo, edit, remove } = require('./helpers');

const TF = path.join(REPO, 'terraform');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

// The spec's operations, read independently of the checker (the file is a template, but its
// ${...} placeholders are plain YAML text).
const spec = yaml.load(fs.readFileSync(path.join(REPO, 'openapi', 'filestore.yaml'), 'utf8'));
const operations = Object.entries(spec.paths).flatMap(([p, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((method) => ({ path: p, method })));

async function renderedBody(workspace, inputs) {
  const { module, errors } = await loadModule(TF);
  assert.deepStrictEqual(errors, []);
  const ctx = new ModuleContext({ module, inputs, workspace, rootDir: TF });
  const bodies = await renderedApiBodies(partialContext(ctx));
  assert.strictEqual(bodies.length, 1, 'one REST API');
  assert.ok(bodies[0].doc, bodies[0].error);
  return bodies[0].doc;
}

test('the spec has the collection routes, PUT among them, for the tests below to cover', () => {
  assert.ok(operations.some((op) => op.path.startsWith('/collections') && op.method !== 'options'));
  assert.ok(operations.some((op) => op.method === 'put'));
});

for (const workspace of ['dev', 'demo', 'prod']) {
  test(`${workspace}: with enable_cognito every non-OPTIONS operation requires the API key and the user pool token`, async () => {
    const doc = await renderedBody(workspace, { enable_cognito: true });
    const { 'x-amazon-apigateway-authorizer': authorizer, ...scheme } = doc.components.securitySchemes.cognito;
    assert.deepStrictEqual(scheme, { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'cognito_user_pools' });
    assert.strictEqual(authorizer.type, 'cognito_user_pools');
    assert.strictEqual(authorizer.providerARNs.length, 1);
    assert.ok(isUnknown(authorizer.providerARNs[0]));
    assert.strictEqual(authorizer.providerARNs[0].ref, 'aws_cognito_user_pool.this[0].arn');
    assert.deepStrictEqual(doc.components.securitySchemes.api_key, spec.components.securitySchemes.api_key, 'the API key scheme is unchanged');
    for (const { path: p, method } of operations) {
      const op = doc.paths[p][method];
      assert.ok(op, `${method.toUpperCase()} ${p} is in the rendered body`);
      const expected = method === 'options' ? [] : [{ api_key: [], cognito: [] }];
      assert.deepStrictEqual(op.security, expected, `${method.toUpperCase()} ${p}`);
    }
  });

  test(`${workspace}: without enable_cognito no operation mentions cognito`, async () => {
    const doc = await renderedBody(workspace, { enable_cognito: false });
    assert.deepStrictEqual(Object.keys(doc.components.securitySchemes), ['api_key']);
    for (const { path: p, method } of operations) {
      const op = doc.paths[p][method];
      assert.ok(op, `${method.toUpperCase()} ${p} is in the rendered body`);
      const security = op.security !== undefined ? op.security : doc.security;
      assert.ok(!JSON.stringify(security).includes('cognito'), `${method.toUpperCase()} ${p}: ${JSON.stringify(security)}`);
      if (method === 'options') assert.deepStrictEqual(security, [], `${method.toUpperCase()} ${p}`);
      else assert.ok(security.length > 0 && security.every((req) => 'api_key' in req), `${method.toUpperCase()} ${p} still requires the API key`);
    }
  });
}

test('api-authorizer names every operation left without the authorizer, and only those', async () => {
  const root = copyRepo();
  try {
    edit(root, 'terraform/api.tf', 'secured_methods = ["get", "put", "post", "delete", "patch", "head"]', 'secured_methods = ["get", "post", "patch", "head"]');
    const result = await runChecks({ root, skipJar: true, workspaces: ['dev'] });
    const named = result.failures.filter((f) => f.rule === 'api-authorizer').map((f) => /^([A-Z]+ \S+) must require both api_key and cognito/.exec(f.message)).filter(Boolean).map((m) => m[1]).sort();
    const expected = operations.filter((op) => ['put', 'delete'].includes(op.method)).map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();
    assert.deepStrictEqual(named, expected);
    for (const f of result.failures.filter((x) => x.rule === 'api-authorizer')) {
      assert.deepStrictEqual(f.labels.sort(), ['dev, all features', 'dev, terraform/examples/complete'], 'only the configurations with a user pool');
    }
  } finally {
    remove(root);
  }
});
