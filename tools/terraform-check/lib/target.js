'use strict';
// What the evaluated rules work on: the Filestore module evaluated in one configuration
// (a workspace, and the inputs of the root defaults or of an example), with helpers to read
// arguments, resolve references, extract policy statements and name source lines.
const { Failed, isUnknown, EvalError, displayOf } = require('./eval');

class Target {
  constructor({ ctx, label, wiring, spec, report }) {
    this.ctx = ctx;
    this.label = label;
    this.wiring = wiring;
    this.spec = spec;
    this.report = report;
    this.handled = new Set();
  }

  /** Source location of an instance argument, e.g. loc(inst, ['environment', 'variables']). */
  loc(inst, attrPath = []) {
    const kind = inst.kind === 'data' ? `data ${inst.decl.type}` : inst.kind === 'module' ? 'module' : `resource ${inst.decl.type}`;
    const name = inst.kind === 'module' ? inst.key : inst.decl.name;
    return { file: inst.decl.file.path, line: inst.decl.file.locator.line(kind, name, attrPath) };
  }

  /** Location of a line matching re inside an instance's block (falls back to attrPath). */
  locText(inst, re, attrPath = []) {
    const kind = inst.kind === 'data' ? `data ${inst.decl.type}` : `resource ${inst.decl.type}`;
    const locator = inst.decl.file.locator;
    const range = locator.blockRange(kind, inst.decl.name);
    if (range) {
      for (let i = range.start; i <= range.end; i++) if (re.test(locator.lines[i])) return { file: inst.decl.file.path, line: i + 1 };
    }
    return this.loc(inst, attrPath);
  }

  fail(rule, where, message) {
    this.report({ rule, file: where.file, line: where.line, message, label: this.label });
    if (where.markHandled) this.handled.add(where.markHandled);
  }

  /**
   * Reads an argument path from an evaluated body. Nested blocks are lists; a number in the path
   * indexes them and a missing index gives undefined. A failed evaluation throws its error.
   */
  get(inst, ...pathParts) {
    let v = inst.body;
    for (const part of pathParts) {
      if (v instanceof Failed) throw v.error;
      if (v === undefined || v === null) return undefined;
      v = v[part];
    }
    if (v instanceof Failed) throw v.error;
    return v;
  }

  /** Like get(), but an evaluation error is reported under `rule` and gives undefined. */
  read(rule, inst, ...pathParts) {
    try {
      return this.get(inst, ...pathParts);
    } catch (e) {
      const where = this.loc(inst, pathParts);
      this.fail(e.rule || rule, where, `${inst.address}.${pathParts.filter((p) => typeof p === 'string').join('.')}: ${e.message}`);
      this.handled.add(`${where.file}:${where.line}`);
      return undefined;
    }
  }

  async instances(type, kind = 'resource') {
    try {
      return await this.ctx.instancesOfType(type, kind);
    } catch (e) {
      // Expansion failures (for_each, count) are reported by the known-for-each rule.
      if (e instanceof EvalError) return [];
      throw e;
    }
  }

  /** The instance an Unknown reference points at (ref aws_x.y["k"].arn -> instance aws_x.y["k"]). */
  async referenced(value, expectedAttr = null) {
    if (!isUnknown(value) || !value.ref) return null;
    const m = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?)\.([a-z_]+)$/.exec(value.ref);
    if (!m) return null;
    if (expectedAttr && m[2] !== expectedAttr) return null;
    const inst = await this.ctx.instanceAt(m[1]);
    return inst ? { inst, attr: m[2] } : null;
  }

  /** Whether a value is exactly a reference to attribute attr of the instance at address. */
  refersTo(value, address, attr) {
    return isUnknown(value) && value.ref === `${address}.${attr}`;
  }

  /**
   * The statements of a policy argument: a data.aws_iam_policy_document reference, a jsonencode()
   * of an object, or a JSON string. Returns { statements, where } or throws EvalError.
   */
  async policyStatements(value) {
    const ref = await this.referenced(value, 'json');
    if (ref && ref.inst.decl.type === 'aws_iam_policy_document') return documentStatements(this, ref.inst);
    if (isUnknown(value) && value.encoded) return jsonStatements(value.encoded);
    if (typeof value === 'string') {
      let doc;
      try {
        doc = JSON.parse(value);
      } catch (e) {
        throw new EvalError(`policy is not JSON: ${e.message}`);
      }
      return jsonStatements(doc);
    }
    throw new EvalError(`cannot read the policy statically (${displayOf(value)}); use data "aws_iam_policy_document" or jsonencode()`);
  }
}

/** Statements of an aws_iam_policy_document instance, normalised, with their source lines. */
function documentStatements(t, inst) {
  for (const arg of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
    if (inst.body[arg] !== undefined && inst.body[arg] !== null) throw new EvalError(`${inst.address} merges other documents (${arg}), which this check cannot read`);
  }
  const raw = t.get(inst, 'statement') || [];
  return raw.map((s, i) => {
    const sid = s.sid instanceof Failed ? undefined : s.sid;
    const where = typeof sid === 'string' && sid ? t.locText(inst, new RegExp(`sid\\s*=\\s*"${sid}"`), ['statement']) : t.loc(inst, ['statement']);
    const val = (k) => {
      if (s[k] instanceof Failed) throw s[k].error;
      return s[k];
    };
    return {
      index: i,
      sid,
      effect: val('effect') || 'Allow',
      actions: val('actions') || [],
      notActions: val('not_actions') || [],
      resources: val('resources'),
      notResources: val('not_resources') || [],
      principals: (val('principals') || []).map((p) => ({ type: p.type, identifiers: p.identifiers || [] })),
      notPrincipals: val('not_principals') || [],
      conditions: (val('condition') || []).map((c) => ({ test: c.test, variable: c.variable, values: c.values || [] })),
      where,
      source: inst.address,
    };
  });
}

function asList(v) {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Statements of a policy given as JSON (IAM's own spelling). */
function jsonStatements(doc) {
  const statements = asList(doc && doc.Statement);
  return statements.map((s, i) => {
    const principals = [];
    if (s.Principal === '*') principals.push({ type: '*', identifiers: ['*'] });
    else for (const [type, ids] of Object.entries(s.Principal || {})) principals.push({ type, identifiers: asList(ids) });
    const conditions = [];
    for (const [test, byVar] of Object.entries(s.Condition || {})) {
      for (const [variable, values] of Object.entries(byVar)) conditions.push({ test, variable, values: asList(values).map(String) });
    }
    return {
      index: i,
      sid: s.Sid,
      effect: s.Effect || 'Allow',
      actions: asList(s.Action),
      notActions: asList(s.NotAction),
      resources: s.Resource === undefined ? undefined : asList(s.Resource),
      notResources: asList(s.NotResource),
      principals,
      notPrincipals: asList(s.NotPrincipal),
      conditions,
      where: null,
      source: 'policy',
    };
  });
}

module.exports = { Target, documentStatements, jsonStatements, asList };
