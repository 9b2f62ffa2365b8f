'use strict';
// Terraform's built-in functions, as far as the configuration uses them. A function this file
// does not know fails evaluation with a clear message rather than guessing.
const crypto = require('node:crypto');
const path = require('node:path');
const fs = require('node:fs');
const yaml = require('js-yaml');

let evalModule;
const ev = () => (evalModule = evalModule || require('./eval'));

// What a value known only after apply renders as in a partially rendered template (see
// ModuleContext's partialTemplates). Plain text, so that it stays valid inside YAML and JSON strings.
const UNKNOWN_PLACEHOLDER = '(known after apply)';

function unknownCall(name, node) {
  const { Unknown } = ev();
  return new Unknown(`\${${node.meta.value}}`, null, { call: name });
}

/** Terraform's jsonencode: compact, object keys sorted, <, > and & escaped. */
function jsonencode(v) {
  const { isUnknown } = ev();
  const walk = (x) => {
    if (isUnknown(x)) throw new Error('unknown');
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, walk(x[k])]));
    return x;
  };
  return JSON.stringify(walk(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function flattenDeep(list) {
  const out = [];
  for (const x of list) {
    if (Array.isArray(x)) out.push(...flattenDeep(x));
    else out.push(x);
  }
  return out;
}

function hash(algorithm, s, encoding = 'hex') {
  return crypto.createHash(algorithm).update(s, 'utf8').digest(encoding);
}

/**
 * Terraform's fileset(): the regular files under dir whose path relative to dir (with "/") matches
 * the pattern (*, ** across directories, ?, [class], {a,b}), sorted. Like Terraform, a directory
 * that does not exist gives an empty set.
 */
function fileset(dir, pattern) {
  const re = globToRegExp(pattern);
  const out = [];
  const walk = (abs, rel) => {
    let entries;
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const childAbs = path.join(abs, e.name);
      let stat;
      try {
        stat = fs.statSync(childAbs);
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(childAbs, childRel);
      else if (stat.isFile() && re.test(childRel)) out.push(childRel);
    }
  };
  walk(dir, '');
  return out.sort();
}

function globToRegExp(pattern) {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // "**/" matches zero or more directories; a trailing "**" anything below.
      if (pattern[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 3;
      } else {
        re += '.*';
        i += 2;
      }
    } else if (c === '*') {
      re += '[^/]*';
      i += 1;
    } else if (c === '?') {
      re += '[^/]';
      i += 1;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new (ev().EvalError)(`fileset: unterminated [ in pattern ${JSON.stringify(pattern)}`);
      re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end + 1;
    } else if (c === '{') {
      braces += 1;
      re += '(?:';
      i += 1;
    } else if (c === '}' && braces > 0) {
      braces -= 1;
      re += ')';
      i += 1;
    } else if (c === ',' && braces > 0) {
      re += '|';
      i += 1;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[i + 1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 2;
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 1;
    }
  }
  if (braces) throw new (ev().EvalError)(`fileset: unterminated { in pattern ${JSON.stringify(pattern)}`);
  return new RegExp(`^${re}$`);
}

const STRICT = {
  // ---- encoding and files
  jsondecode: (ctx, [s]) => JSON.parse(s),
  jsonencode: (ctx, [v]) => jsonencode(v),
  yamldecode: (ctx, [s]) => {
    if (/^\s*<<\s*:/m.test(s)) throw new (ev().EvalError)('yamldecode does not support YAML merge keys (<<)');
    return yaml.load(s, { schema: yaml.CORE_SCHEMA });
  },
  file: (ctx, [p]) => ctx.readFile(p),
  fileexists: (ctx, [p]) => fs.existsSync(path.resolve(ctx.rootDir, p)),
  fileset: (ctx, [dir, pattern]) => fileset(path.resolve(ctx.rootDir, dir), pattern),
  basename: (ctx, [p]) => path.posix.basename(p),
  dirname: (ctx, [p]) => path.posix.dirname(p),
  base64encode: (ctx, [s]) => Buffer.from(s, 'utf8').toString('base64'),
  sha1: (ctx, [s]) => hash('sha1', s),
  sha256: (ctx, [s]) => hash('sha256', s),
  md5: (ctx, [s]) => hash('md5', s),
  base64sha256: (ctx, [s]) => hash('sha256', s, 'base64'),
  // ---- strings
  join: (ctx, [sep, ...lists]) => flattenDeep(lists).join(sep),
  split: (ctx, [sep, s]) => s.split(sep),
  format: (ctx, [fmt, ...args]) => {
    let i = 0;
    return fmt.replace(/%(%|[-+# 0]*\d*(?:\.\d+)?[sdvqf])/g, (m) => {
      if (m === '%%') return '%';
      const a = args[i++];
      return m.endsWith('q') ? JSON.stringify(a) : String(a);
    });
  },
  lower: (ctx, [s]) => s.toLowerCase(),
  upper: (ctx, [s]) => s.toUpperCase(),
  title: (ctx, [s]) => s.replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: (ctx, [s]) => s.trim(),
  trimprefix: (ctx, [s, p]) => (s.startsWith(p) ? s.slice(p.length) : s),
  trimsuffix: (ctx, [s, p]) => (s.endsWith(p) ? s.slice(0, s.length - p.length) : s),
  startswith: (ctx, [s, p]) => s.startsWith(p),
  endswith: (ctx, [s, p]) => s.endsWith(p),
  replace: (ctx, [s, search, replacement]) => {
    const m = /^\/(.*)\/$/s.exec(search);
    if (m) return s.replace(new RegExp(m[1], 'g'), replacement.replace(/\$\{?(\d+)\}?/g, '$$$1'));
    return s.split(search).join(replacement);
  },
  substr: (ctx, [s, offset, length]) => (length < 0 ? s.slice(offset) : s.substr(offset, length)),
  regex: (ctx, [pattern, s]) => {
    const m = new RegExp(pattern).exec(s);
    if (!m) throw new (ev().EvalError)(`regex ${pattern} does not match ${JSON.stringify(s)}`);
    if (m.groups) return { ...m.groups };
    return m.length > 1 ? m.slice(1) : m[0];
  },
  tostring: (ctx, [v]) => {
    if (v === null) return null;
    if (typeof v === 'object') throw new (ev().EvalError)('tostring of a collection');
    return typeof v === 'boolean' ? String(v) : String(v);
  },
  tonumber: (ctx, [v]) => (v === null ? null : Number(v)),
  tobool: (ctx, [v]) => (v === null ? null : v === true || v === 'true'),
  // ---- numbers
  max: (ctx, args) => Math.max(...flattenDeep(args)),
  min: (ctx, args) => Math.min(...flattenDeep(args)),
  floor: (ctx, [n]) => Math.floor(n),
  ceil: (ctx, [n]) => Math.ceil(n),
  abs: (ctx, [n]) => Math.abs(n),
  sum: (ctx, [list]) => list.reduce((a, b) => a + b, 0),
};

// Functions that accept unknown values inside collections (they only move values around).
const STRUCTURAL = {
  merge: (ctx, args) => Object.assign({}, ...args.filter((a) => a !== null)),
  concat: (ctx, args) => [].concat(...args),
  flatten: (ctx, [list]) => flattenDeep(list),
  distinct: (ctx, [list]) => {
    const { deepEqual } = ev();
    const out = [];
    for (const x of list) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  },
  compact: (ctx, [list]) => list.filter((x) => x !== null && x !== ''),
  keys: (ctx, [obj]) => Object.keys(obj).sort(),
  values: (ctx, [obj]) => Object.keys(obj).sort().map((k) => obj[k]),
  length: (ctx, [v]) => (typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : Object.keys(v).length),
  lookup: (ctx, args) => {
    const [obj, key] = args;
    if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
    if (args.length < 3) throw new (ev().EvalError)(`lookup: no key ${JSON.stringify(key)} and no default`);
    return args[2];
  },
  element: (ctx, [list, i]) => list[i % list.length],
  one: (ctx, [list]) => {
    const items = Array.isArray(list) ? list : Object.values(list);
    if (items.length > 1) throw new (ev().EvalError)(`one() needs a collection of at most one element, got ${items.length}`);
    return items.length ? items[0] : null;
  },
  tolist: (ctx, [v]) => v,
  toset: (ctx, [v]) => STRUCTURAL.distinct(ctx, [v]),
  tomap: (ctx, [v]) => v,
  zipmap: (ctx, [ks, vs]) => Object.fromEntries(ks.map((k, i) => [k, vs[i]])),
  slice: (ctx, [list, a, b]) => list.slice(a, b),
  reverse: (ctx, [list]) => [...list].reverse(),
  sort: (ctx, [list]) => [...list].sort(),
  range: (ctx, args) => {
    const [start, end, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] || 1];
    const out = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  },
  setintersection: (ctx, [first, ...rest]) => first.filter((x) => rest.every((r) => r.includes(x))),
  setunion: (ctx, args) => STRUCTURAL.distinct(ctx, [[].concat(...args)]),
  setsubtract: (ctx, [a, b]) => a.filter((x) => !b.includes(x)),
  alltrue: (ctx, [list]) => list.every((x) => x === true || x === 'true'),
  anytrue: (ctx, [list]) => list.some((x) => x === true || x === 'true'),
};

/**
 * Renders a template file; null when it uses directives (%{ }) or, unless ctx.partialTemplates,
 * when a value it interpolates is known only after apply.
 */
async function renderTemplate(ctx, text, vars) {
  const { splitTemplate } = require('./hcl');
  const { templateString, EvalError } = ev();
  let out = '';
  for (const part of splitTemplate(text)) {
    if (part.directive !== undefined) return null;
    if (part.lit !== undefined) {
      out += part.lit;
      continue;
    }
    const value = await ctx.evalExpression(part.expr, { ctx, names: { ...vars } });
    if (ev().isUnknown(value)) {
      if (!ctx.partialTemplates) return null;
      out += UNKNOWN_PLACEHOLDER;
      continue;
    }
    try {
      out += templateString(value, part.expr);
    } catch (e) {
      throw new EvalError(`templatefile: ${e.message}`);
    }
  }
  return out;
}

/**
 * Calls a function with lazily evaluated arguments (try and can need laziness).
 * @param {Array<() => Promise<any>>} lazy
 */
async function callFunction(name, lazy, ctx, node) {
  const { EvalError, isUnknown, containsUnknown, Unknown } = ev();
  if (name === 'try') {
    let last;
    for (const arg of lazy) {
      try {
        const v = await arg();
        return v;
      } catch (e) {
        last = e;
      }
    }
    throw new EvalError(`try(): no argument could be evaluated (${last && last.message})`);
  }
  if (name === 'can') {
    try {
      const v = await lazy[0]();
      return isUnknown(v) ? v : true;
    } catch (e) {
      return false;
    }
  }
  const args = [];
  for (const arg of lazy) args.push(await arg());
  if (name === 'templatefile') {
    const [file, vars] = args;
    if (isUnknown(file)) return unknownCall(name, node);
    const abs = path.resolve(ctx.rootDir, file);
    if (ctx.hooks.templatefile) ctx.hooks.templatefile(ctx, { path: abs, vars, node });
    const rendered = containsUnknown(vars) && !ctx.partialTemplates ? null : await renderTemplate(ctx, ctx.readFile(abs), vars);
    if (rendered !== null) return rendered;
    const result = unknownCall(name, node);
    result.templatefile = { path: abs, vars };
    return result;
  }
  if (name === 'filebase64sha256' || name === 'filesha256' || name === 'filemd5' || name === 'filesha1' || name === 'timestamp' || name === 'uuid') {
    // Depends on the built artifact or on the time: known only when Terraform runs.
    return unknownCall(name, node);
  }
  if (name === 'coalesce') {
    for (const a of args) {
      if (isUnknown(a)) return unknownCall(name, node);
      if (a !== null && a !== '') return a;
    }
    throw new EvalError('coalesce(): every argument is null or empty');
  }
  if (name === 'coalescelist') {
    for (const a of args) {
      if (isUnknown(a)) return unknownCall(name, node);
      if (Array.isArray(a) && a.length) return a;
    }
    return [];
  }
  if (name === 'contains') {
    const [list, value] = args;
    if (isUnknown(list) || containsUnknown(value)) return unknownCall(name, node);
    const { deepEqual } = ev();
    if (list.some((x) => !isUnknown(x) && deepEqual(x, value))) return true;
    return list.some((x) => isUnknown(x)) ? unknownCall(name, node) : false;
  }
  if (name === 'join' && args.length >= 2 && !isUnknown(args[0]) && args.slice(1).every((a) => Array.isArray(a)) && args.slice(1).some((a) => a.some(isUnknown))) {
    // Known separator and lists whose elements are strings or unknown: unknown, but readable
    // ("a,${aws_x.y.domain_name}"), as a string template with an unknown part is.
    const items = flattenDeep(args.slice(1));
    if (items.every((x) => typeof x === 'string' || isUnknown(x))) return new Unknown(items.map((x) => (isUnknown(x) ? x.display : x)).join(args[0]), null, { call: name, parts: items });
  }
  const readable = (v) => typeof v === 'string' || isUnknown(v);
  if (name === 'replace' && readable(args[0]) && typeof args[1] === 'string' && !/^\/.*\/$/s.test(args[1]) && readable(args[2]) && (isUnknown(args[0]) || isUnknown(args[2]))) {
    // A literal search in a string or a replacement known only after apply: unknown, but readable
    // ("connect-src ${local.api_origin}"), as join() of unknown parts is.
    return new Unknown(String(args[0]).split(args[1]).join(String(args[2])), null, { call: name });
  }
  if (name === 'jsonencode') {
    if (containsUnknown(args[0])) return new Unknown(`\${${node.meta.value}}`, null, { call: name, encoded: args[0] });
    return jsonencode(args[0]);
  }
  if (STRUCTURAL[name]) {
    if (args.some((a) => isUnknown(a))) return unknownCall(name, node);
    try {
      return STRUCTURAL[name](ctx, args, node);
    } catch (e) {
      if (e instanceof EvalError) throw e;
      throw new EvalError(`${name}(): ${e.message}`);
    }
  }
  if (STRICT[name]) {
    if (args.some((a) => containsUnknown(a))) return unknownCall(name, node);
    try {
      return STRICT[name](ctx, args, node);
    } catch (e) {
      if (e instanceof EvalError) throw e;
      throw new EvalError(`${name}(): ${e.message}`);
    }
  }
  throw new EvalError(`function ${name}() is not supported by this check's evaluator (add it to lib/functions.js)`);
}

module.exports = { callFunction, jsonencode, fileset, UNKNOWN_PLACEHOLDER };
