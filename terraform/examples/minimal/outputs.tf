output "api_url" {
  description = "Base URL of the API."
  value       = module.filestore.api_url
}

output "api_key_value" {
  description = "The API key (terraform output -raw api_key_value)."
  value       = module.filestore.api_key_value
  sensitive   = true
}

output "bucket_name" {
  description = "Name of the files bucket."
  value       = module.filestore.bucket_name
}
