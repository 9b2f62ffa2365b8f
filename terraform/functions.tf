################################################################################
# Lambda functions: one per entry of wiring/filestore.json
################################################################################

resource "aws_cloudwatch_log_group" "this" {
  for_each = local.functions

  name              = "/aws/lambda/${local.function_names[each.key]}"
  retention_in_days = local.settings.log_retention_days

  tags = local.tags
}

resource "aws_lambda_function" "this" {
  for_each = local.functions

  function_name = local.function_names[each.key]
  description   = each.value.description
  role          = aws_iam_role.this[each.key].arn

  runtime       = "java21"
  handler       = "${each.value.class}::handleRequest"
  architectures = [var.architecture]
  memory_size   = each.value.memory
  timeout       = each.value.timeout

  filename         = local.artifact_path
  source_code_hash = filebase64sha256(local.artifact_path)

  # SnapStart snapshots the initialised runtime of each published version; the alias below is
  # what every trigger invokes, so callers always hit a snapshotted version.
  publish = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  tracing_config {
    mode = "Active"
  }

  reserved_concurrent_executions = lookup(var.reserved_concurrency, each.key, null)

  environment {
    variables = { for name in each.value.environment : name => local.function_environment[name] }
  }

  tags = local.tags

  lifecycle {
    precondition {
      condition     = local.settings.unstored_file_ttl_seconds > local.settings.upload_url_ttl_seconds
      error_message = "unstored_file_ttl_seconds must be longer than upload_url_ttl_seconds: a file must outlive its upload ticket."
    }
    precondition {
      condition     = local.settings.retry_max_delay_seconds >= local.settings.retry_base_seconds
      error_message = "retry_max_delay_seconds must be at least retry_base_seconds: the backoff starts at the base and is capped at the longest delay."
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.this,
  ]
}

resource "aws_lambda_alias" "this" {
  for_each = local.functions

  name             = local.alias_name
  description      = "The published version every trigger invokes (SnapStart applies to published versions only)."
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version
}

################################################################################
# Asynchronous invocations by S3 notifications and schedules
################################################################################

resource "aws_sqs_queue" "dlq" {
  for_each = local.async_functions

  name                      = "${var.name}-${each.key}-dlq-${local.environment}"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true

  tags = local.tags
}

resource "aws_lambda_function_event_invoke_config" "this" {
  for_each = local.async_functions

  function_name = aws_lambda_function.this[each.key].function_name
  qualifier     = aws_lambda_alias.this[each.key].name

  maximum_retry_attempts       = local.settings.async_maximum_retry_attempts
  maximum_event_age_in_seconds = local.settings.async_maximum_event_age_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dlq[each.key].arn
    }
  }

  # Lambda checks that the execution role may send to the destination.
  depends_on = [aws_iam_role_policy.this]
}

################################################################################
# Asynchronous invocations by other functions (trigger type "invoke")
#
# The callers named in the trigger's invokedBy invoke the live alias with InvocationType=Event,
# allowed by their own roles (lambda:InvokeFunction on exactly this alias, from the wiring): no
# resource-based permission, notification or schedule. Lambda retries a failed invocation only as
# often as the wiring says (0 for process: the retry function's own schedule retries jobs, with
# backoff, from their state in the table), and a dropped event leaves the job queued for it.
################################################################################

resource "aws_lambda_function_event_invoke_config" "invoke" {
  for_each = local.invoke_functions

  function_name = aws_lambda_function.this[each.key].function_name
  qualifier     = aws_lambda_alias.this[each.key].name

  maximum_retry_attempts = each.value.trigger.retries
}

################################################################################
# Who may invoke the aliases
################################################################################

resource "aws_lambda_permission" "api" {
  for_each = local.api_functions

  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this[each.key].function_name
  qualifier     = aws_lambda_alias.this[each.key].name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/*/*"
}

resource "aws_lambda_permission" "s3" {
  for_each = local.s3_functions

  statement_id   = "AllowS3Invoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this[each.key].function_name
  qualifier      = aws_lambda_alias.this[each.key].name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.this.arn
  source_account = data.aws_caller_identity.current.account_id
}
