'use strict';
// Every rule proven able to fail: copy what the check reads (.github/, terraform/main.tf,
// terraform/deploy/) to a temporary directory, break one thing, and expect that rule at that file and
// line, with nothing else failing.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, it } = require('node:test');
const { checkRepository } = require('../lib/run');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DELIVER = '.github/workflows/deliver.yml';
const DEPLOY = '.github/workflows/deploy-environment.yml';
const TEST = '.github/workflows/test.yml';

function fixture() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-check-'));
  fs.cpSync(path.join(ROOT, '.github'), path.join(dir, '.github'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'terraform'));
  for (const file of ['main.tf', 'github-oidc.tf']) fs.copyFileSync(path.join(ROOT, 'terraform', file), path.join(dir, 'terraform', file));
  fs.cpSync(path.join(ROOT, 'terraform', 'deploy'), path.join(dir, 'terraform', 'deploy'), { recursive: true });
  return dir;
}

/** Replaces the one occurrence of `from` (after `after`, when given) and returns the line it is on. */
function edit(dir, file, from, to, after = '') {
  const p = path.join(dir, file);
  const text = fs.readFileSync(p, 'utf8');
  const start = after ? text.indexOf(after) : 0;
  assert.ok(start >= 0, `${file} has no ${JSON.stringify(after)}`);
  const i = text.indexOf(from, start);
  assert.ok(i >= 0, `${file} has no ${JSON.stringify(from)}${after ? ` after ${JSON.stringify(after)}` : ''}`);
  fs.writeFileSync(p, text.slice(0, i) + to + text.slice(i + from.length));
  return text.slice(0, i).split('\n').length;
}

function lineOf(dir, file, text, after = '') {
  const content = fs.readFileSync(path.join(dir, file), 'utf8');
  const i = content.indexOf(text, after ? content.indexOf(after) : 0);
  assert.ok(i >= 0, `${file} has no ${JSON.stringify(text)}`);
  return content.slice(0, i).split('\n').length;
}

/** Expects `rule` to fail at file:line with a message matching `pattern`, and nothing but `also` besides. */
async function expectOnly(dir, rule, file, line, pattern, also = []) {
  const { failures } = await checkRepository(dir);
  assert.ok(failures.length > 0, `expected ${rule} to fail`);
  for (const f of failures) {
    if (also.some(([r, fl]) => f.rule === r && f.file === fl)) continue;
    assert.equal(`${f.rule} ${f.file}`, `${rule} ${file}`, `unexpected failure: ${JSON.stringify(f)}`);
  }
  assert.ok(failures.some((f) => f.line === line && pattern.test(f.message)),
    `no ${rule} failure at ${file}:${line} matching ${pattern}: ${JSON.stringify(failures)}`);
}

describe('workflow-check', () => {
  it('passes on the repository', async () => {
    const { failures, files } = await checkRepository(ROOT);
    assert.deepEqual(failures, []);
    assert.ok(files >= 5);
  });

  it('schema: an unknown key in a step', async () => {
    const dir = fixture();
    const line = edit(dir, TEST, '        with:\n          persist-credentials: false', '        wth:\n          persist-credentials: false');
    // actionlint knows the step keys too; the schema check must catch it on its own.
    await expectOnly(dir, 'schema', TEST, line, /Additional property 'wth'/, [['actionlint', TEST]]);
  });

  it('actionlint: an expression naming a context property that does not exist', async () => {
    const dir = fixture();
    const line = edit(dir, TEST, 'github.head_ref', 'github.head_branch');
    await expectOnly(dir, 'actionlint', TEST, line, /head_branch/);
  });

  it('pinned: an action by tag', async () => {
    const dir = fixture();
    const line = edit(dir, TEST, 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2', 'actions/checkout@v4');
    await expectOnly(dir, 'pinned', TEST, line, /not pinned by a full commit SHA/);
  });

  it('pinned: a SHA without the version it is', async () => {
    const dir = fixture();
    const file = '.github/actions/terraform/action.yml';
    const line = edit(dir, file, 'b9cd54a3c349d3f38e8881555d616ced269862dd # v3.1.2', 'b9cd54a3c349d3f38e8881555d616ced269862dd');
    await expectOnly(dir, 'pinned', file, line, /no "# vX.Y.Z" comment/);
  });

  it('pinned: a local action that is not there', async () => {
    const dir = fixture();
    fs.rmSync(path.join(dir, '.github', 'actions', 'machine'), { recursive: true });
    await expectOnly(dir, 'pinned', TEST, lineOf(dir, TEST, './.github/actions/machine'), /not in this repository/, [['pinned', DELIVER]]);
  });

  it('permissions: more than contents: read for the workflow', async () => {
    const dir = fixture();
    const line = edit(dir, DELIVER, 'permissions:\n  contents: read', 'permissions:\n  contents: write');
    await expectOnly(dir, 'permissions', DELIVER, line, /exactly \{ contents: read \}/);
  });

  it('permissions: id-token: write for a job that assumes no role', async () => {
    const dir = fixture();
    edit(dir, DELIVER, '    runs-on: ubuntu-24.04\n', '    runs-on: ubuntu-24.04\n    permissions:\n      contents: read\n      id-token: write\n');
    await expectOnly(dir, 'permissions', DELIVER, lineOf(dir, DELIVER, 'id-token: write'), /job build: id-token: write, but the job assumes no AWS role/);
  });

  it('permissions: a deployment without id-token: write', async () => {
    const dir = fixture();
    edit(dir, DELIVER, '      contents: read\n      id-token: write\n', '      contents: read\n', 'prod:');
    await expectOnly(dir, 'permissions', DELIVER, lineOf(dir, DELIVER, '  prod:'), /job prod assumes an AWS role/);
  });

  it('permissions: a job that may write to the repository', async () => {
    const dir = fixture();
    const line = edit(dir, DEPLOY, '      contents: read\n      id-token: write', '      contents: write\n      id-token: write', 'apply:') ;
    await expectOnly(dir, 'permissions', DEPLOY, line, /job apply: contents: write/);
  });

  it('reusable-calls: an input the called workflow does not have', async () => {
    const dir = fixture();
    const line = edit(dir, DELIVER, '      environment: demo', '      environment: demo\n      region: eu-west-1') + 1;
    await expectOnly(dir, 'reusable-calls', DELIVER, line, /has no input region/);
  });

  it('reusable-calls: a required secret not passed', async () => {
    const dir = fixture();
    edit(dir, DELIVER, '      TF_PLAN_PASSPHRASE: ${{ secrets.TF_PLAN_PASSPHRASE }}\n', '', 'prod:');
    await expectOnly(dir, 'reusable-calls', DELIVER, lineOf(dir, DELIVER, 'uses:', 'prod:'), /required secret TF_PLAN_PASSPHRASE/);
  });

  it('tests: a pull request that does not run ./filestore test', async () => {
    const dir = fixture();
    edit(dir, TEST, 'run: ./filestore test', 'run: ./filestore build');
    await expectOnly(dir, 'tests', TEST, lineOf(dir, TEST, 'jobs:'), /runs \.\/filestore test/);
  });

  it('gates: prod after dev instead of after demo', async () => {
    const dir = fixture();
    const line = edit(dir, DELIVER, 'needs: demo', 'needs: dev');
    await expectOnly(dir, 'gates', DELIVER, line, /job prod \(prod\) must depend on demo/);
  });

  it('gates: the apply in no environment (so no reviewers)', async () => {
    const dir = fixture();
    edit(dir, DEPLOY, '    environment:\n      name: ${{ inputs.environment }}\n      url: ${{ steps.apply.outputs.url }}\n', '');
    const { failures } = await checkRepository(dir);
    assert.deepEqual(failures.filter((f) => f.rule !== 'gates'), []);
    const line = lineOf(dir, DEPLOY, '  apply:');
    for (const env of ['dev', 'demo', 'prod']) {
      assert.ok(failures.some((f) => f.file === DEPLOY && f.line === line
        && new RegExp(`applies ${env} .*must run in the GitHub environment ${env}.*found none`).test(f.message)), JSON.stringify(failures));
    }
  });

  it('gates: the plan in the environment it plans (approval before the plan is seen)', async () => {
    const dir = fixture();
    const line = edit(dir, DEPLOY, 'name: ${{ inputs.environment }}-plan', 'name: ${{ inputs.environment }}');
    await expectOnly(dir, 'gates', DEPLOY, line, /plan of dev must run in a GitHub environment of its own/);
  });

  it('gates: an apply that is not the saved plan', async () => {
    const dir = fixture();
    const line = edit(dir, DEPLOY, 'terraform apply -input=false -lock-timeout=5m "$ENVIRONMENT.tfplan"', 'terraform apply -input=false -auto-approve -var-file="env/$ENVIRONMENT.tfvars"');
    const { failures } = await checkRepository(dir);
    assert.ok(failures.length && failures.every((f) => f.rule === 'gates' && f.file === DEPLOY), JSON.stringify(failures));
    assert.ok(failures.some((f) => /must be applied from exactly the saved plan/.test(f.message)
      && f.line === lineOf(dir, DEPLOY, '      - name: terraform apply')), JSON.stringify(failures));
    assert.ok(line > 0);
  });

  it('gates: a plan that is not saved', async () => {
    const dir = fixture();
    edit(dir, DEPLOY, ' -out="$ENVIRONMENT.tfplan"', '');
    await expectOnly(dir, 'gates', DEPLOY, lineOf(dir, DEPLOY, '      - name: terraform plan'), /not saved/);
  });

  it('gates: can-i-deploy missing before the plan, and the deployment not recorded', async () => {
    const dir = fixture();
    edit(dir, DEPLOY, 'run: ./filestore pact can-i-deploy --to "$ENVIRONMENT"', 'run: echo skipped');
    await expectOnly(dir, 'gates', DEPLOY, lineOf(dir, DEPLOY, 'steps:'), /can-i-deploy/);
    const other = fixture();
    edit(other, DEPLOY, 'run: ./filestore pact record-deployment --to "$ENVIRONMENT"', 'run: echo skipped');
    await expectOnly(other, 'gates', DEPLOY, lineOf(other, DEPLOY, 'steps:', '  apply:'), /record the deployment/);
  });

  it('gates: no invalidation after the apply, and one the deploy role may not make', async () => {
    const dir = fixture();
    edit(dir, DEPLOY, "aws cloudfront create-invalidation --distribution-id", 'echo --distribution-id');
    await expectOnly(dir, 'gates', DEPLOY, lineOf(dir, DEPLOY, 'steps:', '  apply:'), /must invalidate the web client's distribution/);
    const other = fixture();
    edit(other, 'terraform/github-oidc.tf', '"cloudfront:CreateInvalidation", ', '');
    await expectOnly(other, 'gates', DEPLOY, lineOf(other, DEPLOY, "      - name: invalidate the web client's cached files"), /does not allow cloudfront:CreateInvalidation/);
  });

  it('gates: an environment without its backend configuration', async () => {
    const dir = fixture();
    fs.rmSync(path.join(dir, 'terraform', 'deploy', 'backend', 'demo.s3.tfbackend'));
    await expectOnly(dir, 'gates', DELIVER, lineOf(dir, DELIVER, '  demo:'), /demo has no terraform\/deploy\/backend\/demo.s3.tfbackend/);
  });

  it('gates: a workspace no job deploys', async () => {
    const dir = fixture();
    edit(dir, 'terraform/main.tf', '  workspace_settings = {\n', '  workspace_settings = {\n    qa = {\n    }\n');
    await expectOnly(dir, 'gates', DELIVER, lineOf(dir, DELIVER, 'jobs:'), /no job deploys qa/);
  });

  it('gates: a second build in a deploy job, and a delivery that can be cancelled halfway', async () => {
    const dir = fixture();
    const line = edit(dir, DEPLOY, '      - name: can-i-deploy', '      - run: mvn -B -q package\n      - name: can-i-deploy');
    await expectOnly(dir, 'gates', DEPLOY, line, /job dev \(plan\) builds again/);
    const other = fixture();
    const concurrency = edit(other, DELIVER, 'cancel-in-progress: false', 'cancel-in-progress: true');
    await expectOnly(other, 'gates', DELIVER, concurrency - 2, /cancel-in-progress: false/);
  });

  it('gates: an output terraform/deploy does not declare', async () => {
    const dir = fixture();
    edit(dir, 'terraform/deploy/outputs.tf', 'output "web_url"', 'output "site_url"');
    await expectOnly(dir, 'gates', DEPLOY, lineOf(dir, DEPLOY, '      - name: terraform apply'), /terraform output web_url: terraform\/deploy\/outputs.tf declares no such output/);
  });
});
