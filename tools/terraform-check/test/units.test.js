'use strict';
// Unit tests of the building blocks: template splitting, the evaluator, the class file reader.
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { splitTemplate, decodeQuotedLiteral, loadModule } = require('../lib/hcl');
const { ModuleContext, isUnknown, EvalError } = require('../lib/eval');
const { parseClassSignature, Jar } = require('../lib/jar');
const { UNKNOWN_PLACEHOLDER } = require('../lib/functions');
const { JAR } = require('./helpers');

test('splitTemplate separates literals, interpolations and escapes', () => {
  assert.deepStrictEqual(splitTemplate('a-${var.x}-b'), [{ lit: 'a-' }, { expr: 'var.x', start: 2 }, { lit: '-b' }]);
  assert.deepStrictEqual(splitTemplate('$${literal}'), [{ lit: '${literal}' }]);
  assert.deepStrictEqual(splitTemplate('${jsondecode(file("${path.module}/x.json"))}').map((p) => p.expr), ['jsondecode(file("${path.module}/x.json"))']);
  assert.deepStrictEqual(splitTemplate('${{ for k, v in m : k => "}" }}').map((p) => p.expr), ['{ for k, v in m : k => "}" }']);
  assert.strictEqual(splitTemplate('%{ if x }y%{ endif }')[0].directive, 'if x');
  assert.throws(() => splitTemplate('${unterminated'), /unterminated/);
});

test('decodeQuotedLiteral decodes HCL escapes', () => {
  assert.strictEqual(decodeQuotedLiteral('a\\"b\\n\\u00e9$${x}'), 'a"b\né${x}');
});

async function moduleFrom(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-check-unit-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const { module, errors } = await loadModule(dir);
  assert.deepStrictEqual(errors, []);
  return { module, dir };
}

test('the evaluator follows variables, locals, workspaces, for expressions and functions', async () => {
  const { module, dir } = await moduleFrom({
    'main.tf': `
variable "override" {
  type    = number
  default = null
}

locals {
  data     = jsondecode(file("\${path.module}/data.json"))
  settings = { dev = { n = 1 }, prod = { n = 2 } }[terraform.workspace]
  n        = var.override != null ? var.override : local.settings.n
  names    = [for k, v in local.data.items : "\${k}-\${v.size * local.n}" if v.size > 1]
  by_key   = { for k, v in local.data.items : upper(k) => v.size }
  joined   = join(",", sort(keys(local.by_key)))
  maybe    = try(local.data.missing, "fallback")
}

resource "aws_s3_bucket" "this" {
  for_each = local.data.items

  bucket = "b-\${each.key}-\${terraform.workspace}"
}

resource "aws_sqs_queue" "this" {
  name   = aws_s3_bucket.this["a"].arn
  policy = "\${aws_s3_bucket.this["b"].arn}/*"
}
`,
    'data.json': JSON.stringify({ items: { a: { size: 1 }, b: { size: 3 } } }),
  });
  const dev = new ModuleContext({ module, workspace: 'dev' });
  assert.deepStrictEqual(await dev.local('names'), ['b-3']);
  assert.deepStrictEqual(await dev.local('by_key'), { A: 1, B: 3 });
  assert.strictEqual(await dev.local('joined'), 'A,B');
  assert.strictEqual(await dev.local('maybe'), 'fallback');
  const prod = new ModuleContext({ module, workspace: 'prod', inputs: { override: 5 } });
  assert.deepStrictEqual(await prod.local('names'), ['b-15']);
  const buckets = await dev.instancesOfType('aws_s3_bucket');
  assert.deepStrictEqual(buckets.map((b) => [b.address, b.body.bucket]), [['aws_s3_bucket.this["a"]', 'b-a-dev'], ['aws_s3_bucket.this["b"]', 'b-b-dev']]);
  const [queue] = await dev.instancesOfType('aws_sqs_queue');
  assert.ok(isUnknown(queue.body.name));
  assert.strictEqual(queue.body.name.ref, 'aws_s3_bucket.this["a"].arn');
  assert.strictEqual(queue.body.policy.display, '${aws_s3_bucket.this["b"].arn}/*');
  fs.rmSync(dir, { recursive: true });
});

test('replace() and join() of parts known only after apply stay readable', async () => {
  const { module, dir } = await moduleFrom({
    'main.tf': `
resource "aws_s3_bucket" "this" {
  bucket = "x"
}

locals {
  policy = join("; ", [for d in ["default-src 'self'", "connect-src {api} {x}"] : replace(replace(d, "{api}", aws_s3_bucket.this.bucket_domain_name), "{x}", "x.example")])
}
`,
  });
  const policy = await new ModuleContext({ module, workspace: 'dev' }).local('policy');
  assert.ok(isUnknown(policy));
  assert.strictEqual(policy.display, "default-src 'self'; connect-src ${aws_s3_bucket.this.bucket_domain_name} x.example");
  fs.rmSync(dir, { recursive: true });
});

test('the evaluator reports what Terraform would refuse', async () => {
  const { module, dir } = await moduleFrom({
    'main.tf': `
locals {
  m       = { a = 1 }
  missing = local.m["b"]
  cycle_a = local.cycle_b
  cycle_b = local.cycle_a
}

resource "aws_sqs_queue" "late" {
  for_each = toset([aws_s3_bucket.this.arn])

  name = each.key
}

resource "aws_s3_bucket" "this" {
  bucket = "x"
}
`,
  });
  const ctx = new ModuleContext({ module, workspace: 'dev' });
  await assert.rejects(ctx.local('missing'), /local\.m has no element "b"/);
  await assert.rejects(ctx.local('cycle_a'), /refers to itself/);
  await assert.rejects(ctx.expand('resource', 'aws_sqs_queue.late'), (e) => e instanceof EvalError && e.rule === 'known-for-each');
  fs.rmSync(dir, { recursive: true });
});

test('templatefile() with a value known only after apply is unknown, except in partial mode', async () => {
  const { module, dir } = await moduleFrom({
    'main.tf': `
resource "aws_s3_bucket" "this" {
  bucket = "x"
}

locals {
  doc = yamldecode(templatefile("\${path.module}/doc.yaml", { arn = aws_s3_bucket.this.arn, name = "files" }))
}
`,
    'doc.yaml': 'name: ${name}\nuri: "${arn}"\n',
  });
  const plan = new ModuleContext({ module, workspace: 'dev' });
  assert.ok(isUnknown(await plan.local('doc')), 'as in a plan, the rendered document is unknown');
  const partial = new ModuleContext({ module, workspace: 'dev', partialTemplates: true });
  assert.deepStrictEqual(await partial.local('doc'), { name: 'files', uri: UNKNOWN_PLACEHOLDER });
  fs.rmSync(dir, { recursive: true });
});

test('parseClassSignature reads generic interfaces', () => {
  const sig = 'Ljava/lang/Object;Lcom/amazonaws/services/lambda/runtime/RequestHandler<Lcom/amazonaws/services/lambda/runtime/events/S3Event;Ljava/util/Map<Ljava/lang/String;*>;>;';
  const parsed = parseClassSignature(sig);
  assert.strictEqual(parsed.superClass.name, 'java.lang.Object');
  assert.strictEqual(parsed.interfaces[0].name, 'com.amazonaws.services.lambda.runtime.RequestHandler');
  assert.deepStrictEqual(parsed.interfaces[0].args.map((a) => a.name), ['com.amazonaws.services.lambda.runtime.events.S3Event', 'java.util.Map']);
  assert.deepStrictEqual(parsed.interfaces[0].args[1].args.map((a) => a.name), ['java.lang.String', '?']);
  const withParams = parseClassSignature('<T:Ljava/lang/Object;>Ljava/lang/Object;Ljava/util/function/Supplier<TT;>;');
  assert.strictEqual(withParams.interfaces[0].args[0].name, '<T>');
});

test('the jar reader finds handler classes and their RequestHandler type arguments', { skip: !fs.existsSync(JAR) && 'no built jar' }, () => {
  const jar = new Jar(JAR);
  const info = jar.classInfo('io.filestore.functions.ApiFunction');
  assert.ok(info.isPublic);
  const handler = info.genericInterfaces.find((i) => i.name === 'com.amazonaws.services.lambda.runtime.RequestHandler');
  assert.deepStrictEqual(handler.args.map((a) => a.name), [
    'com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent',
    'com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent',
  ]);
  assert.strictEqual(jar.classInfo('io.filestore.functions.NoSuchClass'), null);
});
