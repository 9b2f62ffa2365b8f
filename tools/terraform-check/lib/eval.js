'use strict';
// A small evaluator of Terraform expressions over the syntax trees of HashiCorp's HCL parser.
// It evaluates what a plan knows before anything exists: variables, locals, for_each and count,
// files, wiring data, and resource arguments. Values that only exist after apply (ARNs, IDs) are
// Unknown values that keep the reference they come from (for example
// ${aws_dynamodb_table.this.arn}), so rules can check what an argument points at.
const fs = require('node:fs');
const path = require('node:path');
const { splitTemplate, decodeQuotedLiteral, decodeHeredocLiteral, astOf } = require('./hcl');
const { callFunction } = require('./functions');

class Unknown {
  /**
   * @param display how the value reads in a template: "${aws_s3_bucket.this.arn}" or "${...}/index/x"
   * @param ref the reference path when the value is exactly one reference ("aws_s3_bucket.this.arn")
   */
  constructor(display, ref = null, extra = {}) {
    this.display = display;
    this.ref = ref;
    Object.assign(this, extra);
  }

  toString() {
    return this.display;
  }
}

const refUnknown = (ref) => new Unknown('${' + ref + '}', ref);

/** An evaluation failure; `rule` names the policy rule when one applies. */
class EvalError extends Error {
  constructor(message, rule = null) {
    super(message);
    this.rule = rule;
  }
}

/** Marks an attribute whose evaluation failed, so that one bad argument does not hide the rest. */
class Failed {
  constructor(error) {
    this.error = error;
  }
}

const META_ARGUMENTS = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'providers', 'provisioner', 'connection']);

function isUnknown(v) {
  return v instanceof Unknown;
}

function containsUnknown(v) {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === 'object' && !(v instanceof Failed)) return Object.values(v).some(containsUnknown);
  return false;
}

function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (isUnknown(v)) return 'unknown';
  return typeof v === 'object' ? 'object' : typeof v;
}

function sortedKeys(obj) {
  return Object.keys(obj).sort();
}

/** Converts a value for use in a string template (Terraform's automatic conversion to string). */
function templateString(v, what) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isUnknown(v)) return v.display;
  if (v === null) throw new EvalError(`${what} is null and cannot be used in a string template`);
  throw new EvalError(`${what} is a ${typeName(v)} and cannot be used in a string template`);
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = sortedKeys(a);
    const kb = sortedKeys(b);
    return deepEqual(ka, kb) && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Iteration pairs of a collection, in Terraform's order (object keys sorted). */
function entriesOf(collection, what) {
  if (Array.isArray(collection)) return collection.map((v, i) => [i, v]);
  if (collection && typeof collection === 'object' && !isUnknown(collection)) return sortedKeys(collection).map((k) => [k, collection[k]]);
  throw new EvalError(`${what} is a ${typeName(collection)}, not a collection`);
}

/**
 * One module instance being evaluated: its declarations, input variable values, the workspace.
 */
class ModuleContext {
  /**
   * partialTemplates: templatefile() renders even when a variable is known only after apply, with
   * UNKNOWN_PLACEHOLDER in its place. Terraform knows such a result only after apply; this mode
   * exists so that a rule can inspect the shape of a rendered document (the REST API body) and is
   * never used for the plan-time rules (known-for-each, evaluation).
   */
  constructor({ module, inputs = {}, workspace, rootDir, address = '', label = '', hooks = {}, partialTemplates = false }) {
    this.module = module;
    this.partialTemplates = partialTemplates;
    this.inputs = inputs;
    this.workspace = workspace;
    this.rootDir = rootDir || module.dir;
    this.address = address;
    this.label = label;
    this.hooks = hooks;
    this.localValues = new Map();
    this.localStack = [];
    this.expansions = new Map();
    this.instanceBodies = new Map();
    this.variableValues = new Map();
  }

  // ---------------------------------------------------------------- declarations

  async variable(name) {
    if (!this.module.variables[name]) throw new EvalError(`reference to undeclared variable var.${name}`);
    if (!this.variableValues.has(name)) {
      this.variableValues.set(name, (async () => {
        if (Object.prototype.hasOwnProperty.call(this.inputs, name) && this.inputs[name] !== undefined) return this.inputs[name];
        const body = this.module.variables[name].body;
        if (!('default' in body)) throw new EvalError(`variable ${name} has no default and no value`);
        return this.evalValue(body.default, this.scope());
      })());
    }
    return this.variableValues.get(name);
  }

  async local(name) {
    const decl = this.module.locals[name];
    if (!decl) throw new EvalError(`reference to undeclared local value local.${name}`);
    if (this.localStack.includes(name)) throw new EvalError(`local.${name} refers to itself (${[...this.localStack, name].join(' -> ')})`);
    if (!this.localValues.has(name)) {
      this.localStack.push(name);
      const promise = this.evalValue(decl.expr, this.scope()).finally(() => {
        this.localStack = this.localStack.filter((n) => n !== name);
      });
      this.localValues.set(name, promise);
    }
    return this.localValues.get(name);
  }

  declaration(kind, key) {
    const table = kind === 'resource' ? this.module.resources : kind === 'data' ? this.module.data : this.module.modules;
    return table[key];
  }

  /**
   * How a resource, data source or module call expands: { mode, keys, addresses }. for_each and
   * count must be known when planning, as in Terraform.
   */
  async expand(kind, key) {
    const id = `${kind}:${key}`;
    if (!this.expansions.has(id)) {
      this.expansions.set(id, (async () => {
        const decl = this.declaration(kind, key);
        if (!decl) throw new EvalError(`reference to undeclared ${kind} ${key}`);
        const base = kind === 'data' ? `data.${key}` : kind === 'module' ? `module.${key}` : key;
        const body = decl.body;
        if ('for_each' in body && 'count' in body) throw new EvalError(`${base} sets both count and for_each`);
        if ('for_each' in body) {
          const value = await this.evalValue(body.for_each, this.scope());
          // As in Terraform: the keys (or set elements) must be known; map values may be unknown.
          if (isUnknown(value) || (Array.isArray(value) && value.some(containsUnknown))) {
            throw new EvalError(`${base}: for_each depends on values known only after apply (${displayOf(value)})`, 'known-for-each');
          }
          if (value === null) throw new EvalError(`${base}: for_each is null`, 'known-for-each');
          let map;
          if (Array.isArray(value)) {
            if (!value.every((v) => typeof v === 'string')) throw new EvalError(`${base}: for_each over a list needs strings (a set of strings)`, 'known-for-each');
            map = Object.fromEntries(value.map((v) => [v, v]));
          } else if (typeof value === 'object') {
            map = value;
          } else {
            throw new EvalError(`${base}: for_each must be a map or a set of strings, not a ${typeName(value)}`, 'known-for-each');
          }
          const keys = sortedKeys(map);
          return { mode: 'for_each', keys, values: map, addresses: keys.map((k) => `${base}[${JSON.stringify(k)}]`) };
        }
        if ('count' in body) {
          const value = await this.evalValue(body.count, this.scope());
          if (isUnknown(value)) throw new EvalError(`${base}: count depends on values known only after apply (${value.display})`, 'known-for-each');
          if (typeof value !== 'number' || value < 0 || !Number.isInteger(value)) throw new EvalError(`${base}: count must be a whole number, not ${JSON.stringify(value)}`, 'known-for-each');
          const keys = [...Array(value).keys()];
          return { mode: 'count', keys, addresses: keys.map((i) => `${base}[${i}]`) };
        }
        return { mode: 'single', keys: [null], addresses: [base] };
      })());
    }
    return this.expansions.get(id);
  }

  /** The value a reference to a whole resource, data source or module call evaluates to. */
  async referenceValue(kind, key) {
    const exp = await this.expand(kind, key);
    const inst = exp.addresses.map((a) => refUnknown(a));
    if (exp.mode === 'single') return inst[0];
    if (exp.mode === 'count') return inst;
    return Object.fromEntries(exp.keys.map((k, i) => [k, inst[i]]));
  }

  /** The instances of a resource/data source/module call with their evaluated bodies. */
  async instances(kind, key) {
    const exp = await this.expand(kind, key);
    const decl = this.declaration(kind, key);
    const out = [];
    for (let i = 0; i < exp.keys.length; i++) {
      const instanceKey = exp.keys[i];
      const address = exp.addresses[i];
      const id = `${kind}:${address}`;
      if (!this.instanceBodies.has(id)) {
        const scope = this.scope();
        if (exp.mode === 'for_each') scope.names.each = { key: instanceKey, value: exp.values[instanceKey] };
        if (exp.mode === 'count') scope.names.count = { index: instanceKey };
        this.instanceBodies.set(id, this.evalBlock(decl.body, scope));
      }
      out.push({ kind, key, decl, address, instanceKey, body: await this.instanceBodies.get(id) });
    }
    return out;
  }

  /** Every instance of every resource of one type (for data sources, kind 'data'). */
  async instancesOfType(type, kind = 'resource') {
    const table = kind === 'data' ? this.module.data : this.module.resources;
    const out = [];
    for (const key of Object.keys(table).filter((k) => table[k].type === type)) out.push(...(await this.instances(kind, key)));
    return out;
  }

  /** Resolves an instance address (aws_x.y["k"], data.aws_x.y[0]) to its instance, or null. */
  async instanceAt(address) {
    const m = /^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[(.+)\])?$/.exec(address);
    if (!m) return null;
    const kind = m[1] ? 'data' : 'resource';
    const key = `${m[2]}.${m[3]}`;
    if (!this.declaration(kind, key)) return null;
    const instances = await this.instances(kind, key);
    return instances.find((inst) => inst.address === (m[1] ? 'data.' : '') + `${key}${m[4] || ''}`) || null;
  }

  scope(names = {}) {
    return { ctx: this, names: { ...names } };
  }

  // ---------------------------------------------------------------- values in Terraform JSON form

  /** Evaluates a value as hcl2json returns it: strings are templates, objects and arrays nest. */
  async evalValue(value, scope) {
    if (typeof value === 'string') return this.evalTemplateString(value, scope);
    if (Array.isArray(value)) {
      const out = [];
      for (const v of value) out.push(await this.evalValue(v, scope));
      return out;
    }
    if (value && typeof value === 'object') {
      const out = {};
      for (const [k, v] of Object.entries(value)) {
        const key = k.includes('${') ? templateString(await this.evalTemplateString(k, scope), 'an object key') : k;
        out[key] = await this.evalValue(v, scope);
      }
      return out;
    }
    return value;
  }

  /**
   * Evaluates a block body: meta-arguments are skipped, dynamic blocks expanded, and a failing
   * attribute becomes a Failed marker instead of failing the whole block.
   */
  async evalBlock(body, scope) {
    const out = {};
    for (const [k, v] of Object.entries(body)) {
      if (META_ARGUMENTS.has(k)) continue;
      if (k === 'dynamic') {
        for (const [blockType, definitions] of Object.entries(v)) {
          for (const def of definitions) {
            try {
              const generated = await this.expandDynamic(blockType, def, scope);
              out[blockType] = (Array.isArray(out[blockType]) ? out[blockType] : []).concat(generated);
            } catch (e) {
              out[blockType] = new Failed(e);
            }
          }
        }
        continue;
      }
      try {
        if (Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
          const blocks = [];
          for (const b of v) blocks.push(await this.evalBlock(b, scope));
          out[k] = Array.isArray(out[k]) ? out[k].concat(blocks) : blocks;
        } else {
          out[k] = await this.evalValue(v, scope);
        }
      } catch (e) {
        out[k] = new Failed(e);
      }
    }
    return out;
  }

  async expandDynamic(blockType, def, scope) {
    const collection = await this.evalValue(def.for_each, scope);
    if (isUnknown(collection)) {
      throw new EvalError(`dynamic "${blockType}": for_each depends on values known only after apply (${displayOf(collection)})`, 'known-for-each');
    }
    if (collection === null) throw new EvalError(`dynamic "${blockType}": for_each is null`);
    const iterator = def.iterator ? await this.evalValue(def.iterator, scope) : blockType;
    const content = (def.content || [])[0] || {};
    const out = [];
    for (const [k, v] of entriesOf(collection, `dynamic "${blockType}" for_each`)) {
      out.push(await this.evalBlock(content, { ctx: this, names: { ...scope.names, [iterator]: { key: k, value: v } } }));
    }
    return out;
  }

  async evalTemplateString(s, scope) {
    const parts = splitTemplate(s);
    if (parts.length === 1 && parts[0].expr !== undefined) return this.evalExpression(parts[0].expr, scope);
    let text = '';
    let unknown = false;
    for (const part of parts) {
      if (part.directive !== undefined) throw new EvalError(`template directives (%{ ${part.directive} }) are not supported by this check`);
      if (part.lit !== undefined) {
        text += part.lit;
        continue;
      }
      const v = await this.evalExpression(part.expr, scope);
      if (isUnknown(v)) unknown = true;
      text += templateString(v, part.expr);
    }
    return unknown ? new Unknown(text) : text;
  }

  async evalExpression(expr, scope) {
    const ast = await astOf(expr);
    if (!ast) throw new EvalError(`empty expression`);
    return this.evalAst(ast, scope);
  }

  // ---------------------------------------------------------------- syntax tree evaluation

  async evalAst(node, scope) {
    switch (node.type) {
      case 'literalValue':
        return literal(node.meta);
      case 'templateWrap':
        return this.evalAst(node.children[0], scope);
      case 'template':
        return this.evalTemplateNode(node, scope);
      case '':
        if (node.children && node.children.length === 1) return this.evalAst(node.children[0], scope);
        throw new EvalError(`unsupported expression ${JSON.stringify(node.meta && node.meta.value)}`);
      case 'scopeTraversal':
        return this.evalTraversal(node.meta.traversal, scope, node.meta.value);
      case 'relativeTraversal': {
        const source = await this.evalAst(node.children[0], scope);
        return this.applyTraversal(source, node.meta.traversal, node.children[0].meta ? node.children[0].meta.value : node.meta.sourceExpression);
      }
      case 'index': {
        const collection = await this.evalAst(node.children[0], scope);
        const key = await this.evalAst(node.children[1], scope);
        return indexValue(collection, key, node.meta.collectionExpression);
      }
      case 'splat': {
        const source = await this.evalAst(node.children[0], scope);
        const each = node.children[1];
        const traversal = each && each.meta && each.meta.traversal ? each.meta.traversal : [];
        if (isUnknown(source)) return new Unknown(`\${${node.meta.value}}`);
        const list = source === null ? [] : Array.isArray(source) ? source : [source];
        const out = [];
        for (const item of list) out.push(await this.applyTraversal(item, traversal, `${node.meta.sourceExpression}[*]`));
        return out;
      }
      case 'tuple': {
        const out = [];
        for (const child of node.children) out.push(await this.evalAst(child, scope));
        return out;
      }
      case 'object': {
        const out = {};
        for (const [keyText, valueText] of Object.entries(node.meta.items || {})) {
          const key = await this.objectKey(keyText, scope);
          out[key] = await this.evalExpression(valueText, scope);
        }
        return out;
      }
      case 'function':
        return this.evalFunction(node, scope);
      case 'conditional': {
        const cond = await this.evalAst(node.children[0], scope);
        if (isUnknown(cond)) return new Unknown(`\${${node.meta.value}}`);
        if (typeof cond !== 'boolean') throw new EvalError(`condition ${node.meta.conditionExpression} is a ${typeName(cond)}, not a bool`);
        return this.evalAst(node.children[cond ? 1 : 2], scope);
      }
      case 'binaryOp':
        return this.evalBinary(node, scope);
      case 'unaryOp': {
        const v = await this.evalAst(node.children[0], scope);
        if (isUnknown(v)) return new Unknown(`\${${node.meta.value}}`);
        if (node.meta.operator === 'logicalNot') return !v;
        if (node.meta.operator === 'negate') return -v;
        throw new EvalError(`unsupported operator ${node.meta.operator}`);
      }
      case 'for':
        return this.evalFor(node.meta, scope);
      default:
        throw new EvalError(`unsupported expression type ${node.type}: ${node.meta && node.meta.value}`);
    }
  }

  async objectKey(keyText, scope) {
    if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(keyText)) return keyText;
    const v = await this.evalExpression(keyText.replace(/^\((.*)\)$/s, '$1'), scope);
    return templateString(v, `object key ${keyText}`);
  }

  async evalTemplateNode(node, scope) {
    const heredoc = String(node.meta.value || '').startsWith('<<');
    let text = '';
    let unknown = false;
    for (const child of node.children) {
      if (child.type === 'literalValue' && child.meta.type === 'string') {
        text += heredoc ? decodeHeredocLiteral(child.meta.value) : decodeQuotedLiteral(child.meta.value);
        continue;
      }
      const v = await this.evalAst(child, scope);
      if (isUnknown(v)) unknown = true;
      text += templateString(v, child.meta ? child.meta.value : 'a template part');
    }
    return unknown ? new Unknown(text) : text;
  }

  async evalTraversal(traversal, scope, text) {
    const [first, ...rest] = traversal;
    const root = first.segment;
    const names = scope.names;
    if (Object.prototype.hasOwnProperty.call(names, root)) return this.applyTraversal(names[root], rest, root);
    const need = (n) => {
      if (rest.length < n || rest.slice(0, n).some((p) => p.type !== 'nameTraversal')) throw new EvalError(`incomplete reference ${text}`);
    };
    const prefix = (n) => [root, ...rest.slice(0, n).map((p) => p.segment)].join('.');
    switch (root) {
      case 'var':
        need(1);
        return this.applyTraversal(await this.variable(rest[0].segment), rest.slice(1), prefix(1));
      case 'local':
        need(1);
        return this.applyTraversal(await this.local(rest[0].segment), rest.slice(1), prefix(1));
      case 'path': {
        need(1);
        const p = { module: this.module.dir, root: this.rootDir, cwd: this.rootDir }[rest[0].segment];
        if (p === undefined) throw new EvalError(`unknown path attribute ${text}`);
        return this.applyTraversal(p, rest.slice(1), prefix(1));
      }
      case 'terraform':
        need(1);
        if (rest[0].segment !== 'workspace') throw new EvalError(`unsupported reference ${text}`);
        return this.applyTraversal(this.workspace, rest.slice(1), prefix(1));
      case 'each':
        throw new EvalError(`each.${rest[0] ? rest[0].segment : ''} is only valid in a resource with for_each`);
      case 'count':
        throw new EvalError(`count.index is only valid in a resource with count`);
      case 'data':
        need(2);
        return this.applyTraversal(await this.referenceValue('data', `${rest[0].segment}.${rest[1].segment}`), rest.slice(2), prefix(2));
      case 'module':
        need(1);
        return this.applyTraversal(await this.moduleValue(rest[0].segment), rest.slice(1), prefix(1));
      case 'self':
        return this.applyTraversal(refUnknown('self'), rest, 'self');
      default:
        if (/^[a-z0-9]+_[a-z0-9_]+$/.test(root) && rest.length >= 1) {
          return this.applyTraversal(await this.referenceValue('resource', `${root}.${rest[0].segment}`), rest.slice(1), prefix(1));
        }
        throw new EvalError(`unknown reference ${text}`);
    }
  }

  async moduleValue(name) {
    if (this.hooks.moduleOutputs) {
      const outputs = await this.hooks.moduleOutputs(this, name);
      if (outputs) return outputs;
    }
    return this.referenceValue('module', name);
  }

  /** Applies .name and [index] steps; base is the source text of `value`, for messages. */
  async applyTraversal(value, parts, base) {
    let v = value;
    let text = base;
    for (const part of parts) {
      if (part.type === 'nameTraversal') {
        v = attributeValue(v, part.segment, text);
        text = `${text}.${part.segment}`;
      } else {
        v = indexValue(v, parseIndexSegment(part.segment), text);
        text = `${text}[${part.segment}]`;
      }
    }
    return v;
  }

  async evalBinary(node, scope) {
    const op = node.meta.operator;
    const a = await this.evalAst(node.children[0], scope);
    const b = await this.evalAst(node.children[1], scope);
    if (op === 'equal' || op === 'notEqual') {
      if (containsUnknown(a) || containsUnknown(b)) return new Unknown(`\${${node.meta.value}}`);
      const eq = deepEqual(a, b);
      return op === 'equal' ? eq : !eq;
    }
    if (isUnknown(a) || isUnknown(b)) return new Unknown(`\${${node.meta.value}}`);
    switch (op) {
      case 'logicalAnd':
        return requireBool(a, node) && requireBool(b, node);
      case 'logicalOr':
        return requireBool(a, node) || requireBool(b, node);
      case 'lessThan':
        return requireNumber(a, node) < requireNumber(b, node);
      case 'lessThanOrEqual':
        return requireNumber(a, node) <= requireNumber(b, node);
      case 'greaterThan':
        return requireNumber(a, node) > requireNumber(b, node);
      case 'greaterThanOrEqual':
        return requireNumber(a, node) >= requireNumber(b, node);
      case 'add':
        return requireNumber(a, node) + requireNumber(b, node);
      case 'subtract':
        return requireNumber(a, node) - requireNumber(b, node);
      case 'multiply':
        return requireNumber(a, node) * requireNumber(b, node);
      case 'divide':
        return requireNumber(a, node) / requireNumber(b, node);
      case 'modulo':
        return requireNumber(a, node) % requireNumber(b, node);
      default:
        throw new EvalError(`unsupported operator ${op} in ${node.meta.value}`);
    }
  }

  async evalFor(meta, scope) {
    const collection = await this.evalExpression(meta.collectionExpression, scope);
    if (isUnknown(collection)) return new Unknown(`\${${meta.value}}`);
    if (collection === null) throw new EvalError(`for expression over null: ${meta.collectionExpression}`);
    const isObject = meta.openRangeValue === '{';
    const out = isObject ? {} : [];
    for (const [k, v] of entriesOf(collection, meta.collectionExpression)) {
      const names = { ...scope.names };
      if (meta.keyVar) names[meta.keyVar] = k;
      names[meta.valVar] = v;
      const inner = { ctx: this, names };
      if (meta.conditionalExpression) {
        const keep = await this.evalExpression(meta.conditionalExpression, inner);
        if (isUnknown(keep)) return new Unknown(`\${${meta.value}}`);
        if (!keep) continue;
      }
      const value = await this.evalExpression(meta.valueExpression, inner);
      if (!isObject) {
        out.push(value);
        continue;
      }
      const key = await this.evalExpression(meta.keyExpression, inner);
      if (isUnknown(key)) return new Unknown(`\${${meta.value}}`);
      const keyString = templateString(key, meta.keyExpression);
      if (meta.groupedValue) {
        (out[keyString] = out[keyString] || []).push(value);
      } else {
        if (Object.prototype.hasOwnProperty.call(out, keyString)) throw new EvalError(`duplicate key ${JSON.stringify(keyString)} in ${meta.value}`);
        out[keyString] = value;
      }
    }
    return out;
  }

  async evalFunction(node, scope) {
    const name = node.meta.name;
    const args = node.children;
    const lazy = args.map((child) => () => this.evalAst(child, scope));
    return callFunction(name, lazy, this, node);
  }

  /** Reads a file for file(), templatefile() and friends, relative to the working directory. */
  readFile(p) {
    const abs = path.isAbsolute(p) ? p : path.resolve(this.rootDir, p);
    try {
      return fs.readFileSync(abs, 'utf8');
    } catch (e) {
      throw new EvalError(`no file ${p} (${abs})`);
    }
  }
}

function literal(meta) {
  switch (meta.type) {
    case 'string':
      return meta.value;
    case 'number':
      return Number(meta.value);
    case 'bool':
      return meta.value === 'true';
    default:
      if (meta.value === 'null') return null;
      throw new EvalError(`unsupported literal ${meta.value}`);
  }
}

function parseIndexSegment(segment) {
  if (/^-?\d+$/.test(segment)) return Number(segment);
  if (/^".*"$/s.test(segment)) return JSON.parse(segment);
  return segment;
}

function attributeValue(v, name, text) {
  if (isUnknown(v)) return v.ref ? refUnknown(`${v.ref}.${name}`) : new Unknown(`\${${text}.${name}}`);
  if (v === null) throw new EvalError(`${text}: attempt to get attribute "${name}" from a null value`);
  if (typeof v !== 'object' || Array.isArray(v)) throw new EvalError(`${text}: a ${typeName(v)} has no attribute "${name}"`);
  if (!Object.prototype.hasOwnProperty.call(v, name)) throw new EvalError(`${text}: no attribute "${name}" (has ${sortedKeys(v).join(', ') || 'none'})`);
  return v[name];
}

function indexValue(collection, key, text) {
  if (isUnknown(key)) return new Unknown(`\${${text}[${key.display}]}`);
  if (isUnknown(collection)) {
    return collection.ref ? refUnknown(`${collection.ref}[${JSON.stringify(key)}]`) : new Unknown(`\${${text}[${JSON.stringify(key)}]}`);
  }
  if (collection === null) throw new EvalError(`${text} is null and cannot be indexed`);
  if (Array.isArray(collection)) {
    const i = typeof key === 'number' ? key : Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= collection.length) {
      throw new EvalError(`${text}[${JSON.stringify(key)}]: index out of range (${collection.length} elements)`);
    }
    return collection[i];
  }
  if (typeof collection === 'object') {
    const k = String(key);
    if (!Object.prototype.hasOwnProperty.call(collection, k)) {
      throw new EvalError(`${text} has no element ${JSON.stringify(k)} (has ${sortedKeys(collection).map((x) => JSON.stringify(x)).join(', ') || 'none'})`);
    }
    return collection[k];
  }
  throw new EvalError(`${text} is a ${typeName(collection)} and cannot be indexed`);
}

function requireBool(v, node) {
  if (typeof v !== 'boolean') throw new EvalError(`${node.meta.value}: expected a bool, got ${typeName(v)}`);
  return v;
}

function requireNumber(v, node) {
  if (typeof v !== 'number') throw new EvalError(`${node.meta.value}: expected a number, got ${typeName(v)}`);
  return v;
}

function displayOf(v) {
  if (v === undefined) return 'unset';
  if (isUnknown(v)) return v.display;
  if (v instanceof Failed) return `(${v.error.message})`;
  try {
    return JSON.stringify(v, (k, x) => (isUnknown(x) ? x.display : x instanceof Failed ? `(${x.error.message})` : x));
  } catch {
    return String(v);
  }
}

/** Throws the error of a Failed marker; returns other values unchanged. */
function ok(v) {
  if (v instanceof Failed) throw v.error;
  return v;
}

module.exports = {
  ModuleContext,
  Unknown,
  EvalError,
  Failed,
  isUnknown,
  containsUnknown,
  refUnknown,
  deepEqual,
  displayOf,
  templateString,
  typeName,
  sortedKeys,
  entriesOf,
  ok,
};
