################################################################################
# One execution role per function, with exactly the actions its wiring entry lists
################################################################################

locals {
  # Symbolic wiring resources and the exact ARNs they stand for. A name the wiring uses but this
  # map lacks fails the plan ("Invalid index").
  permission_resources = merge(
    {
      table       = aws_dynamodb_table.this.arn
      objects     = "${aws_s3_bucket.this.arn}/${local.key_prefix}*"
      topic       = aws_sns_topic.this.arn
      "key:topic" = aws_kms_key.topic.arn
    },
    {
      for index in local.wiring.table.indexes :
      "index:${index.name}" => "${aws_dynamodb_table.this.arn}/index/${index.name}"
    },
    # parameter:NAME is the SSM parameter <settings prefix>/NAME (settings.tf).
    {
      for name, parameter in aws_ssm_parameter.this :
      "parameter:${name}" => parameter.arn
    },
    # function:KEY is that function's live alias, what callers invoke (main.tf). Built from the
    # names: the roles' policies come before the functions (depends_on), so a reference to
    # aws_lambda_alias.this would be a cycle.
    {
      for key, arn in local.alias_arns :
      "function:${key}" => arn
    },
  )

  # Under SSE-KMS, reading object bytes needs kms:Decrypt and writing them (a presigned PUT is
  # signed with the role's credentials) needs kms:GenerateDataKey on the bucket key.
  object_actions = {
    for key, fn in local.functions :
    key => distinct(flatten([for permission in fn.permissions : permission.actions if permission.resource == "objects"]))
  }
  kms_actions = {
    for key, actions in local.object_actions :
    key => distinct(concat(
      contains(actions, "s3:GetObject") ? ["kms:Decrypt"] : [],
      contains(actions, "s3:PutObject") ? ["kms:GenerateDataKey"] : [],
    ))
    if var.sse_algorithm == "aws:kms"
  }
}

data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    sid     = "LambdaAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.functions

  name               = local.function_names[each.key]
  description        = "Execution role of ${local.function_names[each.key]}: ${each.value.description}"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json

  # With enable_github_oidc, the most the GitHub deploy role can ever grant it (github-oidc.tf).
  permissions_boundary = local.permissions_boundary_arn

  tags = local.tags
}

data "aws_iam_policy_document" "function" {
  for_each = local.functions

  dynamic "statement" {
    for_each = each.value.permissions

    content {
      sid       = "Wiring${statement.key}"
      actions   = statement.value.actions
      resources = [local.permission_resources[statement.value.resource]]
    }
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this[each.key].arn}:*"]
  }

  # X-Ray has no resource-level permissions: "*" is the only resource AWS accepts here.
  statement {
    sid       = "WriteTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = contains(keys(local.async_functions), each.key) ? [each.key] : []

    content {
      sid       = "SendFailedEvents"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.dlq[statement.value].arn]
    }
  }

  dynamic "statement" {
    for_each = length(lookup(local.kms_actions, each.key, [])) > 0 ? [each.key] : []

    content {
      sid       = "UseBucketKey"
      actions   = local.kms_actions[statement.value]
      resources = [var.kms_key_arn]
    }
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = local.functions

  name   = "least-privilege"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.function[each.key].json
}

################################################################################
# API Gateway's account-level CloudWatch role (needed for access and execution logs)
################################################################################

data "aws_iam_policy_document" "api_gateway_assume_role" {
  count = var.create_api_gateway_account_settings ? 1 : 0

  statement {
    sid     = "ApiGatewayAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "api_gateway_logs" {
  count = var.create_api_gateway_account_settings ? 1 : 0

  # The role serves every REST API of the account and region, so it is scoped to the account's
  # log groups rather than to this stack's (the actions of AmazonAPIGatewayPushToCloudWatchLogs).
  statement {
    sid = "PushLogs"
    actions = [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
      "logs:FilterLogEvents",
      "logs:GetLogEvents",
      "logs:PutLogEvents",
    ]
    resources = ["arn:${data.aws_partition.current.partition}:logs:*:${data.aws_caller_identity.current.account_id}:*"]
  }
}

resource "aws_iam_role" "api_gateway_cloudwatch" {
  count = var.create_api_gateway_account_settings ? 1 : 0

  name               = "${var.name}-apigateway-cloudwatch-${local.environment}"
  description        = "Lets API Gateway write access and execution logs to CloudWatch Logs."
  assume_role_policy = data.aws_iam_policy_document.api_gateway_assume_role[0].json

  # With enable_github_oidc, the most the GitHub deploy role can ever grant it (github-oidc.tf).
  permissions_boundary = local.permissions_boundary_arn

  tags = local.tags
}

resource "aws_iam_role_policy" "api_gateway_cloudwatch" {
  count = var.create_api_gateway_account_settings ? 1 : 0

  name   = "push-logs"
  role   = aws_iam_role.api_gateway_cloudwatch[0].id
  policy = data.aws_iam_policy_document.api_gateway_logs[0].json
}
