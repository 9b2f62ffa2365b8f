'use strict';
// What a policy resource stands for, whether it is written as a reference to a resource of the
// module (${aws_lambda_alias.this["process"].arn}) or as an ARN built from names and the
// partition, region and account data sources (arn:${data.aws_partition.current.partition}:lambda:
// ...:function:filestore-process-dev:live). Both read as one canonical identity, so that rules can
// compare what the wiring expects with what a role grants:
//   lambda:function:NAME[:QUALIFIER]   a function, or one of its versions or aliases
//   ssm:parameter:PATH                 an SSM parameter (PATH without its leading slash)
// Anything else keeps its display text.
const { isUnknown } = require('./eval');

const PARTITION = String.raw`(?:aws|aws-cn|aws-us-gov|\$\{data\.aws_partition\.[A-Za-z0-9_-]+\.partition\})`;
const REGION = String.raw`(?:[a-z]{2}(?:-[a-z]+)+-\d|\$\{data\.aws_region\.[A-Za-z0-9_-]+\.(?:id|name|region)\})`;
const ACCOUNT = String.raw`(?:\d{12}|\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\})`;
const LAMBDA_ARN = new RegExp(`^arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$`);
const SSM_ARN = new RegExp(`^arn:${PARTITION}:ssm:${REGION}:${ACCOUNT}:parameter/?([A-Za-z0-9_.\\-/]+)$`);
const REF_ATTR = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?)\.([a-z_]+)\}$/;

function safe(f) {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** Builds (once per configuration) the canonicaliser of policy resources. */
async function identities(t) {
  if (t.identityCache) return t.identityCache;
  const byAddress = new Map();
  const functionNames = new Map();
  for (const fn of await t.instances('aws_lambda_function')) {
    const name = safe(() => t.get(fn, 'function_name'));
    if (typeof name === 'string') {
      functionNames.set(fn.address, name);
      byAddress.set(`${fn.address}.arn`, `lambda:function:${name}`);
    }
  }
  for (const alias of await t.instances('aws_lambda_alias')) {
    const fname = safe(() => t.get(alias, 'function_name'));
    const aname = safe(() => t.get(alias, 'name'));
    const m = isUnknown(fname) && fname.ref ? /^(.*)\.(function_name|arn)$/.exec(fname.ref) : null;
    const name = typeof fname === 'string' ? fname : m ? functionNames.get(m[1]) : undefined;
    if (typeof name === 'string' && typeof aname === 'string') byAddress.set(`${alias.address}.arn`, `lambda:function:${name}:${aname}`);
  }
  for (const p of await t.instances('aws_ssm_parameter')) {
    const name = safe(() => t.get(p, 'name'));
    if (typeof name === 'string') byAddress.set(`${p.address}.arn`, `ssm:parameter:${name.replace(/^\//, '')}`);
  }
  const canonical = (resource) => {
    const text = isUnknown(resource) ? resource.display : String(resource);
    const ref = REF_ATTR.exec(text);
    if (ref && byAddress.has(`${ref[1]}.${ref[2]}`)) return byAddress.get(`${ref[1]}.${ref[2]}`);
    let m = LAMBDA_ARN.exec(text);
    if (m) return `lambda:function:${m[1]}${m[2] ? `:${m[2]}` : ''}`;
    m = SSM_ARN.exec(text);
    if (m) return `ssm:parameter:${m[1]}`;
    return text;
  };
  t.identityCache = { canonical, functionNames };
  return t.identityCache;
}

/** The canonical identity of an SSM parameter by its full name. */
function parameterIdentity(name) {
  return `ssm:parameter:${String(name).replace(/^\//, '')}`;
}

module.exports = { identities, parameterIdentity };
