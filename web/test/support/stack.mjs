// The local stack the browser tests run against, started by each test file for itself.
//
// $FILESTORE_LOCAL_CMD (default: <repo>/filestore local) runs with --port P --data DIR and the file's own
// arguments (--auth cognito for the gallery), P to P+3 free and DIR a fresh temporary folder; the
// stack is ready once it has written DIR/local.json. SIGINT stops it.
//
// Environment:
//   FILESTORE_LOCAL_CMD       the command that runs the stack (a shell command line, run in web/)
//   FILESTORE_TOKEN_CMD       the command that prints an ID token (a shell command line, run in web/)
//   FILESTORE_START_TIMEOUT   seconds to wait for the stack (default 120; the first run may build it)

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const startTimeoutMs = Number(process.env.FILESTORE_START_TIMEOUT || 120) * 1000;

export const shellQuote = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;
const repoScript = shellQuote(path.resolve(web, '..', 'filestore'));
const stackCommand = process.env.FILESTORE_LOCAL_CMD || `${repoScript} local`;
const tokenCommand = process.env.FILESTORE_TOKEN_CMD || `${repoScript} token`;

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port P such that P to P+3 are free (the API, S3, DynamoDB, and SSM, SNS and Lambda). */
async function freePorts() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    if ((await portFree(port)) && (await portFree(port + 1)) && (await portFree(port + 2)) && (await portFree(port + 3))) return port;
  }
  throw new Error('found no three consecutive free ports');
}

/**
 * A stack of one test file. `start({ prefix, args })` fills `facts` (local.json: webUrl, apiUrl, apiKey, …),
 * `data` (its folder, named after `prefix`) and `startedIn` (seconds).
 */
export class Stack {
  child = null;
  exit = null;
  output = [];
  data = null;
  facts = null;
  startedIn = 0;

  log() {
    return this.output.join('');
  }

  get running() {
    return Boolean(this.child) && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start({ prefix, args = [] }) {
    const began = Date.now();
    const port = await freePorts();
    this.data = await mkdtemp(path.join(os.tmpdir(), prefix));
    const command = [`exec ${stackCommand} --port ${port} --data ${shellQuote(this.data)}`, ...args].join(' ');
    this.output.push(`$ ${command}\n`);
    this.child = spawn('/bin/sh', ['-c', command], { cwd: web, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk) => this.output.push(chunk.toString()));
    this.child.stderr.on('data', (chunk) => this.output.push(chunk.toString()));
    this.exit = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    let exited = null;
    this.exit.then((result) => { exited = result; });

    const localJson = path.join(this.data, 'local.json');
    while (Date.now() - began < startTimeoutMs) {
      if (exited) {
        throw new Error(`the stack exited (${JSON.stringify(exited)}) before it was ready:\n${this.log()}`);
      }
      try {
        const facts = JSON.parse(await readFile(localJson, 'utf8'));
        if (facts.webUrl && facts.apiUrl && facts.apiKey) {
          this.facts = facts;
          this.startedIn = (Date.now() - began) / 1000;
          return;
        }
      } catch {
        // not written yet (or half written): look again
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the stack did not write ${localJson} within ${startTimeoutMs / 1000} s:\n${this.log()}`);
  }

  /** Stops the stack with SIGINT; resolves to its exit, or null when it was still running after `ms`. */
  async interrupt(ms) {
    if (!this.running) return this.exit;
    this.child.kill('SIGINT');
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), ms); });
    try {
      return await Promise.race([this.exit, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The end of a test file: SIGINT (when `ms` is given) then SIGKILL for a stack still running, the
   * stack's output saved as `results`/stack.log, and its data folder removed.
   */
  async finish(results, ms) {
    if (ms) await this.interrupt(ms).catch(() => {});
    if (this.running) {
      this.child.kill('SIGKILL');
      await this.exit;
    }
    await mkdir(results, { recursive: true }).catch(() => {});
    await writeFile(path.join(results, 'stack.log'), this.log()).catch(() => {});
    if (this.data) await rm(this.data, { recursive: true, force: true }).catch(() => {});
  }

  /** An ID token of the stack's user pool for `sub`, as `./filestore token` prints it. */
  async token(sub) {
    const command = `${tokenCommand} --sub ${shellQuote(sub)} --data ${shellQuote(this.data)}`;
    const { stdout } = await promisify(execFile)('/bin/sh', ['-c', command], { cwd: web, timeout: startTimeoutMs });
    const token = stdout.trim().split('\n').pop().trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/, `${command} printed a JWT`);
    return token;
  }

  /** The API from Node, with the stack's key and, when given, an ID token. */
  async call(method, route, { body, token } = {}) {
    const headers = { 'x-api-key': this.facts.apiKey };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) headers['content-type'] = 'application/json';
    const response = await fetch(this.facts.apiUrl + route, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** Every item of a listing (`route` without a query), page after page. */
  async listAll(route, options) {
    const items = [];
    let cursor = '';
    do {
      const { status, body } = await this.call('GET', `${route}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, options);
      assert.equal(status, 200, JSON.stringify(body));
      items.push(...body.items);
      cursor = body.nextCursor ?? '';
    } while (cursor);
    return items;
  }
}
