'use strict';
// Custom conditions: the preconditions of resources and data sources, evaluated per instance as
// terraform plan does. A condition known to be false fails with its error_message (rule
// `evaluation`, as the plan would stop there); one known only after apply is left to Terraform.
// Postconditions read `self`, known only after apply, and are not evaluated.
const { isUnknown, containsUnknown, templateString } = require('./eval');

async function checkPreconditions(ctx, label, report, handled = new Set()) {
  const mod = ctx.module;
  for (const [table, kind] of [[mod.resources, 'resource'], [mod.data, 'data']]) {
    for (const [key, decl] of Object.entries(table)) {
      const conditions = [];
      for (const lifecycle of decl.body.lifecycle || []) conditions.push(...(lifecycle.precondition || []));
      if (!conditions.length) continue;
      let exp;
      try {
        exp = await ctx.expand(kind, key);
      } catch {
        continue; // reported by known-for-each
      }
      const lines = preconditionLines(decl, kind);
      for (let i = 0; i < exp.keys.length; i++) {
        const scope = ctx.scope();
        if (exp.mode === 'for_each') scope.names.each = { key: exp.keys[i], value: exp.values[exp.keys[i]] };
        if (exp.mode === 'count') scope.names.count = { index: exp.keys[i] };
        for (let c = 0; c < conditions.length; c++) {
          const where = { file: decl.file.path, line: lines[c] || decl.file.locator.blockLine(`${kind} ${decl.type}`, decl.name) };
          const emit = (message) => {
            const id = `${where.file}:${where.line}:${message}`;
            if (handled.has(id)) return;
            handled.add(id);
            report({ rule: 'evaluation', file: where.file, line: where.line, message, label });
          };
          let passed;
          try {
            passed = await ctx.evalValue(conditions[c].condition, scope);
          } catch (e) {
            emit(`${exp.addresses[i]}: precondition cannot be evaluated: ${e.message}`);
            continue;
          }
          if (isUnknown(passed) || containsUnknown(passed) || passed === true) continue;
          let message;
          try {
            const m = await ctx.evalValue(conditions[c].error_message, scope);
            message = isUnknown(m) ? m.display : templateString(m, 'error_message');
          } catch (e) {
            message = `(error_message cannot be evaluated: ${e.message})`;
          }
          emit(passed === false
            ? `${exp.addresses[i]}: precondition failed: ${message}`
            : `${exp.addresses[i]}: precondition is ${JSON.stringify(passed)}, not a bool: ${message}`);
        }
      }
    }
  }
}

/** Source lines of a block's precondition blocks, in order. */
function preconditionLines(decl, kind) {
  const locator = decl.file.locator;
  const range = locator.blockRange(`${kind} ${decl.type}`, decl.name);
  if (!range) return [];
  const out = [];
  for (let i = range.start; i <= range.end; i++) if (/^\s*precondition\s*\{/.test(locator.lines[i])) out.push(i + 1);
  return out;
}

module.exports = { checkPreconditions };
