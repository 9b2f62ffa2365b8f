terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.30"

      # CloudFront's certificate for web_domain_name must be in us-east-1 (domain.tf). The caller
      # passes that configuration, even when no custom domain is set (examples/).
      configuration_aliases = [aws.us_east_1]
    }
  }
}
