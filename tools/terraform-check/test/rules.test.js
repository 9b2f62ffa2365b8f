'use strict';
// Each rule can fail: a copy of the repository with one deliberate break must be rejected with
// that rule's name, a file and a line. Failures the unbroken copy already has do not count.
const { test, before, after } = require('node:test');
const assert = require('node:assert');
const { ALL_RULES } = require('../lib/run');
const { copyRepo, edit, write, editJson, remove, checkUnbroken, expectRuleFails } = require('./helpers');

const WORKSPACES = ['dev'];
let unbroken;

before(async () => {
  unbroken = await checkUnbroken(WORKSPACES);
});

after(() => remove(unbroken.root));

const CASES = [
  // ---- syntax
  ['parse', 'a file that does not parse', (r) => write(r, 'terraform/broken.tf', 'locals {\n  a =\n}\n')],
  ['format', 'an attribute out of canonical alignment', (r) => edit(r, 'terraform/functions.tf', '  runtime       = "java21"', '  runtime = "java21"')],
  ['references', 'a reference to an undeclared local', (r) => edit(r, 'terraform/storage.tf', 'filter_prefix       = local.key_prefix', 'filter_prefix       = local.key_prefixes')],
  ['references', 'an undeclared resource', (r) => edit(r, 'terraform/iam.tf', 'role   = aws_iam_role.this[each.key].id', 'role   = aws_iam_role.lambda[each.key].id')],
  ['references', 'an example passing a variable the module does not declare', (r) => edit(r, 'terraform/examples/minimal/main.tf', '  source = "../../"\n', '  source = "../../"\n  colour = "blue"\n')],
  ['references', 'an example reading an output the module does not have', (r) => edit(r, 'terraform/examples/minimal/outputs.tf', 'module.filestore.bucket_name', 'module.filestore.bucket')],
  ['variables', 'a variable without a description', (r) => edit(r, 'terraform/variables.tf', '  description = "Instruction set of every function: arm64 (cheaper per GB-second) or x86_64."\n', '')],
  ['variables', 'a default that fails its own validation', (r) => edit(r, 'terraform/variables.tf', 'default     = "arm64"', 'default     = "sparc"')],
  ['readme', 'an input missing from the README table', (r) => edit(r, 'terraform/README.md', '| `architecture` |', '| architecture |')],
  ['spec-template', 'a literal ${ in the spec', (r) => edit(r, 'openapi/filestore.yaml', 'description: The file id (128 random bits, lowercase hex).', 'description: The file id, ${...}.')],
  ['settings-valid', 'a workspace value the variable would refuse', (r) => edit(r, 'terraform/main.tf', '      log_retention_days                     = 14\n', '      log_retention_days                     = 15\n')],
  ['known-for-each', 'for_each over values known only after apply', (r) => edit(r, 'terraform/functions.tf', '  for_each = local.async_functions\n\n  name                      =', '  for_each = toset([aws_s3_bucket.this.arn])\n\n  name                      =')],
  ['evaluation', 'an output reading a setting that does not exist', (r) => edit(r, 'terraform/outputs.tf', 'value       = local.environment', 'value       = local.settings.region')],
  // ---- policy
  ['public-access-block', 'restrict_public_buckets off', (r) => edit(r, 'terraform/storage.tf', 'restrict_public_buckets = true', 'restrict_public_buckets = false')],
  ['public-access-block', 'no public access block at all', (r) => edit(r, 'terraform/storage.tf', 'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket = aws_s3_bucket.this.id', 'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket = "another-bucket"')],
  ['bucket-ownership', 'ACLs enabled', (r) => edit(r, 'terraform/storage.tf', 'object_ownership = "BucketOwnerEnforced"', 'object_ownership = "ObjectWriter"')],
  ['tls-only', 'the TLS deny inverted', (r) => edit(r, 'terraform/storage.tf', 'values   = ["false"]', 'values   = ["true"]')],
  ['bucket-sse', 'no default encryption algorithm', (r) => edit(r, 'terraform/storage.tf', 'sse_algorithm     = var.sse_algorithm', 'sse_algorithm     = "none"')],
  ['table-pitr', 'point-in-time recovery off', (r) => edit(r, 'terraform/database.tf', 'point_in_time_recovery {\n    enabled = true', 'point_in_time_recovery {\n    enabled = false')],
  ['table-sse', 'table encryption off', (r) => edit(r, 'terraform/database.tf', 'server_side_encryption {\n    enabled = true', 'server_side_encryption {\n    enabled = false')],
  ['log-retention', 'a log group without retention', (r) => edit(r, 'terraform/functions.tf', '  retention_in_days = local.settings.log_retention_days\n', '')],
  ['log-retention', 'a function whose log group Terraform does not manage', (r) => edit(r, 'terraform/functions.tf', 'name              = "/aws/lambda/${local.function_names[each.key]}"', 'name              = "/aws/lambda/${each.key}"')],
  ['no-wildcard-actions', 'a wildcard action in the wiring', (r) => editJson(r, 'wiring/filestore.json', (w) => { w.functions.expire.permissions[0].actions = ['dynamodb:*']; })],
  ['no-wildcard-actions', 'a wildcard action in a role', (r) => edit(r, 'terraform/iam.tf', 'actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]', 'actions   = ["logs:*"]')],
  ['no-wildcard-resources', 'a "*" resource outside X-Ray', (r) => edit(r, 'terraform/iam.tf', 'resources = ["${aws_cloudwatch_log_group.this[each.key].arn}:*"]', 'resources = ["*"]')],
  ['api-key-required', 'an operation without the API key', (r) => edit(r, 'openapi/filestore.yaml', '      operationId: getFile\n', '      operationId: getFile\n      security: []\n')],
  ['api-key-required', 'the API key read from an authorizer', (r) => edit(r, 'terraform/api.tf', 'api_key_source = "HEADER"', 'api_key_source = "AUTHORIZER"')],
  ['api-key-required', 'the key value output not sensitive', (r) => edit(r, 'terraform/outputs.tf', '  value       = aws_api_gateway_api_key.this.value\n  sensitive   = true\n', '  value       = aws_api_gateway_api_key.this.value\n')],
  ['api-key-required', 'no API key attached to the usage plan', (r) => edit(r, 'terraform/api.tf', 'usage_plan_id = aws_api_gateway_usage_plan.this.id', 'usage_plan_id = "other-plan"')],
  ['api-authorizer', 'a PUT operation left without the authorizer', (r) => edit(r, 'terraform/api.tf', 'secured_methods = ["get", "put", "post", "delete", "patch", "head"]', 'secured_methods = ["get", "post", "delete", "patch", "head"]')],
  ['api-authorizer', 'the authorizer reading another header', (r) => edit(r, 'terraform/api.tf', 'name                           = "Authorization"', 'name                           = "X-Token"')],
  ['api-authorizer', 'the authorizer trusting no user pool', (r) => edit(r, 'terraform/api.tf', 'providerARNs = aws_cognito_user_pool.this[*].arn', 'providerARNs = []')],
  ['api-authorizer', 'cognito required without a user pool', (r) => edit(r, 'terraform/api.tf', 'api_body = var.enable_cognito ? jsonencode(local.openapi_with_cognito) : jsonencode(local.openapi)', 'api_body = jsonencode(local.openapi_with_cognito)')],
  ['api-authorizer', 'a CORS preflight behind the authorizer', (r) => edit(r, 'terraform/api.tf', 'secured_methods = ["get", "put", "post", "delete", "patch", "head"]', 'secured_methods = ["get", "put", "post", "delete", "patch", "head", "options"]')],
  ['api-authorizer', 'no UNAUTHORIZED gateway response', (r) => edit(r, 'openapi/filestore.yaml', '  UNAUTHORIZED:\n    statusCode: 401\n', '  ACCESS_DENIED:\n    statusCode: 401\n')],
  ['api-authorizer', 'UNAUTHORIZED answering 403', (r) => edit(r, 'openapi/filestore.yaml', '  UNAUTHORIZED:\n    statusCode: 401\n', '  UNAUTHORIZED:\n    statusCode: 403\n')],
  ['api-authorizer', 'Authorization missing from the CORS headers', (r) => edit(r, 'openapi/filestore.yaml', "gatewayresponse.header.Access-Control-Allow-Headers: \"'Content-Type,X-Api-Key,Authorization'\"", "gatewayresponse.header.Access-Control-Allow-Headers: \"'Content-Type,X-Api-Key'\"")],
  ['api-cors', 'PUT missing from the gateway responses\' allowed methods', (r) => edit(r, 'openapi/filestore.yaml', "gatewayresponse.header.Access-Control-Allow-Methods: \"'GET,POST,PUT,DELETE,OPTIONS'\"", "gatewayresponse.header.Access-Control-Allow-Methods: \"'GET,POST,DELETE,OPTIONS'\"")],
  ['api-cors', 'PUT missing from the preflight\'s allowed methods', (r) => edit(r, 'openapi/filestore.yaml', "method.response.header.Access-Control-Allow-Methods: \"'GET,POST,PUT,DELETE,OPTIONS'\"", "method.response.header.Access-Control-Allow-Methods: \"'GET,POST,DELETE,OPTIONS'\"")],
  ['api-throttling', 'stage throttling off', (r) => edit(r, 'terraform/api.tf', 'throttling_rate_limit  = local.settings.api_throttling_rate_limit', 'throttling_rate_limit  = 0')],
  ['api-throttling', 'a usage plan without a quota', (r) => edit(r, 'terraform/api.tf', '    limit  = local.settings.api_quota_limit\n', '    limit  = 0\n')],
  ['api-access-logs', 'an access log format without the request id', (r) => edit(r, 'terraform/api.tf', 'requestId          = "$context.requestId"', 'requestId          = "$context.requestTime"')],
  ['xray-tracing', 'pass-through tracing on a function', (r) => edit(r, 'terraform/functions.tf', 'mode = "Active"', 'mode = "PassThrough"')],
  ['xray-tracing', 'no tracing on the stage', (r) => edit(r, 'terraform/api.tf', 'xray_tracing_enabled = true', 'xray_tracing_enabled = false')],
  ['async-dlq', 'failed events sent to no queue', (r) => edit(r, 'terraform/functions.tf', 'destination = aws_sqs_queue.dlq[each.key].arn', 'destination = aws_s3_bucket.this.arn')],
  ['async-dlq', 'unbounded retries', (r) => edit(r, 'terraform/functions.tf', 'maximum_retry_attempts       = local.settings.async_maximum_retry_attempts', 'maximum_retry_attempts       = null')],
  // ---- cross-checks
  ['wiring-functions', 'a handler that is not the wiring class', (r) => edit(r, 'terraform/functions.tf', 'handler       = "${each.value.class}::handleRequest"', 'handler       = "${each.value.class}::handle"')],
  ['wiring-functions', 'the wrong runtime', (r) => edit(r, 'terraform/functions.tf', 'runtime       = "java21"', 'runtime       = "java17"')],
  ['wiring-functions', 'memory not from the wiring', (r) => edit(r, 'terraform/functions.tf', 'memory_size   = each.value.memory', 'memory_size   = 256')],
  ['artifact', 'a jar that is not the wiring artifact', (r) => edit(r, 'terraform/main.tf', '"${path.module}/../${local.wiring.artifact}"', '"${path.module}/../handlers/target/other.jar"')],
  ['env-vars', 'an environment variable the code reads removed', (r) => edit(r, 'terraform/main.tf', '    TABLE_NAME                   = aws_dynamodb_table.this.name\n', '')],
  ['env-vars', 'a reserved AWS_ variable set', (r) => edit(r, 'terraform/functions.tf', 'variables = { for name in each.value.environment : name => local.function_environment[name] }', 'variables = merge({ for name in each.value.environment : name => local.function_environment[name] }, { AWS_REGION = "eu-west-1" })')],
  ['env-vars', 'a variable no function reads', (r) => edit(r, 'terraform/functions.tf', 'variables = { for name in each.value.environment : name => local.function_environment[name] }', 'variables = merge({ for name in each.value.environment : name => local.function_environment[name] }, { DEBUG = "true" })')],
  ['api-integration', 'a spec operation not integrated with the function', (r) => edit(r, 'openapi/filestore.yaml', 'uri: "${api_function_invoke_arn}"', 'uri: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/other/invocations"')],
  ['api-integration', 'Terraform passing the unqualified function', (r) => edit(r, 'terraform/api.tf', 'api_function_invoke_arn = aws_lambda_alias.this[local.api_function_key].invoke_arn', 'api_function_invoke_arn = aws_lambda_function.this[local.api_function_key].invoke_arn')],
  ['api-integration', 'a template variable Terraform does not pass', (r) => edit(r, 'terraform/api.tf', '    cors_allow_origin       = local.cors_allow_origin\n', '')],
  ['invoke-permissions', 'an API permission without source_arn', (r) => edit(r, 'terraform/functions.tf', '  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/*/*"\n', '')],
  ['invoke-permissions', 'an S3 permission not scoped to the bucket', (r) => edit(r, 'terraform/functions.tf', 'source_arn     = aws_s3_bucket.this.arn', 'source_arn     = "arn:aws:s3:::*"')],
  ['s3-notifications', 'a notification prefix that is not the code\'s', (r) => edit(r, 'terraform/storage.tf', 'filter_prefix       = local.key_prefix', 'filter_prefix       = "files/"')],
  ['s3-notifications', 'notification events that are not the wiring\'s', (r) => edit(r, 'terraform/storage.tf', 'events              = lambda_function.value.trigger.events', 'events              = ["s3:ObjectCreated:Put"]')],
  ['schedules', 'a schedule invoking the unpublished function', (r) => edit(r, 'terraform/schedules.tf', 'arn       = aws_lambda_alias.this[each.key].arn', 'arn       = aws_lambda_function.this[each.key].arn')],
  ['schedules', 'a schedule expression that is not the wiring\'s', (r) => edit(r, 'terraform/schedules.tf', 'schedule_expression = lookup(var.schedule_expressions, each.key, each.value.trigger.expression)', 'schedule_expression = "rate(1 day)"')],
  ['table-schema', 'an index that does not project all attributes', (r) => edit(r, 'terraform/database.tf', 'projection_type = "ALL"', 'projection_type = "KEYS_ONLY"')],
  ['table-schema', 'a TTL attribute the code does not write', (r) => edit(r, 'terraform/database.tf', 'attribute_name = local.table.ttlAttribute', 'attribute_name = "expires"')],
  ['table-schema', 'an index of the wiring missing from the table', (r) => edit(r, 'terraform/database.tf', '    for_each = local.table.indexes\n', '    for_each = slice(local.table.indexes, 1, length(local.table.indexes))\n')],
  ['table-schema', 'an index key attribute left undefined', (r) => edit(r, 'terraform/database.tf', 'flatten([for index in local.table.indexes : [index.hashKey, index.rangeKey]])', 'flatten([for index in slice(local.table.indexes, 1, length(local.table.indexes)) : [index.hashKey, index.rangeKey]])')],
  ['iam-permissions', 'index queries granted on the table instead of the index', (r) => edit(r, 'terraform/iam.tf', '"index:${index.name}" => "${aws_dynamodb_table.this.arn}/index/${index.name}"', '"index:${index.name}" => aws_dynamodb_table.this.arn')],
  ['iam-permissions', 'object permissions on the whole bucket', (r) => edit(r, 'terraform/iam.tf', 'objects     = "${aws_s3_bucket.this.arn}/${local.key_prefix}*"', 'objects     = "${aws_s3_bucket.this.arn}/*"')],
  ['iam-permissions', 'the dead-letter queue permission dropped', (r) => edit(r, 'terraform/iam.tf', 'actions   = ["sqs:SendMessage"]', 'actions   = ["sqs:GetQueueUrl"]')],
  ['iam-permissions', 'parameter reads granted on the whole settings prefix', (r) => edit(r, 'terraform/iam.tf', '"parameter:${name}" => parameter.arn', '"parameter:${name}" => "arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:parameter${local.settings_prefix}/*"')],
  ['iam-permissions', 'the topic key granted on its alias instead of the key', (r) => edit(r, 'terraform/iam.tf', '"key:topic" = aws_kms_key.topic.arn', '"key:topic" = aws_kms_alias.topic.arn')],
  ['iam-permissions', 'process invocations granted on the unqualified function', (r) => edit(r, 'terraform/main.tf', ':function:${name}:${local.alias_name}"', ':function:${name}"')],
  ['iam-permissions', 'a wiring resource kind the module does not know', (r) => editJson(r, 'wiring/filestore.json', (w) => { w.functions.retry.permissions.push({ actions: ['sqs:SendMessage'], resource: 'queue:jobs' }); })],
  // ---- issue 7: settings, the job outcome topic, functions invoking functions
  ['cycles', 'a function whose environment reads its own resource', (r) => edit(r, 'terraform/main.tf', 'PROCESS_FUNCTION_NAME        = local.function_qualified_names["process"]', 'PROCESS_FUNCTION_NAME        = "${aws_lambda_function.this["process"].function_name}:${local.alias_name}"')],
  ['cycles', 'a role granted invocation on the alias resource its function waits for', (r) => edit(r, 'terraform/iam.tf', '      for key, arn in local.alias_arns :\n      "function:${key}" => arn', '      for key, alias in aws_lambda_alias.this :\n      "function:${key}" => alias.arn')],
  ['schedules', 'the retry schedule ignoring create_retry_schedule', (r) => edit(r, 'terraform/main.tf', 'retry  = var.create_retry_schedule', 'retry  = true')],
  ['ssm-parameters', 'parameters whose value an apply would overwrite', (r) => edit(r, 'terraform/settings.tf', 'ignore_changes = [value]', 'ignore_changes = [description]')],
  ['ssm-parameters', 'a SecureString whose placeholder an apply would put back', (r) => {
    // Only the secret: the switch the API writes goes to a resource that still ignores its value.
    edit(r, 'terraform/settings.tf', '  for_each = local.parameters\n', '  for_each = { for name, parameter in local.parameters : name => parameter if parameter.type != "SecureString" }\n');
    write(r, 'terraform/secret.tf', 'resource "aws_ssm_parameter" "secret" {\n  for_each = { for name, parameter in local.parameters : name => parameter if parameter.type == "SecureString" }\n\n  name  = "${local.settings_prefix}/${each.key}"\n  type  = each.value.type\n  value = each.value.default\n}\n');
    edit(r, 'terraform/iam.tf', '      for name, parameter in aws_ssm_parameter.this :', '      for name, parameter in merge(aws_ssm_parameter.this, aws_ssm_parameter.secret) :');
  }],
  ['ssm-parameters', 'a wiring parameter Terraform does not create', (r) => edit(r, 'terraform/settings.tf', '  for_each = local.parameters\n', '  for_each = { for name, parameter in local.parameters : name => parameter if name != "admin-principals" }\n')],
  ['ssm-parameters', 'a parameter of another type than the wiring\'s', (r) => edit(r, 'terraform/settings.tf', 'type        = each.value.type', 'type        = "String"')],
  ['ssm-parameters', 'a parameter under the prefix that the wiring does not declare', (r) => write(r, 'terraform/extra.tf', 'resource "aws_ssm_parameter" "debug" {\n  name  = "${local.settings_prefix}/debug"\n  type  = "String"\n  value = "false"\n}\n')],
  ['ssm-parameters', 'a wiring permission on an undeclared parameter', (r) => editJson(r, 'wiring/filestore.json', (w) => { w.functions.process.permissions.push({ actions: ['ssm:GetParameters'], resource: 'parameter:processing/colour' }); })],
  ['ssm-parameters', 'a function reading parameters without SETTINGS_PREFIX', (r) => editJson(r, 'wiring/filestore.json', (w) => { w.functions.retry.environment = w.functions.retry.environment.filter((n) => n !== 'SETTINGS_PREFIX'); })],
  ['topic-encryption', 'an unencrypted topic', (r) => edit(r, 'terraform/topic.tf', '  kms_master_key_id = aws_kms_key.topic.arn\n', '')],
  ['topic-encryption', 'the topic encrypted with the AWS managed key', (r) => edit(r, 'terraform/topic.tf', 'kms_master_key_id = aws_kms_key.topic.arn', 'kms_master_key_id = "alias/aws/sns"')],
  ['topic-encryption', 'the topic key without rotation', (r) => edit(r, 'terraform/topic.tf', 'enable_key_rotation     = true', 'enable_key_rotation     = false')],
  ['topic-encryption', 'a publishing role left out of the key policy', (r) => edit(r, 'terraform/topic.tf', '    for_each = local.topic_key_users\n', '    for_each = { for key, actions in local.topic_key_users : key => actions if key != "retry" }\n')],
  ['topic-encryption', 'a key policy the account cannot administer', (r) => edit(r, 'terraform/topic.tf', '    "kms:PutKeyPolicy",\n', '')],
  ['topic-encryption', 'a publisher the wiring does not let use the key', (r) => editJson(r, 'wiring/filestore.json', (w) => { w.functions.retry.permissions = w.functions.retry.permissions.filter((p) => p.resource !== 'key:topic'); })],
  ['no-wildcard-resources', 'a key policy open to every principal', (r) => edit(r, 'terraform/topic.tf', '      type        = "Service"\n      identifiers = ["sns.amazonaws.com"]', '      type        = "AWS"\n      identifiers = ["*"]')],
  ['invoke-triggers', 'Lambda retrying what the retry schedule retries', (r) => edit(r, 'terraform/functions.tf', 'maximum_retry_attempts = each.value.trigger.retries', 'maximum_retry_attempts = 2')],
  ['invoke-triggers', 'the event invoke config on $LATEST', (r) => edit(r, 'terraform/functions.tf', '  qualifier     = aws_lambda_alias.this[each.key].name\n\n  maximum_retry_attempts = each.value.trigger.retries', '  qualifier     = "$LATEST"\n\n  maximum_retry_attempts = each.value.trigger.retries')],
  ['invoke-triggers', 'no event invoke config for an invoke trigger', (r) => edit(r, 'terraform/functions.tf', '  for_each = local.invoke_functions\n', '  for_each = {}\n')],
  ['invoke-triggers', 'callers told the unqualified function name', (r) => edit(r, 'terraform/main.tf', 'PROCESS_FUNCTION_NAME        = local.function_qualified_names["process"]', 'PROCESS_FUNCTION_NAME        = local.function_names["process"]')],
  ['invoke-triggers', 'a caller in invokedBy without the invoke permission', (r) => editJson(r, 'wiring/filestore.json', (w) => { w.functions['object-created'].permissions = w.functions['object-created'].permissions.filter((p) => p.resource !== 'function:process'); })],
  ['invoke-triggers', 'a function invoking one whose invokedBy does not name it', (r) => editJson(r, 'wiring/filestore.json', (w) => { w.functions.retry.permissions.push({ actions: ['lambda:InvokeFunction'], resource: 'function:process' }); })],
  ['invoke-triggers', 'a resource-based permission opening an invoke-triggered function', (r) => write(r, 'terraform/extra.tf', 'resource "aws_lambda_permission" "process" {\n  statement_id  = "AllowSnsInvoke"\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.this["process"].function_name\n  qualifier     = aws_lambda_alias.this["process"].name\n  principal     = "sns.amazonaws.com"\n  source_arn    = aws_sns_topic.this.arn\n}\n')],
  ['invoke-arns', 'invocation granted on a function name pattern', (r) => edit(r, 'terraform/main.tf', ':function:${name}:${local.alias_name}"', ':function:${var.name}-*"')],
];

for (const [rule, name, apply] of CASES) {
  test(`${rule} rejects ${name}`, () => expectRuleFails({ rule, apply, baseline: unbroken.keys, workspaces: WORKSPACES }));
}

test('every rule has a case that makes it fail', () => {
  const covered = new Set(CASES.map(([rule]) => rule));
  covered.add('jar-handlers'); // needs the built jar: check.test.js
  for (const [rule] of require('./web-cases').CASES) covered.add(rule); // web-rules.test.js
  for (const [rule] of require('./oidc-cases').CASES) covered.add(rule); // oidc-rules.test.js
  assert.deepStrictEqual(ALL_RULES.filter((rule) => !covered.has(rule)), []);
});
