'use strict';
// Rules of the web client's hosting and of the custom domains: CloudFront only over HTTPS, TLS 1.2
// or later wherever the module can choose it, a private origin bucket read through an origin
// access control, security headers on every response, and CORS rules that let the hosted client
// call the API and the files bucket.
const { isUnknown, displayOf } = require('./eval');
const { forBucket } = require('./policy-rules');

const RULES = {};

const HTTPS_POLICIES = ['redirect-to-https', 'https-only'];

/** The default and ordered cache behaviours of a distribution, with their argument paths. */
function behaviours(t, rule, dist) {
  const out = [];
  (t.read(rule, dist, 'default_cache_behavior') || []).forEach((b, i) => out.push({ b, path: ['default_cache_behavior'], name: 'default_cache_behavior', i }));
  (t.read(rule, dist, 'ordered_cache_behavior') || []).forEach((b, i) => out.push({ b, path: ['ordered_cache_behavior'], name: `ordered_cache_behavior[${i}] (${displayOf(b.path_pattern)})`, i }));
  return out;
}

const text = (v) => (isUnknown(v) ? v.display : v);

RULES['cloudfront-https'] = async (t) => {
  for (const dist of await t.instances('aws_cloudfront_distribution')) {
    const list = behaviours(t, 'cloudfront-https', dist);
    if (!list.some((x) => x.name === 'default_cache_behavior')) t.fail('cloudfront-https', t.loc(dist), `${dist.address} has no default_cache_behavior`);
    for (const { b, path, name } of list) {
      if (!HTTPS_POLICIES.includes(b.viewer_protocol_policy)) {
        t.fail('cloudfront-https', t.loc(dist, [...path, 'viewer_protocol_policy']), `${dist.address}: ${name}.viewer_protocol_policy must be "redirect-to-https" or "https-only", not ${displayOf(b.viewer_protocol_policy)}`);
      }
    }
  }
};

// API Gateway: TLS_1_2, or an enhanced policy whose minimum is TLS 1.2 or 1.3.
const API_POLICIES = /^(TLS_1_2|SecurityPolicy_TLS1[23]_.+)$/;
// CloudFront with a custom certificate: TLSv1.2_2019 and every later policy.
const CLOUDFRONT_POLICIES = ['TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

RULES['tls-minimum'] = async (t) => {
  for (const domain of [...(await t.instances('aws_api_gateway_domain_name')), ...(await t.instances('aws_api_gateway_domain_name_v2'))]) {
    const policy = t.read('tls-minimum', domain, 'security_policy');
    if (typeof policy !== 'string' || !API_POLICIES.test(policy)) {
      t.fail('tls-minimum', t.loc(domain, ['security_policy']), `${domain.address}: security_policy must be "TLS_1_2" (or a SecurityPolicy_TLS13_* policy), not ${displayOf(policy)} (API Gateway's default accepts TLS 1.0)`);
    }
  }
  for (const dist of await t.instances('aws_cloudfront_distribution')) {
    const cert = (t.read('tls-minimum', dist, 'viewer_certificate') || [])[0];
    if (!cert) {
      t.fail('tls-minimum', t.loc(dist), `${dist.address} has no viewer_certificate`);
      continue;
    }
    const custom = [cert.acm_certificate_arn, cert.iam_certificate_id].some((v) => v !== undefined && v !== null && v !== '');
    if (custom) {
      if (!CLOUDFRONT_POLICIES.includes(cert.minimum_protocol_version)) {
        t.fail('tls-minimum', t.loc(dist, ['viewer_certificate', 'minimum_protocol_version']), `${dist.address}: with a custom certificate, viewer_certificate.minimum_protocol_version must be TLSv1.2_2019 or newer (${CLOUDFRONT_POLICIES.join(', ')}), not ${displayOf(cert.minimum_protocol_version)}`);
      }
      if (cert.cloudfront_default_certificate === true) t.fail('tls-minimum', t.loc(dist, ['viewer_certificate', 'cloudfront_default_certificate']), `${dist.address}: viewer_certificate sets both a custom certificate and cloudfront_default_certificate`);
    } else if (cert.cloudfront_default_certificate !== true) {
      t.fail('tls-minimum', t.loc(dist, ['viewer_certificate']), `${dist.address}: viewer_certificate has neither an ACM certificate nor cloudfront_default_certificate = true`);
    }
  }
};

/** Whether a policy statement grants to everyone: principal "*" or AWS "*". */
function publicPrincipal(s) {
  return s.principals.some((p) => p.type === '*' || (p.identifiers || []).some((id) => text(id) === '*'));
}

RULES['web-origin-private'] = async (t) => {
  const distributions = await t.instances('aws_cloudfront_distribution');
  const buckets = await t.instances('aws_s3_bucket');
  const originBuckets = new Map(); // address -> bucket instance
  for (const dist of distributions) {
    for (const [i, origin] of (t.read('web-origin-private', dist, 'origin') || []).entries()) {
      const where = t.loc(dist, ['origin', 'domain_name']);
      const domain = text(origin.domain_name);
      const bucket = buckets.find((b) => [`\${${b.address}.bucket_regional_domain_name}`, `\${${b.address}.bucket_domain_name}`].includes(domain));
      const website = typeof domain === 'string' && /\.website_(endpoint|domain)\}|aws_s3_bucket_website_configuration\.|s3-website[.-]/.test(domain);
      if (website) {
        t.fail('web-origin-private', where, `${dist.address}: origin ${i} is an S3 website endpoint (${domain}); use the bucket's REST endpoint (bucket_regional_domain_name) with an origin access control`);
        continue;
      }
      const s3Like = bucket || /\.s3[.-]/.test(String(domain));
      if (!s3Like) continue;
      if (origin.custom_origin_config && origin.custom_origin_config.length) t.fail('web-origin-private', t.loc(dist, ['origin', 'custom_origin_config']), `${dist.address}: origin ${i} reads an S3 bucket through custom_origin_config; use an S3 origin with an origin access control`);
      const oai = ((origin.s3_origin_config || [])[0] || {}).origin_access_identity;
      if (oai !== undefined && oai !== null && oai !== '') t.fail('web-origin-private', t.loc(dist, ['origin', 's3_origin_config']), `${dist.address}: origin ${i} uses a legacy origin access identity; use origin_access_control_id`);
      const oacRef = await t.referenced(origin.origin_access_control_id, 'id');
      const oac = oacRef && oacRef.inst.decl.type === 'aws_cloudfront_origin_access_control' ? oacRef.inst : null;
      if (!oac) {
        t.fail('web-origin-private', t.loc(dist, ['origin', 'origin_access_control_id']), `${dist.address}: origin ${i} (an S3 bucket) must set origin_access_control_id to an aws_cloudfront_origin_access_control of this module, not ${displayOf(origin.origin_access_control_id)}`);
      } else {
        const want = { origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' };
        for (const [arg, value] of Object.entries(want)) {
          const v = t.read('web-origin-private', oac, arg);
          if (v !== value) t.fail('web-origin-private', t.loc(oac, [arg]), `${oac.address}: ${arg} must be "${value}", not ${displayOf(v)}`);
        }
      }
      if (!bucket) {
        t.fail('web-origin-private', where, `${dist.address}: origin ${i} must be a bucket of this module (bucket_regional_domain_name), not ${displayOf(origin.domain_name)}`);
        continue;
      }
      if (!originBuckets.has(bucket.address)) originBuckets.set(bucket.address, bucket);
    }
  }
  const distributionArns = new Set(distributions.map((d) => `\${${d.address}.arn}`));
  for (const bucket of originBuckets.values()) {
    const blocks = await forBucket(t, 'aws_s3_bucket_public_access_block', bucket);
    const allTrue = blocks.some((pab) => ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every((arg) => t.read('web-origin-private', pab, arg) === true));
    if (!allTrue) t.fail('web-origin-private', blocks.length ? t.loc(blocks[0]) : t.loc(bucket), `${bucket.address} (a CloudFront origin) needs a public access block with all four settings true`);
    for (const type of ['aws_s3_bucket_acl', 'aws_s3_bucket_website_configuration']) {
      for (const inst of await forBucket(t, type, bucket)) t.fail('web-origin-private', t.loc(inst), `${inst.address}: the web client's bucket ${bucket.address} must have no ${type === 'aws_s3_bucket_acl' ? 'ACL' : 'website configuration'} (CloudFront reads it through an origin access control)`);
    }
    const acl = t.read('web-origin-private', bucket, 'acl');
    if (acl !== undefined && acl !== null && acl !== 'private') t.fail('web-origin-private', t.loc(bucket, ['acl']), `${bucket.address}: acl ${displayOf(acl)} (the web client's bucket is private)`);
    if ((t.read('web-origin-private', bucket, 'website') || []).length) t.fail('web-origin-private', t.loc(bucket, ['website']), `${bucket.address}: no website hosting on the web client's bucket`);
    const policies = await forBucket(t, 'aws_s3_bucket_policy', bucket);
    let grants = 0;
    for (const p of policies) {
      let statements;
      try {
        statements = await t.policyStatements(t.get(p, 'policy'));
      } catch (e) {
        t.fail('web-origin-private', t.loc(p, ['policy']), `${p.address}.policy: ${e.message}`);
        continue;
      }
      for (const s of statements) {
        if (s.effect !== 'Allow') continue;
        const where = s.where || t.loc(p, ['policy']);
        const name = `${s.source} statement ${s.sid || s.index}`;
        if (publicPrincipal(s)) {
          t.fail('web-origin-private', where, `${name} allows ${s.actions.join(', ')} to every principal ("*"); only the distribution may read the web client's bucket`);
          continue;
        }
        const cloudfront = s.principals.some((pr) => pr.type === 'Service' && (pr.identifiers || []).some((id) => text(id) === 'cloudfront.amazonaws.com'));
        if (!cloudfront) continue;
        const sources = s.conditions.filter((c) => String(c.variable).toLowerCase() === 'aws:sourcearn' && ['StringEquals', 'ArnEquals'].includes(c.test));
        const values = sources.flatMap((c) => c.values.map(text));
        if (!sources.length || !values.length || !values.every((v) => distributionArns.has(v))) {
          t.fail('web-origin-private', where, `${name} grants cloudfront.amazonaws.com ${s.actions.join(', ')} without an AWS:SourceArn condition (StringEquals) naming a distribution of this module (${displayOf(values)}); any distribution of any account could read the bucket`);
          continue;
        }
        grants += 1;
      }
    }
    if (!grants) t.fail('web-origin-private', policies.length ? t.loc(policies[0], ['policy']) : t.loc(bucket), `${bucket.address}: no bucket policy statement lets the distribution read the objects (cloudfront.amazonaws.com, s3:GetObject, AWS:SourceArn = the distribution's ARN)`);
  }
};

/** CSP sources that would let any script or any site in: checked in default-src and script-src. */
const UNSAFE_SOURCES = ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'data:', 'blob:'];

RULES['security-headers'] = async (t) => {
  for (const dist of await t.instances('aws_cloudfront_distribution')) {
    for (const { b, path, name } of behaviours(t, 'security-headers', dist)) {
      const where = t.loc(dist, [...path, 'response_headers_policy_id']);
      const ref = await t.referenced(b.response_headers_policy_id, 'id');
      if (!ref || ref.inst.decl.type !== 'aws_cloudfront_response_headers_policy') {
        t.fail('security-headers', where, `${dist.address}: ${name}.response_headers_policy_id must be an aws_cloudfront_response_headers_policy of this module (with the security headers), not ${displayOf(b.response_headers_policy_id)}`);
        continue;
      }
      const policy = ref.inst;
      const config = (t.read('security-headers', policy, 'security_headers_config') || [])[0];
      if (!config) {
        t.fail('security-headers', t.loc(policy), `${policy.address} has no security_headers_config`);
        continue;
      }
      const problems = [];
      const csp = ((config.content_security_policy || [])[0] || {}).content_security_policy;
      const cspText = text(csp);
      if (typeof cspText !== 'string' || !cspText.trim()) {
        problems.push('no Content-Security-Policy');
      } else {
        const directives = Object.fromEntries(cspText.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k.toLowerCase(), v]));
        if (!directives['default-src']) problems.push('a Content-Security-Policy without default-src');
        for (const directive of ['default-src', 'script-src']) {
          const bad = (directives[directive] || []).filter((v) => UNSAFE_SOURCES.includes(v.toLowerCase()));
          if (bad.length) problems.push(`${directive} allows ${bad.join(' ')}`);
        }
        if (!directives['frame-ancestors']) problems.push('a Content-Security-Policy without frame-ancestors');
      }
      const hsts = (config.strict_transport_security || [])[0];
      if (!hsts || !(typeof hsts.access_control_max_age_sec === 'number' && hsts.access_control_max_age_sec >= 31536000)) problems.push(`Strict-Transport-Security max-age ${displayOf(hsts && hsts.access_control_max_age_sec)} (at least 31536000, a year)`);
      if (!(config.content_type_options || []).length) problems.push('no X-Content-Type-Options (content_type_options)');
      const frame = ((config.frame_options || [])[0] || {}).frame_option;
      if (!['DENY', 'SAMEORIGIN'].includes(frame)) problems.push(`X-Frame-Options ${displayOf(frame)} (DENY or SAMEORIGIN)`);
      const referrer = ((config.referrer_policy || [])[0] || {}).referrer_policy;
      if (typeof referrer !== 'string' || ['unsafe-url', 'no-referrer-when-downgrade'].includes(referrer)) problems.push(`Referrer-Policy ${displayOf(referrer)}`);
      if (problems.length) t.fail('security-headers', t.loc(policy, ['security_headers_config']), `${policy.address} (${dist.address} ${name}): ${problems.join('; ')}`);
    }
  }
};

/** The web client's https origins: each distribution's domain and its aliases. */
async function webOrigins(t) {
  const out = [];
  for (const dist of await t.instances('aws_cloudfront_distribution')) {
    out.push({ dist, origin: `https://\${${dist.address}.domain_name}` });
    for (const alias of t.read('web-cors', dist, 'aliases') || []) out.push({ dist, origin: `https://${text(alias)}` });
  }
  return out;
}

/** The elements of a CORS_ALLOW_ORIGIN value (comma-separated, possibly partly unknown). */
function originList(v) {
  if (isUnknown(v) && Array.isArray(v.parts)) return v.parts.map(text);
  return String(text(v)).split(',').map((s) => s.trim()).filter(Boolean);
}

RULES['web-cors'] = async (t, facts) => {
  const origins = await webOrigins(t);
  if (!origins.length) return;
  const buckets = await t.instances('aws_s3_bucket');
  const webBuckets = new Set();
  for (const { dist } of origins) {
    for (const o of t.read('web-cors', dist, 'origin') || []) {
      const b = buckets.find((x) => text(o.domain_name) === `\${${x.address}.bucket_regional_domain_name}`);
      if (b) webBuckets.add(b.address);
    }
  }
  // The files bucket: the bucket(s) with a CORS configuration that are not a distribution's origin.
  let cors = 0;
  for (const bucket of buckets.filter((b) => !webBuckets.has(b.address))) {
    for (const c of await forBucket(t, 'aws_s3_bucket_cors_configuration', bucket)) {
      cors += 1;
      for (const rule of t.read('web-cors', c, 'cors_rule') || []) {
        const allowed = (rule.allowed_origins || []).map(text);
        if (allowed.includes('*')) continue;
        const missing = origins.filter((o) => !allowed.includes(o.origin)).map((o) => o.origin);
        if (missing.length) t.fail('web-cors', t.loc(c, ['cors_rule', 'allowed_origins']), `${c.address}: allowed_origins ${displayOf(allowed)} lack the web client's ${missing.join(', ')}, so its uploads and thumbnails would be refused`);
      }
    }
  }
  if (!cors) t.fail('web-cors', t.loc(origins[0].dist), 'the web client is hosted but the files bucket has no aws_s3_bucket_cors_configuration');
  for (const lambda of Object.values(facts.lambdas)) {
    if (!lambda) continue;
    let vars;
    try {
      vars = t.get(lambda.fn, 'environment', 0, 'variables');
    } catch {
      continue; // env-vars reports it
    }
    if (!vars || isUnknown(vars) || !Object.prototype.hasOwnProperty.call(vars, 'CORS_ALLOW_ORIGIN')) continue;
    const allowed = originList(vars.CORS_ALLOW_ORIGIN);
    if (allowed.includes('*')) continue;
    const missing = origins.filter((o) => !allowed.includes(o.origin)).map((o) => o.origin);
    if (missing.length) t.fail('web-cors', t.loc(lambda.fn, ['environment', 'variables']), `${lambda.fn.address}: CORS_ALLOW_ORIGIN ${displayOf(text(vars.CORS_ALLOW_ORIGIN))} lacks the web client's ${missing.join(', ')}`);
  }
  // API Gateway's preflights cannot echo the request's origin: "*" or the only allowed origin.
  for (const call of t.templatefileCalls.filter((c) => c.path === t.spec.file)) {
    const v = (call.vars || {}).cors_allow_origin;
    if (v === undefined) continue;
    const value = text(v);
    const ok = value === '*' || (origins.length === 1 && value === origins[0].origin);
    if (!ok) t.fail('web-cors', call.where || t.loc(origins[0].dist), `the spec's cors_allow_origin (CORS preflights and gateway responses) is ${displayOf(value)}, which refuses the web client at ${origins.map((o) => o.origin).join(', ')}; with several allowed origins it must be "*"`);
  }
};

module.exports = { RULES };
