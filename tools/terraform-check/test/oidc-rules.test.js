'use strict';
// The roles GitHub Actions assumes to plan and apply a workspace, and the permissions boundary:
// each rule can fail (a copy of the repository with one deliberate break, test/oidc-cases.js, is
// rejected with the rule's name, a file and a line), the unbroken copy passes in every
// configuration, and the general policy rules still hold the functions' roles as strictly as ever.
const { test, before, after } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { runChecks } = require('../lib/run');
const { loadModule } = require('../lib/hcl');
const { ModuleContext } = require('../lib/eval');
const { Target } = require('../lib/target');
const oidc = require('../lib/oidc-rules');
const { copyRepo, edit, remove, key, describeFailures, checkUnbroken, expectRuleFails } = require('./helpers');
const { CASES } = require('./oidc-cases');

const WORKSPACES = ['dev'];
const OIDC_RULES = ['oidc-trust', 'deploy-role-scope', 'permissions-boundary'];
const FEATURE = { enable_github_oidc: true, github_repository: 'example-org/filestore', terraform_state_bucket: 'example-org-terraform-state' };
let unbroken;

before(async () => {
  unbroken = await checkUnbroken(WORKSPACES);
});

after(() => remove(unbroken.root));

/** The Filestore module of a copy evaluated with inputs, as the rules see it. */
async function target(root, inputs, workspace = 'dev') {
  const dir = path.join(root, 'terraform');
  const { module } = await loadModule(dir);
  const ctx = new ModuleContext({ module, inputs, workspace, rootDir: dir });
  const failures = [];
  return { ctx, t: new Target({ ctx, label: workspace, wiring: {}, spec: {}, report: (f) => failures.push(f) }), failures };
}

test('the unbroken copy passes the OIDC rules, and they see both roles and the boundary', async () => {
  const mine = unbroken.result.failures.filter((f) => [...OIDC_RULES, 'iam-permissions', 'no-wildcard-actions', 'no-wildcard-resources', 'invoke-arns'].includes(f.rule) || /github-oidc\.tf$/.test(f.file));
  assert.deepStrictEqual(mine, [], `failures:\n${describeFailures(unbroken.root, mine)}`);
  assert.ok(unbroken.result.configurations.includes('dev, all features'), 'the all-features configuration is evaluated');
  const { t } = await target(unbroken.root, FEATURE);
  const facts = await oidc.oidcFacts(t);
  assert.deepStrictEqual(facts.web.map((w) => w.role.address).sort(), ['aws_iam_role.github["deploy"]', 'aws_iam_role.github["plan"]']);
  assert.deepStrictEqual([...facts.boundaries.keys()], ['aws_iam_policy.boundary[0]']);
  const bounded = facts.boundaries.get('aws_iam_policy.boundary[0]').roles.map((r) => r.address);
  assert.ok(bounded.includes('aws_iam_role.this["api"]') && bounded.includes('aws_iam_role.api_gateway_cloudwatch[0]'), bounded.join(', '));
  // The general rules leave exactly these policies to the OIDC rules.
  assert.deepStrictEqual([...facts.owned].sort(), [
    'aws_iam_policy.boundary[0]',
    'aws_iam_role_policy.github_deploy[0]',
    'aws_iam_role_policy.github_plan[0]',
    'data.aws_iam_policy_document.boundary[0]',
    'data.aws_iam_policy_document.github_deploy[0]',
    'data.aws_iam_policy_document.github_plan[0]',
  ]);
});

test('each role trusts exactly one GitHub environment of the repository, and the feature is off by default', async () => {
  for (const ws of ['dev', 'demo', 'prod']) {
    const { ctx } = await target(unbroken.root, FEATURE, ws);
    const trust = await ctx.instancesOfType('aws_iam_policy_document', 'data').then((docs) => docs.filter((d) => d.address.startsWith('data.aws_iam_policy_document.github_trust')));
    const subjects = Object.fromEntries(trust.map((d) => [d.instanceKey, d.body.statement[0].condition.find((c) => c.variable.endsWith(':sub')).values]));
    assert.deepStrictEqual(subjects, { deploy: [`repo:example-org/filestore:environment:${ws}`], plan: [`repo:example-org/filestore:environment:${ws}-plan`] });
    const roles = await ctx.instancesOfType('aws_iam_role');
    assert.deepStrictEqual(roles.filter((r) => r.address.startsWith('aws_iam_role.github')).map((r) => r.body.name).sort(), [`filestore-github-deploy-${ws}`, `filestore-github-plan-${ws}`]);
  }
  const { ctx } = await target(unbroken.root, {});
  for (const type of ['aws_iam_openid_connect_provider', 'aws_iam_policy']) assert.deepStrictEqual(await ctx.instancesOfType(type), [], `${type} without enable_github_oidc`);
  const roles = await ctx.instancesOfType('aws_iam_role');
  assert.ok(roles.length > 0 && roles.every((r) => r.body.permissions_boundary === null), 'no boundary without the feature');
});

test('the deploy role\'s inline policy fits IAM\'s limit with every feature on', async () => {
  const inputs = { ...FEATURE, enable_cognito: true, enable_web_client: true, domain_name: 'api.files.example.com', web_domain_name: 'files.example.com', hosted_zone_id: 'Z0123456789ABCDEFGHIJ', terraform_state_kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-4567-89ab-0123456789ab' };
  for (const ws of ['dev', 'prod']) {
    const { t } = await target(unbroken.root, inputs, ws);
    for (const w of (await oidc.oidcFacts(t)).web) {
      let statements = [];
      for (const src of w.sources) statements = statements.concat(await t.policyStatements(src.value));
      const size = oidc.estimateSize(statements);
      assert.ok(size < 10240, `${ws} ${w.role.address}: about ${size} characters`);
    }
  }
});

for (const [rule, name, apply, message] of CASES) {
  test(`${rule} rejects ${name}`, () => expectRuleFails({ rule, apply, message, baseline: unbroken.keys, workspaces: WORKSPACES }));
}

/** The failures of the OIDC rules (and of the rules they scope) after a change that must pass. */
async function passes(change) {
  const root = copyRepo();
  try {
    change(root);
    const result = await runChecks({ root, skipJar: true, workspaces: WORKSPACES });
    const fresh = result.failures.filter((f) => !unbroken.keys.has(key(root, f)));
    return { fresh, root };
  } finally {
    remove(root);
  }
}

test('the account\'s existing provider, given by its ARN, is trusted and not created again', async () => {
  const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
  const change = (r) => edit(r, 'terraform/variables.tf', '  type        = string\n  default     = null\n\n  validation {\n    condition     = var.github_oidc_provider_arn == null', `  type        = string\n  default     = "${arn}"\n\n  validation {\n    condition     = var.github_oidc_provider_arn == null`);
  const { fresh, root } = await passes(change);
  assert.deepStrictEqual(fresh, [], describeFailures(root, fresh));
  const copy = copyRepo();
  try {
    change(copy);
    const { ctx } = await target(copy, FEATURE);
    assert.deepStrictEqual(await ctx.instancesOfType('aws_iam_openid_connect_provider'), []);
    const [doc] = (await ctx.instancesOfType('aws_iam_policy_document', 'data')).filter((d) => d.address === 'data.aws_iam_policy_document.github_trust["deploy"]');
    assert.deepStrictEqual(doc.body.statement[0].principals[0].identifiers, [arn]);
  } finally {
    remove(copy);
  }
});

test('enable_github_oidc without its inputs fails the plan, saying which is missing', async () => {
  const { fresh, root } = await passes((r) => edit(r, 'terraform/variables.tf', '  type        = bool\n  default     = false\n}\n\nvariable "github_repository"', '  type        = bool\n  default     = true\n}\n\nvariable "github_repository"'));
  const messages = fresh.filter((f) => f.rule === 'evaluation' && f.labels.includes('dev')).map((f) => f.message);
  for (const missing of ['github_repository', 'terraform_state_bucket']) {
    assert.ok(messages.some((m) => m.includes('precondition failed') && m.includes(`enable_github_oidc needs ${missing}`)), `a precondition names ${missing}:\n${describeFailures(root, fresh)}`);
  }
});

test('a state bucket encrypted with a KMS key: both roles may use the key', async () => {
  const { fresh, root } = await passes((r) => edit(r, 'terraform/variables.tf', '  description = "ARN of the KMS key that encrypts the Terraform state bucket (SSE-KMS), if any; both deploy roles may use it to read the state and write the lock file."\n  type        = string\n  default     = null', '  description = "ARN of the KMS key that encrypts the Terraform state bucket (SSE-KMS), if any; both deploy roles may use it to read the state and write the lock file."\n  type        = string\n  default     = "arn:aws:kms:eu-west-1:123456789012:key/0123abcd-0123-4567-89ab-0123456789ab"'));
  assert.deepStrictEqual(fresh, [], describeFailures(root, fresh));
});

test('the general rules still hold the functions\' roles strictly with the feature on', async () => {
  const root = copyRepo();
  try {
    edit(root, 'terraform/iam.tf', 'actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]', 'actions   = ["logs:*"]');
    edit(root, 'terraform/iam.tf', 'resources = ["${aws_cloudwatch_log_group.this[each.key].arn}:*"]', 'resources = ["*"]');
    const result = await runChecks({ root, skipJar: true, workspaces: WORKSPACES });
    for (const rule of ['no-wildcard-actions', 'no-wildcard-resources']) {
      const hits = result.failures.filter((f) => f.rule === rule && /data\.aws_iam_policy_document\.function\["api"\]/.test(f.message));
      assert.ok(hits.some((f) => f.labels.includes('dev, all features')), `${rule} in dev, all features:\n${describeFailures(root, result.failures)}`);
    }
  } finally {
    remove(root);
  }
});
