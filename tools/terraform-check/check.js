#!/usr/bin/env node
'use strict';
// Checks Filestore's Terraform without a terraform binary.
//
//   node tools/terraform-check/check.js [--root DIR] [--jar PATH] [--plan] [--json]
//
// --root  the repository root (default: two directories above this file)
// --jar   the built Lambda jar (default: the wiring's artifact, handlers/target/filestore-lambda.jar)
// --plan  also print the resource instances each workspace gets, with their names
// --json  print the result as JSON
// Exits 1 when any rule fails, 2 on a usage or internal error.
const path = require('node:path');
const { runChecks } = require('./lib/run');

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node tools/terraform-check/check.js [--root DIR] [--jar PATH] [--plan] [--json]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { root: path.resolve(__dirname, '..', '..'), jar: undefined, plan: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--root') opts.root = path.resolve(value());
    else if (a.startsWith('--root=')) opts.root = path.resolve(a.slice(7));
    else if (a === '--jar') opts.jar = path.resolve(value());
    else if (a.startsWith('--jar=')) opts.jar = path.resolve(a.slice(6));
    else if (a === '--plan') opts.plan = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const result = await runChecks({ root: opts.root, jar: opts.jar });
  if (opts.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const f of result.failures) {
      const where = `${path.relative(opts.root, f.file) || f.file}:${f.line}`;
      const labels = f.labels.length ? ` [${f.labels.length === result.configurations.length ? 'every configuration' : f.labels.join('; ')}]` : '';
      console.error(`${where}: ${f.rule}: ${f.message}${labels}`);
    }
    if (opts.plan) {
      for (const [ws, instances] of Object.entries(result.plan)) {
        console.log(`\nworkspace ${ws}: ${instances.length} resources`);
        for (const inst of instances) console.log(`  ${inst.address}${inst.name ? `  (${inst.name})` : ''}`);
      }
    }
    const rulesFailed = [...new Set(result.failures.map((f) => f.rule))];
    console.log(result.failures.length
      ? `terraform-check: ${result.failures.length} failure(s) in rule(s) ${rulesFailed.join(', ')}`
      : `terraform-check: OK (${result.rules.length} rules, ${result.configurations.length} configurations)`);
  }
  process.exit(result.failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(2);
});
