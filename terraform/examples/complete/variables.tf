variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "eu-west-1"
}

variable "owner" {
  description = "Owner tag added by the provider to every resource."
  type        = string
  default     = "platform-team"
}

variable "bucket_name_prefix" {
  description = "Prefix of the bucket name (bucket names are global)."
  type        = string
  default     = "example-"
}

variable "cors_allowed_origins" {
  description = "Origins of the browser clients."
  type        = list(string)
  default     = ["https://files.example.com"]
}

variable "domain_name" {
  description = "Host name of the API (for example api.files.example.com), or null for the execute-api URL."
  type        = string
  default     = null
}

variable "web_domain_name" {
  description = "Host name of the web client (for example files.example.com), or null for its cloudfront.net name."
  type        = string
  default     = null
}

variable "hosted_zone_id" {
  description = "Route 53 public zone of domain_name and web_domain_name (required when either is set)."
  type        = string
  default     = null
}
