'use strict';
// Cross-checks of the evaluated Filestore module against the wiring (wiring/filestore.json) and
// the REST contract (openapi/filestore.yaml). The jar cross-check lives in jar-rule.js.
const { isUnknown, displayOf, deepEqual } = require('./eval');
const { forBucket } = require('./policy-rules');
const { identities, parameterIdentity } = require('./identity');
const { featureOn } = require('./oidc-rules');

const RULES = {};

/**
 * Maps each wiring function to its Lambda instance (by handler) and its alias. Reports nothing:
 * the wiring-functions rule reports what is missing.
 */
async function buildFacts(t) {
  const facts = { lambdas: {}, byAddress: new Map(), extra: [] };
  const functions = await t.instances('aws_lambda_function');
  const aliases = await t.instances('aws_lambda_alias');
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    const handler = `${wf.class}::handleRequest`;
    const matches = functions.filter((fn) => safe(() => t.get(fn, 'handler')) === handler);
    if (matches.length !== 1) {
      facts.lambdas[key] = null;
      facts[`matches:${key}`] = matches;
      continue;
    }
    const fn = matches[0];
    const alias = aliases.find((a) => {
      const name = safe(() => t.get(a, 'function_name'));
      return t.refersTo(name, fn.address, 'function_name') || t.refersTo(name, fn.address, 'arn');
    });
    facts.lambdas[key] = { key, wiring: wf, fn, alias: alias || null };
    facts.byAddress.set(fn.address, facts.lambdas[key]);
  }
  facts.extra = functions.filter((fn) => !facts.byAddress.has(fn.address));
  return facts;
}

function safe(f) {
  try {
    return f();
  } catch {
    return undefined;
  }
}

RULES['wiring-functions'] = async (t, facts) => {
  const functions = await t.instances('aws_lambda_function');
  const anchor = functions[0] ? t.loc(functions[0], ['handler']) : { file: t.ctx.module.dir + '/functions.tf', line: 1 };
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    const lambda = facts.lambdas[key];
    const handler = `${wf.class}::handleRequest`;
    if (!lambda) {
      const n = (facts[`matches:${key}`] || []).length;
      t.fail('wiring-functions', anchor, n === 0
        ? `wiring function ${key}: no aws_lambda_function has handler ${handler}`
        : `wiring function ${key}: ${n} aws_lambda_function instances have handler ${handler}`);
      continue;
    }
    const fn = lambda.fn;
    const check = (arg, expected, what) => {
      const v = t.read('wiring-functions', fn, ...arg);
      if (!deepEqual(v, expected)) t.fail('wiring-functions', t.loc(fn, arg), `${fn.address}: ${what} must be ${displayOf(expected)} (wiring function ${key}), not ${displayOf(v)}`);
    };
    check(['runtime'], 'java21', 'runtime');
    check(['memory_size'], wf.memory, 'memory_size');
    check(['timeout'], wf.timeout, 'timeout');
    check(['publish'], true, 'publish (SnapStart applies to published versions)');
    check(['snap_start', 0, 'apply_on'], 'PublishedVersions', 'snap_start.apply_on');
    const arch = t.read('wiring-functions', fn, 'architectures');
    if (!Array.isArray(arch) || arch.length !== 1 || !['arm64', 'x86_64'].includes(arch[0])) t.fail('wiring-functions', t.loc(fn, ['architectures']), `${fn.address}: architectures must be ["arm64"] or ["x86_64"], not ${displayOf(arch)}`);
    if (!lambda.alias) {
      t.fail('wiring-functions', t.loc(fn), `${fn.address} has no aws_lambda_alias: triggers must invoke a published version (SnapStart)`);
    } else {
      const version = t.read('wiring-functions', lambda.alias, 'function_version');
      if (!t.refersTo(version, fn.address, 'version')) t.fail('wiring-functions', t.loc(lambda.alias, ['function_version']), `${lambda.alias.address}: function_version must be ${fn.address}.version (the version just published), not ${displayOf(version)}`);
    }
  }
  for (const fn of facts.extra) {
    let handler;
    try {
      handler = t.get(fn, 'handler');
    } catch (e) {
      handler = `(${e.message})`;
    }
    t.fail('wiring-functions', t.loc(fn, ['handler']), `${fn.address} (handler ${displayOf(handler)}) is not a function of the wiring`);
  }
};

RULES['artifact'] = async (t, facts) => {
  const path = require('node:path');
  const expected = path.resolve(t.repoRoot, t.wiring.artifact);
  for (const lambda of Object.values(facts.lambdas).filter(Boolean)) {
    const fn = lambda.fn;
    const file = t.read('artifact', fn, 'filename');
    if (typeof file !== 'string') {
      t.fail('artifact', t.loc(fn, ['filename']), `${fn.address}: filename must be the jar path, not ${displayOf(file)}`);
      continue;
    }
    if (!t.artifactOverridden && path.resolve(t.ctx.rootDir, file) !== expected) {
      t.fail('artifact', t.loc(fn, ['filename']), `${fn.address}: filename resolves to ${path.relative(t.repoRoot, path.resolve(t.ctx.rootDir, file))}, not the wiring's artifact ${t.wiring.artifact}`);
    }
    const hash = t.read('artifact', fn, 'source_code_hash');
    if (!(isUnknown(hash) && hash.call === 'filebase64sha256')) t.fail('artifact', t.loc(fn, ['source_code_hash']), `${fn.address}: source_code_hash must be filebase64sha256() of the jar, so that a rebuilt jar is deployed`);
  }
};

RULES['env-vars'] = async (t, facts) => {
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    const lambda = facts.lambdas[key];
    if (!lambda) continue;
    const fn = lambda.fn;
    const where = t.loc(fn, ['environment', 'variables']);
    let vars;
    try {
      vars = t.get(fn, 'environment', 0, 'variables');
    } catch (e) {
      t.fail('env-vars', where, `${fn.address}: environment variables cannot be evaluated: ${e.message}`);
      t.handled.add(`${where.file}:${where.line}`);
      continue;
    }
    vars = vars || {};
    if (isUnknown(vars)) {
      t.fail('env-vars', where, `${fn.address}: environment variable names must be known before apply, not ${vars.display}`);
      continue;
    }
    const names = Object.keys(vars);
    for (const name of wf.environment) {
      if (!names.includes(name)) t.fail('env-vars', where, `${fn.address}: ${name} is read by ${wf.class} (wiring function ${key}) but not set`);
    }
    for (const name of names) {
      if (/^AWS_/.test(name)) t.fail('env-vars', where, `${fn.address}: ${name} is reserved by Lambda (AWS_*) and must not be set`);
      else if (!wf.environment.includes(name)) t.fail('env-vars', where, `${fn.address}: ${name} is set but wiring function ${key} does not read it`);
      const v = vars[name];
      if (!(typeof v === 'string' || isUnknown(v))) t.fail('env-vars', where, `${fn.address}: ${name} must be a string, not ${displayOf(v)}`);
    }
  }
};

RULES['api-integration'] = async (t, facts) => {
  const spec = t.spec;
  for (const op of spec.operations) {
    const integration = op.op['x-amazon-apigateway-integration'];
    if (!integration) {
      t.fail('api-integration', op.where, `${op.method.toUpperCase()} ${op.path} has no x-amazon-apigateway-integration`);
      continue;
    }
    if (integration.type === 'mock') {
      if (op.method !== 'options') t.fail('api-integration', op.where, `${op.method.toUpperCase()} ${op.path} is a mock integration; only CORS preflights (OPTIONS) may be mocks`);
      continue;
    }
    const problems = [];
    if (integration.type !== 'aws_proxy') problems.push(`type ${displayOf(integration.type)} (must be aws_proxy)`);
    if (integration.httpMethod !== 'POST') problems.push(`httpMethod ${displayOf(integration.httpMethod)} (Lambda is invoked with POST)`);
    if (integration.uri !== '${api_function_invoke_arn}') problems.push(`uri ${displayOf(integration.uri)} (must be \${api_function_invoke_arn}, filled by Terraform)`);
    if (problems.length) t.fail('api-integration', op.where, `${op.method.toUpperCase()} ${op.path}: ${problems.join('; ')}`);
  }
  const apiKeys = Object.keys(t.wiring.functions).filter((k) => t.wiring.functions[k].trigger.type === 'api');
  if (apiKeys.length !== 1) {
    t.fail('api-integration', spec.where('x-amazon-apigateway-integration'), `the spec integrates one function (api_function_invoke_arn) but the wiring has ${apiKeys.length} api-triggered functions`);
    return;
  }
  const apis = await t.instances('aws_api_gateway_rest_api');
  if (apis.length === 0) {
    t.fail('api-integration', { file: spec.file, line: 1 }, 'no aws_api_gateway_rest_api imports the spec');
    return;
  }
  const calls = t.templatefileCalls.filter((c) => c.path === spec.file);
  const where = t.loc(apis[0], ['body']);
  if (calls.length === 0) {
    t.fail('api-integration', where, `${apis[0].address}: the body must be templatefile() of ${spec.rel}`);
    return;
  }
  const lambda = facts.lambdas[apiKeys[0]];
  for (const call of calls) {
    const line = call.node && call.where ? call.where : where;
    const vars = call.vars || {};
    for (const name of spec.templateVariables) {
      if (!Object.prototype.hasOwnProperty.call(vars, name)) t.fail('api-integration', line, `templatefile(${spec.rel}) does not pass ${name}, which the spec uses`);
    }
    const arn = vars.api_function_invoke_arn;
    if (lambda && lambda.alias && !t.refersTo(arn, lambda.alias.address, 'invoke_arn')) {
      t.fail('api-integration', line, `api_function_invoke_arn must be ${lambda.alias.address}.invoke_arn (the live alias of wiring function ${apiKeys[0]}), not ${displayOf(arn)}`);
    }
  }
};

RULES['invoke-permissions'] = async (t, facts) => {
  const permissions = await t.instances('aws_lambda_permission');
  const byFunction = new Map();
  for (const p of permissions) {
    const action = t.read('invoke-permissions', p, 'action');
    if (action !== 'lambda:InvokeFunction') t.fail('invoke-permissions', t.loc(p, ['action']), `${p.address}: action must be lambda:InvokeFunction, not ${displayOf(action)}`);
    const source = t.read('invoke-permissions', p, 'source_arn');
    if (source === undefined || source === null) t.fail('invoke-permissions', t.loc(p), `${p.address}: source_arn must scope who may invoke`);
    const name = t.read('invoke-permissions', p, 'function_name');
    const lambda = [...facts.byAddress.values()].find((l) => t.refersTo(name, l.fn.address, 'function_name') || t.refersTo(name, l.fn.address, 'arn'));
    if (!lambda) continue;
    const qualifier = t.read('invoke-permissions', p, 'qualifier');
    if (!lambda.alias || !t.refersTo(qualifier, lambda.alias.address, 'name')) t.fail('invoke-permissions', t.loc(p, ['qualifier']), `${p.address}: qualifier must be the alias the trigger invokes (${lambda.alias ? lambda.alias.address : 'no alias'}.name), not ${displayOf(qualifier)}`);
    if (!byFunction.has(lambda.key)) byFunction.set(lambda.key, []);
    byFunction.get(lambda.key).push(p);
  }
  const buckets = await t.instances('aws_s3_bucket');
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    const lambda = facts.lambdas[key];
    if (!lambda) continue;
    const mine = byFunction.get(key) || [];
    // Functions invoke each other with their roles' lambda:InvokeFunction (invoke-triggers checks
    // that no resource-based permission opens an invoke-triggered function to anyone else).
    if (wf.trigger.type === 'invoke') continue;
    const principal = { api: 'apigateway.amazonaws.com', s3: 's3.amazonaws.com', schedule: 'events.amazonaws.com' }[wf.trigger.type];
    if (!principal) {
      t.fail('invoke-permissions', t.wiringWhere(key), `wiring function ${key}: unknown trigger type ${displayOf(wf.trigger.type)} (api, s3, schedule or invoke)`);
      continue;
    }
    if (wf.trigger.type === 'schedule' && !(await schedulesEnabled(t, key))) continue;
    const match = mine.filter((p) => safe(() => t.get(p, 'principal')) === principal);
    if (match.length === 0) {
      t.fail('invoke-permissions', t.loc(lambda.fn), `${lambda.fn.address}: no aws_lambda_permission lets ${principal} invoke it (${wf.trigger.type} trigger)`);
      continue;
    }
    for (const p of match) {
      const source = safe(() => t.get(p, 'source_arn'));
      const text = isUnknown(source) ? source.display : String(source);
      let ok = true;
      if (wf.trigger.type === 'api') ok = /^\$\{aws_api_gateway_rest_api\.[^}]+\.execution_arn\}\/.+/.test(text);
      if (wf.trigger.type === 's3') {
        ok = buckets.some((b) => t.refersTo(source, b.address, 'arn'));
        if (!safe(() => t.get(p, 'source_account'))) t.fail('invoke-permissions', t.loc(p), `${p.address}: S3 permissions need source_account (bucket ARNs carry no account)`);
      }
      if (wf.trigger.type === 'schedule') {
        const rule = await t.referenced(source, 'arn');
        ok = !!rule && rule.inst.decl.type === 'aws_cloudwatch_event_rule';
      }
      if (!ok) t.fail('invoke-permissions', t.loc(p, ['source_arn']), `${p.address}: source_arn ${text} does not scope the ${wf.trigger.type} trigger (${wf.trigger.type === 'api' ? 'the REST API execution ARN' : wf.trigger.type === 's3' ? 'the bucket ARN' : 'the schedule rule ARN'})`);
    }
  }
};

/** Whether the schedule of wiring function key is created: its create_<key>_schedule flag, when the module declares one. */
async function schedulesEnabled(t, key) {
  const flag = `create_${key.replace(/-/g, '_')}_schedule`;
  if (!t.ctx.module.variables[flag]) return true;
  return (await t.ctx.variable(flag)) !== false;
}

RULES['s3-notifications'] = async (t, facts) => {
  const s3Keys = Object.keys(t.wiring.functions).filter((k) => t.wiring.functions[k].trigger.type === 's3');
  const buckets = await t.instances('aws_s3_bucket');
  const notifications = [];
  for (const bucket of buckets) notifications.push(...(await forBucket(t, 'aws_s3_bucket_notification', bucket)));
  const blocks = [];
  for (const n of notifications) {
    for (const b of t.read('s3-notifications', n, 'lambda_function') || []) blocks.push({ n, b });
    const deps = JSON.stringify(n.decl.body.depends_on || []);
    if (!/aws_lambda_permission\./.test(deps)) t.fail('s3-notifications', t.loc(n), `${n.address} must depend on the aws_lambda_permission of its functions (S3 validates the destination)`);
  }
  const used = new Set();
  for (const key of s3Keys) {
    const wf = t.wiring.functions[key];
    const lambda = facts.lambdas[key];
    if (!lambda || !lambda.alias) continue;
    const mine = blocks.filter(({ b }) => t.refersTo(b.lambda_function_arn, lambda.alias.address, 'arn'));
    mine.forEach((m) => used.add(m));
    if (mine.length !== 1) {
      t.fail('s3-notifications', notifications[0] ? t.loc(notifications[0], ['lambda_function']) : t.loc(buckets[0]), `wiring function ${key}: ${mine.length} lambda_function notifications target ${lambda.alias.address}.arn (expected 1)`);
      continue;
    }
    const { n, b } = mine[0];
    const events = Array.isArray(b.events) ? [...b.events].sort() : b.events;
    if (!deepEqual(events, [...wf.trigger.events].sort())) t.fail('s3-notifications', t.loc(n, ['lambda_function', 'events']), `${n.address} (${key}): events ${displayOf(b.events)} differ from the wiring's ${displayOf(wf.trigger.events)}`);
    if (b.filter_prefix !== t.wiring.keyPrefix) t.fail('s3-notifications', t.loc(n, ['lambda_function', 'filter_prefix']), `${n.address} (${key}): filter_prefix ${displayOf(b.filter_prefix)} differs from the key prefix the code uses (${t.wiring.keyPrefix})`);
    if (b.filter_suffix) t.fail('s3-notifications', t.loc(n, ['lambda_function', 'filter_suffix']), `${n.address} (${key}): filter_suffix ${displayOf(b.filter_suffix)} would drop events the code expects`);
  }
  for (const m of blocks) {
    if (!used.has(m)) t.fail('s3-notifications', t.loc(m.n, ['lambda_function']), `${m.n.address}: notification to ${displayOf(m.b.lambda_function_arn)} is not an S3-triggered function's alias in the wiring`);
  }
};

RULES['schedules'] = async (t, facts) => {
  const targets = await t.instances('aws_cloudwatch_event_target');
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    if (wf.trigger.type !== 'schedule') continue;
    const lambda = facts.lambdas[key];
    if (!lambda || !lambda.alias) continue;
    const mine = targets.filter((tg) => t.refersTo(safe(() => t.get(tg, 'arn')), lambda.alias.address, 'arn'));
    if (!(await schedulesEnabled(t, key))) {
      if (mine.length) t.fail('schedules', t.loc(mine[0]), `${mine[0].address} exists although create_${key.replace(/-/g, '_')}_schedule is false`);
      continue;
    }
    if (mine.length !== 1) {
      t.fail('schedules', t.loc(lambda.fn), `wiring function ${key}: ${mine.length} EventBridge targets invoke ${lambda.alias.address}.arn (expected 1)`);
      continue;
    }
    const target = mine[0];
    const ruleRef = await t.referenced(t.read('schedules', target, 'rule'), 'name');
    if (!ruleRef || ruleRef.inst.decl.type !== 'aws_cloudwatch_event_rule') {
      t.fail('schedules', t.loc(target, ['rule']), `${target.address}: rule must reference an aws_cloudwatch_event_rule of this module`);
      continue;
    }
    const rule = ruleRef.inst;
    const expression = t.read('schedules', rule, 'schedule_expression');
    let expected = wf.trigger.expression;
    if (t.ctx.module.variables.schedule_expressions) {
      const overrides = await t.ctx.variable('schedule_expressions');
      if (overrides && typeof overrides[key] === 'string') expected = overrides[key];
    }
    if (expression !== expected) t.fail('schedules', t.loc(rule, ['schedule_expression']), `${rule.address}: schedule_expression ${displayOf(expression)} differs from the wiring's ${displayOf(wf.trigger.expression)}${expected !== wf.trigger.expression ? ` (overridden to ${expected})` : ''}`);
  }
};

RULES['table-schema'] = async (t) => {
  const tables = await t.instances('aws_dynamodb_table');
  const w = t.wiring.table;
  if (tables.length !== 1) {
    t.fail('table-schema', { file: t.ctx.module.dir + '/database.tf', line: 1 }, `expected one aws_dynamodb_table, found ${tables.length}`);
    return;
  }
  const table = tables[0];
  const check = (arg, expected) => {
    const v = t.read('table-schema', table, ...arg);
    if (!deepEqual(v, expected)) t.fail('table-schema', t.loc(table, arg), `${table.address}: ${arg.filter((a) => typeof a === 'string').join('.')} must be ${displayOf(expected)} (wiring table), not ${displayOf(v)}`);
  };
  check(['hash_key'], w.hashKey);
  check(['range_key'], w.rangeKey);
  check(['ttl', 0, 'attribute_name'], w.ttlAttribute);
  check(['ttl', 0, 'enabled'], true);
  const gsis = t.read('table-schema', table, 'global_secondary_index') || [];
  const actual = gsis.map((g) => ({ name: g.name, hashKey: g.hash_key, rangeKey: g.range_key })).sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const expected = w.indexes.map((i) => ({ name: i.name, hashKey: i.hashKey, rangeKey: i.rangeKey })).sort((a, b) => a.name.localeCompare(b.name));
  if (!deepEqual(actual, expected)) t.fail('table-schema', t.loc(table, ['global_secondary_index']), `${table.address}: global secondary indexes ${displayOf(actual)} differ from the wiring's ${displayOf(expected)}`);
  for (const g of gsis) {
    if (g.projection_type !== 'ALL') t.fail('table-schema', t.loc(table, ['global_secondary_index', 'projection_type']), `${table.address}: index ${g.name} must project ALL attributes (the code reads whole items from it), not ${displayOf(g.projection_type)}`);
  }
  const keyAttributes = [...new Set([w.hashKey, w.rangeKey, ...w.indexes.flatMap((i) => [i.hashKey, i.rangeKey])])].filter(Boolean).sort();
  const attributes = (t.read('table-schema', table, 'attribute') || []).map((a) => a.name).sort();
  if (!deepEqual(attributes, keyAttributes)) t.fail('table-schema', t.loc(table, ['attribute']), `${table.address}: attribute definitions ${displayOf(attributes)} must be exactly the key attributes ${displayOf(keyAttributes)}`);
};

RULES['iam-permissions'] = async (t, facts) => {
  const tables = await t.instances('aws_dynamodb_table');
  const buckets = await filesBuckets(t, facts);
  if (tables.length !== 1 || buckets.length !== 1) return;
  const tableArn = `\${${tables[0].address}.arn}`;
  const bucketArn = `\${${buckets[0].address}.arn}`;
  const { canonical } = await identities(t);
  const topics = await t.instances('aws_sns_topic');
  const parameters = (t.wiring.settings || {}).parameters || {};
  const prefix = await settingsPrefix(t, facts);
  // The exact ARN (or canonical identity, see identity.js) a symbolic wiring resource stands for;
  // { error } when the wiring names something this module cannot have.
  const symbolic = async (resource) => {
    if (resource === 'table') return tableArn;
    if (resource === 'objects') return `${bucketArn}/${t.wiring.keyPrefix}*`;
    let m = /^index:(.+)$/.exec(resource);
    if (m) return `${tableArn}/index/${m[1]}`;
    if (resource === 'topic') {
      if (topics.length !== 1) return { error: `resource topic needs exactly one aws_sns_topic in the module, found ${topics.length}` };
      return `\${${topics[0].address}.arn}`;
    }
    m = /^key:(.+)$/.exec(resource);
    if (m) {
      if (m[1] !== 'topic') return { error: `resource ${resource}: only key:topic (the key that encrypts the topic) is known` };
      if (topics.length !== 1) return { error: `resource ${resource} needs exactly one aws_sns_topic in the module, found ${topics.length}` };
      const key = await topicKey(t, topics[0]);
      if (!key) return { error: `resource ${resource}: ${topics[0].address} is not encrypted with an aws_kms_key of this module` };
      return `\${${key.address}.arn}`;
    }
    m = /^parameter:(.+)$/.exec(resource);
    if (m) {
      if (!Object.prototype.hasOwnProperty.call(parameters, m[1])) return { error: `resource ${resource}: ${m[1]} is not in the wiring's settings.parameters` };
      if (typeof prefix !== 'string') return { error: `resource ${resource}: no function gets a known SETTINGS_PREFIX, so the parameter's name is unknown` };
      return parameterIdentity(`${prefix}/${m[1]}`);
    }
    m = /^function:(.+)$/.exec(resource);
    if (m) {
      const target = facts.lambdas[m[1]];
      if (!Object.prototype.hasOwnProperty.call(t.wiring.functions, m[1])) return { error: `resource ${resource}: ${m[1]} is not a wiring function` };
      if (!target || !target.alias) return { error: `resource ${resource}: wiring function ${m[1]} has no Lambda with a live alias` };
      const fname = safe(() => t.get(target.fn, 'function_name'));
      const aname = safe(() => t.get(target.alias, 'name'));
      if (typeof fname !== 'string' || typeof aname !== 'string') return { error: `resource ${resource}: the function or alias name of ${target.fn.address} is not known before apply` };
      return `lambda:function:${fname}:${aname}`;
    }
    return { error: `unknown symbolic resource ${resource} (table, index:NAME, objects, topic, key:topic, parameter:NAME or function:KEY)` };
  };
  const kms = await bucketKms(t, buckets[0]);
  const rolePolicies = await t.instances('aws_iam_role_policy');
  const attachments = await t.instances('aws_iam_role_policy_attachment');
  const logGroups = await t.instances('aws_cloudwatch_log_group');
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    const lambda = facts.lambdas[key];
    if (!lambda) continue;
    const fn = lambda.fn;
    const roleRef = await t.referenced(t.read('iam-permissions', fn, 'role'), 'arn');
    if (!roleRef || roleRef.inst.decl.type !== 'aws_iam_role') {
      t.fail('iam-permissions', t.loc(fn, ['role']), `${fn.address}: role must reference an aws_iam_role of this module`);
      continue;
    }
    const role = roleRef.inst;
    const sharedWith = Object.values(facts.lambdas).filter((l) => l && l !== lambda && t.refersTo(safe(() => t.get(l.fn, 'role')), role.address, 'arn'));
    if (sharedWith.length) t.fail('iam-permissions', t.loc(fn, ['role']), `${fn.address} shares ${role.address} with ${sharedWith.map((l) => l.fn.address).join(', ')}: each function needs its own role`);
    for (const a of attachments) {
      if (t.refersTo(safe(() => t.get(a, 'role')), role.address, 'name') || t.refersTo(safe(() => t.get(a, 'role')), role.address, 'id')) {
        t.fail('iam-permissions', t.loc(a), `${a.address} attaches a managed policy to ${role.address}; grant exact actions inline instead`);
      }
    }
    // A permissions boundary only narrows the role: it must be the module's own boundary policy
    // (github-oidc.tf), and with the GitHub deploy roles, which may write this role, it is required.
    const boundary = safe(() => t.get(role, 'permissions_boundary'));
    if (boundary !== undefined && boundary !== null) {
      const ref = await t.referenced(boundary, 'arn');
      if (!ref || ref.inst.decl.type !== 'aws_iam_policy') t.fail('iam-permissions', t.loc(role, ['permissions_boundary']), `${role.address} (${key}): permissions_boundary must be the module's boundary policy (an aws_iam_policy of this module), not ${displayOf(boundary)}`);
    } else if (await featureOn(t)) {
      t.fail('iam-permissions', t.loc(role), `${role.address} (${key}) has no permissions_boundary, which the GitHub deploy role's writes to it require (enable_github_oidc)`);
    }
    // Every (action, resource) pair the role's Allow statements grant.
    const granted = new Map();
    const policies = rolePolicies.filter((p) => {
      const r = safe(() => t.get(p, 'role'));
      return t.refersTo(r, role.address, 'id') || t.refersTo(r, role.address, 'name');
    });
    const inline = safe(() => t.get(role, 'inline_policy')) || [];
    const sources = [...policies.map((p) => ({ value: safe(() => t.get(p, 'policy')), where: t.loc(p, ['policy']), name: p.address })),
      ...inline.map((ip) => ({ value: ip.policy, where: t.loc(role, ['inline_policy']), name: `${role.address} inline_policy` }))];
    for (const src of sources) {
      let statements;
      try {
        statements = await t.policyStatements(src.value);
      } catch (e) {
        t.fail('iam-permissions', src.where, `${src.name}: ${e.message}`);
        continue;
      }
      for (const s of statements) {
        if (s.effect !== 'Allow') continue;
        for (const action of s.actions) {
          for (const resource of s.resources || []) {
            const k = `${action} ${canonical(resource)}`;
            if (!granted.has(k)) granted.set(k, s.where || src.where);
          }
        }
      }
    }
    const expected = new Map();
    const expect = (action, resource, why) => expected.set(`${action} ${canonical(resource)}`, why);
    for (const p of wf.permissions) {
      const arn = await symbolic(p.resource);
      if (typeof arn !== 'string') {
        t.fail('iam-permissions', t.wiringWhere(key), `wiring function ${key}: ${arn.error}`);
        continue;
      }
      for (const a of p.actions) expect(a, arn, 'wiring');
    }
    const fname = safe(() => t.get(fn, 'function_name'));
    const group = logGroups.find((g) => safe(() => t.get(g, 'name')) === `/aws/lambda/${fname}`);
    if (group) for (const a of ['logs:CreateLogStream', 'logs:PutLogEvents']) expect(a, `\${${group.address}.arn}:*`, 'its own log group');
    for (const a of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']) expect(a, '*', 'active tracing');
    if (lambda.dlq) expect('sqs:SendMessage', `\${${lambda.dlq.address}.arn}`, 'its dead-letter queue');
    if (kms) {
      const objectActions = wf.permissions.filter((p) => p.resource === 'objects').flatMap((p) => p.actions);
      const key2 = isUnknown(kms) ? kms.display : kms;
      if (objectActions.includes('s3:GetObject')) expect('kms:Decrypt', key2, 'SSE-KMS reads');
      if (objectActions.includes('s3:PutObject')) expect('kms:GenerateDataKey', key2, 'SSE-KMS writes');
    }
    const roleWhere = sources[0] ? sources[0].where : t.loc(role);
    for (const [k, why] of expected) {
      if (!granted.has(k)) {
        const [action, resource] = k.split(' ');
        t.fail('iam-permissions', roleWhere, `${role.address} (${key}) lacks ${action} on ${resource} (${why})`);
      }
    }
    for (const [k, where] of granted) {
      if (!expected.has(k)) {
        const [action, resource] = k.split(' ');
        t.fail('iam-permissions', where, `${role.address} (${key}) grants ${action} on ${resource}, which wiring function ${key} does not list`);
      }
    }
  }
};

/**
 * The bucket the wiring's "objects" are in: the one the functions get as BUCKET_NAME when any does
 * (the module has other buckets, such as the web client's), otherwise every bucket of the module.
 */
async function filesBuckets(t, facts) {
  const buckets = await t.instances('aws_s3_bucket');
  const named = buckets.filter((b) => Object.values(facts.lambdas).some((l) => {
    const v = l && safe(() => t.get(l.fn, 'environment', 0, 'variables', 'BUCKET_NAME'));
    return t.refersTo(v, b.address, 'id') || t.refersTo(v, b.address, 'bucket');
  }));
  return named.length ? named : buckets;
}

/** Escapes a string for use in a RegExp (wiring keys such as processing/enabled). */
function reEscape(text) {
  return String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The lifecycle ignore_changes of a resource declaration: 'all', or the attribute names. */
function ignoredChanges(decl) {
  const out = [];
  for (const lc of decl.body.lifecycle || []) {
    const ic = lc.ignore_changes;
    if (ic === '${all}' || ic === 'all') return 'all';
    for (const item of Array.isArray(ic) ? ic : []) {
      const m = /^\$\{\s*([A-Za-z0-9_]+)\s*\}$/.exec(String(item));
      out.push(m ? m[1] : String(item));
    }
  }
  return out;
}

/** Wiring functions whose permissions grant one of actions on the symbolic resource. */
function grantees(wiring, resource, actions) {
  return Object.entries(wiring.functions)
    .filter(([, fn]) => (fn.permissions || []).some((p) => p.resource === resource && p.actions.some((a) => actions.includes(a))))
    .map(([key]) => key);
}

// Every SSM parameter of the wiring's settings.parameters exists under the SETTINGS_PREFIX the
// functions get, with the wiring's type and its default as the initial value; a SecureString, and
// a parameter a function may write (ssm:PutParameter), ignores value changes, so that an apply
// never puts the placeholder or the default back; no other parameter lives under the prefix; and
// the wiring is consistent: a function with a parameter:NAME permission reads SETTINGS_PREFIX and
// NAME is a declared parameter.
RULES['ssm-parameters'] = async (t, facts) => {
  const parameters = (t.wiring.settings || {}).parameters || {};
  const settingsWhere = t.wiringWhere('settings');
  // The wiring's own consistency.
  for (const [key, fn] of Object.entries(t.wiring.functions)) {
    for (const p of fn.permissions || []) {
      const m = /^parameter:(.+)$/.exec(p.resource);
      if (!m) continue;
      if (!Object.prototype.hasOwnProperty.call(parameters, m[1])) t.fail('ssm-parameters', t.wiringWhere(reEscape(key)), `wiring function ${key}: permission on ${p.resource}, but ${m[1]} is not in settings.parameters`);
      if (!(fn.environment || []).includes('SETTINGS_PREFIX')) t.fail('ssm-parameters', t.wiringWhere(reEscape(key)), `wiring function ${key} reads ${p.resource} but not SETTINGS_PREFIX, so it cannot name the parameter`);
    }
  }
  for (const [name, def] of Object.entries(parameters)) {
    if (!['String', 'StringList', 'SecureString'].includes(def.type)) t.fail('ssm-parameters', t.wiringWhere(reEscape(name)), `settings parameter ${name}: type ${displayOf(def.type)} must be String, StringList or SecureString`);
    if (typeof def.default !== 'string' || def.default === '') t.fail('ssm-parameters', t.wiringWhere(reEscape(name)), `settings parameter ${name}: default must be a non-empty string (SSM stores no empty values)`);
  }
  // One prefix for every function that reads it.
  const prefixes = new Map();
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    const lambda = facts.lambdas[key];
    if (!lambda || !(wf.environment || []).includes('SETTINGS_PREFIX')) continue;
    const v = safe(() => t.get(lambda.fn, 'environment', 0, 'variables', 'SETTINGS_PREFIX'));
    const where = t.loc(lambda.fn, ['environment', 'variables']);
    if (typeof v !== 'string') {
      if (v !== undefined) t.fail('ssm-parameters', where, `${lambda.fn.address}: SETTINGS_PREFIX must be known before apply, not ${displayOf(v)}`);
      continue;
    }
    if (!/^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(v)) t.fail('ssm-parameters', where, `${lambda.fn.address}: SETTINGS_PREFIX ${displayOf(v)} must be an absolute parameter path without a trailing slash (/name/environment)`);
    if (!prefixes.has(v)) prefixes.set(v, []);
    prefixes.get(v).push(lambda.fn);
  }
  if (prefixes.size > 1) {
    const odd = [...prefixes.values()][1][0];
    t.fail('ssm-parameters', t.loc(odd, ['environment', 'variables']), `the functions get different SETTINGS_PREFIX values: ${[...prefixes].map(([v, fns]) => `${v} (${fns.map((f) => f.address).join(', ')})`).join('; ')}`);
  }
  const prefix = await settingsPrefix(t, facts);
  if (Object.keys(parameters).length && typeof prefix !== 'string') {
    if (!prefixes.size) t.fail('ssm-parameters', settingsWhere, 'the wiring declares settings.parameters but no function gets a known SETTINGS_PREFIX');
    return;
  }
  if (typeof prefix !== 'string') return;
  const instances = await t.instances('aws_ssm_parameter');
  const named = instances.map((inst) => ({ inst, name: safe(() => t.get(inst, 'name')) }));
  const anchor = instances[0] ? t.loc(instances[0]) : settingsWhere;
  for (const [name, def] of Object.entries(parameters)) {
    const full = `${prefix}/${name}`;
    const mine = named.filter((n) => n.name === full);
    if (mine.length !== 1) {
      t.fail('ssm-parameters', anchor, `settings parameter ${name}: ${mine.length} aws_ssm_parameter instances are named ${full} (expected 1)`);
      continue;
    }
    const { inst } = mine[0];
    const type = t.read('ssm-parameters', inst, 'type');
    if (type !== def.type) t.fail('ssm-parameters', t.loc(inst, ['type']), `${inst.address}: type must be the wiring's ${def.type}, not ${displayOf(type)}`);
    const value = t.read('ssm-parameters', inst, 'value');
    if (value !== def.default) t.fail('ssm-parameters', t.loc(inst, ['value']), `${inst.address}: value must be the wiring's default ${displayOf(def.default)} (the value a new environment starts with), not ${displayOf(value)}`);
    const ignored = ignoredChanges(inst.decl);
    const ignoresValue = ignored === 'all' || ignored.includes('value');
    const writers = grantees(t.wiring, `parameter:${name}`, ['ssm:PutParameter']);
    const why = def.type === 'SecureString' ? 'a SecureString: its placeholder is replaced after creation' : writers.length ? `${writers.join(', ')} may write it (ssm:PutParameter)` : null;
    if (why && !ignoresValue) {
      t.fail('ssm-parameters', t.locText(inst, /ignore_changes|lifecycle/, ['value']), `${inst.address} must ignore changes to its value (lifecycle ignore_changes = [value]): ${why}, and an apply must not overwrite it`);
    }
  }
  const expected = new Set(Object.keys(parameters).map((n) => `${prefix}/${n}`));
  for (const { inst, name } of named) {
    if (typeof name === 'string' && name.startsWith(`${prefix}/`) && !expected.has(name)) {
      t.fail('ssm-parameters', t.loc(inst, ['name']), `${inst.address} (${name}) is under the settings prefix but not in the wiring's settings.parameters`);
    }
  }
};

// Each invoke-triggered function is reached only the way the wiring says: an event invoke config
// on its live alias with the wiring's retries; no S3 notification, schedule or resource-based
// permission; the functions of invokedBy, and only they, may invoke it (lambda:InvokeFunction on
// function:KEY in the wiring), and each gets an environment variable naming the alias it invokes.
RULES['invoke-triggers'] = async (t, facts) => {
  const configs = await t.instances('aws_lambda_function_event_invoke_config');
  const permissions = await t.instances('aws_lambda_permission');
  const targets = await t.instances('aws_cloudwatch_event_target');
  const notifications = [];
  for (const n of await t.instances('aws_s3_bucket_notification')) {
    for (const b of safe(() => t.get(n, 'lambda_function')) || []) notifications.push({ n, b });
  }
  const pointsAt = (v, lambda) => t.refersTo(v, lambda.fn.address, 'function_name') || t.refersTo(v, lambda.fn.address, 'arn')
    || (lambda.alias && t.refersTo(v, lambda.alias.address, 'arn'));
  // function:KEY permissions are for invoke-triggered functions only.
  for (const [key, fn] of Object.entries(t.wiring.functions)) {
    for (const p of fn.permissions || []) {
      const m = /^function:(.+)$/.exec(p.resource);
      if (!m) continue;
      const target = t.wiring.functions[m[1]];
      if (!target) t.fail('invoke-triggers', t.wiringWhere(reEscape(key)), `wiring function ${key}: permission on ${p.resource}, but ${m[1]} is not a wiring function`);
      else if (target.trigger.type !== 'invoke') t.fail('invoke-triggers', t.wiringWhere(reEscape(key)), `wiring function ${key}: permission on ${p.resource}, but ${m[1]} has a ${target.trigger.type} trigger, not invoke`);
      else if (!(target.trigger.invokedBy || []).includes(key)) t.fail('invoke-triggers', t.wiringWhere(reEscape(key)), `wiring function ${key} may invoke ${m[1]} (${p.actions.join(', ')}) but is not in its trigger's invokedBy`);
    }
  }
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    if (wf.trigger.type !== 'invoke') continue;
    const wiringWhere = t.wiringWhere(reEscape(key));
    const retries = wf.trigger.retries;
    if (!Number.isInteger(retries) || retries < 0 || retries > 2) t.fail('invoke-triggers', wiringWhere, `wiring function ${key}: an invoke trigger needs retries, 0 to 2, not ${displayOf(retries)}`);
    const callers = Array.isArray(wf.trigger.invokedBy) ? wf.trigger.invokedBy : [];
    if (!callers.length) t.fail('invoke-triggers', wiringWhere, `wiring function ${key}: an invoke trigger needs invokedBy, the wiring functions that invoke it`);
    for (const caller of callers) {
      const cf = t.wiring.functions[caller];
      if (!cf) {
        t.fail('invoke-triggers', wiringWhere, `wiring function ${key}: invokedBy names ${caller}, which is not a wiring function`);
        continue;
      }
      if (!(cf.permissions || []).some((p) => p.resource === `function:${key}` && p.actions.includes('lambda:InvokeFunction'))) {
        t.fail('invoke-triggers', t.wiringWhere(reEscape(caller)), `wiring function ${caller} invokes ${key} (its invokedBy) but has no lambda:InvokeFunction on function:${key}`);
      }
    }
    const lambda = facts.lambdas[key];
    if (!lambda) continue;
    const mine = configs.filter((c) => pointsAt(safe(() => t.get(c, 'function_name')), lambda));
    if (mine.length !== 1) {
      t.fail('invoke-triggers', mine[1] ? t.loc(mine[1]) : t.loc(lambda.fn), `${lambda.fn.address} (invoke-triggered) needs exactly one aws_lambda_function_event_invoke_config, found ${mine.length}`);
    } else {
      const c = mine[0];
      const qualifier = t.read('invoke-triggers', c, 'qualifier');
      if (!lambda.alias || !t.refersTo(qualifier, lambda.alias.address, 'name')) t.fail('invoke-triggers', t.loc(c, ['qualifier']), `${c.address}: qualifier must be the live alias its callers invoke (${lambda.alias ? lambda.alias.address : 'no alias'}.name), not ${displayOf(qualifier)}`);
      const actual = t.read('invoke-triggers', c, 'maximum_retry_attempts');
      if (actual !== retries) t.fail('invoke-triggers', t.loc(c, ['maximum_retry_attempts']), `${c.address}: maximum_retry_attempts must be the wiring's retries (${displayOf(retries)}), not ${displayOf(actual)}`);
    }
    for (const p of permissions.filter((perm) => pointsAt(safe(() => t.get(perm, 'function_name')), lambda))) {
      t.fail('invoke-triggers', t.loc(p), `${p.address} lets ${displayOf(safe(() => t.get(p, 'principal')))} invoke ${lambda.fn.address}, which only its callers' roles may invoke (invokedBy)`);
    }
    for (const tg of targets.filter((target) => pointsAt(safe(() => t.get(target, 'arn')), lambda))) {
      t.fail('invoke-triggers', t.loc(tg), `${tg.address} schedules ${lambda.fn.address}, whose trigger is invoke`);
    }
    for (const { n } of notifications.filter(({ b }) => pointsAt(b.lambda_function_arn, lambda))) {
      t.fail('invoke-triggers', t.loc(n, ['lambda_function']), `${n.address} sends S3 events to ${lambda.fn.address}, whose trigger is invoke`);
    }
    // Each caller is told the qualified name it invokes: the alias its event invoke config is on.
    const fname = safe(() => t.get(lambda.fn, 'function_name'));
    const aname = lambda.alias ? safe(() => t.get(lambda.alias, 'name')) : undefined;
    if (typeof fname !== 'string' || typeof aname !== 'string') continue;
    const qualified = `${fname}:${aname}`;
    for (const caller of callers) {
      const cl = facts.lambdas[caller];
      if (!cl) continue;
      const vars = safe(() => t.get(cl.fn, 'environment', 0, 'variables')) || {};
      const values = isUnknown(vars) ? [] : Object.values(vars);
      if (!values.includes(qualified)) {
        const near = values.find((v) => typeof v === 'string' && (v === fname || v.startsWith(`${fname}:`)));
        t.fail('invoke-triggers', t.loc(cl.fn, ['environment', 'variables']), `${cl.fn.address} invokes ${key} but no environment variable names its live alias ${qualified}${near ? ` (${near} would bypass the alias's event invoke config and SnapStart)` : ''}`);
      }
    }
  }
};

// The job outcome topic (the wiring's "topic") is encrypted with a customer managed key of this
// module (key:topic) with rotation on, whose key policy lets the account administer it and lets
// every publishing role use it with the actions the wiring lists; a function that publishes is
// granted kms:GenerateDataKey and kms:Decrypt on key:topic by the wiring.
RULES['topic-encryption'] = async (t, facts) => {
  const publishers = grantees(t.wiring, 'topic', ['sns:Publish']);
  for (const key of publishers) {
    const keyActions = t.wiring.functions[key].permissions.filter((p) => p.resource === 'key:topic').flatMap((p) => p.actions);
    const missing = ['kms:GenerateDataKey', 'kms:Decrypt'].filter((a) => !keyActions.includes(a));
    if (missing.length) t.fail('topic-encryption', t.wiringWhere(reEscape(key)), `wiring function ${key} publishes to the encrypted topic but lacks ${missing.join(' and ')} on key:topic`);
  }
  const topics = await t.instances('aws_sns_topic');
  const uses = Object.values(t.wiring.functions).some((fn) => (fn.permissions || []).some((p) => p.resource === 'topic' || p.resource === 'key:topic'));
  if (uses && topics.length === 0) {
    const functions = await t.instances('aws_lambda_function');
    t.fail('topic-encryption', functions[0] ? t.loc(functions[0]) : t.wiringWhere('functions'), 'the wiring grants permissions on "topic" but the module has no aws_sns_topic');
  }
  for (const topic of topics) {
    const where = t.loc(topic, ['kms_master_key_id']);
    const id = t.read('topic-encryption', topic, 'kms_master_key_id');
    if (id === undefined || id === null || id === '') {
      t.fail('topic-encryption', where, `${topic.address} is not encrypted: kms_master_key_id must be a customer managed aws_kms_key of this module`);
      continue;
    }
    const kmsKey = await topicKey(t, topic);
    if (!kmsKey) {
      t.fail('topic-encryption', where, `${topic.address}: kms_master_key_id must be a customer managed aws_kms_key of this module (its key policy is checked), not ${displayOf(id)}`);
      continue;
    }
    if (t.read('topic-encryption', kmsKey, 'enable_key_rotation') !== true) t.fail('topic-encryption', t.loc(kmsKey, ['enable_key_rotation']), `${kmsKey.address}: enable_key_rotation must be true`);
    let statements;
    try {
      statements = await t.policyStatements(t.get(kmsKey, 'policy'));
    } catch (e) {
      t.fail('topic-encryption', t.loc(kmsKey, ['policy']), `${kmsKey.address}.policy: ${e.message}`);
      continue;
    }
    const allows = statements.filter((s) => s.effect === 'Allow' && !s.notActions.length && (s.resources || ['*']).some((r) => r === '*'));
    const policyWhere = (statements[0] && statements[0].where) || t.loc(kmsKey, ['policy']);
    const principalIs = (s, test) => s.principals.some((p) => p.type === 'AWS' && (p.identifiers || []).some((id2) => test(isUnknown(id2) ? id2.display : String(id2))));
    const administers = allows.some((s) => s.actions.includes('kms:PutKeyPolicy') && principalIs(s, (id2) => /:iam::[^:]+:root$/.test(id2)));
    if (!administers) t.fail('topic-encryption', policyWhere, `${kmsKey.address}: the key policy must let the account administer the key (kms:PutKeyPolicy for arn:...:iam::<account>:root), or no one can ever change it`);
    for (const key of publishers) {
      const lambda = facts.lambdas[key];
      if (!lambda) continue;
      const role = await t.referenced(safe(() => t.get(lambda.fn, 'role')), 'arn');
      if (!role) continue;
      const roleArn = `\${${role.inst.address}.arn}`;
      const needed = [...new Set(t.wiring.functions[key].permissions.filter((p) => p.resource === 'key:topic').flatMap((p) => p.actions))];
      const granted = new Set(allows.filter((s) => principalIs(s, (id2) => id2 === roleArn)).flatMap((s) => s.actions));
      const missing = needed.filter((a) => !granted.has(a));
      if (missing.length) t.fail('topic-encryption', policyWhere, `${kmsKey.address}: the key policy does not let ${role.inst.address} (${key}, which publishes to ${topic.address}) use ${missing.join(', ')}`);
    }
  }
};

/**
 * The SETTINGS_PREFIX value the functions get (the first known one; ssm-parameters reports when
 * they differ), or null when no function reads it.
 */
async function settingsPrefix(t, facts) {
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    if (!(wf.environment || []).includes('SETTINGS_PREFIX') || !facts.lambdas[key]) continue;
    const v = safe(() => t.get(facts.lambdas[key].fn, 'environment', 0, 'variables', 'SETTINGS_PREFIX'));
    if (typeof v === 'string') return v;
  }
  return null;
}

/**
 * The aws_kms_key instance a topic's kms_master_key_id points at (its arn, key_id or id, or an
 * aws_kms_alias of it), or null when it is not a key of this module.
 */
async function topicKey(t, topic) {
  const v = safe(() => t.get(topic, 'kms_master_key_id'));
  const ref = await t.referenced(v);
  if (!ref) return null;
  if (ref.inst.decl.type === 'aws_kms_key' && ['arn', 'key_id', 'id'].includes(ref.attr)) return ref.inst;
  if (ref.inst.decl.type === 'aws_kms_alias' && ['arn', 'name', 'id'].includes(ref.attr)) {
    const target = await t.referenced(safe(() => t.get(ref.inst, 'target_key_id')));
    if (target && target.inst.decl.type === 'aws_kms_key' && ['arn', 'key_id', 'id'].includes(target.attr)) return target.inst;
  }
  return null;
}

/** The KMS key of the bucket's SSE-KMS default encryption, or null under SSE-S3. */
async function bucketKms(t, bucket) {
  for (const c of await forBucket(t, 'aws_s3_bucket_server_side_encryption_configuration', bucket)) {
    for (const rule of safe(() => t.get(c, 'rule')) || []) {
      const d = (rule.apply_server_side_encryption_by_default || [])[0] || {};
      if (d.sse_algorithm === 'aws:kms' || d.sse_algorithm === 'aws:kms:dsse') return d.kms_master_key_id || null;
    }
  }
  return null;
}

module.exports = { RULES, buildFacts, settingsPrefix, topicKey, schedulesEnabled };
