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
