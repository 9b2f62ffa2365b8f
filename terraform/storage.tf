################################################################################
# The files bucket: private, encrypted, TLS only
################################################################################

resource "aws_s3_bucket" "this" {
  bucket        = local.bucket_name
  force_destroy = local.settings.force_destroy

  tags = local.tags
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse_algorithm
      kms_master_key_id = var.sse_algorithm == "aws:kms" ? var.kms_key_arn : null
    }
    bucket_key_enabled = var.sse_algorithm == "aws:kms"
  }

  lifecycle {
    precondition {
      condition     = var.sse_algorithm != "aws:kms" || var.kms_key_arn != null
      error_message = "sse_algorithm = \"aws:kms\" needs kms_key_arn: the functions' roles are granted that key."
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  count = var.enable_versioning ? 1 : 0

  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

data "aws_iam_policy_document" "bucket" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid       = "DenyOutdatedTls"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "s3:TlsVersion"
      values   = ["1.2"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.bucket.json

  depends_on = [aws_s3_bucket_public_access_block.this]
}

resource "aws_s3_bucket_cors_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  # Browsers upload and download with the presigned URLs. The signature, not CORS, decides which
  # headers S3 accepts; ETag is exposed for multipart uploads.
  cors_rule {
    allowed_methods = ["GET", "HEAD", "PUT"]
    allowed_origins = local.cors_origins
    allowed_headers = ["*"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }
}

################################################################################
# Lifecycle
#
# Files that are never stored are expired by the expire function (a query on the sweep index,
# every 15 minutes), which also deletes their objects and retries failed deletions; its failures
# land in its dead-letter queue. A tag-filtered lifecycle backstop ("expire objects tagged as
# never stored") is not implementable with what the code does: objects keep one key from upload
# to store, uploads come straight from browsers through presigned PUTs that sign no tagging
# header, and no function tags or untags objects (the wiring grants no s3:PutObjectTagging).
# Lifecycle therefore covers what S3 alone can decide: incomplete multipart uploads, and old
# versions and delete markers when versioning is enabled.
################################################################################

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {
      prefix = local.key_prefix
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = local.settings.abort_incomplete_multipart_upload_days
    }
  }

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {
      prefix = local.key_prefix
    }

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }

    expiration {
      expired_object_delete_marker = true
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

################################################################################
# Notifications to the S3-triggered functions, filtered by the key prefix the code uses
################################################################################

resource "aws_s3_bucket_notification" "this" {
  bucket = aws_s3_bucket.this.id

  dynamic "lambda_function" {
    for_each = local.s3_functions

    content {
      id                  = lambda_function.key
      lambda_function_arn = aws_lambda_alias.this[lambda_function.key].arn
      events              = lambda_function.value.trigger.events
      filter_prefix       = local.key_prefix
    }
  }

  depends_on = [aws_lambda_permission.s3]
}
