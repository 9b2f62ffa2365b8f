################################################################################
# Optional: CloudFront in front of downloads, reading the bucket through origin access control
#
# The bucket stays private: CloudFront signs its origin requests (OAC) and the bucket policy lets
# only this distribution read objects under the key prefix. Viewers need CloudFront signed URLs
# (trusted key group), so the CDN never serves a file to someone without a link.
################################################################################

resource "aws_cloudfront_origin_access_control" "this" {
  count = var.enable_cdn ? 1 : 0

  name                              = "${var.name}-files-${local.environment}"
  description                       = "Filestore downloads (${local.environment})"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_public_key" "this" {
  count = var.enable_cdn ? 1 : 0

  name        = "${var.name}-downloads-${local.environment}"
  comment     = "Verifies signed download URLs"
  encoded_key = var.cdn_public_key_pem

  lifecycle {
    precondition {
      condition     = var.cdn_public_key_pem != null
      error_message = "enable_cdn needs cdn_public_key_pem: the distribution only serves signed URLs."
    }
  }
}

resource "aws_cloudfront_key_group" "this" {
  count = var.enable_cdn ? 1 : 0

  name    = "${var.name}-downloads-${local.environment}"
  comment = "Keys that may sign Filestore download URLs"
  items   = aws_cloudfront_public_key.this[*].id
}

# Objects never change under a key (uploads refuse to overwrite), so they cache well. The two
# response-* query parameters carry the file's name and type (Content-Disposition) to S3.
resource "aws_cloudfront_cache_policy" "this" {
  count = var.enable_cdn ? 1 : 0

  name        = "${var.name}-downloads-${local.environment}"
  comment     = "Filestore downloads"
  min_ttl     = 0
  default_ttl = 86400
  max_ttl     = 31536000

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_brotli = true
    enable_accept_encoding_gzip   = true

    cookies_config {
      cookie_behavior = "none"
    }

    headers_config {
      header_behavior = "none"
    }

    query_strings_config {
      query_string_behavior = "whitelist"

      query_strings {
        items = ["response-content-disposition", "response-content-type"]
      }
    }
  }
}

resource "aws_cloudfront_distribution" "this" {
  count = var.enable_cdn ? 1 : 0

  enabled         = true
  comment         = "Filestore downloads (${local.environment})"
  price_class     = var.cdn_price_class
  http_version    = "http2and3"
  is_ipv6_enabled = true

  origin {
    origin_id                = "files"
    domain_name              = aws_s3_bucket.this.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this[0].id
  }

  default_cache_behavior {
    target_origin_id       = "files"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    compress               = true
    cache_policy_id        = aws_cloudfront_cache_policy.this[0].id
    trusted_key_groups     = aws_cloudfront_key_group.this[*].id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }

  tags = local.tags
}
