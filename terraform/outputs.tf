output "environment" {
  description = "The environment these resources belong to (the workspace unless var.environment is set)."
  value       = local.environment
}

output "api_url" {
  description = "Base URL of the REST API stage; send the API key in the x-api-key header."
  value       = aws_api_gateway_stage.this.invoke_url
}

output "api_id" {
  description = "ID of the REST API."
  value       = aws_api_gateway_rest_api.this.id
}

output "api_key_id" {
  description = "ID of the API key attached to the usage plan (the API's principal when no user pool is enabled)."
  value       = aws_api_gateway_api_key.this.id
}

output "api_key_value" {
  description = "The API key: terraform output -raw api_key_value."
  value       = aws_api_gateway_api_key.this.value
  sensitive   = true
}

output "usage_plan_id" {
  description = "ID of the usage plan that throttles and meters the API key."
  value       = aws_api_gateway_usage_plan.this.id
}

output "bucket_name" {
  description = "Name of the files bucket."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the files bucket."
  value       = aws_s3_bucket.this.arn
}

output "table_name" {
  description = "Name of the files table."
  value       = aws_dynamodb_table.this.name
}

output "table_arn" {
  description = "ARN of the files table."
  value       = aws_dynamodb_table.this.arn
}

output "function_names" {
  description = "Lambda function names by wiring key."
  value       = { for key, fn in aws_lambda_function.this : key => fn.function_name }
}

output "function_alias_arns" {
  description = "ARNs of the live aliases (what the API, S3 and EventBridge invoke) by wiring key."
  value       = { for key, alias in aws_lambda_alias.this : key => alias.arn }
}

output "dead_letter_queue_urls" {
  description = "Dead-letter queues of the asynchronously invoked functions by wiring key."
  value       = { for key, queue in aws_sqs_queue.dlq : key => queue.url }
}

output "cognito_user_pool_id" {
  description = "ID of the Cognito user pool, when enable_cognito is set."
  value       = try(aws_cognito_user_pool.this[0].id, null)
}

output "cognito_user_pool_client_id" {
  description = "ID of the Cognito app client for browsers, when enable_cognito is set."
  value       = try(aws_cognito_user_pool_client.this[0].id, null)
}

output "api_base_url" {
  description = "URL clients use for the API (what the web client's config.json holds): https://<domain_name> with a custom domain, otherwise the stage's invoke URL."
  value       = local.api_base_url
}

output "api_domain_regional_name" {
  description = "Regional host name of the API's custom domain (the target of its alias records), when domain_name is set."
  value       = try(aws_api_gateway_domain_name.this[0].regional_domain_name, null)
}

output "web_url" {
  description = "URL of the web client, when enable_web_client is set: https://<web_domain_name>, or the distribution's https://<id>.cloudfront.net."
  value       = var.enable_web_client ? (local.web_domain_enabled ? "https://${var.web_domain_name}" : "https://${aws_cloudfront_distribution.web[0].domain_name}") : null
}

output "web_bucket_name" {
  description = "Name of the private bucket that holds the web client, when enable_web_client is set."
  value       = try(aws_s3_bucket.web[0].id, null)
}

output "web_distribution_id" {
  description = "ID of the web client's CloudFront distribution (for invalidations), when enable_web_client is set."
  value       = try(aws_cloudfront_distribution.web[0].id, null)
}

output "topic_arn" {
  description = "ARN of the SNS topic the process and retry functions publish job outcomes to (encrypted with topic_key_arn); subscribe to it."
  value       = aws_sns_topic.this.arn
}

output "topic_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the job outcome topic."
  value       = aws_kms_key.topic.arn
}

output "settings_prefix" {
  description = "Path under which the SSM parameters of the run-time settings live (SETTINGS_PREFIX), for example /filestore/dev."
  value       = local.settings_prefix
}

output "settings_parameter_names" {
  description = "Full names of the SSM parameters of the run-time settings by wiring name (for example processing/enabled = /filestore/dev/processing/enabled)."
  value       = { for name, parameter in aws_ssm_parameter.this : name => parameter.name }
}

output "github_oidc_provider_arn" {
  description = "ARN of the GitHub OIDC provider the deploy roles trust, when enable_github_oidc is set (created by this workspace unless github_oidc_provider_arn is given). Not a role, so no GitHub environment's AWS_ROLE_ARN takes it: pass it as github_oidc_provider_arn to the other workspaces of the account."
  value       = var.enable_github_oidc ? local.github_oidc_provider_arn : null
}

output "github_plan_role_arn" {
  description = "ARN of the role the plan job assumes, when enable_github_oidc is set: the variable AWS_ROLE_ARN of the GitHub environment <environment>-plan (for example dev-plan)."
  value       = try(aws_iam_role.github["plan"].arn, null)
}

output "github_deploy_role_arn" {
  description = "ARN of the role the apply job assumes, when enable_github_oidc is set: the variable AWS_ROLE_ARN of the GitHub environment <environment> (for example prod, with required reviewers)."
  value       = try(aws_iam_role.github["deploy"].arn, null)
}
