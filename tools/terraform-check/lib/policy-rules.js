'use strict';
// Security rules over the evaluated Filestore module. Each rule reports failures with its name.
const { isUnknown, displayOf } = require('./eval');
const { asList } = require('./target');
const { identities } = require('./identity');
const { ownedPolicies } = require('./oidc-rules');

const RULES = {};

/** The bucket-scoped resources (aws_s3_bucket_x) that point at a bucket instance. */
async function forBucket(t, type, bucket) {
  const out = [];
  for (const inst of await t.instances(type)) {
    let b;
    try {
      b = t.get(inst, 'bucket');
    } catch {
      continue;
    }
    if (t.refersTo(b, bucket.address, 'id') || t.refersTo(b, bucket.address, 'bucket')) out.push(inst);
  }
  return out;
}

RULES['public-access-block'] = async (t) => {
  for (const bucket of await t.instances('aws_s3_bucket')) {
    const blocks = await forBucket(t, 'aws_s3_bucket_public_access_block', bucket);
    if (blocks.length === 0) {
      t.fail('public-access-block', t.loc(bucket), `${bucket.address} has no aws_s3_bucket_public_access_block`);
      continue;
    }
    for (const pab of blocks) {
      for (const arg of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
        const v = t.read('public-access-block', pab, arg);
        if (v !== true) t.fail('public-access-block', t.loc(pab, [arg]), `${pab.address}: ${arg} must be true, not ${displayOf(v)}`);
      }
    }
  }
};

RULES['bucket-ownership'] = async (t) => {
  for (const bucket of await t.instances('aws_s3_bucket')) {
    const controls = await forBucket(t, 'aws_s3_bucket_ownership_controls', bucket);
    const enforced = controls.some((c) => (t.read('bucket-ownership', c, 'rule') || []).some((r) => r.object_ownership === 'BucketOwnerEnforced'));
    if (!enforced) {
      const where = controls.length ? t.loc(controls[0], ['rule', 'object_ownership']) : t.loc(bucket);
      t.fail('bucket-ownership', where, `${bucket.address}: object ownership must be BucketOwnerEnforced (ACLs disabled)`);
    }
  }
};

RULES['tls-only'] = async (t) => {
  for (const bucket of await t.instances('aws_s3_bucket')) {
    const policies = await forBucket(t, 'aws_s3_bucket_policy', bucket);
    if (policies.length === 0) {
      t.fail('tls-only', t.loc(bucket), `${bucket.address} has no bucket policy denying requests without TLS (aws:SecureTransport = false)`);
      continue;
    }
    const arn = `\${${bucket.address}.arn}`;
    let found = false;
    for (const p of policies) {
      let statements;
      try {
        statements = await t.policyStatements(t.get(p, 'policy'));
      } catch (e) {
        t.fail('tls-only', t.loc(p, ['policy']), `${p.address}.policy: ${e.message}`);
        continue;
      }
      found = found || statements.some((s) => s.effect === 'Deny'
        && s.principals.some((pr) => (pr.type === '*' || pr.type === 'AWS') && pr.identifiers.includes('*'))
        && s.actions.some((a) => a === 's3:*' || a === '*')
        && covers(s.resources, arn) && covers(s.resources, `${arn}/*`)
        && s.conditions.some((c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && c.values.map(String).includes('false')));
    }
    if (!found) {
      t.fail('tls-only', t.loc(policies[0], ['policy']), `${policies[0].address}: no statement denies s3:* to every principal on ${arn} and ${arn}/* when aws:SecureTransport is false`);
    }
  }
};

function covers(resources, arn) {
  return asList(resources).some((r) => (isUnknown(r) ? r.display : r) === arn);
}

RULES['bucket-sse'] = async (t) => {
  for (const bucket of await t.instances('aws_s3_bucket')) {
    const configs = await forBucket(t, 'aws_s3_bucket_server_side_encryption_configuration', bucket);
    if (configs.length === 0) {
      t.fail('bucket-sse', t.loc(bucket), `${bucket.address} has no aws_s3_bucket_server_side_encryption_configuration`);
      continue;
    }
    for (const c of configs) {
      for (const rule of t.read('bucket-sse', c, 'rule') || []) {
        const d = (rule.apply_server_side_encryption_by_default || [])[0];
        const algorithm = d && d.sse_algorithm;
        if (!['AES256', 'aws:kms', 'aws:kms:dsse'].includes(algorithm)) {
          t.fail('bucket-sse', t.loc(c, ['rule', 'apply_server_side_encryption_by_default', 'sse_algorithm']), `${c.address}: default encryption must be AES256 or aws:kms, not ${displayOf(algorithm)}`);
        } else if (algorithm !== 'AES256' && (d.kms_master_key_id === null || d.kms_master_key_id === undefined)) {
          t.fail('bucket-sse', t.loc(c, ['rule', 'apply_server_side_encryption_by_default', 'kms_master_key_id']), `${c.address}: ${algorithm} needs kms_master_key_id (the functions' roles are granted that key)`);
        }
      }
    }
  }
};

RULES['table-pitr'] = async (t) => {
  for (const table of await t.instances('aws_dynamodb_table')) {
    const pitr = (t.read('table-pitr', table, 'point_in_time_recovery') || [])[0];
    if (!pitr || pitr.enabled !== true) t.fail('table-pitr', t.loc(table, ['point_in_time_recovery', 'enabled']), `${table.address}: point_in_time_recovery must be enabled`);
  }
};

RULES['table-sse'] = async (t) => {
  for (const table of await t.instances('aws_dynamodb_table')) {
    const sse = (t.read('table-sse', table, 'server_side_encryption') || [])[0];
    if (!sse || sse.enabled !== true) t.fail('table-sse', t.loc(table, ['server_side_encryption', 'enabled']), `${table.address}: server_side_encryption must be enabled (AWS managed or customer managed KMS key)`);
  }
};

RULES['log-retention'] = async (t) => {
  const groups = await t.instances('aws_cloudwatch_log_group');
  const names = new Set();
  for (const g of groups) {
    const days = t.read('log-retention', g, 'retention_in_days');
    if (typeof days !== 'number' || days <= 0) t.fail('log-retention', t.loc(g, ['retention_in_days']), `${g.address}: retention_in_days must be set (logs are otherwise kept forever), not ${displayOf(days)}`);
    const name = t.read('log-retention', g, 'name');
    names.add(isUnknown(name) ? name.display : name);
  }
  for (const fn of await t.instances('aws_lambda_function')) {
    const fname = t.read('log-retention', fn, 'function_name');
    const expected = `/aws/lambda/${isUnknown(fname) ? fname.display : fname}`;
    if (!names.has(expected)) t.fail('log-retention', t.loc(fn, ['function_name']), `${fn.address} logs to ${expected}, which no aws_cloudwatch_log_group manages (Lambda would create it without retention)`);
  }
  for (const ms of await t.instances('aws_api_gateway_method_settings')) {
    const level = ((t.read('log-retention', ms, 'settings') || [])[0] || {}).logging_level;
    if (!level || level === 'OFF') continue;
    const api = t.read('log-retention', ms, 'rest_api_id');
    const stage = await stageName(t, t.read('log-retention', ms, 'stage_name'));
    const expected = `API-Gateway-Execution-Logs_${isUnknown(api) ? api.display : api}/${stage}`;
    if (!names.has(expected)) t.fail('log-retention', t.loc(ms, ['settings', 'logging_level']), `${ms.address}: execution logging (${level}) writes to ${expected}, which no aws_cloudwatch_log_group manages`);
  }
};

/** A stage name given as a literal or as a reference to aws_api_gateway_stage.x.stage_name. */
async function stageName(t, v) {
  const ref = await t.referenced(v, 'stage_name');
  if (ref) return t.get(ref.inst, 'stage_name');
  return isUnknown(v) ? v.display : v;
}

/** Every policy document of the module: data sources and inline JSON policies. */
async function allPolicies(t) {
  const out = [];
  for (const doc of await t.instances('aws_iam_policy_document', 'data')) {
    try {
      out.push({ owner: doc, statements: await t.policyStatements(refTo(doc)) });
    } catch (e) {
      t.fail('no-wildcard-actions', t.loc(doc), `${doc.address}: ${e.message}`);
    }
  }
  const policyArgs = ['policy', 'assume_role_policy'];
  for (const [key, decl] of Object.entries(t.ctx.module.resources)) {
    if (!policyArgs.some((a) => a in decl.body)) continue;
    let instances;
    try {
      instances = await t.ctx.instances('resource', key);
    } catch {
      continue;
    }
    for (const inst of instances) {
      for (const arg of policyArgs) {
        let v;
        try {
          v = t.get(inst, arg);
        } catch {
          continue;
        }
        if (v === undefined || v === null) continue;
        if (await t.referenced(v, 'json')) continue; // a data document, checked above
        try {
          const statements = await t.policyStatements(v);
          for (const s of statements) s.where = t.loc(inst, [arg]);
          out.push({ owner: inst, statements });
        } catch (e) {
          t.fail('no-wildcard-actions', t.loc(inst, [arg]), `${inst.address}.${arg}: ${e.message}`);
        }
      }
    }
  }
  return out;
}

/**
 * The policies the rules below judge: every policy but those of the roles GitHub Actions assumes
 * and of the permissions boundary, which oidc-rules.js judges by what they are for (verb families
 * and the few actions without resource-level permissions on "*" for the deploy roles, name
 * patterns of this environment for the boundary). The functions' roles stay as strict as ever.
 */
async function generalPolicies(t) {
  const owned = await ownedPolicies(t);
  return (await allPolicies(t)).filter(({ owner }) => !owned.has(owner.address));
}

function refTo(inst) {
  const { refUnknown } = require('./eval');
  return refUnknown(`${inst.address}.json`);
}

RULES['no-wildcard-actions'] = async (t) => {
  for (const { owner, statements } of await generalPolicies(t)) {
    for (const s of statements) {
      const name = `${owner.address} statement ${s.sid || s.index}`;
      if (s.effect !== 'Allow') continue; // a Deny narrows access; s3:* in the TLS deny is what AWS recommends
      if (s.notActions.length) t.fail('no-wildcard-actions', s.where, `${name} uses not_actions (allows everything else)`);
      for (const a of s.actions) {
        if (typeof a !== 'string') t.fail('no-wildcard-actions', s.where, `${name}: action ${displayOf(a)} is not known before apply`);
        else if (a.includes('*')) t.fail('no-wildcard-actions', s.where, `${name} allows the wildcard action ${a}; list the exact actions`);
      }
    }
  }
};

const XRAY_ACTIONS = /^xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets|GetSamplingStatisticSummaries)$/;

/** Addresses of the policy documents used as KMS key policies, and of keys with inline policies. */
async function keyPolicyOwners(t) {
  const out = new Set();
  for (const key of await t.instances('aws_kms_key')) {
    let v;
    try {
      v = t.get(key, 'policy');
    } catch {
      continue;
    }
    const ref = await t.referenced(v, 'json');
    out.add(ref ? ref.inst.address : key.address);
  }
  return out;
}

/** Whether a statement's principals include everyone ("*"). */
function anyPrincipal(s) {
  return s.principals.some((p) => p.type === '*' || (p.identifiers || []).some((id) => id === '*'));
}

RULES['no-wildcard-resources'] = async (t) => {
  const keyPolicies = await keyPolicyOwners(t);
  for (const { owner, statements } of await generalPolicies(t)) {
    const keyPolicy = keyPolicies.has(owner.address);
    for (const s of statements) {
      const name = `${owner.address} statement ${s.sid || s.index}`;
      if (s.effect !== 'Allow') continue;
      if (s.notResources.length) t.fail('no-wildcard-resources', s.where, `${name} uses not_resources`);
      if (s.resources === undefined || s.resources === null) continue; // trust and resource policies name principals
      const star = s.resources.some((r) => r === '*');
      // In a key policy "*" is the key itself; what bounds the statement is its principals.
      if (keyPolicy) {
        if (anyPrincipal(s)) t.fail('no-wildcard-resources', s.where, `${name} (a key policy) allows ${s.actions.join(', ')} to any principal ("*"); name the roles or services`);
        else if (!s.principals.length) t.fail('no-wildcard-resources', s.where, `${name} (a key policy) names no principal`);
        continue;
      }
      if (star && !s.actions.every((a) => typeof a === 'string' && XRAY_ACTIONS.test(a))) {
        t.fail('no-wildcard-resources', s.where, `${name} allows ${s.actions.join(', ')} on "*"; only X-Ray actions (no resource-level permissions) may use "*"`);
      }
    }
  }
};

const INVOKE_ACTIONS = /^lambda:(InvokeFunction|InvokeAsync|InvokeFunctionUrl|InvokeWithResponseStream)$/i;

// lambda:InvokeFunction (and the other invoke actions) only on exact function, version or alias
// ARNs: a reference to an aws_lambda_function or aws_lambda_alias of this module, or an ARN built
// from the partition, region, account and a function name, never a pattern.
RULES['invoke-arns'] = async (t) => {
  const { canonical } = await identities(t);
  for (const { owner, statements } of await generalPolicies(t)) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const invoke = s.actions.filter((a) => typeof a === 'string' && INVOKE_ACTIONS.test(a));
      if (!invoke.length || s.resources === undefined || s.resources === null) continue;
      for (const r of s.resources) {
        const id = canonical(r);
        if (!id.startsWith('lambda:function:')) {
          t.fail('invoke-arns', s.where, `${owner.address} statement ${s.sid || s.index} allows ${invoke.join(', ')} on ${displayOf(r)}, which is not an exact function or alias ARN`);
        }
      }
    }
  }
};

RULES['api-key-required'] = async (t) => {
  const spec = t.spec;
  const source = spec.doc['x-amazon-apigateway-api-key-source'];
  if (source !== 'HEADER') t.fail('api-key-required', spec.where('x-amazon-apigateway-api-key-source'), `the spec's x-amazon-apigateway-api-key-source must be HEADER, not ${displayOf(source)}`);
  const scheme = ((spec.doc.components || {}).securitySchemes || {}).api_key;
  if (!scheme || scheme.type !== 'apiKey' || scheme.in !== 'header' || String(scheme.name).toLowerCase() !== 'x-api-key') {
    t.fail('api-key-required', spec.where('api_key:'), 'components.securitySchemes.api_key must be an apiKey in the x-api-key header');
  }
  for (const op of spec.operations) {
    if (op.method === 'options') continue;
    const security = op.op.security !== undefined ? op.op.security : spec.doc.security;
    const requiresKey = Array.isArray(security) && security.length > 0 && security.every((req) => req && Object.prototype.hasOwnProperty.call(req, 'api_key'));
    if (!requiresKey) t.fail('api-key-required', op.where, `${op.method.toUpperCase()} ${op.path} does not require the API key (security must include api_key in every requirement)`);
  }
  const apis = await t.instances('aws_api_gateway_rest_api');
  for (const api of apis) {
    const v = t.read('api-key-required', api, 'api_key_source');
    if (v !== 'HEADER') t.fail('api-key-required', t.loc(api, ['api_key_source']), `${api.address}: api_key_source must be "HEADER", not ${displayOf(v)}`);
  }
  const stages = await t.instances('aws_api_gateway_stage');
  const plans = await t.instances('aws_api_gateway_usage_plan');
  const planKeys = await t.instances('aws_api_gateway_usage_plan_key');
  const keys = await t.instances('aws_api_gateway_api_key');
  for (const stage of stages) {
    const covering = [];
    for (const plan of plans) {
      for (const s of t.read('api-key-required', plan, 'api_stages') || []) {
        if (t.refersTo(s.api_id, ...restApiOf(t, stage)) && t.refersTo(s.stage, stage.address, 'stage_name')) covering.push(plan);
      }
    }
    if (covering.length === 0) {
      t.fail('api-key-required', t.loc(stage), `${stage.address} is in no usage plan (api_stages), so no API key can call it`);
      continue;
    }
    const attached = planKeys.some((pk) => covering.some((plan) => t.refersTo(t.read('api-key-required', pk, 'usage_plan_id'), plan.address, 'id'))
      && keys.some((k) => t.refersTo(t.read('api-key-required', pk, 'key_id'), k.address, 'id')));
    if (!attached) t.fail('api-key-required', t.loc(covering[0]), `no API key is attached (aws_api_gateway_usage_plan_key) to ${covering.map((p) => p.address).join(', ')}`);
  }
  for (const [name, out] of Object.entries(t.ctx.module.outputs)) {
    if (/aws_api_gateway_api_key\.[^.]+(\[[^\]]*\])?\.value/.test(JSON.stringify(out.body.value)) && out.body.sensitive !== true) {
      t.fail('api-key-required', { file: out.file.path, line: out.file.locator.line('output', name) }, `output ${name} exposes the API key value and must be sensitive = true`);
    }
  }
};

// With a user pool, the body Terraform renders has the cognito security scheme and every
// non-OPTIONS operation of the spec requires api_key and cognito; without one, nothing requires
// cognito; preflights stay open either way. The authorizer is added by api.tf, not written in the
// spec, so this rule reads the rendered body (lib/api-body.js) rather than the spec file. The
// spec's UNAUTHORIZED gateway response (a rejected token) is checked here too.
RULES['api-authorizer'] = async (t) => {
  const spec = t.spec;
  const responses = spec.doc['x-amazon-apigateway-gateway-responses'] || {};
  const unauthorized = responses.UNAUTHORIZED;
  if (!unauthorized) {
    t.fail('api-authorizer', spec.where('x-amazon-apigateway-gateway-responses'), 'the spec\'s x-amazon-apigateway-gateway-responses must include UNAUTHORIZED (statusCode 401), what a missing or invalid token gets');
  } else if (String(unauthorized.statusCode) !== '401') {
    t.fail('api-authorizer', spec.where('  UNAUTHORIZED:'), `the UNAUTHORIZED gateway response must have statusCode 401, not ${displayOf(unauthorized.statusCode)}`);
  } else if (!corsHeader(unauthorized.responseParameters, 'gatewayresponse.header.', 'Access-Control-Allow-Origin')) {
    t.fail('api-authorizer', spec.where('  UNAUTHORIZED:'), 'the UNAUTHORIZED gateway response must set Access-Control-Allow-Origin, or browsers cannot read the 401');
  }
  const pools = await t.instances('aws_cognito_user_pool');
  const { partialContext, renderedApiBodies } = require('./api-body');
  for (const { api, doc, error } of await renderedApiBodies(partialContext(t.ctx))) {
    const where = t.loc(api, ['body']);
    if (!doc) {
      t.fail('api-authorizer', where, `${api.address}: the rendered body cannot be read: ${error}`);
      continue;
    }
    const schemes = (doc.components || {}).securitySchemes || {};
    const cognitoSchemes = Object.keys(schemes).filter((name) => name === 'cognito' || (schemes[name] || {})['x-amazon-apigateway-authtype'] === 'cognito_user_pools');
    const requirements = (op) => (op.security !== undefined ? op.security : doc.security);
    if (pools.length === 0) {
      if (cognitoSchemes.length) t.fail('api-authorizer', where, `${api.address}: the body has the Cognito security scheme ${cognitoSchemes.join(', ')} but the module creates no user pool`);
    } else {
      const scheme = schemes.cognito || {};
      const authorizer = scheme['x-amazon-apigateway-authorizer'] || {};
      const arns = Array.isArray(authorizer.providerARNs) ? authorizer.providerARNs : [];
      const problems = [];
      if (scheme.type !== 'apiKey') problems.push(`type ${displayOf(scheme.type)} (must be apiKey)`);
      if (scheme.name !== 'Authorization') problems.push(`name ${displayOf(scheme.name)} (must be Authorization)`);
      if (scheme.in !== 'header') problems.push(`in ${displayOf(scheme.in)} (must be header)`);
      if (scheme['x-amazon-apigateway-authtype'] !== 'cognito_user_pools') problems.push(`x-amazon-apigateway-authtype ${displayOf(scheme['x-amazon-apigateway-authtype'])} (must be cognito_user_pools)`);
      if (authorizer.type !== 'cognito_user_pools') problems.push(`x-amazon-apigateway-authorizer.type ${displayOf(authorizer.type)} (must be cognito_user_pools)`);
      const poolsMissing = pools.filter((p) => !arns.some((a) => t.refersTo(a, p.address, 'arn')));
      if (poolsMissing.length || arns.length !== pools.length) problems.push(`providerARNs ${displayOf(arns)} (must be the ARNs of ${pools.map((p) => p.address).join(', ')})`);
      if (problems.length) t.fail('api-authorizer', where, `${api.address}: components.securitySchemes.cognito of the body: ${problems.join('; ')}`);
      for (const { value, what, where: at } of corsValues(spec, 'Access-Control-Allow-Headers')) {
        if (!value.map((h) => h.toLowerCase()).includes('authorization')) t.fail('api-authorizer', at, `Access-Control-Allow-Headers of ${what} must list Authorization, or browsers cannot send the token`);
      }
    }
    for (const op of spec.operations) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      const rendered = ((doc.paths || {})[op.path] || {})[op.method];
      if (!rendered || typeof rendered !== 'object') {
        t.fail('api-authorizer', where, `${api.address}: the rendered body lacks ${name}, which the spec has`);
        continue;
      }
      const security = requirements(rendered);
      if (op.method === 'options') {
        if (!(Array.isArray(rendered.security) && rendered.security.length === 0)) t.fail('api-authorizer', op.where, `${name} (CORS preflight) must stay open (security: []) in the rendered body, not ${displayOf(security)}`);
        continue;
      }
      const each = (key) => Array.isArray(security) && security.length > 0 && security.every((req) => req && Object.prototype.hasOwnProperty.call(req, key));
      const mentions = Array.isArray(security) && security.some((req) => req && cognitoSchemes.concat('cognito').some((k) => Object.prototype.hasOwnProperty.call(req, k)));
      if (pools.length && !(each('api_key') && each('cognito'))) t.fail('api-authorizer', op.where, `${name} must require both api_key and cognito in the rendered body (every requirement), not ${displayOf(security)}`);
      if (!pools.length && mentions) t.fail('api-authorizer', op.where, `${name} requires cognito in the rendered body but the module creates no user pool`);
    }
  }
};

// Every Access-Control-Allow-Methods the spec sends (gateway responses and preflight answers)
// lists every method the spec has, so that a browser may call each route.
RULES['api-cors'] = async (t) => {
  const spec = t.spec;
  const methods = [...new Set(spec.operations.map((op) => op.method.toUpperCase()))].sort();
  for (const { value, what, where } of corsValues(spec, 'Access-Control-Allow-Methods')) {
    const missing = methods.filter((m) => !value.map((v) => v.toUpperCase()).includes(m));
    if (missing.length) t.fail('api-cors', where, `Access-Control-Allow-Methods of ${what} lacks ${missing.join(', ')}, which the spec uses`);
  }
  for (const op of spec.operations.filter((o) => o.method === 'options')) {
    const params = ((((op.op['x-amazon-apigateway-integration'] || {}).responses || {}).default || {}).responseParameters) || {};
    if (!corsHeader(params, 'method.response.header.', 'Access-Control-Allow-Methods')) t.fail('api-cors', op.where, `OPTIONS ${op.path}: the preflight answer sets no Access-Control-Allow-Methods`);
  }
};

/** The value of a CORS header in API Gateway response parameters (a quoted literal), or null. */
function corsHeader(params, prefix, header) {
  const key = Object.keys(params || {}).find((k) => k.toLowerCase() === `${prefix}${header}`.toLowerCase());
  if (!key || typeof params[key] !== 'string') return null;
  return params[key].replace(/^'(.*)'$/, '$1').split(',').map((v) => v.trim()).filter(Boolean);
}

/**
 * Every place the spec sets a CORS header: each gateway response and each preflight (OPTIONS)
 * integration, as { value (the listed names), what, where }.
 */
function corsValues(spec, header) {
  const out = [];
  for (const [type, response] of Object.entries(spec.doc['x-amazon-apigateway-gateway-responses'] || {})) {
    const value = corsHeader((response || {}).responseParameters, 'gatewayresponse.header.', header);
    if (value) out.push({ value, what: `gateway response ${type}`, where: spec.where(`  ${type}:`) });
  }
  for (const op of spec.operations.filter((o) => o.method === 'options')) {
    const params = ((((op.op['x-amazon-apigateway-integration'] || {}).responses || {}).default || {}).responseParameters);
    const value = corsHeader(params, 'method.response.header.', header);
    if (value) out.push({ value, what: `OPTIONS ${op.path}`, where: op.where });
  }
  return out;
}

function restApiOf(t, stage) {
  const v = t.get(stage, 'rest_api_id');
  return [v && v.ref ? v.ref.replace(/\.id$/, '') : '', 'id'];
}

RULES['api-throttling'] = async (t) => {
  for (const stage of await t.instances('aws_api_gateway_stage')) {
    const settings = [];
    for (const ms of await t.instances('aws_api_gateway_method_settings')) {
      const name = await stageName(t, t.read('api-throttling', ms, 'stage_name'));
      if (name === t.get(stage, 'stage_name') && t.read('api-throttling', ms, 'method_path') === '*/*') settings.push(ms);
    }
    if (settings.length === 0) {
      t.fail('api-throttling', t.loc(stage), `${stage.address} has no aws_api_gateway_method_settings for "*/*" (stage-wide throttling)`);
      continue;
    }
    for (const ms of settings) {
      const s = (t.read('api-throttling', ms, 'settings') || [])[0] || {};
      for (const arg of ['throttling_rate_limit', 'throttling_burst_limit']) {
        if (!(typeof s[arg] === 'number' && s[arg] > 0)) t.fail('api-throttling', t.loc(ms, ['settings', arg]), `${ms.address}: ${arg} must be greater than 0, not ${displayOf(s[arg])}`);
      }
    }
  }
  for (const plan of await t.instances('aws_api_gateway_usage_plan')) {
    const throttle = (t.read('api-throttling', plan, 'throttle_settings') || [])[0];
    if (!throttle || !(throttle.rate_limit > 0) || !(throttle.burst_limit > 0)) t.fail('api-throttling', t.loc(plan, ['throttle_settings']), `${plan.address}: throttle_settings with rate_limit and burst_limit above 0 are required`);
    const quota = (t.read('api-throttling', plan, 'quota_settings') || [])[0];
    if (!quota || !(quota.limit > 0) || !['DAY', 'WEEK', 'MONTH'].includes(quota.period)) t.fail('api-throttling', t.loc(plan, ['quota_settings']), `${plan.address}: quota_settings with a limit above 0 and a DAY, WEEK or MONTH period are required`);
  }
};

RULES['api-access-logs'] = async (t) => {
  for (const stage of await t.instances('aws_api_gateway_stage')) {
    const settings = (t.read('api-access-logs', stage, 'access_log_settings') || [])[0];
    if (!settings) {
      t.fail('api-access-logs', t.loc(stage), `${stage.address} has no access_log_settings`);
      continue;
    }
    const dest = await t.referenced(settings.destination_arn, 'arn');
    if (!dest || dest.inst.decl.type !== 'aws_cloudwatch_log_group') t.fail('api-access-logs', t.loc(stage, ['access_log_settings', 'destination_arn']), `${stage.address}: access logs must go to an aws_cloudwatch_log_group of this module, not ${displayOf(settings.destination_arn)}`);
    let format = null;
    try {
      format = JSON.parse(settings.format);
    } catch {
      // reported below
    }
    if (!format || typeof format !== 'object' || !Object.values(format).includes('$context.requestId')) {
      t.fail('api-access-logs', t.loc(stage, ['access_log_settings', 'format']), `${stage.address}: the access log format must be a JSON object that includes $context.requestId`);
    }
  }
};

RULES['xray-tracing'] = async (t) => {
  for (const fn of await t.instances('aws_lambda_function')) {
    const mode = ((t.read('xray-tracing', fn, 'tracing_config') || [])[0] || {}).mode;
    if (mode !== 'Active') t.fail('xray-tracing', t.loc(fn, ['tracing_config', 'mode']), `${fn.address}: tracing_config.mode must be "Active", not ${displayOf(mode)}`);
  }
  for (const stage of await t.instances('aws_api_gateway_stage')) {
    if (t.read('xray-tracing', stage, 'xray_tracing_enabled') !== true) t.fail('xray-tracing', t.loc(stage, ['xray_tracing_enabled']), `${stage.address}: xray_tracing_enabled must be true`);
  }
};

RULES['async-dlq'] = async (t, facts) => {
  for (const [key, fn] of Object.entries(t.wiring.functions)) {
    if (!['s3', 'schedule'].includes(fn.trigger.type)) continue;
    const lambda = facts.lambdas[key];
    if (!lambda) continue;
    const configs = [];
    for (const c of await t.instances('aws_lambda_function_event_invoke_config')) {
      const name = t.read('async-dlq', c, 'function_name');
      if (t.refersTo(name, lambda.fn.address, 'function_name') || t.refersTo(name, lambda.fn.address, 'arn')) configs.push(c);
    }
    const where = t.loc(lambda.fn);
    if (configs.length === 0) {
      t.fail('async-dlq', where, `${lambda.fn.address} (${fn.trigger.type}-triggered) has no aws_lambda_function_event_invoke_config with an on-failure destination`);
      continue;
    }
    for (const c of configs) {
      const qualifier = t.read('async-dlq', c, 'qualifier');
      if (!lambda.alias || !t.refersTo(qualifier, lambda.alias.address, 'name')) t.fail('async-dlq', t.loc(c, ['qualifier']), `${c.address}: qualifier must be the alias the ${fn.trigger.type} trigger invokes (${lambda.alias ? lambda.alias.address : 'no alias'}), not ${displayOf(qualifier)}`);
      const retries = t.read('async-dlq', c, 'maximum_retry_attempts');
      if (!(typeof retries === 'number' && retries >= 0 && retries <= 2)) t.fail('async-dlq', t.loc(c, ['maximum_retry_attempts']), `${c.address}: maximum_retry_attempts must be set, 0 to 2, not ${displayOf(retries)}`);
      const dest = (((t.read('async-dlq', c, 'destination_config') || [])[0] || {}).on_failure || [])[0];
      const queue = dest ? await t.referenced(dest.destination, 'arn') : null;
      if (!queue || queue.inst.decl.type !== 'aws_sqs_queue') {
        t.fail('async-dlq', t.loc(c, ['destination_config', 'on_failure', 'destination']), `${c.address}: destination_config.on_failure must send to an aws_sqs_queue of this module, not ${displayOf(dest && dest.destination)}`);
        continue;
      }
      const q = queue.inst;
      const sse = t.read('async-dlq', q, 'sqs_managed_sse_enabled') === true || t.read('async-dlq', q, 'kms_master_key_id');
      if (!sse) t.fail('async-dlq', t.loc(q), `${q.address}: the dead-letter queue must be encrypted (sqs_managed_sse_enabled or kms_master_key_id)`);
      lambda.dlq = q;
    }
  }
};

module.exports = { RULES, forBucket, stageName, allPolicies };
