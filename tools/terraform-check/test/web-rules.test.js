'use strict';
// The web client's hosting and the custom domains: each new rule can fail (a copy of the
// repository with one deliberate break, test/web-cases.js, is rejected with the rule's name, a
// file and a line), and the unbroken copy passes them in every configuration that hosts the client.
const { test, before, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runChecks } = require('../lib/run');
const { fileset } = require('../lib/functions');
const { copyRepo, edit, remove, describeFailures, checkUnbroken, expectRuleFails } = require('./helpers');
const { CASES } = require('./web-cases');

const WORKSPACES = ['dev'];
const WEB_RULES = ['cloudfront-https', 'tls-minimum', 'web-origin-private', 'security-headers', 'web-cors'];
let unbroken;

before(async () => {
  unbroken = await checkUnbroken(WORKSPACES);
});

after(() => remove(unbroken.root));

test('the unbroken copy passes the web rules, the provider references and the preconditions', () => {
  const mine = unbroken.result.failures.filter((f) => WEB_RULES.includes(f.rule)
    || (f.rule === 'references' && /provider/.test(f.message))
    || /precondition/.test(f.message)
    || /terraform[/\\](web|domain)\.tf$/.test(f.file));
  assert.deepStrictEqual(mine, [], `failures:\n${describeFailures(unbroken.root, mine)}`);
  for (const label of ['dev, all features', 'dev, terraform/examples/complete']) assert.ok(unbroken.result.configurations.includes(label), `${label} is evaluated`);
});

for (const [rule, name, apply, message] of CASES) {
  test(`${rule} rejects ${name}`, () => expectRuleFails({ rule, apply, message, baseline: unbroken.keys, workspaces: WORKSPACES }));
}

test('web-cors accepts "*" in the configured origins', async () => {
  const root = copyRepo();
  try {
    edit(root, 'terraform/examples/complete/variables.tf', 'default     = ["https://files.example.com"]', 'default     = ["*"]');
    // Would fail if "*" were not honoured: the API's list no longer names the web client.
    edit(root, 'terraform/main.tf', 'CORS_ALLOW_ORIGIN            = join(",", local.cors_origins)', 'CORS_ALLOW_ORIGIN            = join(",", local.settings.cors_allowed_origins)');
    const result = await runChecks({ root, skipJar: true, workspaces: WORKSPACES });
    const cors = result.failures.filter((f) => f.rule === 'web-cors');
    assert.deepStrictEqual(cors, [], describeFailures(root, cors));
  } finally {
    remove(root);
  }
});

test('the hosted client is planned with its files, config.json and the CORS origins', async () => {
  const { loadModule } = require('../lib/hcl');
  const { ModuleContext, displayOf } = require('../lib/eval');
  const dir = path.join(unbroken.root, 'terraform');
  const { module } = await loadModule(dir);
  const ctx = new ModuleContext({ module, workspace: 'dev', rootDir: dir, inputs: { enable_web_client: true, cors_allowed_origins: ['https://app.example.com'], domain_name: 'api.files.example.com', hosted_zone_id: 'Z0123456789ABCDEFGHIJ', web_domain_name: 'files.example.com' } });
  const objects = await ctx.instancesOfType('aws_s3_object');
  const byKey = Object.fromEntries(objects.map((o) => [o.body.key, o.body]));
  assert.deepStrictEqual(Object.keys(byKey).sort(), ['app.js', 'config.json', 'docs/index.html', 'favicon.svg', 'index.html', 'style.css', 'vendor/example/LICENSE']);
  assert.strictEqual(byKey['index.html'].content_type, 'text/html; charset=utf-8');
  assert.strictEqual(byKey['index.html'].cache_control, 'no-cache');
  assert.strictEqual(byKey['app.js'].cache_control, 'no-cache');
  assert.strictEqual(byKey['favicon.svg'].cache_control, 'public, max-age=86400');
  assert.strictEqual(byKey['vendor/example/LICENSE'].content_type, 'text/plain; charset=utf-8');
  assert.strictEqual(byKey['vendor/example/LICENSE'].cache_control, 'public, max-age=86400');
  assert.strictEqual(byKey['config.json'].content, '{"apiUrl":"https://api.files.example.com"}');
  assert.strictEqual(byKey['config.json'].cache_control, 'no-store');
  assert.strictEqual(displayOf(await ctx.local('cors_origins')), '["https://app.example.com","https://${aws_cloudfront_distribution.web[0].domain_name}","https://files.example.com"]');
  assert.strictEqual(await ctx.local('cors_allow_origin'), '*');
  const fn = (await ctx.instancesOfType('aws_lambda_function')).find((f) => f.instanceKey === 'api');
  assert.strictEqual(fn.body.environment[0].variables.CORS_ALLOW_ORIGIN.display, 'https://app.example.com,https://${aws_cloudfront_distribution.web[0].domain_name},https://files.example.com');
  const [policy] = await ctx.instancesOfType('aws_cloudfront_response_headers_policy');
  const csp = policy.body.security_headers_config[0].content_security_policy[0].content_security_policy.display;
  assert.match(csp, /connect-src 'self' https:\/\/api\.files\.example\.com https:\/\/filestore-files-\$\{[^}]+\}-dev\.s3\.\$\{data\.aws_region\.current\.id\}\.\$\{[^}]+\} https:\/\/filestore-files-\$\{[^}]+\}-dev\.s3\.\$\{[^}]+\};/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  // One origin and no web client: the API and its preflights answer that origin.
  const alone = new ModuleContext({ module, workspace: 'dev', rootDir: dir, inputs: { cors_allowed_origins: ['https://app.example.com'] } });
  assert.deepStrictEqual(await alone.local('cors_origins'), ['https://app.example.com']);
  assert.strictEqual(await alone.local('cors_allow_origin'), 'https://app.example.com');
  assert.deepStrictEqual(await alone.instancesOfType('aws_s3_object'), []);
});

test('fileset() lists regular files by glob, relative and sorted, and nothing for a missing folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fileset-'));
  try {
    for (const f of ['b.js', 'a.html', 'docs/index.html', 'vendor/x/LICENSE', 'vendor/x/y.min.css']) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), f);
    }
    assert.deepStrictEqual(fileset(dir, '**'), ['a.html', 'b.js', 'docs/index.html', 'vendor/x/LICENSE', 'vendor/x/y.min.css']);
    assert.deepStrictEqual(fileset(dir, '*'), ['a.html', 'b.js']);
    assert.deepStrictEqual(fileset(dir, '**/*.html'), ['a.html', 'docs/index.html']);
    assert.deepStrictEqual(fileset(dir, '{docs,vendor}/**/*.{html,css}'), ['docs/index.html', 'vendor/x/y.min.css']);
    assert.deepStrictEqual(fileset(dir, 'vendor/?/[A-Z]*'), ['vendor/x/LICENSE']);
    assert.deepStrictEqual(fileset(path.join(dir, 'missing'), '**'), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
