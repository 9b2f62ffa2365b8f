'use strict';
// Test helpers: a throwaway copy of the repository's terraform/, wiring/ and openapi/ to break
// one thing in, and the built jar when there is one. The copy's web/dist is a small fixture
// (test/fixtures/web-dist), so that enable_web_client can be planned without building web/.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// TERRAFORM_CHECK_ROOT points the tests at another checkout (default: this repository).
const REPO = path.resolve(process.env.TERRAFORM_CHECK_ROOT || path.join(__dirname, '..', '..', '..'));
const JAR = process.env.TERRAFORM_CHECK_JAR ? path.resolve(process.env.TERRAFORM_CHECK_JAR) : path.join(REPO, 'handlers', 'target', 'filestore-lambda.jar');

const WEB_DIST_FIXTURE = path.join(__dirname, 'fixtures', 'web-dist');

function copyRepo() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-check-'));
  const skip = (src) => !/(^|[/\\])(\.terraform|node_modules)([/\\]|$)|\.tfstate(\.backup)?$|\.tfplan$/.test(src);
  for (const dir of ['terraform', 'wiring', 'openapi']) {
    fs.cpSync(path.join(REPO, dir), path.join(root, dir), { recursive: true, dereference: true, filter: skip });
  }
  fs.cpSync(WEB_DIST_FIXTURE, path.join(root, 'web', 'dist'), { recursive: true });
  return root;
}

/** Replaces the first occurrence of `from` in a file of the copy; the test breaks loudly if the text moved. */
function edit(root, rel, from, to) {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${rel} no longer contains ${JSON.stringify(from)}: update this test`);
  fs.writeFileSync(file, text.replace(from, to));
}

function write(root, rel, text) {
  fs.writeFileSync(path.join(root, rel), text);
}

function editJson(root, rel, change) {
  const file = path.join(root, rel);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  change(doc);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

function remove(root) {
  fs.rmSync(root, { recursive: true, force: true });
}

/** A failure without its machine-specific parts, for comparing runs in different copies. */
function key(root, f) {
  return `${f.rule}|${path.relative(root, f.file)}|${f.line}|${f.message.split(root).join('<root>')}`;
}

function describeFailures(root, failures) {
  return failures.map((f) => `  ${path.relative(root, f.file)}:${f.line}: ${f.rule}: ${f.message}`).join('\n') || '  (none)';
}

/** Checks an unbroken copy: its root, its result, and the key()s of its failures (the baseline). */
async function checkUnbroken(workspaces) {
  const { runChecks } = require('../lib/run');
  const root = copyRepo();
  const result = await runChecks({ root, skipJar: true, workspaces });
  return { root, result, keys: new Set(result.failures.map((f) => key(root, f))) };
}

/**
 * Breaks a fresh copy with `apply` and expects `rule` to fail there, beyond the failures of the
 * unbroken copy (`baseline`, a set of key()s): with a message matching `message` when given, and
 * every failure of the rule naming a file of the copy and a line that exists.
 */
async function expectRuleFails({ rule, apply, message, baseline, workspaces }) {
  const assert = require('node:assert');
  const { runChecks } = require('../lib/run');
  const root = copyRepo();
  try {
    apply(root);
    const result = await runChecks({ root, skipJar: true, workspaces });
    const fresh = result.failures.filter((f) => !baseline.has(key(root, f)));
    const mine = fresh.filter((f) => f.rule === rule);
    assert.ok(mine.length > 0, `expected a ${rule} failure; new failures were:\n${describeFailures(root, fresh)}`);
    if (message) assert.ok(mine.some((f) => message.test(f.message)), `expected a ${rule} failure matching ${message}; got:\n${describeFailures(root, mine)}`);
    for (const f of mine) {
      assert.ok(f.file.startsWith(root) && fs.existsSync(f.file), `failure names a file of the copy: ${f.file}`);
      assert.ok(Number.isInteger(f.line) && f.line >= 1, `failure names a line: ${f.line}`);
      const lines = fs.readFileSync(f.file, 'utf8').split('\n').length;
      assert.ok(f.line <= lines, `line ${f.line} exists in ${path.basename(f.file)}`);
    }
  } finally {
    remove(root);
  }
}

module.exports = { REPO, JAR, copyRepo, edit, write, editJson, remove, key, describeFailures, checkUnbroken, expectRuleFails };
