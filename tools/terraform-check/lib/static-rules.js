'use strict';
// Rules that read the configuration without evaluating it: canonical format, references,
// variable and output documentation, the spec as a template, and the README tables.
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('@cdktf/hcl2json');
const { format } = require('@cdktf/hcl-tools');
const yaml = require('js-yaml');
const { splitTemplate, referencesOf, firstLine, Locator, astOf } = require('./hcl');

/** format: every file must be what `terraform fmt` (hclwrite.Format) would write. */
async function checkFormat(mod, report) {
  for (const f of mod.files) {
    let formatted;
    try {
      formatted = await format(f.src);
    } catch (e) {
      continue; // a parse error, reported by the parse rule
    }
    if (formatted !== f.src) {
      const a = f.src.split('\n');
      const b = formatted.split('\n');
      let i = 0;
      while (i < a.length && a[i] === b[i]) i += 1;
      report({ rule: 'format', file: f.path, line: i + 1, message: `not in canonical format (terraform fmt would rewrite this line as ${JSON.stringify((b[i] || '').trim())})` });
    }
  }
}

const RESOURCE_TYPE = /^[a-z0-9]+_[a-z0-9_]+$/;

/**
 * references: every var., local., module., data. and resource reference resolves; each. and
 * count. appear only where for_each or count is set; dynamic block iterators only inside their
 * block; module arguments are variables of the called module, module.x.y outputs of it.
 */
async function checkReferences(mod, modulesByDir, report) {
  const fail = (file, line, message) => report({ rule: 'references', file: file.path, line, message });
  const check = async (file, value, scope, where) => {
    for (const s of strings(value)) {
      let parts;
      try {
        parts = splitTemplate(s);
      } catch (e) {
        fail(file, where(), e.message);
        continue;
      }
      for (const part of parts) {
        if (part.expr === undefined) continue;
        let refs;
        try {
          refs = await referencesOf(part.expr);
        } catch (e) {
          fail(file, where(), `cannot parse \${${part.expr}}: ${firstLine(e.message)}`);
          continue;
        }
        for (const ref of refs) {
          const problem = resolve(ref, scope);
          if (problem) fail(file, where(), `${problem} (in \${${part.expr}})`);
        }
      }
    }
  };
  const resolve = (ref, scope) => {
    const segs = ref.split('.');
    const [root, a, b] = segs;
    if (scope.iterators.includes(root)) return null;
    switch (root) {
      case 'var':
        return mod.variables[a] ? null : `var.${a} is not declared`;
      case 'local':
        return mod.locals[a] ? null : `local.${a} is not declared`;
      case 'module': {
        const call = mod.modules[a];
        if (!call) return `module.${a} is not declared`;
        const child = childModule(mod, call, modulesByDir);
        if (child && b && !child.outputs[b]) return `module.${a} (${path.relative(mod.dir, child.dir) || '.'}) has no output ${b}`;
        return null;
      }
      case 'data':
        return mod.data[`${a}.${b}`] ? null : `data.${a}.${b} is not declared`;
      case 'path':
        return ['module', 'root', 'cwd'].includes(a) ? null : `path.${a} does not exist`;
      case 'terraform':
        return a === 'workspace' ? null : `terraform.${a} is not supported`;
      case 'each':
        return scope.forEach ? null : 'each. is used where no for_each is set';
      case 'count':
        return scope.count ? null : 'count. is used where no count is set';
      case 'self':
        return null;
      default:
        if (RESOURCE_TYPE.test(root)) return mod.resources[`${root}.${a}`] ? null : `resource ${root}.${a} is not declared`;
        return `${ref} refers to nothing`;
    }
  };

  const walkBlock = async (file, body, scope, where) => {
    for (const [k, v] of Object.entries(body)) {
      if (k === 'provider' || k === 'providers') continue; // provider configuration names, not values
      if (k === 'dynamic') {
        for (const [blockType, defs] of Object.entries(v)) {
          for (const def of defs) {
            await check(file, def.for_each, scope, where);
            const iterator = typeof def.iterator === 'string' ? def.iterator : blockType;
            for (const content of def.content || []) await walkBlock(file, content, { ...scope, iterators: [...scope.iterators, iterator] }, where);
          }
        }
        continue;
      }
      if (k === 'lifecycle') {
        for (const lc of v) {
          for (const [lk, lv] of Object.entries(lc)) {
            if (lk === 'precondition' || lk === 'postcondition') for (const c of lv) await check(file, c, { ...scope, self: true }, where);
          }
        }
        continue;
      }
      if (Array.isArray(v) && v.length && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
        for (const b of v) await walkBlock(file, b, scope, where);
      } else {
        await check(file, v, scope, where);
      }
    }
  };

  const base = { iterators: [], forEach: false, count: false };
  for (const [name, v] of Object.entries(mod.variables)) {
    const where = () => v.file.locator.line('variable', name);
    for (const val of v.body.validation || []) await check(v.file, val.condition, base, where);
  }
  for (const [name, l] of Object.entries(mod.locals)) await check(l.file, l.expr, base, () => l.file.locator.line('local', name));
  for (const [name, o] of Object.entries(mod.outputs)) await check(o.file, o.body.value, base, () => o.file.locator.line('output', name));
  for (const [table, kind] of [[mod.resources, 'resource'], [mod.data, 'data']]) {
    for (const decl of Object.values(table)) {
      const scope = { ...base, forEach: 'for_each' in decl.body, count: 'count' in decl.body };
      const where = () => decl.file.locator.line(`${kind} ${decl.type}`, decl.name);
      await walkBlock(decl.file, decl.body, scope, where);
    }
  }
  for (const [name, p] of Object.entries(mod.providers)) {
    for (const block of p.blocks) await walkBlock(p.file, block, base, () => p.file.locator.line('provider', name));
  }
  for (const [name, call] of Object.entries(mod.modules)) {
    const where = () => call.file.locator.line('module', name);
    const scope = { ...base, forEach: 'for_each' in call.body, count: 'count' in call.body };
    const child = childModule(mod, call, modulesByDir);
    if (typeof call.body.source === 'string' && call.body.source.startsWith('.') && !child) {
      fail(call.file, where(), `module ${name}: source ${call.body.source} is not a module directory`);
    }
    for (const [arg, value] of Object.entries(call.body)) {
      if (['source', 'version', 'providers', 'depends_on', 'count', 'for_each'].includes(arg)) continue;
      if (child && !child.variables[arg]) fail(call.file, call.file.locator.line('module', name, [arg]), `module ${name}: ${arg} is not a variable of ${path.relative(mod.dir, child.dir) || '.'}`);
      await check(call.file, value, scope, () => call.file.locator.line('module', name, [arg]));
    }
  }
  checkProviderReferences(mod, modulesByDir, fail);
}

/**
 * The provider configurations a module can use: the default configuration of each provider it
 * requires or whose resources it declares ("aws"), each alias it declares in
 * configuration_aliases (passed by its caller, "aws.us_east_1"), and each provider block's alias.
 */
function providerConfigurations(mod) {
  const defaults = new Set();
  const aliases = new Set();
  for (const { body } of mod.terraform) {
    for (const block of body.required_providers || []) {
      for (const [local, spec] of Object.entries(block || {})) {
        defaults.add(local);
        for (const a of (spec && spec.configuration_aliases) || []) {
          const ref = providerRef(a);
          if (ref) aliases.add(ref);
        }
      }
    }
  }
  // terraform_data and terraform_remote_state belong to the built-in provider, never passed.
  for (const decl of [...Object.values(mod.resources), ...Object.values(mod.data)]) if (!decl.type.startsWith('terraform_')) defaults.add(decl.type.split('_')[0]);
  const configured = new Set();
  for (const [local, p] of Object.entries(mod.providers)) {
    for (const block of p.blocks) configured.add(typeof block.alias === 'string' ? `${local}.${block.alias}` : local);
  }
  return { defaults, aliases, configured, available: new Set([...defaults, ...aliases, ...configured]) };
}

/** "aws.us_east_1" from "${aws.us_east_1}" (how the parser gives a provider reference), or null. */
function providerRef(value) {
  const m = typeof value === 'string' ? /^\$\{\s*([A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z][A-Za-z0-9_-]*)?)\s*\}$/.exec(value) : null;
  return m ? m[1] : null;
}

/**
 * references (providers): a resource's or data source's provider = NAME.ALIAS names a configuration
 * the module has (a provider block, or an entry of configuration_aliases, which its callers must
 * pass); a module call's providers map passes only configurations the caller has, under names the
 * child module declares, and passes every configuration_aliases entry of the child and, because an
 * explicit providers map replaces the implicit inheritance, every default configuration it uses.
 */
function checkProviderReferences(mod, modulesByDir, fail) {
  const mine = providerConfigurations(mod);
  for (const [table, kind] of [[mod.resources, 'resource'], [mod.data, 'data']]) {
    for (const decl of Object.values(table)) {
      if (!('provider' in decl.body)) continue;
      const line = decl.file.locator.line(`${kind} ${decl.type}`, decl.name, ['provider']);
      const ref = providerRef(decl.body.provider);
      const address = `${kind === 'data' ? 'data.' : ''}${decl.type}.${decl.name}`;
      if (!ref) {
        fail(decl.file, line, `${address}: provider must be a provider configuration reference such as aws.us_east_1, not ${JSON.stringify(decl.body.provider)}`);
        continue;
      }
      if (!mine.available.has(ref)) {
        const [local, alias] = ref.split('.');
        fail(decl.file, line, `${address} uses provider ${ref}, which this module neither configures (provider "${local}" { alias = "${alias}" }) nor declares in configuration_aliases (for its callers to pass)`);
      }
    }
  }
  for (const [name, call] of Object.entries(mod.modules)) {
    const child = childModule(mod, call, modulesByDir);
    const childRel = child ? path.relative(mod.dir, child.dir) || '.' : null;
    const line = call.file.locator.line('module', name, ['providers']);
    const passed = call.body.providers && typeof call.body.providers === 'object' ? call.body.providers : null;
    if (passed) {
      for (const [key, value] of Object.entries(passed)) {
        const target = providerRef(`\${${key}}`);
        const source = providerRef(value);
        if (!target || !source) {
          fail(call.file, line, `module ${name}: providers entry ${key} = ${JSON.stringify(value)} is not NAME[.ALIAS] = NAME[.ALIAS]`);
          continue;
        }
        if (!mine.available.has(source)) fail(call.file, line, `module ${name}: passes provider ${source}, which this module neither configures nor declares in configuration_aliases`);
        if (child) {
          const theirs = providerConfigurations(child);
          if (target.includes('.') ? !theirs.aliases.has(target) : !theirs.defaults.has(target)) {
            fail(call.file, line, `module ${name}: passes ${target}, which ${childRel} does not ${target.includes('.') ? 'declare in configuration_aliases' : 'use'}`);
          }
        }
      }
    }
    if (!child) continue;
    const theirs = providerConfigurations(child);
    for (const alias of [...theirs.aliases].sort()) {
      if (!passed || !Object.prototype.hasOwnProperty.call(passed, alias)) {
        fail(call.file, passed ? line : call.file.locator.line('module', name), `module ${name}: does not pass provider ${alias}, which ${childRel} declares in configuration_aliases (providers = { ${alias} = ... })`);
      }
    }
    if (passed) {
      for (const local of [...theirs.defaults].sort()) {
        if (!Object.prototype.hasOwnProperty.call(passed, local)) fail(call.file, line, `module ${name}: providers does not pass ${local}, which ${childRel} uses (an explicit providers map replaces the default inheritance)`);
      }
    }
  }
}

/**
 * cycles: no resource, data source, local value or module call depends on itself, directly or
 * through others (Terraform refuses such a configuration with "Cycle" or "Self-referential
 * block"). Edges are the references of every argument, nested and dynamic block, count,
 * for_each, depends_on and condition; a reference to a resource is an edge to the whole resource,
 * as in Terraform's graph, so aws_x.this["a"] referring to aws_x.this["b"] is a cycle too.
 */
async function checkCycles(mod, report) {
  const nodes = new Map(); // id -> { label, file, line }
  const edges = new Map(); // id -> Set of ids
  const declare = (id, label, file, line) => {
    nodes.set(id, { label, file, line });
    edges.set(id, new Set());
  };
  for (const [name, l] of Object.entries(mod.locals)) declare(`local.${name}`, `local.${name}`, l.file, () => l.file.locator.line('local', name));
  for (const decl of Object.values(mod.resources)) declare(`${decl.type}.${decl.name}`, `${decl.type}.${decl.name}`, decl.file, () => decl.file.locator.line(`resource ${decl.type}`, decl.name));
  for (const decl of Object.values(mod.data)) declare(`data.${decl.type}.${decl.name}`, `data.${decl.type}.${decl.name}`, decl.file, () => decl.file.locator.line(`data ${decl.type}`, decl.name));
  for (const [name, call] of Object.entries(mod.modules)) declare(`module.${name}`, `module.${name}`, call.file, () => call.file.locator.line('module', name));
  const target = (ref, iterators) => {
    const [root, a, b] = ref.split('.');
    if (iterators.includes(root)) return null;
    if (root === 'local') return `local.${a}`;
    if (root === 'data') return `data.${a}.${b}`;
    if (root === 'module') return `module.${a}`;
    if (RESOURCE_TYPE.test(root) && a) return `${root}.${a}`;
    return null;
  };
  const addRefs = async (from, value, iterators) => {
    for (const text of strings(value)) {
      let parts;
      try {
        parts = splitTemplate(text);
      } catch {
        continue; // reported by the references rule
      }
      for (const part of parts) {
        if (part.expr === undefined) continue;
        let refs;
        try {
          refs = await traversalsOf(part.expr);
        } catch {
          continue;
        }
        for (const ref of refs) {
          const to = target(ref, iterators);
          if (to && nodes.has(to)) edges.get(from).add(to);
        }
      }
    }
  };
  const walk = async (from, body, iterators) => {
    for (const [k, v] of Object.entries(body)) {
      if (k === 'provider' || k === 'providers') continue;
      if (k === 'dynamic') {
        for (const [blockType, defs] of Object.entries(v)) {
          for (const def of defs) {
            await addRefs(from, def.for_each, iterators);
            const iterator = typeof def.iterator === 'string' ? def.iterator : blockType;
            for (const content of def.content || []) await walk(from, content, [...iterators, iterator]);
          }
        }
        continue;
      }
      if (k === 'lifecycle') {
        for (const lc of v) {
          for (const [lk, lv] of Object.entries(lc)) {
            if (lk === 'precondition' || lk === 'postcondition' || lk === 'replace_triggered_by') await addRefs(from, lv, iterators);
          }
        }
        continue;
      }
      if (Array.isArray(v) && v.length && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
        for (const b of v) await walk(from, b, iterators);
      } else {
        await addRefs(from, v, iterators);
      }
    }
  };
  for (const [name, l] of Object.entries(mod.locals)) await addRefs(`local.${name}`, l.expr, []);
  for (const decl of Object.values(mod.resources)) await walk(`${decl.type}.${decl.name}`, decl.body, []);
  for (const decl of Object.values(mod.data)) await walk(`data.${decl.type}.${decl.name}`, decl.body, []);
  for (const [name, call] of Object.entries(mod.modules)) {
    for (const [arg, value] of Object.entries(call.body)) {
      if (['source', 'version', 'providers'].includes(arg)) continue;
      await addRefs(`module.${name}`, value, []);
    }
  }
  // Strongly connected components (Tarjan); each one with a cycle is reported once, at its first
  // member in source order, with one path around it.
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const connect = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), idx.get(w)));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const v of nodes.keys()) if (!idx.has(v)) connect(v);
  for (const component of components) {
    const members = new Set(component);
    if (component.length === 1 && !edges.get(component[0]).has(component[0])) continue;
    const first = component.map((id) => ({ id, ...nodes.get(id) })).sort((a, b) => a.file.path.localeCompare(b.file.path) || a.line() - b.line())[0];
    // One path from first back to itself within the component (breadth-first, shortest).
    const previous = new Map();
    const queue = [first.id];
    let found = edges.get(first.id).has(first.id);
    while (queue.length && !found) {
      const v = queue.shift();
      for (const w of edges.get(v)) {
        if (!members.has(w) || previous.has(w)) continue;
        previous.set(w, v);
        if (edges.get(w).has(first.id)) {
          found = true;
          const path = [w];
          while (path[0] !== first.id) path.unshift(previous.get(path[0]));
          first.path = path;
          break;
        }
        queue.push(w);
      }
    }
    const path = first.path || [first.id];
    report({ rule: 'cycles', file: first.file.path, line: first.line(), message: `dependency cycle: ${[...path, first.id].map((id) => nodes.get(id).label).join(' -> ')} (Terraform cannot order these; build one of the values from names instead of from the resource)` });
  }
}

/**
 * Every variable traversal of an expression (root and leading attribute names, "aws_x.y.arn"),
 * from its syntax tree: unlike getReferencesInExpression, this also sees the bodies of for
 * expressions.
 */
async function traversalsOf(expr) {
  const out = [];
  const walk = (node) => {
    if (!node) return;
    if (node.type === 'scopeTraversal' && node.meta && Array.isArray(node.meta.traversal)) {
      const names = [];
      for (const step of node.meta.traversal) {
        if (step.type !== 'nameTraversal') break;
        names.push(step.segment);
      }
      if (names.length) out.push(names.join('.'));
    }
    for (const child of node.children || []) walk(child);
  };
  walk(await astOf(expr));
  return out;
}

function childModule(mod, call, modulesByDir) {
  const source = call.body.source;
  if (typeof source !== 'string' || !source.startsWith('.')) return null;
  return modulesByDir.get(path.resolve(mod.dir, source)) || null;
}

function* strings(v) {
  if (typeof v === 'string') yield v;
  else if (Array.isArray(v)) for (const x of v) yield* strings(x);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k.includes('${')) yield k;
      yield* strings(x);
    }
  }
}

/** variables: every variable has a type, a description and a default; every output a description. */
function checkDocumentation(mod, report) {
  for (const [name, v] of Object.entries(mod.variables)) {
    const missing = ['type', 'description', 'default'].filter((k) => !(k in v.body));
    if (missing.length) report({ rule: 'variables', file: v.file.path, line: v.file.locator.line('variable', name), message: `variable ${name} has no ${missing.join(', no ')}` });
    else if (typeof v.body.description !== 'string' || !v.body.description.trim()) report({ rule: 'variables', file: v.file.path, line: v.file.locator.line('variable', name, ['description']), message: `variable ${name} has an empty description` });
    if (v.body.type === '${bool}' && !/^(create|enable)_/.test(name) && /^(use|with|has|is|toggle|feature)_/.test(name)) {
      report({ rule: 'variables', file: v.file.path, line: v.file.locator.line('variable', name), message: `feature flag ${name} must be named create_* or enable_*` });
    }
  }
  for (const [name, o] of Object.entries(mod.outputs)) {
    if (typeof o.body.description !== 'string' || !o.body.description.trim()) report({ rule: 'variables', file: o.file.path, line: o.file.locator.line('output', name), message: `output ${name} has no description` });
  }
}

/**
 * spec-template: the spec is valid templatefile() input (wrapped in a heredoc and parsed by the
 * HCL parser, as Terraform would), has no YAML merge keys (yamldecode rejects them), and is YAML.
 * Returns the template variables it uses.
 */
async function checkSpecTemplate(specFile, text, report) {
  const fail = (line, message) => report({ rule: 'spec-template', file: specFile, line, message });
  let marker = 'FILESTORE_SPEC';
  while (text.includes(marker)) marker += '_';
  const reported = new Set();
  try {
    await parse('spec.tf', `spec = <<${marker}\n${text}${text.endsWith('\n') ? '' : '\n'}${marker}\n`);
  } catch (e) {
    const msg = firstLine(e.message);
    const m = /spec\.tf:(\d+),(\d+)(?:-\d+)?:\s*([^\]]*)/.exec(msg);
    const line = m ? Math.max(1, Number(m[1]) - 1) : 1;
    reported.add(line);
    const detail = m ? `column ${m[2]}: ${m[3].trim()}` : msg;
    fail(line, `not a valid templatefile() template, ${detail} (a literal "\${" must be written "$\${")`);
  }
  const locator = new Locator(specFile, text);
  const merge = locator.lines.findIndex((l) => /^\s*<<\s*:/.test(l));
  if (merge >= 0) fail(merge + 1, "YAML merge keys (<<) are not supported by Terraform's yamldecode()");
  // Every interpolation on its own, so that each bad one is named (the parser stops at the first).
  const variables = new Set();
  let parts = [];
  try {
    parts = splitTemplate(text);
  } catch (e) {
    if (!reported.size) fail(1, e.message);
  }
  const lineAt = (offset) => text.slice(0, offset).split('\n').length;
  for (const part of parts) {
    if (part.expr === undefined && part.directive === undefined) continue;
    const line = lineAt(part.start);
    if (part.directive !== undefined) {
      if (!reported.has(line)) fail(line, `template directive %{${part.directive}} in the spec; write a literal "%{" as "%%{"`);
      continue;
    }
    try {
      for (const ref of await referencesOf(part.expr)) variables.add(ref.split('.')[0]);
    } catch (e) {
      if (!reported.has(line)) fail(line, `\${${part.expr}} is not a valid template expression (a literal "\${" must be written "$\${")`);
      reported.add(line);
    }
  }
  let doc = null;
  try {
    doc = yaml.load(text);
  } catch (e) {
    fail(e.mark ? e.mark.line + 1 : 1, `not valid YAML: ${firstLine(e.message)}`);
  }
  return { variables: [...variables].sort(), doc };
}

/** readme: the module README's inputs and outputs tables name every variable and output. */
function checkReadme(mod, report) {
  const file = path.join(mod.dir, 'README.md');
  if (!fs.existsSync(file)) {
    report({ rule: 'readme', file, line: 1, message: 'README.md is missing (inputs and outputs tables, the workspace walkthrough)' });
    return;
  }
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const rows = new Set();
  const rowLines = new Map();
  let section = null;
  lines.forEach((l, i) => {
    const heading = /^#+\s+(.*)$/.exec(l);
    if (heading) section = /^(inputs|outputs)$/i.test(heading[1].trim()) ? heading[1].trim().toLowerCase() : null;
    const row = section && /^\|\s*`([a-z0-9_]+)`\s*\|/.exec(l);
    if (row) {
      rows.add(row[1]);
      rowLines.set(row[1], i + 1);
    }
  });
  if (!lines.some((l) => /^#+\s+Inputs\s*$/i.test(l)) || !lines.some((l) => /^#+\s+Outputs\s*$/i.test(l))) {
    report({ rule: 'readme', file, line: 1, message: 'README.md needs an "Inputs" and an "Outputs" section with tables' });
  }
  for (const [name, v] of Object.entries(mod.variables)) {
    if (!rows.has(name)) report({ rule: 'readme', file: v.file.path, line: v.file.locator.line('variable', name), message: `variable ${name} is missing from the inputs table of ${path.basename(mod.dir)}/README.md` });
  }
  for (const [name, o] of Object.entries(mod.outputs)) {
    if (!rows.has(name)) report({ rule: 'readme', file: o.file.path, line: o.file.locator.line('output', name), message: `output ${name} is missing from the outputs table of ${path.basename(mod.dir)}/README.md` });
  }
  for (const name of rows) {
    if (!mod.variables[name] && !mod.outputs[name]) report({ rule: 'readme', file, line: rowLines.get(name), message: `README.md documents ${name}, which is neither a variable nor an output` });
  }
}

module.exports = { checkFormat, checkReferences, checkCycles, checkDocumentation, checkSpecTemplate, checkReadme, childModule };
