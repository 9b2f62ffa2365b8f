output "api_base_url" {
  description = "The URL API clients use (the custom domain when set)."
  value       = module.filestore.api_base_url
}

output "web_url" {
  description = "The web client's URL, when enable_web_client is set."
  value       = module.filestore.web_url
}

output "web_distribution_id" {
  description = "The web client's CloudFront distribution, which the deploy workflow invalidates after an apply."
  value       = module.filestore.web_distribution_id
}

output "api_key_value" {
  description = "The API key: terraform output -raw api_key_value."
  value       = module.filestore.api_key_value
  sensitive   = true
}

output "github_plan_role_arn" {
  description = "AWS_ROLE_ARN of the GitHub environment <env>-plan."
  value       = module.filestore.github_plan_role_arn
}

output "github_deploy_role_arn" {
  description = "AWS_ROLE_ARN of the GitHub environment <env>."
  value       = module.filestore.github_deploy_role_arn
}

output "github_oidc_provider_arn" {
  description = "The account's GitHub OIDC provider (pass it to the other workspaces of the same account)."
  value       = module.filestore.github_oidc_provider_arn
}
