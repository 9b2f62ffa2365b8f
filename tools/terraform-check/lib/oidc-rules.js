'use strict';
// Rules for the roles GitHub Actions assumes through OIDC to plan and apply a workspace
// (terraform/github-oidc.tf), and for the permissions boundary of the roles the deploy role may
// write. The general policy rules (no-wildcard-actions, no-wildcard-resources, invoke-arns) are
// written for the functions' roles; the policies of web-identity roles and of boundaries are left
// to the rules here (ownedPolicies), which hold them to what they are for:
//   oidc-trust            whom such a role trusts: one repository, one GitHub environment
//   deploy-role-scope     what such a role may do: this environment's resources only, IAM within
//                         the boundary, the plan role read-only
//   permissions-boundary  every other role carries the boundary, which is itself scoped to this
//                         environment and still lets each function do what its wiring grants
const { isUnknown, displayOf, ok } = require('./eval');

const RULES = {};

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
const GITHUB_URL = `https://${GITHUB_ISSUER}`;
const AUDIENCE = 'sts.amazonaws.com';

// Actions AWS authorizes on "*" only (no resource-level permissions) that a plan's refresh or an
// apply of this module calls: the only actions a deploy or plan role may allow on "*". Keep it
// short: add one only when a resource type of the module needs it.
const NO_RESOURCE_LEVEL = new Set([
  'sts:GetCallerIdentity', // the backend's and aws_caller_identity's credential check
  'kms:ListAliases', // aws_kms_alias
  'ssm:DescribeParameters', // aws_ssm_parameter
  'logs:DescribeLogGroups', // aws_cloudwatch_log_group
]);

// Resources with no name to scope by that a workspace may still use, with the actions allowed on
// them: account-level singletons, and IDs AWS assigns to requests.
const ACCOUNT_LEVEL = [
  { what: "API Gateway's account settings", re: /^arn:[^:]+:apigateway:[^:]+::\/account$/, actions: /^apigateway:(GET|PATCH)$/i },
  { what: 'Route 53 changes (IDs Route 53 assigns)', re: /^arn:[^:]+:route53:::change\/\*$/, actions: /^route53:GetChange$/i },
];

// Log groups API Gateway writes to for every REST API of the account (its CloudWatch role serves
// them all): execution logs have names API Gateway fixes, access logs live under /aws/apigateway/.
const API_GATEWAY_LOG_GROUPS = /^arn:[^:]+:logs:[^:]+:[^:]+:log-group:(API-Gateway-Execution-Logs_\*|\/aws\/apigateway\/\*)$/;

// IAM writes that can grant permissions: allowed only with the iam:PermissionsBoundary condition.
const BOUNDED_IAM = new Set(['createrole', 'putrolepolicy', 'attachrolepolicy', 'putrolepermissionsboundary', 'deleterolepolicy', 'detachrolepolicy',
  'createuser', 'putuserpolicy', 'attachuserpolicy', 'putuserpermissionsboundary', 'deleteuserpolicy', 'detachuserpolicy']);
// IAM writes on roles that grant nothing.
const HARMLESS_IAM = new Set(['deleterole', 'tagrole', 'untagrole', 'updaterole', 'updateroledescription']);
// What the deploy role must be denied on the GitHub roles themselves.
const GITHUB_ROLE_CHANGES = ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRolePolicy', 'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:DeleteRole', 'iam:PassRole'];
const BOUNDARY_CHANGES = ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:SetDefaultPolicyVersion'];
// Verb families that reach too far to be granted as a family, by service: any IAM, STS, KMS or
// Organizations write; lambda:Create* (function URLs); logs:Put* (subscription filters copy logs
// elsewhere) and logs:Get* (the logs themselves); DynamoDB's item families (the users' data);
// cognito-idp:List* (ListUsers).
const FORBIDDEN_FAMILIES = {
  iam: /^(?!Get$|List$)/,
  sts: /./,
  organizations: /./,
  account: /./,
  kms: /^(?!Describe$|Get$|List$)/,
  lambda: /^Create$/,
  logs: /^(Put|Get)$/,
  dynamodb: /^(Get|Put|Delete|Update|Batch)$/,
  'cognito-idp': /^List$/,
};
const FAMILY = /^([a-z0-9-]+):(Get|List|Describe|Put|Create|Delete|Update|Tag|Untag|Batch)\*$/;
// The table's items are the users' data: Terraform never reads or writes them.
const ITEM_ACTIONS = /^dynamodb:(GetItem|BatchGetItem|Query|Scan|PutItem|UpdateItem|DeleteItem|BatchWriteItem|ConditionCheckItem|PartiQL[A-Za-z]*|GetRecords|GetShardIterator)$/i;
// Object data: allowed only in buckets whose objects the module itself manages (aws_s3_object).
const OBJECT_ACTIONS = /^s3:(\*|Get\*|Put\*|Delete\*|GetObject[A-Za-z]*|PutObject[A-Za-z]*|DeleteObject[A-Za-z]*|RestoreObject|ReplicateObject)$/i;
const READ = /^[a-z0-9-]+:(Get|List|Describe|Head|BatchGet)[A-Za-z]*\*?$/;
const READ_EXTRA = new Set(['apigateway:get', 's3:listbucket', 'sts:getcalleridentity', 'kms:decrypt']);

const INLINE_LIMIT = 10240; // characters of all inline policies of a role, whitespace excluded
const MANAGED_LIMIT = 6144; // characters of a managed policy, whitespace excluded

const PARTITION_TOKEN = /\$\{data\.aws_partition\.[A-Za-z0-9_-]+\.partition\}/g;
const REGION_TOKEN = /\$\{data\.aws_region\.[A-Za-z0-9_-]+\.(?:id|name|region)\}/g;
const ACCOUNT_TOKEN = /\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}/g;
const REFERENCE = /\$\{((?:data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+))(\[[^\]]*\])?\.([a-z_]+)\}/g;

function safe(f) {
  try {
    return f();
  } catch {
    return undefined;
  }
}

const text = (v) => (isUnknown(v) ? v.display : String(v));
const lower = (a) => String(a).toLowerCase();
const reEscape = (s) => String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Glob match of IAM patterns (* and ?), case-insensitive for actions. */
function globMatch(pattern, value, caseInsensitive = false) {
  const re = new RegExp(`^${String(pattern).split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : reEscape(c))).join('')}$`, caseInsensitive ? 'is' : 's');
  return re.test(String(value));
}

/** Partition, region and account data sources as plain placeholders, so that ARNs compare. */
function normalise(s) {
  return text(s).replace(PARTITION_TOKEN, 'aws').replace(REGION_TOKEN, 'REGION').replace(ACCOUNT_TOKEN, 'ACCOUNT');
}

/**
 * What the rules here know about one configuration: the web-identity roles with their trust and
 * policies, the other roles, the boundaries, and the policies these rules own.
 */
async function oidcFacts(t) {
  if (t.oidcFactsCache) return t.oidcFactsCache;
  const web = [];
  const others = [];
  for (const role of await t.instances('aws_iam_role')) {
    let trust = [];
    let trustError = null;
    try {
      trust = await t.policyStatements(t.get(role, 'assume_role_policy'));
    } catch (e) {
      trustError = e.message;
    }
    const isWeb = trust.some((s) => s.principals.some((p) => p.type === 'Federated') || s.actions.some((a) => typeof a === 'string' && /^sts:AssumeRoleWithWebIdentity$/i.test(a)));
    (isWeb ? web : others).push({ role, trust, trustError });
  }
  const rolePolicies = await t.instances('aws_iam_role_policy');
  const owned = new Set();
  for (const w of web) {
    w.sources = [];
    for (const p of rolePolicies) {
      const r = safe(() => t.get(p, 'role'));
      if (!(t.refersTo(r, w.role.address, 'id') || t.refersTo(r, w.role.address, 'name'))) continue;
      const value = safe(() => t.get(p, 'policy'));
      const doc = await t.referenced(value, 'json');
      owned.add(p.address);
      if (doc) owned.add(doc.inst.address);
      w.sources.push({ owner: p, value, where: t.loc(p, ['policy']), name: p.address });
    }
    for (const ip of safe(() => t.get(w.role, 'inline_policy')) || []) {
      const doc = await t.referenced(ip.policy, 'json');
      if (doc) owned.add(doc.inst.address);
      w.sources.push({ owner: w.role, value: ip.policy, where: t.loc(w.role, ['inline_policy']), name: `${w.role.address} inline_policy` });
    }
  }
  // Boundaries: the aws_iam_policy instances roles name as permissions_boundary.
  const boundaries = new Map();
  for (const { role } of [...web, ...others]) {
    const v = safe(() => t.get(role, 'permissions_boundary'));
    const ref = await t.referenced(v, 'arn');
    if (!ref || ref.inst.decl.type !== 'aws_iam_policy') continue;
    if (!boundaries.has(ref.inst.address)) {
      const value = safe(() => t.get(ref.inst, 'policy'));
      const doc = await t.referenced(value, 'json');
      owned.add(ref.inst.address);
      if (doc) owned.add(doc.inst.address);
      boundaries.set(ref.inst.address, { policy: ref.inst, value, roles: [] });
    }
    boundaries.get(ref.inst.address).roles.push(role);
  }
  // A document any other policy uses stays under the general rules.
  for (const [key, decl] of Object.entries(t.ctx.module.resources)) {
    if (!('policy' in decl.body)) continue;
    let instances = [];
    try {
      instances = await t.ctx.instances('resource', key);
    } catch {
      continue; // expansion failures are reported by known-for-each
    }
    for (const inst of instances) {
      if (owned.has(inst.address)) continue;
      const doc = await t.referenced(safe(() => t.get(inst, 'policy')), 'json');
      if (doc) owned.delete(doc.inst.address);
    }
  }
  t.oidcFactsCache = { web, others, boundaries, owned };
  return t.oidcFactsCache;
}

/** Addresses of the policies (documents and resources) judged by the rules of this file. */
async function ownedPolicies(t) {
  return (await oidcFacts(t)).owned;
}

/** Whether the GitHub deploy roles are on: enable_github_oidc, or any web-identity role. */
async function featureOn(t) {
  if (t.ctx.module.variables.enable_github_oidc) {
    try {
      if ((await t.ctx.variable('enable_github_oidc')) === true) return true;
    } catch {
      // reported by the evaluation rule
    }
  }
  return (await oidcFacts(t)).web.length > 0;
}

async function variableValue(t, name) {
  if (!t.ctx.module.variables[name]) return undefined;
  try {
    return await t.ctx.variable(name);
  } catch {
    return undefined;
  }
}

/** The environment and name prefix every scoped resource carries. */
async function scopeInfo(t) {
  if (t.oidcScopeCache) return t.oidcScopeCache;
  let env = t.ctx.workspace;
  if (t.ctx.module.locals.environment) {
    try {
      env = ok(await t.ctx.local('environment'));
    } catch {
      // the workspace
    }
  }
  const name = await variableValue(t, 'name');
  const bucket = await variableValue(t, 'terraform_state_bucket');
  const key = await variableValue(t, 'terraform_state_key');
  const state = typeof bucket === 'string' && typeof key === 'string'
    ? { bucket: `arn:aws:s3:::${bucket}`, object: `arn:aws:s3:::${bucket}/env:/${env}/${key}`, lock: `arn:aws:s3:::${bucket}/env:/${env}/${key}.tflock`, prefix: `env:/${env}/` }
    : null;
  const stateKey = await variableValue(t, 'terraform_state_kms_key_arn');
  const bucketKey = await variableValue(t, 'kms_key_arn');
  // The existing zone of the custom domains, and the domains whose records the module writes in it.
  const zoneId = await variableValue(t, 'hosted_zone_id');
  const domains = [];
  for (const v of ['domain_name', 'web_domain_name']) {
    const d = await variableValue(t, v);
    if (typeof d === 'string') domains.push(d.toLowerCase().replace(/\.$/, ''));
  }
  t.oidcScopeCache = {
    env,
    name: typeof name === 'string' ? name : null,
    state,
    stateKey: stateKey ? normalise(stateKey) : null,
    bucketKey: bucketKey ? normalise(bucketKey) : null,
    zone: typeof zoneId === 'string' ? `arn:aws:route53:::hostedzone/${zoneId}` : null,
    domains,
  };
  return t.oidcScopeCache;
}

/**
 * Whether a resource belongs to this environment: a resource of this module (a reference to one
 * of its managed resources, with no "*" before it), or an ARN whose resource part carries the
 * name prefix and then the environment as a whole name component (filestore-*-dev,
 * /filestore/dev/*), with no "*" before the name and none for region or account.
 */
function envScoped(t, info, resource) {
  const s = normalise(resource);
  const refs = [...s.matchAll(REFERENCE)];
  if (refs.some((m) => m[1].startsWith('data.') || !t.ctx.module.resources[m[1]])) return false;
  if (refs.length) return !s.slice(0, refs[0].index).includes('*');
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.*)$/s.exec(s);
  if (!m || /[*?]/.test(m[1] + m[2] + m[3] + m[4]) || !info.name) return false;
  const rest = m[5];
  const at = new RegExp(`${reEscape(info.name)}(?:[-/][^:]*?)?[-/]${reEscape(info.env)}(?=$|[:/])`).exec(rest);
  return !!at && !rest.slice(0, at.index).includes('*');
}

/** The statements of a role's policies, with where they come from; errors are reported under rule. */
async function roleStatements(t, w, rule) {
  const out = [];
  for (const src of w.sources) {
    try {
      const statements = await t.policyStatements(src.value);
      for (const s of statements) out.push({ ...s, where: s.where || src.where, sourceName: src.name });
    } catch (e) {
      t.fail(rule, src.where, `${src.name}: ${e.message}`);
    }
  }
  return out;
}

/** The GitHub environment a web-identity role trusts (the :sub values), and whether it is a plan environment. */
function trustedSubjects(w) {
  const subs = [];
  for (const s of w.trust) {
    for (const c of s.conditions) if (c.variable === `${GITHUB_ISSUER}:sub`) subs.push(...c.values.map(text));
  }
  return subs;
}

// ---------------------------------------------------------------------------------- oidc-trust

// Every role that trusts a web identity trusts only the module's (or the given) GitHub OIDC
// provider, with sts:AssumeRoleWithWebIdentity only, StringEquals on the audience sts.amazonaws.com
// and on exactly one subject: repo:<github_repository>:environment:<environment> (deploy) or
// ...:<environment>-plan (plan). A session lasts at most an hour.
RULES['oidc-trust'] = async (t) => {
  const { web } = await oidcFacts(t);
  const providers = await t.instances('aws_iam_openid_connect_provider');
  for (const p of providers) {
    const url = safe(() => t.get(p, 'url'));
    const clients = safe(() => t.get(p, 'client_id_list'));
    if (url !== GITHUB_URL) t.fail('oidc-trust', t.loc(p, ['url']), `${p.address}: url must be ${GITHUB_URL}, not ${displayOf(url)}`);
    if (!Array.isArray(clients) || clients.length !== 1 || clients[0] !== AUDIENCE) t.fail('oidc-trust', t.loc(p, ['client_id_list']), `${p.address}: client_id_list must be exactly ["${AUDIENCE}"] (the audience configure-aws-credentials asks for), not ${displayOf(clients)}`);
  }
  if (!web.length) return;
  const { env } = await scopeInfo(t);
  const repository = await variableValue(t, 'github_repository');
  const given = await variableValue(t, 'github_oidc_provider_arn');
  const providerOk = (id) => (typeof given === 'string' && text(id) === given)
    || providers.some((p) => t.refersTo(id, p.address, 'arn') && safe(() => t.get(p, 'url')) === GITHUB_URL);
  const expected = [`${env}`, `${env}-plan`].map((e) => `repo:${repository}:environment:${e}`);
  for (const { role, trust, trustError } of web) {
    const roleWhere = t.loc(role, ['assume_role_policy']);
    if (trustError) {
      t.fail('oidc-trust', roleWhere, `${role.address}.assume_role_policy: ${trustError}`);
      continue;
    }
    const duration = safe(() => t.get(role, 'max_session_duration'));
    if (duration !== undefined && duration !== null && !(typeof duration === 'number' && duration <= 3600)) {
      t.fail('oidc-trust', t.loc(role, ['max_session_duration']), `${role.address}: max_session_duration must be at most 3600 (one hour), not ${displayOf(duration)}`);
    }
    for (const s of trust) {
      const where = s.where || roleWhere;
      const name = `${role.address} trust statement ${s.sid || s.index}`;
      if (s.effect !== 'Allow') continue;
      if (s.notActions.length || s.notPrincipals.length) t.fail('oidc-trust', where, `${name} uses not_actions or not_principals`);
      const actions = s.actions.map(text);
      if (actions.length !== 1 || actions[0] !== 'sts:AssumeRoleWithWebIdentity') t.fail('oidc-trust', where, `${name} must allow sts:AssumeRoleWithWebIdentity only, not ${actions.join(', ')}`);
      for (const p of s.principals) {
        if (p.type !== 'Federated') {
          t.fail('oidc-trust', where, `${name} trusts ${p.type} ${displayOf(p.identifiers)}: a web-identity role trusts the GitHub OIDC provider only`);
          continue;
        }
        for (const id of p.identifiers) {
          if (!providerOk(id)) t.fail('oidc-trust', where, `${name} trusts the identity provider ${text(id)}, which is neither this module's GitHub OIDC provider (${GITHUB_URL}) nor github_oidc_provider_arn`);
        }
      }
      if (!s.principals.length) t.fail('oidc-trust', where, `${name} names no principal`);
      const conditions = s.conditions;
      for (const c of conditions) {
        if (c.test !== 'StringEquals') t.fail('oidc-trust', where, `${name}: condition ${c.test} on ${c.variable}; only StringEquals pins a subject (StringLike and ForAnyValue match more than one)`);
        else if (!String(c.variable).startsWith(`${GITHUB_ISSUER}:`)) t.fail('oidc-trust', where, `${name}: condition on ${c.variable}, which is not a claim of GitHub's token`);
      }
      const aud = conditions.filter((c) => c.variable === `${GITHUB_ISSUER}:aud`);
      const audValues = aud.flatMap((c) => c.values.map(text));
      if (!aud.length) t.fail('oidc-trust', where, `${name} does not check the audience (StringEquals ${GITHUB_ISSUER}:aud = ${AUDIENCE})`);
      else if (audValues.length !== 1 || audValues[0] !== AUDIENCE) t.fail('oidc-trust', where, `${name}: the audience must be exactly ${AUDIENCE}, not ${displayOf(audValues)}`);
      const sub = conditions.filter((c) => c.variable === `${GITHUB_ISSUER}:sub`);
      const subValues = sub.flatMap((c) => c.values.map(text));
      if (!sub.length) {
        t.fail('oidc-trust', where, `${name} does not pin the subject (StringEquals ${GITHUB_ISSUER}:sub = repo:<github_repository>:environment:<environment>): any repository's workflow could assume it`);
        continue;
      }
      if (subValues.length !== 1) t.fail('oidc-trust', where, `${name} trusts ${subValues.length} subjects ${displayOf(subValues)}; exactly one GitHub environment may assume a role`);
      for (const v of subValues) {
        const problem = subjectProblem(v, { repository, env, expected });
        if (problem) t.fail('oidc-trust', where, `${name}: subject ${v} ${problem}`);
      }
    }
  }
};

function subjectProblem(v, { repository, env, expected }) {
  if (/[*?]/.test(v)) return 'has a wildcard';
  if (typeof repository !== 'string' || !repository) return 'cannot be checked: github_repository is not set (enable_github_oidc needs it)';
  if (expected.includes(v)) return null;
  const m = /^repo:([^:]+):(.*)$/.exec(v);
  if (!m) return `is not a GitHub subject (expected ${expected.join(' or ')})`;
  if (m[1] !== repository) return `is another repository's (expected repo:${repository}:...)`;
  const kind = /^([a-z_]+):/.exec(m[2]);
  if (!kind || kind[1] !== 'environment') return `names a ${kind ? kind[1].replace('_', ' ') : 'subject'} instead of a GitHub environment (a branch or tag has no required reviewers; expected ${expected.join(' or ')})`;
  return `is another environment's (expected ${expected.join(' or ')}, the GitHub environments of the ${env} workspace)`;
}

// ---------------------------------------------------------------------------- deploy-role-scope

// What a web-identity role may do. Allow statements name only this environment's resources (see
// envScoped), the workspace's state and lock objects, the state key, account-level singletons
// with their actions, or "*" for actions without resource-level permissions (NO_RESOURCE_LEVEL);
// actions are exact or whole verb families (service:Get*), never "*" or "service:*"; IAM writes
// that can grant anything carry iam:PermissionsBoundary = the boundary, iam:PassRole carries
// iam:PassedToService, lambda:AddPermission carries lambda:Principal; a role that writes IAM is
// denied removing boundaries, changing the boundary policy, and changing the web-identity roles
// themselves; a role trusted by a <environment>-plan subject reads only (and writes the state's
// lock); no managed policy is attached; the inline policies fit IAM's size limit.
RULES['deploy-role-scope'] = async (t) => {
  const facts = await oidcFacts(t);
  if (!facts.web.length) return;
  const info = await scopeInfo(t);
  const boundaryArns = [...facts.boundaries.values()].filter((b) => b.roles.some((r) => facts.others.some((o) => o.role === r))).map((b) => `\${${b.policy.address}.arn}`);
  const resolve = await arnResolver(t);
  const dataBuckets = await userDataBuckets(t);
  const attachments = [...(await t.instances('aws_iam_role_policy_attachment')), ...(await t.instances('aws_iam_policy_attachment'))];
  for (const w of facts.web) {
    const role = w.role;
    const plan = trustedSubjects(w).some((s) => s.endsWith(`:environment:${info.env}-plan`));
    const label = `${role.address}${plan ? ` (trusted by the GitHub environment ${info.env}-plan, which has no reviewers)` : ''}`;
    for (const a of attachments) {
      const r = safe(() => t.get(a, 'role'));
      const rs = safe(() => t.get(a, 'roles')) || [];
      if ([r, ...(Array.isArray(rs) ? rs : [])].some((v) => t.refersTo(v, role.address, 'name') || t.refersTo(v, role.address, 'id'))) {
        t.fail('deploy-role-scope', t.loc(a), `${a.address} attaches a managed policy to ${role.address}; its permissions are inline policy documents only`);
      }
    }
    const managed = safe(() => t.get(role, 'managed_policy_arns'));
    if (Array.isArray(managed) && managed.length) t.fail('deploy-role-scope', t.loc(role, ['managed_policy_arns']), `${role.address}: managed_policy_arns attaches ${displayOf(managed)}; its permissions are inline policy documents only`);
    if (!w.sources.length) continue;
    const statements = await roleStatements(t, w, 'deploy-role-scope');
    let writesIam = false;
    for (const s of statements) {
      const name = `${s.source === 'policy' ? s.sourceName : s.source} statement ${s.sid || s.index}`;
      if (s.effect !== 'Allow') continue;
      if (s.notActions.length) t.fail('deploy-role-scope', s.where, `${name} uses not_actions (allows everything else)`);
      if (s.notResources.length) t.fail('deploy-role-scope', s.where, `${name} uses not_resources`);
      const actions = s.actions.map(text);
      const resources = (s.resources || []).map(normalise);
      if (!s.resources || !s.resources.length) t.fail('deploy-role-scope', s.where, `${name} names no resource`);
      for (const a of actions) {
        const service = a.split(':')[0];
        if (a === '*' || /^[a-z0-9-]+:\*$/i.test(a)) t.fail('deploy-role-scope', s.where, `${name} allows ${a}; list the actions (or whole verb families such as ${service === '*' ? 's3' : service}:Get*)`);
        else if (a.includes('*') || a.includes('?')) {
          const f = FAMILY.exec(a);
          if (!f) t.fail('deploy-role-scope', s.where, `${name} allows ${a}, which is not a whole verb family (service:Get*, service:List*, service:Describe*, ...)`);
          else if (FORBIDDEN_FAMILIES[f[1]] && FORBIDDEN_FAMILIES[f[1]].test(f[2])) t.fail('deploy-role-scope', s.where, `${name} allows ${a}: that family reaches beyond what Terraform needs (see FORBIDDEN_FAMILIES); list the actions one by one`);
        }
        if (ITEM_ACTIONS.test(a)) t.fail('deploy-role-scope', s.where, `${name} allows ${a}: the table's items are the users' data, which Terraform never reads or writes`);
      }
      for (const r of resources) {
        const bucket = /^arn:[^:]+:s3:::([^/]+)\/./.exec(resolve(r));
        const objectActions = actions.filter((a) => OBJECT_ACTIONS.test(a));
        if (bucket && objectActions.length && dataBuckets.has(bucket[1])) {
          t.fail('deploy-role-scope', s.where, `${name} allows ${objectActions.join(', ')} on ${r}: the objects of ${dataBuckets.get(bucket[1])} are the users' files, which Terraform never reads or writes`);
        }
      }
      // Resources
      for (const r of resources) {
        const what = resourceKind(t, info, r, actions);
        if (what.kind === 'zone' && actions.some((a) => /^route53:ChangeResourceRecordSets$/i.test(a))) {
          const names = s.conditions.filter((c) => /^ForAllValues:String(Equals|Like)$/.test(c.test) && c.variable === 'route53:ChangeResourceRecordSetsNormalizedRecordNames').flatMap((c) => c.values.map((v) => lower(text(v))));
          const outside = names.filter((v) => !info.domains.some((d) => v === d || v.endsWith(`.${d}`)));
          if (!names.length) t.fail('deploy-role-scope', s.where, `${name} changes records in ${r} without a ForAllValues:StringEquals (or StringLike) route53:ChangeResourceRecordSetsNormalizedRecordNames condition: the zone holds other names`);
          else if (outside.length) t.fail('deploy-role-scope', s.where, `${name} may change the records ${outside.join(', ')}, which are not this environment's domains (${info.domains.join(', ') || 'none'}) or under them`);
        }
        if (what.error) t.fail('deploy-role-scope', s.where, `${name} allows ${actions.join(', ')} on ${r}: ${what.error}`);
        if (what.kind === 'state-bucket') {
          const prefixes = s.conditions.filter((c) => c.test === 'StringEquals' && c.variable === 's3:prefix').flatMap((c) => c.values.map(text));
          const bad = prefixes.filter((p) => p !== 'env:/' && !p.startsWith(info.state.prefix));
          if (!prefixes.length) t.fail('deploy-role-scope', s.where, `${name} lists the state bucket without a StringEquals s3:prefix condition (env:/ and ${info.state.prefix}...)`);
          else if (bad.length) t.fail('deploy-role-scope', s.where, `${name} lists the state bucket under ${bad.join(', ')}, outside this workspace's ${info.state.prefix}`);
        }
      }
      // IAM and invocation permissions
      for (const a of actions) {
        const m = /^iam:(.+)$/i.exec(a);
        if (m && !/^(get|list)/i.test(m[1])) {
          writesIam = true;
          const act = m[1].toLowerCase();
          if (BOUNDED_IAM.has(act)) {
            const values = s.conditions.filter((c) => c.test === 'StringEquals' && c.variable === 'iam:PermissionsBoundary').flatMap((c) => c.values.map(text));
            if (!values.length) t.fail('deploy-role-scope', s.where, `${name} allows ${a} without the condition iam:PermissionsBoundary = the permissions boundary: it could grant itself anything`);
            else if (!boundaryArns.length || values.some((v) => !boundaryArns.includes(v))) t.fail('deploy-role-scope', s.where, `${name}: iam:PermissionsBoundary must be the boundary the functions' roles carry (${boundaryArns.join(', ') || 'none: see permissions-boundary'}), not ${displayOf(values)}`);
          } else if (act === 'passrole') {
            const services = s.conditions.filter((c) => c.test === 'StringEquals' && c.variable === 'iam:PassedToService').flatMap((c) => c.values.map(text));
            if (!services.length) t.fail('deploy-role-scope', s.where, `${name} allows iam:PassRole without the condition iam:PassedToService (the services the roles are for)`);
            else if (services.some((v) => /[*?]/.test(v))) t.fail('deploy-role-scope', s.where, `${name}: iam:PassedToService must name services, not ${displayOf(services)}`);
          } else if (!HARMLESS_IAM.has(act)) {
            t.fail('deploy-role-scope', s.where, `${name} allows ${a}, an IAM write outside the permissions boundary's control (only role writes bounded by iam:PermissionsBoundary, iam:PassRole, and DeleteRole, TagRole, UntagRole, UpdateRole, UpdateRoleDescription)`);
          }
        }
        if (/^lambda:AddPermission$/i.test(a) && !s.conditions.some((c) => c.test === 'StringEquals' && c.variable === 'lambda:Principal' && c.values.length && c.values.every((v) => !/[*?]/.test(text(v))))) {
          t.fail('deploy-role-scope', s.where, `${name} allows lambda:AddPermission without the condition lambda:Principal (the trigger services): it could open a function to anyone`);
        }
      }
      // The plan role reads: it runs in a GitHub environment without reviewers.
      if (plan) {
        for (const a of actions) {
          if (READ.test(a) || READ_EXTRA.has(lower(a))) continue;
          const lockOnly = info.state && resources.every((r) => r === info.state.lock) && /^s3:(PutObject|DeleteObject)$/i.test(a);
          const stateKey = info.stateKey && resources.every((r) => r === info.stateKey) && /^kms:GenerateDataKey$/i.test(a);
          if (!lockOnly && !stateKey) t.fail('deploy-role-scope', s.where, `${name}: ${label} may only read (and take the state lock), but it allows ${a}`);
        }
      }
    }
    if (writesIam) requireDenies(t, facts, w, statements, boundaryArns);
    const size = estimateSize(statements);
    if (size > INLINE_LIMIT) t.fail('deploy-role-scope', w.sources[0].where, `${role.address}: its inline policies come to about ${size} characters without whitespace; IAM accepts ${INLINE_LIMIT} per role`);
  }
};

/** Where a resource of a deploy or plan role's Allow statement belongs, or why it may not be named. */
function resourceKind(t, info, r, actions) {
  if (r === '*') {
    const other = actions.filter((a) => !NO_RESOURCE_LEVEL.has(a));
    return other.length ? { error: `"*" is only for actions without resource-level permissions (${[...NO_RESOURCE_LEVEL].join(', ')}), not ${other.join(', ')}` } : { kind: 'star' };
  }
  if (info.state) {
    if (r === info.state.bucket) return actions.every((a) => /^s3:ListBucket$/i.test(a)) ? { kind: 'state-bucket' } : { error: 'only s3:ListBucket (with an s3:prefix condition) on the state bucket itself' };
    if (r === info.state.object || r === info.state.lock) return actions.every((a) => /^s3:(GetObject|PutObject|DeleteObject)$/i.test(a)) ? { kind: 'state' } : { error: 'only s3:GetObject, s3:PutObject and s3:DeleteObject on the state and its lock' };
    if (r.startsWith(`${info.state.bucket}/`)) return { error: `the state bucket holds other workspaces' states: name ${info.state.object} and its .tflock only` };
  }
  if (info.zone && r === info.zone) {
    return actions.every((a) => /^route53:(GetHostedZone|ListResourceRecordSets|ListTagsForResource|ChangeResourceRecordSets)$/i.test(a)) ? { kind: 'zone' } : { error: 'the shared hosted zone: only reading it and changing this environment\'s records' };
  }
  if (info.stateKey && r === info.stateKey) return actions.every((a) => /^kms:(Decrypt|GenerateDataKey|Encrypt)$/i.test(a)) ? { kind: 'state-key' } : { error: 'only kms:Decrypt and kms:GenerateDataKey on the state key' };
  for (const level of ACCOUNT_LEVEL) {
    if (level.re.test(r)) return actions.every((a) => level.actions.test(a)) ? { kind: 'account' } : { error: `${level.what}: only ${level.actions.source}` };
  }
  if (envScoped(t, info, r)) return { kind: 'env' };
  return { error: `not this environment's (a name ${info.name || '<name>'}-...-${info.env} or path /${info.name || '<name>'}/${info.env}/, a resource of this module, or the workspace's state)` };
}

/**
 * The buckets of the module whose objects are users' data: every aws_s3_bucket whose objects the
 * module does not manage itself (no aws_s3_object in it), by bucket name (placeholders normalised).
 */
async function userDataBuckets(t) {
  const managed = new Set();
  for (const o of await t.instances('aws_s3_object')) {
    const ref = await t.referenced(safe(() => t.get(o, 'bucket')));
    if (ref) managed.add(ref.inst.address);
  }
  const out = new Map();
  for (const b of await t.instances('aws_s3_bucket')) {
    if (managed.has(b.address)) continue;
    const name = safe(() => t.get(b, 'bucket'));
    if (typeof name === 'string' || isUnknown(name)) out.set(normalise(name), b.address);
  }
  return out;
}

/** A role that writes IAM must be denied removing boundaries, changing them, and changing the web-identity roles. */
function requireDenies(t, facts, w, statements, boundaryArns) {
  const denies = statements.filter((s) => s.effect === 'Deny');
  const covers = (s, action) => s.actions.some((p) => globMatch(text(p), action, true));
  const anchor = w.sources[0].where;
  const resourceIs = (s, test) => (s.resources || []).some((r) => text(r) === '*' || test(text(r)));
  if (!denies.some((s) => covers(s, 'iam:DeleteRolePermissionsBoundary') && (s.resources || []).some((r) => text(r) === '*' || /:role\//.test(text(r))))) {
    t.fail('deploy-role-scope', anchor, `${w.role.address} writes IAM but is not denied iam:DeleteRolePermissionsBoundary: it could lift the boundary off a role`);
  }
  for (const action of BOUNDARY_CHANGES) {
    if (!denies.some((s) => covers(s, action) && resourceIs(s, (r) => boundaryArns.includes(r)))) {
      t.fail('deploy-role-scope', anchor, `${w.role.address} writes IAM but is not denied ${action} on the permissions boundary (${boundaryArns.join(', ') || 'none'}): it could widen the boundary`);
    }
  }
  for (const other of facts.web) {
    const roleName = safe(() => t.get(other.role, 'name'));
    const isRole = (r) => r === `\${${other.role.address}.arn}` || (typeof roleName === 'string' && normalise(r).endsWith(`:role/${roleName}`));
    const missing = GITHUB_ROLE_CHANGES.filter((action) => !denies.some((s) => covers(s, action) && resourceIs(s, isRole)));
    if (missing.length) t.fail('deploy-role-scope', anchor, `${w.role.address} writes IAM but is not denied ${missing.join(', ')} on ${other.role.address}: it could change a GitHub role's own permissions or trust`);
  }
}

/** About how many characters IAM counts for a set of statements (whitespace excluded). */
function estimateSize(statements) {
  const sized = (v) => text(v).replace(PARTITION_TOKEN, 'aws').replace(REGION_TOKEN, 'ap-southeast-2').replace(ACCOUNT_TOKEN, '123456789012')
    .replace(/\$\{[^}]*\.arn\}/g, 'x'.repeat(90)).replace(/\$\{[^}]*\.id\}/g, 'x'.repeat(26)).replace(/\$\{[^}]*\}/g, 'x'.repeat(60));
  const one = (list) => (list.length === 1 ? list[0] : list);
  const doc = {
    Version: '2012-10-17',
    Statement: statements.map((s) => {
      const o = { Sid: s.sid || undefined, Effect: s.effect, Action: one(s.actions.map(sized)), Resource: one((s.resources || []).map(sized)) };
      if (s.conditions.length) {
        o.Condition = {};
        for (const c of s.conditions) o.Condition[c.test] = { ...(o.Condition[c.test] || {}), [c.variable]: one(c.values.map(sized)) };
      }
      return o;
    }),
  };
  return JSON.stringify(doc).replace(/\s/g, '').length;
}

// ------------------------------------------------------------------------- permissions-boundary

// With the GitHub deploy roles on, every other role of the module (the functions' roles and API
// Gateway's CloudWatch role, all of which the deploy role writes) carries one permissions boundary,
// an aws_iam_policy of the module. The boundary lists exact actions, never IAM, STS or
// Organizations; names this environment's resources (or "*" for X-Ray, a key only through an
// encryption context naming this environment's resources, the bucket key, API Gateway's log
// groups for its CloudWatch role); fits a managed policy; and allows everything each function's
// role is granted, or the function would be denied at run time.
RULES['permissions-boundary'] = async (t, facts) => {
  if (!(await featureOn(t))) return;
  const oidc = await oidcFacts(t);
  const info = await scopeInfo(t);
  const boundaryOf = new Map();
  for (const { role } of oidc.others) {
    const v = safe(() => t.get(role, 'permissions_boundary'));
    const ref = await t.referenced(v, 'arn');
    if (v === undefined || v === null) {
      t.fail('permissions-boundary', t.loc(role), `${role.address} has no permissions_boundary: with the GitHub deploy roles, every role they may write needs the boundary (the deploy role may write ${role.address}'s policies)`);
    } else if (!ref || ref.inst.decl.type !== 'aws_iam_policy') {
      t.fail('permissions-boundary', t.loc(role, ['permissions_boundary']), `${role.address}: permissions_boundary must be the boundary policy of this module, not ${displayOf(v)}`);
    } else {
      boundaryOf.set(role.address, ref.inst.address);
    }
  }
  const used = [...new Set(boundaryOf.values())];
  if (used.length > 1) {
    const [first] = oidc.others.filter((o) => boundaryOf.get(o.role.address) !== used[0]);
    t.fail('permissions-boundary', t.loc(first.role, ['permissions_boundary']), `the roles carry different boundaries (${used.join(', ')}); the deploy role's iam:PermissionsBoundary condition names one`);
  }
  for (const address of used) {
    const b = oidc.boundaries.get(address);
    const where = t.loc(b.policy, ['policy']);
    let statements;
    try {
      statements = await t.policyStatements(b.value);
    } catch (e) {
      t.fail('permissions-boundary', where, `${address}.policy: ${e.message}`);
      continue;
    }
    const size = estimateSize(statements);
    if (size > MANAGED_LIMIT) t.fail('permissions-boundary', where, `${address}: about ${size} characters without whitespace; a managed policy holds ${MANAGED_LIMIT}`);
    const allows = statements.filter((s) => s.effect === 'Allow');
    for (const s of allows) {
      const name = `${address} statement ${s.sid || s.index}`;
      const at = s.where || where;
      if (s.notActions.length || s.notResources.length) t.fail('permissions-boundary', at, `${name} uses not_actions or not_resources`);
      const actions = s.actions.map(text);
      for (const a of actions) {
        if (/[*?]/.test(a)) t.fail('permissions-boundary', at, `${name} allows ${a}; a boundary lists exact actions`);
        if (/^(iam|sts|organizations|account):/i.test(a)) t.fail('permissions-boundary', at, `${name} allows ${a}: a bounded role must not write IAM or assume roles`);
      }
      for (const r of (s.resources || []).map(normalise)) {
        if (r === '*') {
          if (!actions.every((a) => /^xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)$/.test(a))) t.fail('permissions-boundary', at, `${name} allows ${actions.join(', ')} on "*"; only X-Ray actions may use "*"`);
        } else if (/^arn:[^:]+:kms:[^:]+:[^:]+:key\/\*$/.test(r)) {
          const pins = s.conditions.filter((c) => c.test === 'StringEquals' && /^kms:(EncryptionContext:.+|ResourceAliases)$/.test(c.variable));
          if (!pins.length || pins.some((c) => !c.values.length || c.values.some((v) => !envScoped(t, info, v) && !/^alias\//.test(text(v))))) {
            t.fail('permissions-boundary', at, `${name} allows ${actions.join(', ')} on every key (${r}) without a StringEquals kms:EncryptionContext condition naming this environment's resource`);
          }
        } else if (API_GATEWAY_LOG_GROUPS.test(r)) {
          if (!actions.every((a) => /^logs:/.test(a))) t.fail('permissions-boundary', at, `${name}: API Gateway's log groups are for logs actions only, not ${actions.join(', ')}`);
        } else if (!(info.bucketKey && r === info.bucketKey) && !envScoped(t, info, r)) {
          t.fail('permissions-boundary', at, `${name} allows ${actions.join(', ')} on ${r}, which is not this environment's`);
        }
      }
    }
    await checkCoverage(t, facts, allows, b, where);
  }
};

/** Every (action, resource) a wiring function's role is granted is inside the boundary. */
async function checkCoverage(t, facts, allows, boundary, where) {
  const resolve = await arnResolver(t);
  const patterns = allows.map((s) => ({ actions: s.actions.map(text), resources: (s.resources || []).map((r) => resolve(r)) }));
  const rolePolicies = await t.instances('aws_iam_role_policy');
  for (const lambda of Object.values(facts.lambdas || {})) {
    if (!lambda) continue;
    const roleRef = await t.referenced(safe(() => t.get(lambda.fn, 'role')), 'arn');
    if (!roleRef || !boundary.roles.some((r) => r.address === roleRef.inst.address)) continue;
    const role = roleRef.inst;
    for (const p of rolePolicies) {
      const r = safe(() => t.get(p, 'role'));
      if (!(t.refersTo(r, role.address, 'id') || t.refersTo(r, role.address, 'name'))) continue;
      let statements;
      try {
        statements = await t.policyStatements(safe(() => t.get(p, 'policy')));
      } catch {
        continue; // iam-permissions reports it
      }
      for (const s of statements.filter((x) => x.effect === 'Allow')) {
        for (const action of s.actions.map(text)) {
          for (const resource of s.resources || []) {
            const arn = resolve(resource);
            const inside = patterns.some((b) => b.actions.some((a) => globMatch(a, action, true)) && b.resources.some((br) => globMatch(br, arn)));
            if (!inside) t.fail('permissions-boundary', where, `${boundary.policy.address} does not allow ${action} on ${arn}, which ${role.address} (${lambda.key}) is granted: the function would be denied`);
          }
        }
      }
    }
  }
}

/**
 * Turns a policy resource into the ARN it stands for, with the partition, region and account as
 * placeholders: a reference to a resource's arn becomes the ARN built from its name, a reference
 * to its name (or bucket, function_name) the name, so that a boundary built from names compares
 * with roles granted on references.
 */
async function arnResolver(t) {
  const byRef = new Map();
  const prefix = (service) => `arn:aws:${service}:REGION:ACCOUNT:`;
  const add = (inst, attrs) => {
    for (const [attr, v] of Object.entries(attrs)) if (typeof v === 'string') byRef.set(`${inst.address}.${attr}`, normalise(v));
  };
  // Names may hold the account (the bucket's): their display, placeholders included.
  const nameOf = (inst, arg = 'name') => {
    const v = safe(() => t.get(inst, arg));
    return typeof v === 'string' || isUnknown(v) ? text(v) : undefined;
  };
  for (const inst of await t.instances('aws_dynamodb_table')) add(inst, { name: nameOf(inst), arn: nameOf(inst) && `${prefix('dynamodb')}table/${nameOf(inst)}` });
  for (const inst of await t.instances('aws_s3_bucket')) add(inst, { bucket: nameOf(inst, 'bucket'), id: nameOf(inst, 'bucket'), arn: nameOf(inst, 'bucket') && `arn:aws:s3:::${nameOf(inst, 'bucket')}` });
  for (const inst of await t.instances('aws_sns_topic')) add(inst, { name: nameOf(inst), arn: nameOf(inst) && `${prefix('sns')}${nameOf(inst)}` });
  for (const inst of await t.instances('aws_sqs_queue')) add(inst, { name: nameOf(inst), arn: nameOf(inst) && `${prefix('sqs')}${nameOf(inst)}` });
  for (const inst of await t.instances('aws_cloudwatch_log_group')) add(inst, { name: nameOf(inst), arn: nameOf(inst) && `${prefix('logs')}log-group:${nameOf(inst)}` });
  for (const inst of await t.instances('aws_ssm_parameter')) add(inst, { name: nameOf(inst), arn: nameOf(inst) && `${prefix('ssm')}parameter${nameOf(inst)}` });
  for (const inst of await t.instances('aws_lambda_function')) add(inst, { function_name: nameOf(inst, 'function_name'), arn: nameOf(inst, 'function_name') && `${prefix('lambda')}function:${nameOf(inst, 'function_name')}` });
  for (const inst of await t.instances('aws_kms_key')) add(inst, { arn: `${prefix('kms')}key/KEY-ID`, key_id: 'KEY-ID' });
  return (resource) => normalise(resource).replace(REFERENCE, (m, base, type, name, index, attr) => byRef.get(`${base}${index || ''}.${attr}`) || m);
}

module.exports = { RULES, ownedPolicies, featureOn, oidcFacts, estimateSize };
