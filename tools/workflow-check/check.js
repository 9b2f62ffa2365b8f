#!/usr/bin/env node
'use strict';
// Checks .github/: node check.js [--root DIR] [--json]. Exits 1 when a rule fails.
const path = require('node:path');
const { checkRepository } = require('./lib/run');

async function main() {
  const args = process.argv.slice(2);
  const root = args.includes('--root') ? args[args.indexOf('--root') + 1] : path.resolve(__dirname, '..', '..');
  const { failures, files, rules } = await checkRepository(root);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ failures, files, rules }, null, 2));
  } else {
    for (const f of failures) console.log(`${f.file}:${f.line}: ${f.rule}: ${f.message}`);
    console.log(failures.length
      ? `workflow-check: ${failures.length} failure(s) in rule(s) ${[...new Set(failures.map((f) => f.rule))].sort().join(', ')}`
      : `workflow-check: OK (${rules.length} rules, ${files} files)`);
  }
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(`workflow-check: ${e.stack || e}`);
  process.exit(2);
});
