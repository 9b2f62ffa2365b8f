output "environment" {
  description = "The environment (workspace) deployed."
  value       = module.filestore.environment
}

output "api_url" {
  description = "Base URL of the API."
  value       = module.filestore.api_url
}

output "api_base_url" {
  description = "URL clients use for the API (the custom domain when set)."
  value       = module.filestore.api_base_url
}

output "web_url" {
  description = "URL of the web client."
  value       = module.filestore.web_url
}

output "api_key_id" {
  description = "ID of the API key."
  value       = module.filestore.api_key_id
}

output "api_key_value" {
  description = "The API key (terraform output -raw api_key_value)."
  value       = module.filestore.api_key_value
  sensitive   = true
}

output "usage_plan_id" {
  description = "ID of the usage plan."
  value       = module.filestore.usage_plan_id
}

output "bucket_name" {
  description = "Name of the files bucket."
  value       = module.filestore.bucket_name
}

output "table_name" {
  description = "Name of the files table."
  value       = module.filestore.table_name
}

output "function_names" {
  description = "Lambda function names by wiring key."
  value       = module.filestore.function_names
}

output "cognito_user_pool_id" {
  description = "ID of the Cognito user pool."
  value       = module.filestore.cognito_user_pool_id
}

output "cognito_user_pool_client_id" {
  description = "ID of the Cognito app client."
  value       = module.filestore.cognito_user_pool_client_id
}

output "topic_arn" {
  description = "ARN of the job outcome topic to subscribe to."
  value       = module.filestore.topic_arn
}

output "settings_parameter_names" {
  description = "Full names of the settings parameters (set processing/endpoint and processing/secret before switching processing on)."
  value       = module.filestore.settings_parameter_names
}
