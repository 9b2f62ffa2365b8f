'use strict';
// Cross-checks of the evaluated Filestore module against the wiring (wiring/filestore.json) and
// the REST contract (openapi/filestore.yaml). The jar cross-check lives in jar-rule.js.
const { isUnknown, displayOf, deepEqual } = require('./eval');
const { forBucket } = require('./policy-rules');

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
    const principal = { api: 'apigateway.amazonaws.com', s3: 's3.amazonaws.com', schedule: 'events.amazonaws.com' }[wf.trigger.type];
    if (wf.trigger.type === 'schedule' && !(await schedulesEnabled(t))) continue;
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

async function schedulesEnabled(t) {
  if (!t.ctx.module.variables.create_expire_schedule) return true;
  return (await t.ctx.variable('create_expire_schedule')) !== false;
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
  const enabled = await schedulesEnabled(t);
  const targets = await t.instances('aws_cloudwatch_event_target');
  for (const [key, wf] of Object.entries(t.wiring.functions)) {
    if (wf.trigger.type !== 'schedule') continue;
    const lambda = facts.lambdas[key];
    if (!lambda || !lambda.alias) continue;
    const mine = targets.filter((tg) => t.refersTo(safe(() => t.get(tg, 'arn')), lambda.alias.address, 'arn'));
    if (!enabled) {
      if (mine.length) t.fail('schedules', t.loc(mine[0]), `${mine[0].address} exists although create_expire_schedule is false`);
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
  const buckets = await t.instances('aws_s3_bucket');
  if (tables.length !== 1 || buckets.length !== 1) return;
  const tableArn = `\${${tables[0].address}.arn}`;
  const bucketArn = `\${${buckets[0].address}.arn}`;
  const symbolic = (resource) => {
    if (resource === 'table') return tableArn;
    if (resource === 'objects') return `${bucketArn}/${t.wiring.keyPrefix}*`;
    const m = /^index:(.+)$/.exec(resource);
    if (m) return `${tableArn}/index/${m[1]}`;
    return null;
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
            const r = isUnknown(resource) ? resource.display : resource;
            const k = `${action} ${r}`;
            if (!granted.has(k)) granted.set(k, s.where || src.where);
          }
        }
      }
    }
    const expected = new Map();
    const expect = (action, resource, why) => expected.set(`${action} ${resource}`, why);
    for (const p of wf.permissions) {
      const arn = symbolic(p.resource);
      if (!arn) {
        t.fail('iam-permissions', t.wiringWhere(key), `wiring function ${key}: unknown symbolic resource ${p.resource} (table, index:NAME or objects)`);
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

module.exports = { RULES, buildFacts };
