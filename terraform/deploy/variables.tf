variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "eu-west-1"
}

variable "enable_cognito" {
  description = "Whether callers also sign in with a Cognito user pool (see terraform/README.md)."
  type        = bool
  default     = false
}

variable "cors_allowed_origins" {
  description = "Browser origins allowed besides the hosted web client's (null keeps the workspace's)."
  type        = list(string)
  default     = null
}

variable "enable_web_client" {
  description = "Whether to host the sample web client (web/dist) on CloudFront."
  type        = bool
  default     = false
}

variable "domain_name" {
  description = "Host name of the API (for example api.files.example.com) in hosted_zone_id, or null."
  type        = string
  default     = null
}

variable "web_domain_name" {
  description = "Host name of the web client (for example files.example.com) in hosted_zone_id, or null."
  type        = string
  default     = null
}

variable "hosted_zone_id" {
  description = "ID of the existing Route 53 zone of domain_name and web_domain_name."
  type        = string
  default     = null
}

variable "enable_github_oidc" {
  description = "Whether to create the GitHub OIDC plan and deploy roles of this environment."
  type        = bool
  default     = false
}

variable "github_repository" {
  description = "The GitHub repository (owner/name) whose workflow may assume the roles."
  type        = string
  default     = null
}

variable "github_oidc_provider_arn" {
  description = "ARN of the account's GitHub OIDC provider when another workspace created it (null creates it)."
  type        = string
  default     = null
}
