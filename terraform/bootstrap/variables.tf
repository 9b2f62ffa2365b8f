variable "region" {
  description = "AWS region of the state bucket (and of the backend files it prints)."
  type        = string
  default     = "eu-west-1"
}

variable "bucket_name_prefix" {
  description = "Prefix of the state bucket's name, which is <prefix>filestore-tfstate-<account id>-<region>."
  type        = string
  default     = ""
}

variable "environments" {
  description = "The environments whose state this account holds: one backend file is printed for each."
  type        = list(string)
  default     = ["dev", "demo", "prod"]

  validation {
    condition     = alltrue([for e in var.environments : contains(["dev", "demo", "prod"], e)])
    error_message = "Environments are dev, demo and prod (the workspaces of terraform/deploy)."
  }
}

variable "noncurrent_days" {
  description = "Days a replaced state version is kept."
  type        = number
  default     = 90
}
