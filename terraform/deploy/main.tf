# The configuration the delivery workflow applies (.github/workflows/deploy-environment.yml), and the
# one to apply by hand: one workspace per environment (dev, demo, prod), each with its own backend.
#
#   terraform init -reconfigure -backend-config=backend/<env>.s3.tfbackend
#   terraform workspace select -or-create <env>
#   terraform plan -var-file=env/<env>.tfvars -out=<env>.tfplan && terraform apply <env>.tfplan
terraform {
  # use_lockfile (S3-native state locking) needs 1.10.
  required_version = ">= 1.10"

  backend "s3" {}

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.30"
    }
  }
}

locals {
  # The backend configuration of the selected workspace is the one source of the state's place: the
  # deploy roles (enable_github_oidc) are granted exactly that bucket and key.
  backend_config = file("${path.module}/backend/${terraform.workspace}.s3.tfbackend")
  state_bucket   = regex("\\bbucket\\s*=\\s*\"([^\"]+)\"", local.backend_config)[0]
  state_key      = regex("\\bkey\\s*=\\s*\"([^\"]+)\"", local.backend_config)[0]

  default_tags = {
    Application = "filestore"
    Environment = terraform.workspace
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.default_tags
  }
}

# CloudFront takes certificates only from us-east-1: the web client's custom domain needs it.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = local.default_tags
  }
}

module "filestore" {
  source = "../"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  enable_cognito       = var.enable_cognito
  cors_allowed_origins = var.cors_allowed_origins

  enable_web_client = var.enable_web_client
  domain_name       = var.domain_name
  web_domain_name   = var.web_domain_name
  hosted_zone_id    = var.hosted_zone_id

  enable_github_oidc       = var.enable_github_oidc
  github_repository        = var.github_repository
  github_oidc_provider_arn = var.github_oidc_provider_arn
  terraform_state_bucket   = local.state_bucket
  terraform_state_key      = local.state_key
}
