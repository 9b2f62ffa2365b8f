################################################################################
# Optional: the web client (web/dist) in a private bucket behind CloudFront (enable_web_client)
#
# The bucket is private (no public principal, no ACLs, no website hosting): CloudFront reads it
# through an origin access control, and the bucket policy lets only this distribution read the
# objects. Every response carries the security headers of the response headers policy. The page
# learns the API's URL from config.json, which Terraform writes; the build never makes one.
################################################################################

locals {
  web_bucket_name = "${var.bucket_name_prefix}${var.name}-web-${data.aws_caller_identity.current.account_id}-${local.environment}"
  web_assets_path = coalesce(var.web_assets_path, "${path.module}/../web/dist")

  # How the site is served (content types, caching, security headers): the file the local stack
  # serves the site by too, so the browser tests run under these headers.
  web_hosting = jsondecode(file("${path.module}/../wiring/web-hosting.json"))

  # Content types by file extension (lower case), or by the whole name for the files without one
  # that the build ships (the vendored packages' LICENSE and NOTICE). A file of any other kind fails
  # the plan (the precondition of aws_s3_object.web) rather than being served as binary.
  web_content_types = local.web_hosting.contentTypes

  # Images and fonts, and everything under vendor/ (pinned package versions), are cached for a day;
  # pages, scripts, styles and data are not content-hashed, so browsers revalidate them.
  #
  # Every built file but config.json, which Terraform writes itself (aws_s3_object.web_config). The
  # condition is on the file list: a conditional between the object below and {} would have
  # inconsistent result types.
  web_asset_files = var.enable_web_client ? fileset(local.web_assets_path, "**") : toset([])
  web_files = {
    for file in local.web_asset_files : file => {
      content_type  = lookup(local.web_content_types, lower(reverse(split(".", basename(file)))[0]), null)
      cache_control = startswith(file, "vendor/") || contains(local.web_hosting.longLivedKinds, lower(reverse(split(".", basename(file)))[0])) ? local.web_hosting.cacheControl.longLived : local.web_hosting.cacheControl.revalidate
    } if file != "config.json"
  }

  # The page calls the API and, with presigned URLs, the files bucket (uploads with PUT, thumbnails
  # as images), at the regional and at the global virtual-hosted endpoint.
  files_bucket_origins = [
    "https://${local.bucket_name}.s3.${data.aws_region.current.id}.${data.aws_partition.current.dns_suffix}",
    "https://${local.bucket_name}.s3.${data.aws_partition.current.dns_suffix}",
  ]

  # With domain_name the API's origin is exact. Without it, the stage's host name contains the REST
  # API's id, which cannot be used here: the API's body refers to the api function, whose
  # CORS_ALLOW_ORIGIN lists this distribution's domain, and the distribution refers to this policy
  # (a dependency cycle). The host is then any execute-api host of the module's region.
  web_api_origin = var.domain_name != null ? "https://${var.domain_name}" : "https://*.execute-api.${data.aws_region.current.id}.${data.aws_partition.current.dns_suffix}"

  # wiring/web-hosting.json says why each source is there.
  web_content_security_policy = join("; ", [
    for directive in local.web_hosting.contentSecurityPolicy :
    replace(replace(directive, "{api}", local.web_api_origin), "{files}", join(" ", local.files_bucket_origins))
  ])

  # The browser origins of the web client, which the API's and the files bucket's CORS rules allow
  # (main.tf local.cors_origins): the distribution's domain and web_domain_name.
  web_origins = var.enable_web_client ? concat(
    ["https://${aws_cloudfront_distribution.web[0].domain_name}"],
    var.web_domain_name == null ? [] : ["https://${var.web_domain_name}"],
  ) : []

  # AWS managed cache policy Managed-CachingOptimized: no cookies, headers or query strings in the
  # cache key, gzip and brotli, TTLs from the objects' Cache-Control.
  web_cache_policy_id = "658327ea-f89d-4fab-a63d-7e88639e58f6"
}

resource "aws_s3_bucket" "web" {
  count = var.enable_web_client ? 1 : 0

  bucket        = local.web_bucket_name
  force_destroy = local.settings.force_destroy

  tags = local.tags
}

resource "aws_s3_bucket_public_access_block" "web" {
  count = var.enable_web_client ? 1 : 0

  bucket = aws_s3_bucket.web[0].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "web" {
  count = var.enable_web_client ? 1 : 0

  bucket = aws_s3_bucket.web[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# SSE-S3: CloudFront's origin access control reads it without a key policy.
resource "aws_s3_bucket_server_side_encryption_configuration" "web" {
  count = var.enable_web_client ? 1 : 0

  bucket = aws_s3_bucket.web[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "web" {
  count = var.enable_web_client ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.web[0].arn, "${aws_s3_bucket.web[0].arn}/*"]

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
    resources = [aws_s3_bucket.web[0].arn, "${aws_s3_bucket.web[0].arn}/*"]

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

  statement {
    sid       = "AllowCloudFrontRead"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.web[0].arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.web[0].arn]
    }
  }
}

resource "aws_s3_bucket_policy" "web" {
  count = var.enable_web_client ? 1 : 0

  bucket = aws_s3_bucket.web[0].id
  policy = data.aws_iam_policy_document.web[0].json

  depends_on = [aws_s3_bucket_public_access_block.web]
}

################################################################################
# The built files and config.json
################################################################################

resource "aws_s3_object" "web" {
  for_each = local.web_files

  bucket        = aws_s3_bucket.web[0].id
  key           = each.key
  source        = "${local.web_assets_path}/${each.key}"
  etag          = filemd5("${local.web_assets_path}/${each.key}")
  content_type  = each.value.content_type
  cache_control = each.value.cache_control

  tags = local.tags

  lifecycle {
    precondition {
      condition     = each.value.content_type != null
      error_message = "${local.web_assets_path}/${each.key}: no content type for this kind of file in wiring/web-hosting.json (contentTypes); add one rather than serve it as binary."
    }
  }

  depends_on = [aws_s3_bucket_server_side_encryption_configuration.web]
}

# What the pages read at run time (web/src/api.js loadConfig): the URL of the API clients use.
resource "aws_s3_object" "web_config" {
  count = var.enable_web_client ? 1 : 0

  bucket        = aws_s3_bucket.web[0].id
  key           = "config.json"
  content       = jsonencode({ apiUrl = local.api_base_url })
  content_type  = local.web_content_types.json
  cache_control = local.web_hosting.cacheControl.config

  tags = local.tags

  lifecycle {
    precondition {
      condition     = fileexists("${local.web_assets_path}/index.html")
      error_message = "web_assets_path (${local.web_assets_path}) holds no built web client (no index.html): run cd web && npm ci && npm run build first, or set web_assets_path to a built copy."
    }
  }

  depends_on = [aws_s3_bucket_server_side_encryption_configuration.web]
}

################################################################################
# CloudFront
################################################################################

resource "aws_cloudfront_origin_access_control" "web" {
  count = var.enable_web_client ? 1 : 0

  name                              = "${var.name}-web-${local.environment}"
  description                       = "Filestore web client bucket (${local.environment})"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_response_headers_policy" "web" {
  count = var.enable_web_client ? 1 : 0

  name    = "${var.name}-web-${local.environment}"
  comment = "Security headers of the Filestore web client (${local.environment})"

  security_headers_config {
    content_security_policy {
      content_security_policy = local.web_content_security_policy
      override                = true
    }

    strict_transport_security {
      access_control_max_age_sec = local.web_hosting.strictTransportSecurityMaxAgeSeconds
      include_subdomains         = true
      preload                    = true
      override                   = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = local.web_hosting.frameOptions
      override     = true
    }

    referrer_policy {
      referrer_policy = local.web_hosting.referrerPolicy
      override        = true
    }
  }

  custom_headers_config {
    items {
      header   = "Permissions-Policy"
      value    = local.web_hosting.permissionsPolicy
      override = true
    }
  }
}

resource "aws_cloudfront_distribution" "web" {
  count = var.enable_web_client ? 1 : 0

  enabled             = true
  comment             = "Filestore web client (${local.environment})"
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = "PriceClass_100"
  aliases             = local.web_domain_enabled ? [var.web_domain_name] : []

  origin {
    origin_id                = "web"
    domain_name              = aws_s3_bucket.web[0].bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.web[0].id
  }

  default_cache_behavior {
    target_origin_id           = "web"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.web_cache_policy_id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.web[0].id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # With web_domain_name: its us-east-1 certificate, TLS 1.2 or later. Without it, CloudFront's
  # *.cloudfront.net certificate, for which CloudFront always uses its TLSv1 security policy
  # (a minimum_protocol_version is ignored); only a custom domain can require TLS 1.2.
  viewer_certificate {
    cloudfront_default_certificate = !local.web_domain_enabled
    acm_certificate_arn            = local.web_domain_enabled ? aws_acm_certificate_validation.web[0].certificate_arn : null
    ssl_support_method             = local.web_domain_enabled ? "sni-only" : null
    minimum_protocol_version       = local.web_domain_enabled ? "TLSv1.2_2021" : null
  }

  tags = local.tags
}
