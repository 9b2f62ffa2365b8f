################################################################################
# Optional: the roles GitHub Actions assumes to plan and apply this workspace (enable_github_oidc)
#
# The workflow plans in the GitHub environment <environment>-plan (no reviewers) and applies that
# exact plan in the GitHub environment <environment> (required reviewers for demo and prod). Each
# job exchanges its GitHub OIDC token for one of two roles of this workspace:
#
#   <name>-github-plan-<environment>    trusted by repo:<github_repository>:environment:<environment>-plan;
#                                       reads this environment's resources and the state, writes only
#                                       the state's lock file
#   <name>-github-deploy-<environment>  trusted by repo:<github_repository>:environment:<environment>;
#                                       creates, updates and deletes this environment's resources
#
# Both are least privilege: every Allow statement names this environment's resources (names that
# end with the environment, paths under /<name>/<environment>/, or resources of this workspace),
# except a short list of actions AWS authorizes on "*" only. Action wildcards are whole verb
# families (lambda:Get*) on those resources, never "*" or "service:*".
#
# IAM is the way out of such a scope, so the deploy role manages roles named <name>-*-<environment>
# only, and only with the permissions boundary <name>-boundary-<environment> on them (the condition
# iam:PermissionsBoundary), which bounds every role it can ever write to what the functions need
# in this environment. It may pass those roles to Lambda and API Gateway only, and it may neither
# remove a boundary, nor change the boundary policy, nor change the two GitHub roles: those, the
# OIDC provider and the boundary are an administrator's to apply (see README.md).
################################################################################

locals {
  # The GitHub environment each role trusts, by role.
  github_environments = var.enable_github_oidc ? {
    plan   = "${local.environment}-plan"
    deploy = local.environment
  } : {}

  # Null-safe stand-ins: without the feature's inputs, the preconditions of the trust documents
  # say what is missing.
  github_repository   = var.github_repository == null ? "" : var.github_repository
  github_state_bucket = var.terraform_state_bucket == null ? "" : var.terraform_state_bucket

  # The provider is one per account: created here unless another workspace's is given.
  github_oidc_provider_arn = var.github_oidc_provider_arn != null ? var.github_oidc_provider_arn : try(aws_iam_openid_connect_provider.github[0].arn, null)

  # The permissions boundary of every role the deploy role may write (iam.tf); null without the feature.
  permissions_boundary_arn = try(aws_iam_policy.boundary[0].arn, null)

  github_arn = {
    apigateway = "arn:${data.aws_partition.current.partition}:apigateway:${data.aws_region.current.id}:"
    cloudfront = "arn:${data.aws_partition.current.partition}:cloudfront::${data.aws_caller_identity.current.account_id}"
    cognito    = "arn:${data.aws_partition.current.partition}:cognito-idp:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
    dynamodb   = "arn:${data.aws_partition.current.partition}:dynamodb:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
    events     = "arn:${data.aws_partition.current.partition}:events:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
    iam        = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}"
    kms        = "arn:${data.aws_partition.current.partition}:kms:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
    lambda     = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
    logs       = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
    route53    = "arn:${data.aws_partition.current.partition}:route53:::"
    s3         = "arn:${data.aws_partition.current.partition}:s3:::"
    sqs        = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
    ssm        = "arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}"
  }

  # The state of this workspace and its S3-native lock file (use_lockfile): env:/<workspace>/<key>.
  github_state_object = "env:/${local.environment}/${var.terraform_state_key}"

  # Names of this environment's resources, as patterns where the wiring adds more of them.
  github_function_roles = "${local.github_arn.iam}:role/${var.name}-*-${local.environment}"
  github_functions      = "${local.github_arn.lambda}:function:${var.name}-*-${local.environment}"
  github_table          = "${local.github_arn.dynamodb}:table/${aws_dynamodb_table.this.name}"
  github_lambda_logs    = "${local.github_arn.logs}:log-group:/aws/lambda/${var.name}-*-${local.environment}"
  github_queues         = "${local.github_arn.sqs}:${var.name}-*-dlq-${local.environment}"

  # The records of the custom domains (domain.tf) in the shared zone: the names and their
  # certificates' validation records (_<token>.<name>), as Route 53 normalises them.
  github_record_names = flatten([for domain in compact([var.domain_name, var.web_domain_name]) : [domain, "_*.${domain}"]])
  github_zone         = var.hosted_zone_id != null && length(local.github_record_names) > 0 ? ["${local.github_arn.route53}hostedzone/${var.hosted_zone_id}"] : []

  # What the plan role reads and the deploy role reads and writes, by resource: what Terraform's
  # refresh, create, update and delete of each resource type of this module call.
  github_resource_groups = concat(
    [
      {
        # The files bucket and the web client's (web.tf).
        sid       = "Buckets"
        resources = concat(["${local.github_arn.s3}${local.bucket_name}"], [for bucket in aws_s3_bucket.web : "${local.github_arn.s3}${bucket.bucket}"])
        # The bucket's configuration only (its ARN names no object): policy, public access block,
        # ownership, encryption, versioning, lifecycle, CORS, notifications, tags.
        read  = ["s3:Get*", "s3:ListBucket"]
        write = ["s3:CreateBucket", "s3:Delete*", "s3:Put*"]
      },
      {
        sid       = "Table"
        resources = [local.github_table, "${local.github_table}/index/*"]
        read      = ["dynamodb:Describe*", "dynamodb:ListTagsOfResource"]
        write = [
          "dynamodb:CreateTable",
          "dynamodb:DeleteTable",
          "dynamodb:TagResource",
          "dynamodb:UntagResource",
          "dynamodb:UpdateContinuousBackups",
          "dynamodb:UpdateTable",
          "dynamodb:UpdateTimeToLive",
        ]
      },
      {
        sid       = "Functions"
        resources = [local.github_functions, "${local.github_functions}:*"]
        read      = ["lambda:Get*", "lambda:List*"]
        # Creating is named action by action (lambda:Create* would include function URLs);
        # lambda:AddPermission is InvokePermissions below.
        write = [
          "lambda:CreateAlias",
          "lambda:CreateFunction",
          "lambda:Delete*",
          "lambda:PublishVersion",
          "lambda:Put*",
          "lambda:RemovePermission",
          "lambda:TagResource",
          "lambda:UntagResource",
          "lambda:Update*",
        ]
      },
      {
        # The functions' groups as themselves and with ":*" (IAM names a group either way); the
        # API's two by their names, and ":*" after them.
        sid = "LogGroups"
        resources = [
          local.github_lambda_logs,
          "${local.github_lambda_logs}:*",
          "${local.github_arn.logs}:log-group:${aws_cloudwatch_log_group.api_access.name}*",
          "${local.github_arn.logs}:log-group:${aws_cloudwatch_log_group.api_execution.name}*",
        ]
        read = ["logs:List*"]
        # Not logs:Put*, which includes subscription filters (a copy of the logs elsewhere).
        write = ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:DeleteRetentionPolicy", "logs:PutRetentionPolicy", "logs:Tag*", "logs:Untag*"]
      },
      {
        sid       = "Parameters"
        resources = ["${local.github_arn.ssm}:parameter${local.settings_prefix}/*"]
        read      = ["ssm:Get*", "ssm:List*"]
        write     = ["ssm:AddTagsToResource", "ssm:DeleteParameter", "ssm:PutParameter", "ssm:RemoveTagsFromResource"]
      },
      {
        sid       = "Topic"
        resources = [local.topic_arn]
        read      = ["sns:Get*", "sns:List*"]
        write     = ["sns:CreateTopic", "sns:DeleteTopic", "sns:SetTopicAttributes", "sns:TagResource", "sns:UntagResource"]
      },
      {
        sid       = "TopicKey"
        resources = [aws_kms_key.topic.arn, "${local.github_arn.kms}:alias/${var.name}-job-outcomes-${local.environment}"]
        read      = ["kms:Describe*", "kms:Get*", "kms:List*"]
        write = [
          "kms:CreateAlias",
          "kms:DeleteAlias",
          "kms:EnableKeyRotation",
          "kms:PutKeyPolicy",
          "kms:ScheduleKeyDeletion",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:UpdateAlias",
          "kms:UpdateKeyDescription",
        ]
      },
      {
        sid       = "DeadLetterQueues"
        resources = [local.github_queues]
        read      = ["sqs:Get*", "sqs:List*"]
        write     = ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue"]
      },
      {
        sid       = "Schedules"
        resources = ["${local.github_arn.events}:rule/${var.name}-*-${local.environment}"]
        read      = ["events:Describe*", "events:List*"]
        write     = ["events:DeleteRule", "events:PutRule", "events:PutTargets", "events:RemoveTargets", "events:TagResource", "events:UntagResource"]
      },
      {
        # The REST API with its deployments, stage and method settings, the usage plan with its
        # key, the API key (IDs of fixed length: "*" reaches their sub-resources only), and the
        # custom domain with its base path mapping (domain.tf). Their tags (/tags/...) are not
        # granted: tags change with var.tags, which the GitHub roles carry too, so that is an
        # administrator's apply anyway.
        sid = "Api"
        resources = concat(
          [
            "${local.github_arn.apigateway}:/restapis/${aws_api_gateway_rest_api.this.id}*",
            "${local.github_arn.apigateway}:/usageplans/${aws_api_gateway_usage_plan.this.id}*",
            "${local.github_arn.apigateway}:/apikeys/${aws_api_gateway_api_key.this.id}",
          ],
          flatten([
            for domain in aws_api_gateway_domain_name.this :
            ["${local.github_arn.apigateway}:/domainnames/${domain.domain_name}", "${local.github_arn.apigateway}:/domainnames/${domain.domain_name}/*"]
          ]),
        )
        read  = ["apigateway:GET"]
        write = ["apigateway:DELETE", "apigateway:PATCH", "apigateway:POST", "apigateway:PUT"]
      },
      {
        # The functions' roles, API Gateway's CloudWatch role and the two GitHub roles. Writes
        # that could grant anything are in RolesWithinBoundary below.
        sid       = "Roles"
        resources = [local.github_function_roles]
        read      = ["iam:Get*", "iam:List*"]
        write     = ["iam:DeleteRole", "iam:TagRole", "iam:UntagRole", "iam:UpdateRole", "iam:UpdateRoleDescription"]
      },
      {
        sid       = "Boundary"
        resources = [local.permissions_boundary_arn]
        read      = ["iam:Get*", "iam:List*"]
        write     = []
      },
      {
        # Actions AWS authorizes on "*" only, which Terraform's refresh calls: the backend's and
        # aws_caller_identity's credential check, aws_kms_alias (ListAliases), aws_ssm_parameter
        # (DescribeParameters) and aws_cloudwatch_log_group (DescribeLogGroups).
        sid       = "NoResourceLevelPermissions"
        resources = ["*"]
        read      = ["kms:ListAliases", "logs:DescribeLogGroups", "ssm:DescribeParameters", "sts:GetCallerIdentity"]
        write     = []
      },
    ],
    [
      for provider in aws_iam_openid_connect_provider.github : {
        sid       = "OidcProvider"
        resources = [provider.arn]
        read      = ["iam:GetOpenIDConnectProvider"]
        write     = []
      }
    ],
    [
      for pool in aws_cognito_user_pool.this : {
        sid       = "UserPool"
        resources = ["${local.github_arn.cognito}:userpool/${pool.id}"]
        # Not cognito-idp:List*, which includes ListUsers (the users' addresses).
        read = ["cognito-idp:Describe*", "cognito-idp:GetUserPoolMfaConfig", "cognito-idp:ListTagsForResource"]
        write = [
          "cognito-idp:CreateUserPoolClient",
          "cognito-idp:DeleteUserPool",
          "cognito-idp:DeleteUserPoolClient",
          "cognito-idp:SetUserPoolMfaConfig",
          "cognito-idp:TagResource",
          "cognito-idp:UntagResource",
          "cognito-idp:UpdateUserPool",
          "cognito-idp:UpdateUserPoolClient",
        ]
      }
    ],
    [
      # The built files and config.json (web.tf).
      for bucket in aws_s3_bucket.web : {
        sid       = "WebObjects"
        resources = ["${local.github_arn.s3}${bucket.bucket}/*"]
        read      = ["s3:Get*"]
        write     = ["s3:DeleteObject", "s3:PutObject", "s3:PutObjectTagging"]
      }
    ],
    [
      # The distribution, its origin access control and response headers policy (web.tf), and the
      # invalidation the deploy workflow makes after an apply.
      for distribution in aws_cloudfront_distribution.web : {
        sid = "WebDistribution"
        resources = concat(
          [distribution.arn],
          [for control in aws_cloudfront_origin_access_control.web : "${local.github_arn.cloudfront}:origin-access-control/${control.id}"],
          [for policy in aws_cloudfront_response_headers_policy.web : "${local.github_arn.cloudfront}:response-headers-policy/${policy.id}"],
        )
        read  = ["cloudfront:Get*", "cloudfront:ListTagsForResource"]
        write = ["cloudfront:CreateInvalidation", "cloudfront:Delete*", "cloudfront:TagResource", "cloudfront:UntagResource", "cloudfront:Update*"]
      }
    ],
    length(aws_acm_certificate.api) + length(aws_acm_certificate.web) == 0 ? [] : [
      {
        # The custom domains' certificates (domain.tf; the web client's is in us-east-1).
        sid       = "Certificates"
        resources = concat(aws_acm_certificate.api[*].arn, aws_acm_certificate.web[*].arn)
        read      = ["acm:DescribeCertificate", "acm:ListTagsForCertificate"]
        write     = ["acm:AddTagsToCertificate", "acm:DeleteCertificate", "acm:RemoveTagsFromCertificate"]
      }
    ],
    [
      # The shared zone: reading it; changing records is RecordsOfThisEnvironment (deploy role).
      for zone in local.github_zone : {
        sid       = "Zone"
        resources = [zone]
        read      = ["route53:GetHostedZone", "route53:ListResourceRecordSets"]
        write     = []
      }
    ],
    [
      # API Gateway's account-level setting (one per account and region, no resource of its own).
      for account in aws_api_gateway_account.this : {
        sid       = "ApiGatewayAccount"
        resources = ["${local.github_arn.apigateway}:/account"]
        read      = ["apigateway:GET"]
        write     = ["apigateway:PATCH"]
      }
    ],
  )
}

################################################################################
# The account's GitHub OIDC provider
################################################################################

resource "aws_iam_openid_connect_provider" "github" {
  count = var.enable_github_oidc && var.github_oidc_provider_arn == null ? 1 : 0

  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]

  # AWS verifies GitHub's tokens with its library of trusted root CAs and no longer uses these
  # thumbprints; they are set because the argument is required before AWS provider 5.81 (this
  # module supports >= 5.30). They are the intermediate CA thumbprints GitHub published.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]

  tags = local.tags
}

################################################################################
# The roles and whom they trust: one GitHub environment of one repository each
################################################################################

data "aws_iam_policy_document" "github_trust" {
  for_each = local.github_environments

  statement {
    sid     = "GitHubEnvironment"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    # Exactly one repository and one GitHub environment: no StringLike, no wildcard, no branch.
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${local.github_repository}:environment:${each.value}"]
    }
  }

  lifecycle {
    precondition {
      condition     = var.github_repository != null
      error_message = "enable_github_oidc needs github_repository (owner/name): the roles trust that repository's workflows only."
    }
    precondition {
      condition     = var.terraform_state_bucket != null
      error_message = "enable_github_oidc needs terraform_state_bucket, the S3 bucket of this configuration's backend: the roles read and write this workspace's state there."
    }
  }
}

resource "aws_iam_role" "github" {
  for_each = local.github_environments

  name                 = "${var.name}-github-${each.key}-${local.environment}"
  description          = "Assumed by GitHub Actions of ${local.github_repository} in the GitHub environment ${each.value} to ${each.key} the ${local.environment} workspace."
  assume_role_policy   = data.aws_iam_policy_document.github_trust[each.key].json
  max_session_duration = 3600

  tags = local.tags
}

################################################################################
# Plan role: read this environment's resources and the state; write only the state's lock file
################################################################################

data "aws_iam_policy_document" "github_plan" {
  count = var.enable_github_oidc ? 1 : 0

  # Listing under env:/ is how the backend finds the workspaces (terraform init, workspace select).
  statement {
    sid       = "StateBucket"
    actions   = ["s3:ListBucket"]
    resources = ["${local.github_arn.s3}${local.github_state_bucket}"]

    condition {
      test     = "StringEquals"
      variable = "s3:prefix"
      values   = ["env:/", local.github_state_object]
    }
  }

  statement {
    sid       = "State"
    actions   = ["s3:GetObject"]
    resources = ["${local.github_arn.s3}${local.github_state_bucket}/${local.github_state_object}"]
  }

  # A plan takes the lock too.
  statement {
    sid       = "StateLock"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    resources = ["${local.github_arn.s3}${local.github_state_bucket}/${local.github_state_object}.tflock"]
  }

  dynamic "statement" {
    for_each = var.terraform_state_kms_key_arn == null ? [] : [var.terraform_state_kms_key_arn]

    content {
      sid       = "StateKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.github_resource_groups

    content {
      sid       = "Read${statement.value.sid}"
      actions   = statement.value.read
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "github_plan" {
  count = var.enable_github_oidc ? 1 : 0

  name   = "terraform-plan"
  role   = aws_iam_role.github["plan"].id
  policy = data.aws_iam_policy_document.github_plan[0].json
}

################################################################################
# Deploy role: create, update and delete this environment's resources
################################################################################

data "aws_iam_policy_document" "github_deploy" {
  count = var.enable_github_oidc ? 1 : 0

  statement {
    sid       = "StateBucket"
    actions   = ["s3:ListBucket"]
    resources = ["${local.github_arn.s3}${local.github_state_bucket}"]

    condition {
      test     = "StringEquals"
      variable = "s3:prefix"
      values   = ["env:/", local.github_state_object]
    }
  }

  statement {
    sid       = "State"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${local.github_arn.s3}${local.github_state_bucket}/${local.github_state_object}"]
  }

  statement {
    sid       = "StateLock"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    resources = ["${local.github_arn.s3}${local.github_state_bucket}/${local.github_state_object}.tflock"]
  }

  dynamic "statement" {
    for_each = var.terraform_state_kms_key_arn == null ? [] : [var.terraform_state_kms_key_arn]

    content {
      sid       = "StateKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.github_resource_groups

    content {
      sid       = statement.value.sid
      actions   = concat(statement.value.read, statement.value.write)
      resources = statement.value.resources
    }
  }

  # Triggers only: API Gateway, S3 notifications and EventBridge schedules (no function URL, no
  # other principal).
  statement {
    sid       = "InvokePermissions"
    actions   = ["lambda:AddPermission"]
    resources = [local.github_functions, "${local.github_functions}:*"]

    condition {
      test     = "StringEquals"
      variable = "lambda:Principal"
      values   = ["apigateway.amazonaws.com", "events.amazonaws.com", "s3.amazonaws.com"]
    }
  }

  # Whatever the deploy role writes into a role is bounded by the boundary, which must be on it.
  statement {
    sid       = "RolesWithinBoundary"
    actions   = ["iam:CreateRole", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy"]
    resources = [local.github_function_roles]

    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = [local.permissions_boundary_arn]
    }
  }

  statement {
    sid       = "PassRoles"
    actions   = ["iam:PassRole"]
    resources = [local.github_function_roles]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["apigateway.amazonaws.com", "lambda.amazonaws.com"]
    }
  }

  # In the zone, which other names may share: this environment's records only.
  dynamic "statement" {
    for_each = local.github_zone

    content {
      sid       = "RecordsOfThisEnvironment"
      actions   = ["route53:ChangeResourceRecordSets"]
      resources = [statement.value]

      condition {
        test     = "ForAllValues:StringLike"
        variable = "route53:ChangeResourceRecordSetsNormalizedRecordNames"
        values   = local.github_record_names
      }
    }
  }

  # Route 53 names a change by an ID it assigns.
  dynamic "statement" {
    for_each = local.github_zone

    content {
      sid       = "RecordChanges"
      actions   = ["route53:GetChange"]
      resources = ["${local.github_arn.route53}change/*"]
    }
  }

  statement {
    sid       = "DenyBoundaryRemoval"
    effect    = "Deny"
    actions   = ["iam:DeleteRolePermissionsBoundary"]
    resources = ["*"]
  }

  statement {
    sid       = "DenyBoundaryChanges"
    effect    = "Deny"
    actions   = ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy"]
    resources = [local.permissions_boundary_arn]
  }

  # The GitHub roles match <name>-*-<environment> too: neither may be changed by the deploy role.
  statement {
    sid       = "DenyGitHubRoleChanges"
    effect    = "Deny"
    actions   = ["iam:Attach*", "iam:Delete*", "iam:Detach*", "iam:PassRole", "iam:Put*", "iam:Tag*", "iam:Untag*", "iam:Update*"]
    resources = [for role in aws_iam_role.github : role.arn]
  }
}

resource "aws_iam_role_policy" "github_deploy" {
  count = var.enable_github_oidc ? 1 : 0

  name   = "terraform-deploy"
  role   = aws_iam_role.github["deploy"].id
  policy = data.aws_iam_policy_document.github_deploy[0].json
}

################################################################################
# The permissions boundary of the functions' roles and API Gateway's CloudWatch role
#
# The most any role the deploy role writes may ever do: the wiring's kinds of access, on this
# environment's table and indexes, objects under the key prefix, parameters under the settings
# prefix, topic (and its key, through SNS only), functions' aliases and dead-letter queues; the
# functions' logs and traces; with SSE-KMS the bucket key; and API Gateway's logging. Built from
# names known when planning, never from IDs or ARNs AWS assigns, so that it does not change when a
# resource is replaced (the deploy role may not change it).
################################################################################

data "aws_iam_policy_document" "boundary" {
  count = var.enable_github_oidc ? 1 : 0

  statement {
    sid = "TableItems"
    actions = [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]
    resources = [local.github_table, "${local.github_table}/index/*"]
  }

  statement {
    sid       = "Objects"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    resources = ["${local.github_arn.s3}${local.bucket_name}/${local.key_prefix}*"]
  }

  statement {
    sid       = "Parameters"
    actions   = ["ssm:GetParameter", "ssm:GetParameters", "ssm:PutParameter"]
    resources = ["${local.github_arn.ssm}:parameter${local.settings_prefix}/*"]
  }

  statement {
    sid       = "Topic"
    actions   = ["sns:Publish"]
    resources = [local.topic_arn]
  }

  # The topic's key has no name in its ARN; the encryption context SNS sends names the topic.
  statement {
    sid       = "TopicKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["${local.github_arn.kms}:key/*"]

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:sns:topicArn"
      values   = [local.topic_arn]
    }
  }

  statement {
    sid       = "InvokeAliases"
    actions   = ["lambda:InvokeFunction"]
    resources = ["${local.github_functions}:*"]
  }

  statement {
    sid       = "FunctionLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.github_lambda_logs}:*"]
  }

  # X-Ray has no resource-level permissions.
  statement {
    sid       = "Traces"
    actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
    resources = ["*"]
  }

  statement {
    sid       = "DeadLetterQueues"
    actions   = ["sqs:SendMessage"]
    resources = [local.github_queues]
  }

  dynamic "statement" {
    for_each = var.sse_algorithm == "aws:kms" && var.kms_key_arn != null ? [var.kms_key_arn] : []

    content {
      sid       = "BucketKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }

  # API Gateway's CloudWatch role serves every REST API of the account and region: the log groups
  # API Gateway names for execution logs, and access logs under /aws/apigateway/.
  dynamic "statement" {
    for_each = var.create_api_gateway_account_settings ? ["ApiGatewayLogs"] : []

    content {
      sid = statement.value
      actions = [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:DescribeLogGroups",
        "logs:DescribeLogStreams",
        "logs:FilterLogEvents",
        "logs:GetLogEvents",
        "logs:PutLogEvents",
      ]
      resources = ["${local.github_arn.logs}:log-group:API-Gateway-Execution-Logs_*", "${local.github_arn.logs}:log-group:/aws/apigateway/*"]
    }
  }
}

resource "aws_iam_policy" "boundary" {
  count = var.enable_github_oidc ? 1 : 0

  name        = "${var.name}-boundary-${local.environment}"
  description = "Permissions boundary of the ${local.environment} roles the GitHub deploy role may write: the most any of them may ever do."
  policy      = data.aws_iam_policy_document.boundary[0].json

  tags = local.tags
}
