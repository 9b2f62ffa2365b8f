// `npm test`: compiles the generated TypeScript client together with the contract tests, then runs
// the pact-js consumer suite in one Node process and, after it, the check that the written pact covers
// every documented operation and status.
//
// Environment:
//   TYPESCRIPT_CLIENT_DIR  the client openapi-generator (typescript-fetch) generated; required
//   PACT_DIR               the folder the pacts are written to; required
//   BUILD_DIR              where to compile; default: a fresh temporary folder, removed after a green run
//   CONTRACT_FILE          the shared vocabulary; default: ../contract.json
//   OPENAPI_SPEC           the spec; default: ../../openapi/filestore.yaml
//   WEB_DIR                the sample web client whose uploader is a consumer too; default: ../../web
// Nothing is ever written into this source tree.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const jsDir = path.resolve(here, '..');
const contractTestsDir = path.resolve(jsDir, '..');
const repoDir = path.resolve(contractTestsDir, '..');

/** This suite's consumer and provider; its pact file is written by this suite alone. */
const CONSUMER = 'filestore-typescript-client';
const PROVIDER = 'filestore-api';

function fail(message) {
  console.error(`contract-tests/js: ${message}`);
  process.exit(2);
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    fail(`set ${name} (see scripts/test.mjs)`);
  }
  return path.resolve(value);
}

const clientDir = required('TYPESCRIPT_CLIENT_DIR');
const pactDir = required('PACT_DIR');
const contractFile = path.resolve(process.env.CONTRACT_FILE || path.join(contractTestsDir, 'contract.json'));
const specFile = path.resolve(process.env.OPENAPI_SPEC || path.join(repoDir, 'openapi', 'filestore.yaml'));
for (const [what, file] of [['the generated client', path.join(clientDir, 'index.ts')],
  ['the contract vocabulary', contractFile], ['the OpenAPI spec', specFile],
  ['node_modules (run npm ci first)', path.join(jsDir, 'node_modules', '@pact-foundation', 'pact')]]) {
  if (!fs.existsSync(file)) {
    fail(`${what} is missing: ${file}`);
  }
}

const temporary = !process.env.BUILD_DIR;
const buildDir = temporary
  ? fs.mkdtempSync(path.join(os.tmpdir(), 'filestore-pact-js-'))
  : path.resolve(process.env.BUILD_DIR);
if (buildDir === jsDir || buildDir.startsWith(jsDir + path.sep)) {
  fail(`BUILD_DIR must be outside ${jsDir}`);
}

/** Copies the .ts files of a tree, keeping its layout. */
function copyTypeScript(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') {
      continue;
    }
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      copyTypeScript(source, path.join(to, entry.name));
    } else if (entry.isFile() && entry.name.endsWith('.ts')) {
      fs.copyFileSync(source, path.join(to, entry.name));
    }
  }
}

const started = process.hrtime.bigint();
const srcDir = path.join(buildDir, 'src');
const outDir = path.join(buildDir, 'dist');
fs.rmSync(srcDir, { recursive: true, force: true });
fs.rmSync(outDir, { recursive: true, force: true });
copyTypeScript(clientDir, path.join(srcDir, 'client'));
copyTypeScript(path.join(jsDir, 'test'), path.join(srcDir, 'test'));
fs.writeFileSync(path.join(buildDir, 'package.json'), JSON.stringify({ private: true, type: 'commonjs' }) + '\n');
const modules = path.join(buildDir, 'node_modules');
fs.rmSync(modules, { recursive: true, force: true });
fs.symlinkSync(path.join(jsDir, 'node_modules'), modules, 'dir');
fs.writeFileSync(path.join(buildDir, 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    // The generated client imports without file extensions: CommonJS resolves them.
    module: 'commonjs',
    moduleResolution: 'node10',
    lib: ['ES2022', 'DOM'],
    types: ['node'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmitOnError: true,
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src/**/*.ts'],
}, null, 2) + '\n');

function run(label, args, env = process.env) {
  console.log(`\n== ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: buildDir, stdio: 'inherit', env });
  if (result.error) {
    throw result.error;
  }
  return result.status === 0;
}

const tsc = path.join(jsDir, 'node_modules', 'typescript', 'bin', 'tsc');
if (!run(`tsc: the generated client (${clientDir}) and the contract tests`, [tsc, '-p', path.join(buildDir, 'tsconfig.json')])) {
  fail(`the TypeScript does not compile (sources in ${srcDir})`);
}

// Pact-js merges into an existing pact file: start from none, so that only this run's interactions count.
fs.mkdirSync(pactDir, { recursive: true });
const pactFile = path.join(pactDir, `${CONSUMER}-${PROVIDER}.json`);
fs.rmSync(pactFile, { force: true });

const env = {
  ...process.env,
  PACT_DIR: pactDir,
  CONTRACT_FILE: contractFile,
  OPENAPI_SPEC: specFile,
  pact_do_not_track: process.env.pact_do_not_track || 'true',
};
const reporter = ['--test-reporter=spec'];
// Every interaction in one process, one test after another: each writes its interaction into the same file.
const consumerOk = run(`pact-js consumer ${CONSUMER} -> ${PROVIDER}`,
  ['--test', ...reporter, path.join(outDir, 'test', 'typescript-client', 'suite.js')], env);
// The web page's uploader, through web/src/api.js as the page loads it (an ES module, run from source).
const webDir = path.resolve(process.env.WEB_DIR || path.join(repoDir, 'web'));
fs.rmSync(path.join(pactDir, `filestore-web-${PROVIDER}.json`), { force: true });
const webOk = run('pact-js consumer filestore-web -> filestore-api (web/src/api.js)',
  ['--test', ...reporter, path.join(jsDir, 'test', 'web-uploader', 'uploader.test.mjs')], { ...env, WEB_DIR: webDir });
const coverageOk = run(`coverage of ${path.relative(repoDir, specFile)} by ${path.basename(pactFile)}`,
  ['--test', ...reporter, path.join(outDir, 'test', 'typescript-client', 'coverage.test.js')], env);

const brokerOk = run('the Pact Broker steps (scripts/broker.mjs)',
  ['--test', ...reporter, path.join(jsDir, 'test', 'broker', 'broker.test.mjs')], env);

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const ok = consumerOk && webOk && coverageOk && brokerOk;
console.log(`\ncontract-tests/js: ${ok ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s; pact: ${pactFile}`);
if (ok && temporary) {
  fs.rmSync(buildDir, { recursive: true, force: true });
} else if (!ok) {
  console.log(`contract-tests/js: compiled tests kept in ${buildDir}`);
}
process.exit(ok ? 0 : 1);
