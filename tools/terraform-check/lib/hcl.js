'use strict';
// Loading Terraform modules with HashiCorp's HCL parser (compiled to WASM in @cdktf/hcl2json),
// splitting Terraform JSON-syntax templates, and finding source lines for failure messages.
const fs = require('node:fs');
const path = require('node:path');
const { parse, getExpressionAst, getReferencesInExpression } = require('@cdktf/hcl2json');

/**
 * Splits a string of Terraform's JSON syntax (what hcl2json emits) into literal parts and
 * interpolations. Literal parts are already decoded; "$${" and "%%{" stand for literal "${"
 * and "%{". Returns [{ lit }, { expr }, { directive }].
 */
function splitTemplate(s) {
  const parts = [];
  let lit = '';
  let i = 0;
  const n = s.length;
  const pushLit = () => {
    if (lit) parts.push({ lit });
    lit = '';
  };
  while (i < n) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      lit += s[i + 1] + '{';
      i += 3;
    } else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      const end = skipInterpolation(s, i + 2);
      if (end < 0) throw new Error(`unterminated ${s.slice(i, i + 2)} in template: ${s}`);
      let inner = s.slice(i + 2, end - 1);
      inner = inner.replace(/^~/, '').replace(/~$/, '');
      pushLit();
      parts.push(s[i] === '$' ? { expr: inner.trim(), start: i } : { directive: inner.trim(), start: i });
      i = end;
    } else {
      lit += s[i];
      i += 1;
    }
  }
  pushLit();
  return parts;
}

// Returns the index just past the "}" that closes an interpolation whose body starts at j.
function skipInterpolation(s, j) {
  let depth = 1;
  while (j < s.length) {
    const c = s[j];
    if (c === '"') {
      j = skipQuoted(s, j);
      if (j < 0) return -1;
      continue;
    }
    if (c === '{') depth += 1;
    if (c === '}') {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
    j += 1;
  }
  return -1;
}

// s[j] is an opening quote of an HCL string inside an interpolation; returns the index past its end.
function skipQuoted(s, j) {
  j += 1;
  while (j < s.length) {
    if (s[j] === '\\') j += 2;
    else if (s.startsWith('$${', j)) j += 3;
    else if (s.startsWith('${', j) || s.startsWith('%{', j)) {
      j = skipInterpolation(s, j + 2);
      if (j < 0) return -1;
    } else if (s[j] === '"') return j + 1;
    else j += 1;
  }
  return -1;
}

/** Decodes the escapes of a quoted HCL template literal (not used for heredocs). */
function decodeQuotedLiteral(raw) {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const e = raw[i + 1];
      const simple = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
      if (e in simple) {
        out += simple[e];
        i += 1;
      } else if (e === 'u') {
        out += String.fromCodePoint(parseInt(raw.slice(i + 2, i + 6), 16));
        i += 5;
      } else if (e === 'U') {
        out += String.fromCodePoint(parseInt(raw.slice(i + 2, i + 10), 16));
        i += 9;
      } else {
        out += c;
      }
    } else if (raw.startsWith('$${', i) || raw.startsWith('%%{', i)) {
      out += raw[i + 1] + '{';
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

function decodeHeredocLiteral(raw) {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

const astCache = new Map();
/** The HCL syntax tree of one expression (cached: the same texts recur across configurations). */
async function astOf(expr) {
  if (!astCache.has(expr)) {
    astCache.set(expr, getExpressionAst('expression.tf', expr).catch((e) => {
      throw new Error(`cannot parse expression ${JSON.stringify(expr)}: ${firstLine(e.message)}`);
    }));
  }
  return astCache.get(expr);
}

const refCache = new Map();
/** References (var.x, local.y, aws_x.y, ...) of one interpolation, from the HCL parser. */
async function referencesOf(expr) {
  if (!refCache.has(expr)) {
    refCache.set(expr, getReferencesInExpression('expression.tf', '${' + expr + '}').then((refs) => refs.map((r) => r.value)));
  }
  return refCache.get(expr);
}

function firstLine(s) {
  return String(s).trim().split('\n')[0];
}

/** Finds every directory under root (recursively) that holds .tf files. */
function moduleDirs(root) {
  const out = [];
  const walk = (dir) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && /\.tf$/.test(e.name))) out.push(dir);
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') walk(path.join(dir, e.name));
    }
  };
  walk(root);
  return out;
}

/** Every .tf and .tfvars file of one directory (not recursive), sorted. */
function configFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.(tf|tfvars)$/.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/**
 * Parses the files of one module directory. Returns { module, errors } where errors are parse
 * failures with a line number.
 */
async function loadModule(dir) {
  const mod = {
    dir,
    files: [],
    variables: {},
    locals: {},
    outputs: {},
    resources: {},
    data: {},
    modules: {},
    providers: {},
    terraform: [],
    tfvars: [],
  };
  const errors = [];
  for (const file of configFiles(dir)) {
    const src = fs.readFileSync(file, 'utf8');
    const entry = { path: file, src, json: null, locator: new Locator(file, src) };
    mod.files.push(entry);
    try {
      entry.json = await parse(path.basename(file), src);
    } catch (e) {
      const msg = firstLine(e.message);
      const m = /:(\d+),(\d+)(?:-[\d,]+)?:\s*([^\]]*)/.exec(msg);
      errors.push({ file, line: m ? Number(m[1]) : 1, message: m ? `column ${m[2]}: ${m[3].trim()}` : msg });
      continue;
    }
    if (file.endsWith('.tfvars')) {
      mod.tfvars.push(entry);
      continue;
    }
    addDeclarations(mod, entry, errors);
  }
  return { module: mod, errors };
}

function addDeclarations(mod, entry, errors) {
  const j = entry.json;
  const declare = (table, key, value, kind) => {
    if (table[key]) {
      errors.push({ file: entry.path, line: entry.locator.blockLine(kind, key), message: `duplicate ${kind} ${key}` });
      return;
    }
    table[key] = value;
  };
  for (const [name, [body]] of Object.entries(j.variable || {})) declare(mod.variables, name, { name, body, file: entry }, 'variable');
  for (const [name, [body]] of Object.entries(j.output || {})) declare(mod.outputs, name, { name, body, file: entry }, 'output');
  for (const [name, [body]] of Object.entries(j.module || {})) declare(mod.modules, name, { name, body, file: entry }, 'module');
  for (const block of j.locals || []) {
    for (const [name, expr] of Object.entries(block)) declare(mod.locals, name, { name, expr, file: entry }, 'local');
  }
  for (const [kind, table] of [['resource', mod.resources], ['data', mod.data]]) {
    for (const [type, byName] of Object.entries(j[kind] || {})) {
      for (const [name, [body]] of Object.entries(byName)) {
        declare(table, `${type}.${name}`, { kind, type, name, body, file: entry }, kind === 'resource' ? `resource ${type}` : `data ${type}`);
      }
    }
  }
  for (const [name, blocks] of Object.entries(j.provider || {})) mod.providers[name] = { blocks, file: entry };
  for (const body of j.terraform || []) mod.terraform.push({ body, file: entry });
}

/**
 * Finds source lines. hcl2json gives no positions for blocks and attributes, so blocks are found
 * by their header and attributes by searching the block's lines in order (files are in canonical
 * format, so a top-level block closes with "}" in column 1).
 */
class Locator {
  constructor(file, src) {
    this.file = file;
    this.lines = src.split('\n');
  }

  blockRange(kind, key) {
    if (kind === 'local') return this.localRange(key);
    const re = blockHeader(kind, key);
    const start = this.lines.findIndex((l) => re.test(l));
    if (start < 0) return null;
    let end = this.lines.length - 1;
    for (let i = start + 1; i < this.lines.length; i++) {
      if (/^\}/.test(this.lines[i])) {
        end = i;
        break;
      }
    }
    return { start, end };
  }

  // A local is an attribute of a top-level locals block; its range ends where the next one starts.
  localRange(name) {
    const attr = new RegExp(`^  ${escapeRe(name)}\\s*=`);
    let inLocals = false;
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (/^locals\s*\{/.test(line)) inLocals = true;
      else if (/^\}/.test(line)) inLocals = false;
      else if (inLocals && attr.test(line)) {
        let end = i;
        while (end + 1 < this.lines.length && !/^( {2}[^\s}]|\})/.test(this.lines[end + 1])) end += 1;
        return { start: i, end };
      }
    }
    return null;
  }

  blockLine(kind, key) {
    const r = this.blockRange(kind, key);
    return r ? r.start + 1 : 1;
  }

  /** Line of an attribute path (block names and attribute names) inside a top-level block. */
  line(kind, key, attrPath = []) {
    const r = this.blockRange(kind, key);
    if (!r) return 1;
    let at = r.start;
    for (const part of attrPath.filter((p) => typeof p === 'string')) {
      const re = new RegExp(`^\\s*(${escapeRe(part)}\\s*(=|\\{)|dynamic\\s+"${escapeRe(part)}"|"${escapeRe(part)}"\\s*=)`);
      let found = -1;
      for (let i = at + 1; i <= r.end; i++) {
        if (re.test(this.lines[i])) {
          found = i;
          break;
        }
      }
      if (found < 0) break;
      at = found;
    }
    return at + 1;
  }

  /** Line of the first line matching a pattern, or 1. */
  search(re, from = 0) {
    for (let i = from; i < this.lines.length; i++) if (re.test(this.lines[i])) return i + 1;
    return 1;
  }
}

function blockHeader(kind, key) {
  if (kind === 'terraform') return /^terraform\s*\{/;
  if (kind === 'locals') return /^locals\s*\{/;
  const m = /^(resource|data) (.+)$/.exec(kind);
  if (m) return new RegExp(`^${m[1]}\\s+"${escapeRe(m[2])}"\\s+"${escapeRe(key)}"\\s*\\{`);
  return new RegExp(`^${escapeRe(kind)}\\s+"${escapeRe(key)}"\\s*\\{`);
}

function escapeRe(s) {
  return String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = {
  splitTemplate,
  decodeQuotedLiteral,
  decodeHeredocLiteral,
  astOf,
  referencesOf,
  loadModule,
  moduleDirs,
  configFiles,
  Locator,
  firstLine,
  escapeRe,
};
