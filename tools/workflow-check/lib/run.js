'use strict';
const { loadRepository } = require('./files');
const { RULES } = require('./rules');
const validators = require('./validators');

const RULE_NAMES = ['parse', 'schema', 'actionlint', ...Object.keys(RULES)];

/** Every rule over a repository's .github/; failures sorted by file and line. */
async function checkRepository(root) {
  const repo = loadRepository(root);
  const failures = [];
  const report = (f) => failures.push(f);
  if (!repo.workflows.length) report({ rule: 'parse', file: '.github/workflows', line: 1, message: 'no workflow files' });
  for (const file of [...repo.workflows, ...repo.actions]) {
    for (const e of file.errors) report({ rule: 'parse', file: file.relative, line: e.line, message: e.message });
  }
  validators.schema(repo, report);
  await validators.actionlint(repo, report);
  for (const rule of Object.values(RULES)) rule(repo, report);
  failures.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  return { failures, files: repo.workflows.length + repo.actions.length, rules: RULE_NAMES };
}

module.exports = { checkRepository, RULE_NAMES };
