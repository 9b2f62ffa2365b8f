provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Owner = var.owner
    }
  }
}

# CloudFront's certificate for web_domain_name must be in us-east-1.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = {
      Owner = var.owner
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# A customer managed key for the bucket, administered by the account; the functions' roles are
# granted it by the module.
data "aws_iam_policy_document" "kms" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "Filestore objects (${terraform.workspace})"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.kms.json
}

module "filestore" {
  source = "../../"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name               = "filestore"
  bucket_name_prefix = var.bucket_name_prefix
  tags               = { Example = "complete" }

  architecture = "arm64"

  sse_algorithm     = "aws:kms"
  kms_key_arn       = aws_kms_key.this.arn
  enable_versioning = true

  enable_cognito = true

  # The web client (build it first: cd web && npm ci && npm run build), optionally at custom
  # domains of an existing Route 53 zone.
  enable_web_client = true
  domain_name       = var.domain_name
  web_domain_name   = var.web_domain_name
  hosted_zone_id    = var.hosted_zone_id

  # Any workspace setting can be overridden; these apply to every workspace of this example.
  cors_allowed_origins         = var.cors_allowed_origins
  log_retention_days           = 30
  download_url_max_ttl_seconds = 900
  schedule_expressions = {
    expire = "rate(10 minutes)"
  }
}
