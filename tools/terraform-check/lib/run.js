'use strict';
// Runs every rule over the repository: static rules on each module, evaluated rules on the
// Filestore module in each configuration (workspaces x root defaults, all optional features on,
// optional resources off, and each example's inputs), and the jar cross-check.
const fs = require('node:fs');
const path = require('node:path');
const { loadModule, moduleDirs, Locator } = require('./hcl');
const { ModuleContext, Failed, EvalError, ok } = require('./eval');
const { Target } = require('./target');
const staticRules = require('./static-rules');
const policy = require('./policy-rules');
const cross = require('./cross-rules');
const oidc = require('./oidc-rules');
const web = require('./web-rules');
const { checkPreconditions } = require('./conditions');
const { checkJar } = require('./jar-rule');

const WORKSPACES = ['dev', 'demo', 'prod'];

// What the "all features" configurations set besides every enable_*/create_* flag: the values an
// optional feature needs before it can be planned. One entry per variable.
const FEATURE_INPUTS = {
  github_repository: 'example-org/filestore', // enable_github_oidc
  terraform_state_bucket: 'example-org-terraform-state', // enable_github_oidc
  domain_name: 'api.files.example.com', // custom domain of the API
  hosted_zone_id: 'Z0123456789ABCDEFGHIJ', // domain_name, web_domain_name
  web_domain_name: 'files.example.com', // enable_web_client
};

// Evaluated rules, in order: async-dlq records each function's dead-letter queue for iam-permissions.
const EVALUATED_RULES = [
  ['wiring-functions', cross.RULES['wiring-functions']],
  ['artifact', cross.RULES.artifact],
  ['env-vars', cross.RULES['env-vars']],
  ['api-integration', cross.RULES['api-integration']],
  ['invoke-permissions', cross.RULES['invoke-permissions']],
  ['s3-notifications', cross.RULES['s3-notifications']],
  ['schedules', cross.RULES.schedules],
  ['invoke-triggers', cross.RULES['invoke-triggers']],
  ['table-schema', cross.RULES['table-schema']],
  ['ssm-parameters', cross.RULES['ssm-parameters']],
  ['topic-encryption', cross.RULES['topic-encryption']],
  ['async-dlq', policy.RULES['async-dlq']],
  ['iam-permissions', cross.RULES['iam-permissions']],
  ['public-access-block', policy.RULES['public-access-block']],
  ['bucket-ownership', policy.RULES['bucket-ownership']],
  ['tls-only', policy.RULES['tls-only']],
  ['bucket-sse', policy.RULES['bucket-sse']],
  ['table-pitr', policy.RULES['table-pitr']],
  ['table-sse', policy.RULES['table-sse']],
  ['log-retention', policy.RULES['log-retention']],
  ['no-wildcard-actions', policy.RULES['no-wildcard-actions']],
  ['no-wildcard-resources', policy.RULES['no-wildcard-resources']],
  ['invoke-arns', policy.RULES['invoke-arns']],
  ['oidc-trust', oidc.RULES['oidc-trust']],
  ['deploy-role-scope', oidc.RULES['deploy-role-scope']],
  ['permissions-boundary', oidc.RULES['permissions-boundary']],
  ['api-key-required', policy.RULES['api-key-required']],
  ['api-authorizer', policy.RULES['api-authorizer']],
  ['api-cors', policy.RULES['api-cors']],
  ['api-throttling', policy.RULES['api-throttling']],
  ['api-access-logs', policy.RULES['api-access-logs']],
  ['xray-tracing', policy.RULES['xray-tracing']],
  ['cloudfront-https', web.RULES['cloudfront-https']],
  ['tls-minimum', web.RULES['tls-minimum']],
  ['web-origin-private', web.RULES['web-origin-private']],
  ['security-headers', web.RULES['security-headers']],
  ['web-cors', web.RULES['web-cors']],
];

const STATIC_RULES = ['parse', 'format', 'references', 'cycles', 'variables', 'readme', 'spec-template', 'settings-valid', 'known-for-each', 'evaluation', 'jar-handlers'];
const ALL_RULES = [...STATIC_RULES, ...EVALUATED_RULES.map(([name]) => name)];

/**
 * @param {object} options
 * @param {string} options.root repository root (holds terraform/, wiring/, openapi/)
 * @param {string} [options.jar] the Lambda jar; defaults to the wiring's artifact
 * @param {boolean} [options.skipJar] skip the jar cross-check (tests without a built jar)
 * @param {string[]} [options.workspaces]
 * @returns {Promise<{failures: object[], configurations: string[], rules: string[], plan: object}>}
 */
async function runChecks({ root, jar, skipJar = false, workspaces = WORKSPACES }) {
  root = path.resolve(root);
  const failures = new Map();
  const report = (f) => {
    const key = `${f.rule}\u0000${f.file}\u0000${f.line}\u0000${f.message}`;
    if (!failures.has(key)) failures.set(key, { rule: f.rule, file: f.file, line: f.line, message: f.message, labels: [] });
    if (f.label && !failures.get(key).labels.includes(f.label)) failures.get(key).labels.push(f.label);
  };

  const tfDir = path.join(root, 'terraform');
  const wiringFile = path.join(root, 'wiring', 'filestore.json');
  const specFile = path.join(root, 'openapi', 'filestore.yaml');
  for (const [what, p] of [['terraform/', tfDir], ['the wiring', wiringFile], ['the spec', specFile]]) {
    if (!fs.existsSync(p)) report({ rule: 'parse', file: p, line: 1, message: `${what} is missing` });
  }
  if (failures.size) return finish(failures, [], {});

  const wiringText = fs.readFileSync(wiringFile, 'utf8');
  const wiringLocator = new Locator(wiringFile, wiringText);
  let wiring;
  try {
    wiring = JSON.parse(wiringText);
  } catch (e) {
    report({ rule: 'parse', file: wiringFile, line: 1, message: `the wiring is not JSON: ${e.message}` });
    return finish(failures, [], {});
  }

  // ---- static rules on every module directory (the root module and the examples)
  const modules = new Map();
  for (const dir of moduleDirs(tfDir)) {
    const { module, errors } = await loadModule(dir);
    modules.set(dir, module);
    for (const e of errors) report({ rule: 'parse', file: e.file, line: e.line, message: e.message });
  }
  for (const mod of modules.values()) {
    await staticRules.checkFormat(mod, report);
    await staticRules.checkReferences(mod, modules, report);
    await staticRules.checkCycles(mod, report);
    staticRules.checkDocumentation(mod, report);
    await checkVariableDefaults(mod, report);
  }
  const rootModule = modules.get(tfDir);
  if (!rootModule) {
    report({ rule: 'parse', file: tfDir, line: 1, message: 'terraform/ holds no .tf files' });
    return finish(failures, [], {});
  }
  staticRules.checkReadme(rootModule, report);

  // ---- the spec as a template, and its operations
  const specText = fs.readFileSync(specFile, 'utf8');
  const { variables: templateVariables, doc } = await staticRules.checkSpecTemplate(specFile, specText, report);
  const spec = specModel(root, specFile, specText, doc, templateVariables);

  // ---- the jar
  const jarPath = path.resolve(root, jar || wiring.artifact);
  if (!skipJar) checkJar({ jarPath, repoRoot: root, wiring, wiringFile, wiringLocator, report });

  // Without a parseable root module, or a spec, nothing can be evaluated.
  const parseFailed = [...failures.values()].some((f) => f.rule === 'parse' && f.file.startsWith(tfDir));
  if (parseFailed || !spec) return finish(failures, [], {});

  // ---- evaluated rules in every configuration
  const configurations = [];
  const plan = {};
  const flags = Object.entries(rootModule.variables).filter(([name, v]) => /^(enable|create)_/.test(name) && v.body.type === '${bool}').map(([name]) => name);
  for (const ws of workspaces) {
    const variants = [
      { label: ws, inputs: {} },
      { label: `${ws}, all features`, inputs: { ...Object.fromEntries(flags.map((f) => [f, true])), ...FEATURE_INPUTS } },
      { label: `${ws}, optional resources off`, inputs: Object.fromEntries(flags.map((f) => [f, false])) },
    ];
    for (const v of variants) {
      const ctx = newContext({ module: rootModule, inputs: v.inputs, workspace: ws, rootDir: tfDir, label: v.label });
      configurations.push(v.label);
      await evaluateConfiguration({ ctx, label: v.label, wiring, wiringFile, wiringLocator, spec, root, report, artifactOverridden: false });
      if (v.label === ws) plan[ws] = await planOf(ctx);
    }
    for (const [dir, mod] of modules) {
      if (dir === tfDir) continue;
      const outer = newContext({ module: mod, workspace: ws, rootDir: dir, label: `${ws}, ${path.relative(root, dir)}` });
      if (await expansionFailures(outer, outer.label, report)) continue;
      await genericEvaluation(outer, outer.label, report, new Set());
      for (const [name, call] of Object.entries(mod.modules)) {
        if (staticRules.childModule(mod, call, modules) !== rootModule) continue;
        const label = `${ws}, ${path.relative(root, dir)}`;
        const inputs = {};
        for (const [arg, value] of Object.entries(call.body)) {
          if (['source', 'version', 'providers', 'depends_on', 'count', 'for_each'].includes(arg)) continue;
          try {
            inputs[arg] = await outer.evalValue(value, outer.scope());
          } catch (e) {
            report({ rule: e.rule || 'evaluation', file: call.file.path, line: call.file.locator.line('module', name, [arg]), message: `module ${name}: ${arg}: ${e.message}`, label });
          }
        }
        const ctx = newContext({ module: rootModule, inputs, workspace: ws, rootDir: dir, label, address: `module.${name}` });
        configurations.push(label);
        await evaluateConfiguration({ ctx, label, wiring, wiringFile, wiringLocator, spec, root, report, artifactOverridden: inputs.artifact_path !== undefined && inputs.artifact_path !== null });
      }
    }
  }
  return finish(failures, configurations, plan);
}

function newContext(opts) {
  const ctx = new ModuleContext({
    ...opts,
    hooks: {
      templatefile: (c, call) => c.templatefileCalls.push(call),
    },
  });
  ctx.templatefileCalls = [];
  return ctx;
}

async function evaluateConfiguration({ ctx, label, wiring, wiringFile, wiringLocator, spec, root, report, artifactOverridden }) {
  const t = new Target({ ctx, label, wiring, spec, report });
  t.repoRoot = root;
  t.artifactOverridden = artifactOverridden;
  t.wiringWhere = (key) => ({ file: wiringFile, line: wiringLocator.search(new RegExp(`^\\s*"${key}"\\s*:`)) });
  Object.defineProperty(t, 'templatefileCalls', { get: () => ctx.templatefileCalls.map((c) => ({ ...c, where: templatefileWhere(ctx.module) })) });
  // Expansion first: for_each and count must be known, as in a plan. Like a plan, stop there
  // when they are not: everything downstream would only repeat the same cause.
  if (await expansionFailures(ctx, label, report)) return;
  let facts;
  try {
    facts = await cross.buildFacts(t);
  } catch (e) {
    report({ rule: 'evaluation', file: anyFile(ctx.module), line: 1, message: e.message, label });
    return;
  }
  for (const [name, rule] of EVALUATED_RULES) {
    try {
      await rule(t, facts);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      report({ rule: e.rule || name, file: anyFile(ctx.module), line: 1, message: e.message, label });
    }
  }
  await checkSettings(ctx, label, report);
  await genericEvaluation(ctx, label, report, t.handled);
  await checkPreconditions(ctx, label, report, t.handled);
}

/** A file to name when a failure has no better place: main.tf, or the module's first file. */
function anyFile(mod) {
  const main = mod.files.find((f) => path.basename(f.path) === 'main.tf');
  return (main || mod.files[0]).path;
}

function templatefileWhere(mod) {
  for (const f of mod.files) {
    const i = f.locator.lines.findIndex((l) => l.includes('templatefile('));
    if (i >= 0) return { file: f.path, line: i + 1 };
  }
  return { file: anyFile(mod), line: 1 };
}

async function expansionFailures(ctx, label, report) {
  const mod = ctx.module;
  const all = [
    ...Object.values(mod.resources).map((d) => ['resource', `${d.type}.${d.name}`, d, `resource ${d.type}`, d.name]),
    ...Object.values(mod.data).map((d) => ['data', `${d.type}.${d.name}`, d, `data ${d.type}`, d.name]),
    ...Object.entries(mod.modules).map(([name, d]) => ['module', name, d, 'module', name]),
  ];
  let failed = 0;
  for (const [kind, key, decl, locKind, locName] of all) {
    try {
      await ctx.expand(kind, key);
    } catch (e) {
      failed += 1;
      const arg = 'for_each' in decl.body ? 'for_each' : 'count';
      report({ rule: e.rule || 'evaluation', file: decl.file.path, line: decl.file.locator.line(locKind, locName, [arg]), message: e.message, label });
    }
  }
  return failed;
}

/**
 * evaluation: every local, argument and output evaluates (unknown values are fine). A failure
 * already reported by a specific rule at the same line is not repeated.
 */
async function genericEvaluation(ctx, label, report, handled) {
  const mod = ctx.module;
  const emit = (rule, where, message) => {
    if (handled.has(`${where.file}:${where.line}`)) return;
    handled.add(`${where.file}:${where.line}`);
    report({ rule, file: where.file, line: where.line, message, label });
  };
  for (const [name, l] of Object.entries(mod.locals)) {
    try {
      await ctx.local(name);
    } catch (e) {
      emit(e.rule || 'evaluation', { file: l.file.path, line: l.file.locator.line('local', name) }, `local.${name}: ${e.message}`);
    }
  }
  const walk = (value, pathParts, onFailed) => {
    if (value instanceof Failed) return onFailed(value.error, pathParts);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...pathParts, i], onFailed));
    else if (value && typeof value === 'object' && value.constructor === Object) for (const [k, v] of Object.entries(value)) walk(v, [...pathParts, k], onFailed);
    return undefined;
  };
  for (const [table, kind] of [[mod.resources, 'resource'], [mod.data, 'data']]) {
    for (const decl of Object.values(table)) {
      let instances;
      try {
        instances = await ctx.instances(kind, `${decl.type}.${decl.name}`);
      } catch {
        continue; // expansion failures are reported by expansionFailures
      }
      const locKind = `${kind} ${decl.type}`;
      for (const inst of instances) {
        walk(inst.body, [], (err, pathParts) => {
          const where = { file: decl.file.path, line: decl.file.locator.line(locKind, decl.name, pathParts) };
          emit(err.rule || 'evaluation', where, `${inst.address}.${pathParts.filter((p) => typeof p === 'string').join('.')}: ${err.message}`);
        });
      }
    }
  }
  for (const [name, o] of Object.entries(mod.outputs)) {
    try {
      await ctx.evalValue(o.body.value, ctx.scope());
    } catch (e) {
      emit(e.rule || 'evaluation', { file: o.file.path, line: o.file.locator.line('output', name) }, `output ${name}: ${e.message}`);
    }
  }
}

/**
 * settings-valid: each workspace's value of a setting passes the validation of the variable that
 * overrides it (same name), so a workspace can never hold a value the variable would refuse.
 */
async function checkSettings(ctx, label, report) {
  const mod = ctx.module;
  if (!mod.locals.settings) return;
  let settings;
  try {
    settings = ok(await ctx.local('settings'));
  } catch {
    return; // reported by the evaluation rule
  }
  if (!settings || typeof settings !== 'object') return;
  for (const [name, v] of Object.entries(mod.variables)) {
    if (!(name in settings) || !v.body.validation) continue;
    if (ctx.inputs[name] !== undefined && ctx.inputs[name] !== null) continue; // an override, validated by Terraform
    const probe = new ModuleContext({ module: mod, inputs: { ...ctx.inputs, [name]: settings[name] }, workspace: ctx.workspace, rootDir: ctx.rootDir });
    for (const val of v.body.validation) {
      let passed;
      try {
        passed = await probe.evalValue(val.condition, probe.scope());
      } catch (e) {
        passed = `error: ${e.message}`;
      }
      if (passed !== true) {
        const where = settingLine(mod, ctx.workspace, name) || { file: v.file.path, line: v.file.locator.line('variable', name) };
        report({ rule: 'settings-valid', file: where.file, line: where.line, message: `workspace ${ctx.workspace}: ${name} = ${JSON.stringify(settings[name])} fails the validation of var.${name}: ${val.error_message}`, label });
      }
    }
  }
}

function settingLine(mod, workspace, name) {
  const decl = mod.locals.workspace_settings;
  if (!decl) return null;
  const loc = decl.file.locator;
  const range = loc.localRange('workspace_settings');
  if (!range) return null;
  let inWorkspace = false;
  for (let i = range.start; i <= range.end; i++) {
    const line = loc.lines[i];
    if (new RegExp(`^\\s*${workspace}\\s*=\\s*\\{`).test(line)) inWorkspace = true;
    else if (inWorkspace && new RegExp(`^\\s*${name}\\s*=`).test(line)) return { file: decl.file.path, line: i + 1 };
  }
  return null;
}

/** variables: a non-null default passes the variable's own validation. */
async function checkVariableDefaults(mod, report) {
  const ctx = new ModuleContext({ module: mod, workspace: 'dev' });
  for (const [name, v] of Object.entries(mod.variables)) {
    if (!v.body.validation || v.body.default === null || v.body.default === undefined) continue;
    for (const val of v.body.validation) {
      let passed;
      try {
        passed = await ctx.evalValue(val.condition, ctx.scope());
      } catch (e) {
        passed = `error: ${e.message}`;
      }
      if (passed !== true) report({ rule: 'variables', file: v.file.path, line: v.file.locator.line('variable', name, ['default']), message: `the default of ${name} fails its own validation (${val.error_message})${passed === false ? '' : ` ${passed}`}` });
    }
  }
}

function specModel(root, file, text, doc, templateVariables) {
  if (!doc || typeof doc !== 'object') return null;
  const lines = text.split('\n');
  const where = (needle) => {
    const i = lines.findIndex((l) => l.includes(needle));
    return { file, line: i >= 0 ? i + 1 : 1 };
  };
  const operations = [];
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
  for (const [p, item] of Object.entries(doc.paths || {})) {
    const pathLine = lines.findIndex((l) => l === `  ${p}:` || l === `  '${p}':` || l === `  "${p}":`);
    for (const method of Object.keys(item || {}).filter((m) => methods.includes(m))) {
      let line = pathLine;
      for (let i = pathLine + 1; i < lines.length && i >= 0; i++) {
        if (/^ {2}\S/.test(lines[i])) break;
        if (lines[i] === `    ${method}:`) {
          line = i;
          break;
        }
      }
      operations.push({ path: p, method, op: item[method] || {}, where: { file, line: line + 1 } });
    }
  }
  return { file, rel: path.relative(root, file), text, doc, operations, templateVariables, where };
}

/** The instances a plan of the root defaults would create, with their names (for --plan). */
async function planOf(ctx) {
  const out = [];
  for (const decl of Object.values(ctx.module.resources)) {
    let instances;
    try {
      instances = await ctx.instances('resource', `${decl.type}.${decl.name}`);
    } catch {
      continue;
    }
    for (const inst of instances) {
      const b = inst.body;
      const name = ['function_name', 'name', 'bucket', 'stage_name', 'statement_id', 'target_id', 'method_path'].map((k) => b[k]).find((v) => typeof v === 'string');
      out.push({ address: inst.address, name: name || null });
    }
  }
  return out.sort((a, b) => a.address.localeCompare(b.address));
}

function finish(failures, configurations, plan) {
  const list = [...failures.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  return { failures: list, configurations, rules: ALL_RULES, plan };
}

module.exports = { runChecks, ALL_RULES, WORKSPACES };
