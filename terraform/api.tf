################################################################################
# REST API imported from openapi/filestore.yaml
################################################################################

locals {
  # The spec is a template: ${api_function_invoke_arn} and ${cors_allow_origin} are filled here,
  # and every literal "${" in it is written "$${". It uses YAML anchors, so it is decoded and
  # re-encoded: API Gateway receives plain JSON.
  openapi = yamldecode(templatefile("${path.module}/../openapi/filestore.yaml", {
    api_function_invoke_arn = aws_lambda_alias.this[local.api_function_key].invoke_arn
    cors_allow_origin       = local.cors_allow_origin
  }))

  # With Cognito, every operation that requires the API key also requires a user pool token
  # (both schemes in one security requirement: API key AND token). CORS preflights stay open.
  secured_methods = ["get", "put", "post", "delete", "patch", "head"]
  cognito_security_scheme = {
    type                           = "apiKey"
    name                           = "Authorization"
    in                             = "header"
    "x-amazon-apigateway-authtype" = "cognito_user_pools"
    "x-amazon-apigateway-authorizer" = {
      type         = "cognito_user_pools"
      providerARNs = aws_cognito_user_pool.this[*].arn
    }
  }
  openapi_with_cognito = merge(local.openapi, {
    components = merge(local.openapi.components, {
      securitySchemes = merge(local.openapi.components.securitySchemes, { cognito = local.cognito_security_scheme })
    })
    paths = {
      for path, item in local.openapi.paths : path => merge(
        { for key, value in item : key => value if !contains(local.secured_methods, key) },
        { for key, value in item : key => merge(value, { security = [{ api_key = [], cognito = [] }] }) if contains(local.secured_methods, key) },
      )
    }
  })

  api_body = var.enable_cognito ? jsonencode(local.openapi_with_cognito) : jsonencode(local.openapi)

  access_log_format = jsonencode({
    requestId          = "$context.requestId"
    extendedRequestId  = "$context.extendedRequestId"
    requestTime        = "$context.requestTime"
    sourceIp           = "$context.identity.sourceIp"
    userAgent          = "$context.identity.userAgent"
    apiKeyId           = "$context.identity.apiKeyId"
    principalId        = "$context.authorizer.principalId"
    httpMethod         = "$context.httpMethod"
    resourcePath       = "$context.resourcePath"
    path               = "$context.path"
    protocol           = "$context.protocol"
    status             = "$context.status"
    responseLength     = "$context.responseLength"
    responseLatency    = "$context.responseLatency"
    integrationStatus  = "$context.integration.status"
    integrationLatency = "$context.integration.latency"
    errorType          = "$context.error.responseType"
    errorMessage       = "$context.error.message"
    xrayTraceId        = "$context.xrayTraceId"
  })
}

resource "aws_api_gateway_rest_api" "this" {
  name           = local.name
  description    = "Filestore API (${local.environment})"
  body           = local.api_body
  api_key_source = "HEADER"

  endpoint_configuration {
    types = [var.api_endpoint_type]
  }

  tags = local.tags
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  description = "Replaced whenever the rendered spec changes"

  triggers = {
    redeployment = sha1(aws_api_gateway_rest_api.this.body)
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.name}-access-${local.environment}"
  retention_in_days = local.settings.log_retention_days

  tags = local.tags
}

# API Gateway writes execution logs to this fixed name; created here so that it has a retention.
resource "aws_cloudwatch_log_group" "api_execution" {
  name              = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.this.id}/${var.api_stage_name}"
  retention_in_days = local.settings.log_retention_days

  tags = local.tags
}

resource "aws_api_gateway_account" "this" {
  count = var.create_api_gateway_account_settings ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.api_gateway_cloudwatch[0].arn

  depends_on = [aws_iam_role_policy.api_gateway_cloudwatch]
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id          = aws_api_gateway_rest_api.this.id
  deployment_id        = aws_api_gateway_deployment.this.id
  stage_name           = var.api_stage_name
  description          = "Filestore API, ${local.environment}"
  xray_tracing_enabled = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format          = local.access_log_format
  }

  tags = local.tags

  depends_on = [
    aws_api_gateway_account.this,
    aws_cloudwatch_log_group.api_execution,
  ]
}

resource "aws_api_gateway_method_settings" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = true
    logging_level          = local.settings.api_logging_level
    data_trace_enabled     = false
    throttling_rate_limit  = local.settings.api_throttling_rate_limit
    throttling_burst_limit = local.settings.api_throttling_burst_limit
  }
}

################################################################################
# API key, usage plan (throttle and quota per workspace)
################################################################################

resource "aws_api_gateway_usage_plan" "this" {
  name        = local.name
  description = "Filestore API clients (${local.environment})"

  api_stages {
    api_id = aws_api_gateway_rest_api.this.id
    stage  = aws_api_gateway_stage.this.stage_name
  }

  throttle_settings {
    rate_limit  = local.settings.api_throttling_rate_limit
    burst_limit = local.settings.api_throttling_burst_limit
  }

  quota_settings {
    limit  = local.settings.api_quota_limit
    period = local.settings.api_quota_period
  }

  tags = local.tags
}

resource "aws_api_gateway_api_key" "this" {
  name        = local.name
  description = "Filestore API key (${local.environment})"
  enabled     = true

  tags = local.tags
}

resource "aws_api_gateway_usage_plan_key" "this" {
  key_id        = aws_api_gateway_api_key.this.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.this.id
}
