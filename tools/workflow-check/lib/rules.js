'use strict';
// The structure rules of Filestore's workflows. Each rule reports { rule, file, line, message }.
const fs = require('node:fs');
const path = require('node:path');

const SHA = /^[0-9a-f]{40}$/;
const ASSUME_ROLE = /^aws-actions\/configure-aws-credentials@/;

const list = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const stepsOf = (job) => list(job && job.steps);
const runOf = (step) => (typeof step.run === 'string' ? step.run : '');
const envPath = (job) => (job && typeof job.environment === 'object' && job.environment !== null ? ['environment', 'name'] : ['environment']);
const envName = (job) => (job && typeof job.environment === 'object' && job.environment !== null ? job.environment.name : job && job.environment);
const EXPR_INPUT = /\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g;
const substitute = (text, inputs) => (typeof text === 'string' ? text.replace(EXPR_INPUT, (m, name) => (name in inputs ? String(inputs[name]) : m)) : text);

/** The events of a workflow's `on`, as an object. */
function events(wf) {
  const on = wf.data && (wf.data.on ?? wf.data.true); // YAML 1.1 readers turn `on` into true
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [e, null]));
  return on || {};
}

function localAction(repo, uses) {
  const dir = path.resolve(repo.root, uses);
  return repo.actions.find((a) => path.dirname(a.path) === dir);
}

function localWorkflow(repo, uses) {
  const file = path.resolve(repo.root, uses);
  return repo.workflows.find((w) => w.path === file);
}

/** Every `uses:` of the workflows and actions, with where it is. */
function* allUses(repo) {
  for (const wf of repo.workflows) {
    if (!wf.data) continue;
    for (const [id, job] of Object.entries(wf.data.jobs || {})) {
      if (job.uses) yield { file: wf, at: ['jobs', id, 'uses'], uses: job.uses };
      for (const [i, step] of stepsOf(job).entries()) {
        if (step.uses) yield { file: wf, at: ['jobs', id, 'steps', i, 'uses'], uses: step.uses };
      }
    }
  }
  for (const action of repo.actions) {
    if (!action.data) continue;
    for (const [i, step] of list(action.data.runs && action.data.runs.steps).entries()) {
      if (step.uses) yield { file: action, at: ['runs', 'steps', i, 'uses'], uses: step.uses };
    }
  }
}

/** Whether a job's steps (through local actions too) assume an AWS role, which needs an OIDC token. */
function assumesRole(repo, steps, seen = new Set()) {
  return steps.some((step) => {
    if (typeof step.uses !== 'string') return false;
    if (ASSUME_ROLE.test(step.uses)) return true;
    if (!step.uses.startsWith('./')) return false;
    const action = localAction(repo, step.uses);
    if (!action || !action.data || seen.has(action.path)) return false;
    seen.add(action.path);
    return assumesRole(repo, list(action.data.runs && action.data.runs.steps), seen);
  });
}

function needsIdToken(repo, job) {
  if (typeof job.uses === 'string' && job.uses.startsWith('./')) {
    const called = localWorkflow(repo, job.uses);
    return !!(called && called.data && Object.values(called.data.jobs || {}).some((j) => needsIdToken(repo, j)));
  }
  return assumesRole(repo, stepsOf(job));
}

// ---- pinned: every action from another repository is pinned by a full commit SHA, its version noted
function pinned(repo, report) {
  for (const { file, at, uses } of allUses(repo)) {
    const line = file.line(at);
    if (uses.startsWith('./')) {
      const found = at[0] === 'jobs' && at.length === 3 ? localWorkflow(repo, uses) : localAction(repo, uses);
      if (!found) report({ rule: 'pinned', file: file.relative, line, message: `${uses} is not in this repository` });
      continue;
    }
    if (uses.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses)) report({ rule: 'pinned', file: file.relative, line, message: `${uses} is not pinned by digest (@sha256:...)` });
      continue;
    }
    const ref = uses.split('@')[1] || '';
    if (!SHA.test(ref)) {
      report({ rule: 'pinned', file: file.relative, line, message: `${uses} is not pinned by a full commit SHA (a tag or branch can be moved)` });
    } else if (!/#\s*v\d/.test(file.text.split('\n')[line - 1] || '')) {
      report({ rule: 'pinned', file: file.relative, line, message: `${uses} has no "# vX.Y.Z" comment naming the version the SHA is` });
    }
  }
}

// ---- permissions: contents: read for the workflow; a job adds id-token: write only where it assumes a role
function permissions(repo, report) {
  for (const wf of repo.workflows) {
    if (!wf.data) continue;
    const top = wf.data.permissions;
    const exact = top && typeof top === 'object' && Object.keys(top).length === 1 && top.contents === 'read';
    if (!exact) {
      report({ rule: 'permissions', file: wf.relative, line: wf.line(['permissions']), message: `the workflow's permissions must be exactly { contents: read } (found ${JSON.stringify(top ?? 'the default, which may be write-all')})` });
    }
    for (const [id, job] of Object.entries(wf.data.jobs || {})) {
      const perms = job.permissions;
      if (typeof perms === 'string') {
        report({ rule: 'permissions', file: wf.relative, line: wf.line(['jobs', id, 'permissions']), message: `job ${id}: permissions ${perms}; list each scope instead` });
        continue;
      }
      for (const [scope, level] of Object.entries(perms || {})) {
        if (level === 'write' && scope !== 'id-token') {
          report({ rule: 'permissions', file: wf.relative, line: wf.line(['jobs', id, 'permissions', scope]), message: `job ${id}: ${scope}: write; no job needs to write to the repository` });
        }
      }
      const granted = !!perms && perms['id-token'] === 'write';
      const needed = needsIdToken(repo, job);
      if (granted && !needed) {
        report({ rule: 'permissions', file: wf.relative, line: wf.line(['jobs', id, 'permissions', 'id-token']), message: `job ${id}: id-token: write, but the job assumes no AWS role` });
      } else if (needed && !granted) {
        report({ rule: 'permissions', file: wf.relative, line: wf.line(['jobs', id]), message: `job ${id} assumes an AWS role through GitHub's OIDC provider, so it needs id-token: write in its own permissions` });
      }
    }
  }
}

// ---- reusable-calls: a call passes exactly what the called workflow declares
function reusableCalls(repo, report) {
  for (const wf of repo.workflows) {
    if (!wf.data) continue;
    for (const [id, job] of Object.entries(wf.data.jobs || {})) {
      if (typeof job.uses !== 'string' || !job.uses.startsWith('./')) continue;
      const called = localWorkflow(repo, job.uses);
      const where = (p) => ({ file: wf.relative, line: wf.line(['jobs', id, ...p]) });
      if (!called || !called.data) continue; // pinned reports a missing file
      const call = events(called).workflow_call;
      if (call === undefined) {
        report({ rule: 'reusable-calls', ...where(['uses']), message: `job ${id}: ${job.uses} has no workflow_call trigger` });
        continue;
      }
      const inputs = (call && call.inputs) || {};
      const secrets = (call && call.secrets) || {};
      for (const name of Object.keys(job.with || {})) {
        if (!(name in inputs)) report({ rule: 'reusable-calls', ...where(['with', name]), message: `job ${id}: ${job.uses} has no input ${name}` });
      }
      for (const [name, input] of Object.entries(inputs)) {
        if (input && input.required && input.default === undefined && !(name in (job.with || {}))) {
          report({ rule: 'reusable-calls', ...where(['uses']), message: `job ${id}: the required input ${name} of ${job.uses} is not given` });
        }
      }
      if (job.secrets === 'inherit') continue;
      for (const name of Object.keys(job.secrets || {})) {
        if (!(name in secrets)) report({ rule: 'reusable-calls', ...where(['secrets', name]), message: `job ${id}: ${job.uses} declares no secret ${name}` });
      }
      for (const [name, secret] of Object.entries(secrets)) {
        if (secret && secret.required && !(name in (job.secrets || {}))) {
          report({ rule: 'reusable-calls', ...where(['uses']), message: `job ${id}: the required secret ${name} of ${job.uses} is not passed` });
        }
      }
    }
  }
}

// ---- tests: every pull request runs ./filestore test
function tests(repo, report) {
  const runsTests = (wf) => Object.values(wf.data.jobs || {}).some((job) => stepsOf(job).some((s) => /(^|\s)\.\/filestore test(\s|$)/m.test(runOf(s))));
  const pr = repo.workflows.filter((wf) => wf.data && 'pull_request' in events(wf));
  if (!pr.length) {
    report({ rule: 'tests', file: '.github/workflows', line: 1, message: 'no workflow runs on pull_request' });
  } else if (!pr.some(runsTests)) {
    report({ rule: 'tests', file: pr[0].relative, line: pr[0].line(['jobs']), message: 'no job of the pull_request workflow runs ./filestore test' });
  }
}

/** The workspaces (environments), in order, from the module's workspace_settings in terraform/main.tf. */
function workspaces(root) {
  const main = path.join(root, 'terraform', 'main.tf');
  if (!fs.existsSync(main)) return [];
  const text = fs.readFileSync(main, 'utf8');
  const start = text.indexOf('workspace_settings = {');
  if (start < 0) return [];
  return [...text.slice(start).matchAll(/^ {4}([a-z][a-z0-9_-]*) = \{/gm)].map((m) => m[1]);
}

/** The jobs that deploy an environment for one job of the delivery workflow, with what they run. */
function deployment(repo, wf, id, job) {
  if (typeof job.uses === 'string' && job.uses.startsWith('./')) {
    const called = localWorkflow(repo, job.uses);
    if (!called || !called.data) return null;
    return { file: called, jobs: called.data.jobs || {}, inputs: job.with || {} };
  }
  return { file: wf, jobs: { [id]: job }, inputs: {} };
}

const findStep = (job, re) => stepsOf(job).findIndex((s) => re.test(runOf(s)));

// ---- gates: build once; dev, then demo, then prod; each planned, then applied from that plan in a named environment
function gates(repo, report) {
  const delivery = repo.workflows.filter((wf) => wf.data && events(wf).push && list(events(wf).push.branches).includes('main'));
  if (delivery.length !== 1) {
    report({ rule: 'gates', file: '.github/workflows', line: 1, message: `exactly one workflow must deliver on push to main (found ${delivery.length})` });
    return;
  }
  const wf = delivery[0];
  const jobs = wf.data.jobs || {};
  const at = (id, p = []) => ({ file: wf.relative, line: wf.line(['jobs', id, ...p]) });
  const conc = wf.data.concurrency;
  if (!conc || typeof conc !== 'object' || conc['cancel-in-progress'] !== false) {
    report({ rule: 'gates', file: wf.relative, line: wf.line(['concurrency']), message: 'the delivery needs a concurrency group with cancel-in-progress: false (a cancelled apply leaves an environment half-deployed)' });
  }

  // The build: the one job that uploads what every environment receives.
  const builds = Object.entries(jobs).filter(([, j]) => stepsOf(j).some((s) => /^actions\/upload-artifact@/.test(s.uses || '')));
  if (builds.length !== 1) {
    report({ rule: 'gates', file: wf.relative, line: wf.line(['jobs']), message: `exactly one job must build and upload the release (found ${builds.length})` });
  }
  const build = builds.length === 1 ? builds[0][0] : null;
  for (const [id, job] of Object.entries(jobs)) {
    if (id === build) continue;
    const d = deployment(repo, wf, id, job);
    for (const [jobId, j] of Object.entries(d ? d.jobs : {})) {
      const i = findStep(j, /(\.\/filestore (build|test)|\bmvn\b)/);
      if (i >= 0) {
        report({ rule: 'gates', file: d.file.relative, line: d.file.line(['jobs', jobId, 'steps', i]), message: `job ${id}${d.file === wf ? '' : ` (${jobId})`} builds again; only ${build ?? 'the build job'} builds, and every environment gets that build` });
      }
    }
  }

  const envs = workspaces(repo.root);
  if (!envs.length) {
    report({ rule: 'gates', file: 'terraform/main.tf', line: 1, message: 'no workspace_settings found to read the environments from' });
    return;
  }
  // Which job deploys which environment.
  const byEnv = new Map();
  for (const [id, job] of Object.entries(jobs)) {
    const d = deployment(repo, wf, id, job);
    if (!d) continue;
    const applies = Object.values(d.jobs).some((j) => findStep(j, /\bterraform apply\b/) >= 0);
    if (!applies) continue;
    const env = d.inputs.environment ?? envName(job);
    if (!envs.includes(env)) {
      report({ rule: 'gates', ...at(id), message: `job ${id} deploys ${JSON.stringify(env)}, which is not a workspace (${envs.join(', ')})` });
      continue;
    }
    if (byEnv.has(env)) report({ rule: 'gates', ...at(id), message: `jobs ${byEnv.get(env).id} and ${id} both deploy ${env}` });
    else byEnv.set(env, { id, job, d });
  }
  envs.forEach((env, i) => {
    const entry = byEnv.get(env);
    if (!entry) {
      report({ rule: 'gates', file: wf.relative, line: wf.line(['jobs']), message: `no job deploys ${env}` });
      return;
    }
    const { id, job, d } = entry;
    const needs = list(job.needs);
    const previous = i === 0 ? build : byEnv.get(envs[i - 1])?.id;
    if (previous && !needs.includes(previous)) {
      report({ rule: 'gates', ...at(id, ['needs']), message: `job ${id} (${env}) must depend on ${previous}${i === 0 ? ' (the build)' : ` (${envs[i - 1]})`}: environments are deployed in order, ${envs.join(' then ')}` });
    }
    for (const file of [`terraform/deploy/backend/${env}.s3.tfbackend`, `terraform/deploy/env/${env}.tfvars`]) {
      if (!fs.existsSync(path.join(repo.root, file))) report({ rule: 'gates', ...at(id), message: `${env} has no ${file}` });
    }
    checkPlanAndApply(repo, d, env, id, report);
  });
}

function checkPlanAndApply(repo, d, env, callerId, report) {
  const where = (jobId, p = []) => ({ file: d.file.relative, line: d.file.line(['jobs', jobId, ...p]) });
  const entries = Object.entries(d.jobs);
  const apply = entries.find(([, j]) => findStep(j, /\bterraform apply\b/) >= 0);
  const plan = entries.find(([, j]) => findStep(j, /\bterraform plan\b/) >= 0);
  const [applyId, applyJob] = apply;
  const applyEnv = substitute(envName(applyJob), d.inputs);
  if (applyEnv !== env) {
    report({ rule: 'gates', ...where(applyId, envPath(applyJob)), message: `the job that applies ${env} (${callerId}: ${applyId}) must run in the GitHub environment ${env}, whose reviewers and AWS role gate it (found ${applyEnv === undefined ? 'none' : JSON.stringify(applyEnv)})` });
  }
  if (!plan) {
    report({ rule: 'gates', ...where(applyId), message: `${env} is applied without a saved plan (no job runs terraform plan)` });
    return;
  }
  const [planId, planJob] = plan;
  const planEnv = substitute(envName(planJob), d.inputs);
  if (planId !== applyId) {
    if (!planEnv || planEnv === env) {
      report({ rule: 'gates', ...where(planId, envPath(planJob)), message: `the plan of ${env} must run in a GitHub environment of its own (${env}-plan), so that the reviewers of ${env} approve the apply after seeing the plan (found ${planEnv === undefined ? 'none' : JSON.stringify(planEnv)})` });
    }
    if (!list(applyJob.needs).includes(planId)) {
      report({ rule: 'gates', ...where(applyId, ['needs']), message: `${applyId} must depend on ${planId}, whose plan it applies` });
    }
  }
  const planStep = findStep(planJob, /\bterraform plan\b/);
  const out = /terraform plan\b[^\n]*-out=("?)([^"\s]+)\1/.exec(runOf(stepsOf(planJob)[planStep]));
  const applyStep = findStep(applyJob, /\bterraform apply\b/);
  const applyLine = /terraform apply\b[^\n]*/.exec(runOf(stepsOf(applyJob)[applyStep]))[0];
  if (!out) {
    report({ rule: 'gates', ...where(planId, ['steps', planStep]), message: `the plan of ${env} is not saved (terraform plan without -out=FILE)` });
  } else {
    const planFile = out[2];
    const args = applyLine.trim().split(/\s+/).slice(2).map((a) => a.replace(/^"|"$/g, ''));
    if (args[args.length - 1] !== planFile || args.some((a) => /^-(auto-approve|var|var-file|target|replace)\b/.test(a))) {
      report({ rule: 'gates', ...where(applyId, ['steps', applyStep]), message: `${env} must be applied from exactly the saved plan: terraform apply [options] ${planFile} (found: ${applyLine.trim()})` });
    }
  }
  const canI = findStep(planJob, /\.\/filestore pact can-i-deploy --to\b/);
  if (canI < 0 || canI > planStep) {
    report({ rule: 'gates', ...where(planId, ['steps']), message: `the plan of ${env} must ask can-i-deploy (./filestore pact can-i-deploy --to) before terraform plan` });
  }
  // Every output the jobs read is one terraform/deploy declares.
  const outputsFile = path.join(repo.root, 'terraform', 'deploy', 'outputs.tf');
  const declared = fs.existsSync(outputsFile) ? [...fs.readFileSync(outputsFile, 'utf8').matchAll(/^output "([^"]+)"/gm)].map((m) => m[1]) : [];
  for (const [jobId, j] of entries) {
    stepsOf(j).forEach((step, i) => {
      for (const m of runOf(step).matchAll(/terraform output(?:\s+-\S+)*\s+([A-Za-z0-9_-]+)/g)) {
        if (!declared.includes(m[1])) {
          report({ rule: 'gates', ...where(jobId, ['steps', i]), message: `terraform output ${m[1]}: terraform/deploy/outputs.tf declares no such output` });
        }
      }
    });
  }
  // vendor/ and images are cached for a day at the edge: each apply refreshes them, with a permission
  // the deploy role has (terraform/github-oidc.tf).
  const invalidated = findStep(applyJob, /\baws cloudfront create-invalidation\b/);
  if (invalidated < applyStep) {
    report({ rule: 'gates', ...where(applyId, ['steps']), message: `the apply of ${env} must invalidate the web client's distribution (aws cloudfront create-invalidation) after terraform apply` });
  } else {
    const oidcFile = path.join(repo.root, 'terraform', 'github-oidc.tf');
    if (!(fs.existsSync(oidcFile) && fs.readFileSync(oidcFile, 'utf8').includes('"cloudfront:CreateInvalidation"'))) {
      report({ rule: 'gates', ...where(applyId, ['steps', invalidated]), message: 'the deploy role (terraform/github-oidc.tf) does not allow cloudfront:CreateInvalidation, which this step needs' });
    }
  }
  const recorded = findStep(applyJob, /\.\/filestore pact record-deployment --to\b/);
  if (recorded < applyStep) {
    report({ rule: 'gates', ...where(applyId, ['steps']), message: `the apply of ${env} must record the deployment (./filestore pact record-deployment --to) after terraform apply` });
  }
}

const RULES = { pinned, permissions, 'reusable-calls': reusableCalls, tests, gates };

module.exports = { RULES, workspaces };
