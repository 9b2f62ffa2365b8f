'use strict';
// The deliberate breaks of web-rules.test.js: the web client's hosting, the custom domains, the
// provider configurations they need, and the preconditions of web.tf. Each is
// [rule, what is broken, how (edits a copy of the repository), what the message says].
// The web rules apply where enable_web_client is on: the "all features" configurations (with
// domain_name and web_domain_name) and examples/complete (no custom domain, CORS limited to
// https://files.example.com).
const fs = require('node:fs');
const path = require('node:path');
const { edit, editJson, write } = require('./helpers');

const CASES = [
  // ---- cloudfront-https
  ['cloudfront-https', 'the default behaviour serving plain HTTP', (r) => edit(r, 'terraform/web.tf', 'viewer_protocol_policy     = "redirect-to-https"', 'viewer_protocol_policy     = "allow-all"'), /default_cache_behavior\.viewer_protocol_policy must be "redirect-to-https" or "https-only", not "allow-all"/],
  ['cloudfront-https', 'an ordered behaviour serving plain HTTP', (r) => edit(r, 'terraform/web.tf', '  restrictions {\n    geo_restriction {', '  ordered_cache_behavior {\n    path_pattern           = "docs/*"\n    target_origin_id       = "web"\n    viewer_protocol_policy = "allow-all"\n    allowed_methods        = ["GET", "HEAD"]\n    cached_methods         = ["GET", "HEAD"]\n    cache_policy_id        = local.web_cache_policy_id\n  }\n\n  restrictions {\n    geo_restriction {'), /ordered_cache_behavior\[0\] \("docs\/\*"\)\.viewer_protocol_policy/],
  // ---- tls-minimum
  ['tls-minimum', 'the API domain accepting TLS 1.0', (r) => edit(r, 'terraform/domain.tf', 'security_policy          = "TLS_1_2"', 'security_policy          = "TLS_1_0"'), /aws_api_gateway_domain_name\.this\[0\]: security_policy must be "TLS_1_2"/],
  ['tls-minimum', 'the web domain accepting TLS 1.1', (r) => edit(r, 'terraform/web.tf', '"TLSv1.2_2021" : null', '"TLSv1.1_2016" : null'), /minimum_protocol_version must be TLSv1\.2_2019 or newer .* not "TLSv1\.1_2016"/],
  ['tls-minimum', 'a distribution without any certificate', (r) => edit(r, 'terraform/web.tf', 'cloudfront_default_certificate = !local.web_domain_enabled', 'cloudfront_default_certificate = false'), /neither an ACM certificate nor cloudfront_default_certificate = true/],
  // ---- web-origin-private
  ['web-origin-private', 'the bucket readable by everyone', (r) => edit(r, 'terraform/web.tf', '      type        = "Service"\n      identifiers = ["cloudfront.amazonaws.com"]', '      type        = "AWS"\n      identifiers = ["*"]'), /statement AllowCloudFrontRead allows s3:GetObject to every principal/],
  ['web-origin-private', 'CloudFront granted without AWS:SourceArn', (r) => edit(r, 'terraform/web.tf', '    condition {\n      test     = "StringEquals"\n      variable = "AWS:SourceArn"\n      values   = [aws_cloudfront_distribution.web[0].arn]\n    }\n', ''), /grants cloudfront\.amazonaws\.com s3:GetObject without an AWS:SourceArn condition/],
  ['web-origin-private', 'CloudFront granted for any distribution', (r) => edit(r, 'terraform/web.tf', 'values   = [aws_cloudfront_distribution.web[0].arn]', 'values   = ["arn:aws:cloudfront::111122223333:distribution/*"]'), /without an AWS:SourceArn condition \(StringEquals\) naming a distribution of this module/],
  ['web-origin-private', 'the origin without an origin access control', (r) => edit(r, 'terraform/web.tf', '    origin_access_control_id = aws_cloudfront_origin_access_control.web[0].id\n', ''), /origin 0 \(an S3 bucket\) must set origin_access_control_id/],
  ['web-origin-private', 'an origin access control that does not sign', (r) => edit(r, 'terraform/web.tf', 'signing_behavior                  = "always"', 'signing_behavior                  = "never"'), /signing_behavior must be "always", not "never"/],
  ['web-origin-private', 'the bucket served as a website', (r) => write(r, 'terraform/web_site.tf', 'resource "aws_s3_bucket_website_configuration" "web" {\n  count = var.enable_web_client ? 1 : 0\n\n  bucket = aws_s3_bucket.web[0].id\n\n  index_document {\n    suffix = "index.html"\n  }\n}\n'), /must have no website configuration/],
  ['web-origin-private', 'the origin at the website endpoint', (r) => { write(r, 'terraform/web_site.tf', 'resource "aws_s3_bucket_website_configuration" "web" {\n  count = var.enable_web_client ? 1 : 0\n\n  bucket = aws_s3_bucket.web[0].id\n\n  index_document {\n    suffix = "index.html"\n  }\n}\n'); edit(r, 'terraform/web.tf', 'domain_name              = aws_s3_bucket.web[0].bucket_regional_domain_name', 'domain_name              = aws_s3_bucket_website_configuration.web[0].website_endpoint'); }, /origin 0 is an S3 website endpoint/],
  ['web-origin-private', 'the web bucket without a full public access block', (r) => edit(r, 'terraform/web.tf', 'resource "aws_s3_bucket_public_access_block" "web" {\n  count = var.enable_web_client ? 1 : 0\n\n  bucket = aws_s3_bucket.web[0].id\n\n  block_public_acls       = true\n  block_public_policy     = true', 'resource "aws_s3_bucket_public_access_block" "web" {\n  count = var.enable_web_client ? 1 : 0\n\n  bucket = aws_s3_bucket.web[0].id\n\n  block_public_acls       = true\n  block_public_policy     = false'), /aws_s3_bucket\.web\[0\] \(a CloudFront origin\) needs a public access block with all four settings true/],
  // ---- security-headers
  ['security-headers', 'a behaviour without the response headers policy', (r) => edit(r, 'terraform/web.tf', '    response_headers_policy_id = aws_cloudfront_response_headers_policy.web[0].id\n', ''), /default_cache_behavior\.response_headers_policy_id must be an aws_cloudfront_response_headers_policy/],
  ['security-headers', 'HSTS for a day', (r) => editJson(r, 'wiring/web-hosting.json', (h) => { h.strictTransportSecurityMaxAgeSeconds = 86400; }), /Strict-Transport-Security max-age 86400/],
  ['security-headers', 'inline scripts allowed', (r) => editJson(r, 'wiring/web-hosting.json', (h) => { h.contentSecurityPolicy = h.contentSecurityPolicy.map((d) => (d.startsWith('script-src') ? `${d} 'unsafe-inline'` : d)); }), /script-src allows 'unsafe-inline'/],
  ['security-headers', 'no X-Frame-Options', (r) => edit(r, 'terraform/web.tf', '    frame_options {\n      frame_option = local.web_hosting.frameOptions\n      override     = true\n    }\n\n', ''), /X-Frame-Options unset/],
  // ---- web-cors
  ['web-cors', 'the files bucket refusing the web client', (r) => edit(r, 'terraform/storage.tf', 'allowed_origins = local.cors_origins', 'allowed_origins = local.settings.cors_allowed_origins'), /allowed_origins \["https:\/\/files\.example\.com"\] lack the web client's https:\/\/\$\{aws_cloudfront_distribution\.web\[0\]\.domain_name\}/],
  ['web-cors', 'the API refusing the web client', (r) => edit(r, 'terraform/main.tf', 'CORS_ALLOW_ORIGIN            = join(",", local.cors_origins)', 'CORS_ALLOW_ORIGIN            = join(",", local.settings.cors_allowed_origins)'), /CORS_ALLOW_ORIGIN "https:\/\/files\.example\.com" lacks the web client's/],
  ['web-cors', 'preflights answering only the first origin', (r) => edit(r, 'terraform/main.tf', 'cors_allow_origin = length(local.cors_origins) == 1 ? local.cors_origins[0] : "*"', 'cors_allow_origin = local.cors_origins[0]'), /the spec's cors_allow_origin .* is "https:\/\/files\.example\.com", which refuses the web client/],
  // ---- references: provider configurations
  ['references', 'a resource using an alias the module does not declare', (r) => edit(r, 'terraform/versions.tf', '      configuration_aliases = [aws.us_east_1]\n', ''), /aws_acm_certificate\.web uses provider aws\.us_east_1, which this module neither configures .* nor declares in configuration_aliases/],
  ['references', 'an example not passing the alias the module declares', (r) => edit(r, 'terraform/examples/minimal/main.tf', '    aws.us_east_1 = aws.us_east_1\n', ''), /module filestore: does not pass provider aws\.us_east_1, which \.\.\/\.\. declares in configuration_aliases/],
  ['references', 'an example passing a configuration it does not have', (r) => edit(r, 'terraform/examples/minimal/main.tf', 'provider "aws" {\n  alias  = "us_east_1"\n  region = "us-east-1"\n}\n', ''), /module filestore: passes provider aws\.us_east_1, which this module neither configures nor declares/],
  ['references', 'an example whose providers map leaves out the default aws', (r) => edit(r, 'terraform/examples/minimal/main.tf', '    aws           = aws\n', ''), /providers does not pass aws, which \.\.\/\.\. uses/],
  // ---- known-for-each: the validation records must be keyed by the configured names
  ['known-for-each', 'validation records keyed by the certificate\'s options', (r) => edit(r, 'terraform/domain.tf', '  for_each = toset(local.certificate_domains)\n', '  for_each = local.certificate_validation_options\n'), /aws_route53_record\.certificate_validation: for_each depends on values known only after apply/],
  // ---- evaluation: preconditions of web.tf and domain.tf
  ['evaluation', 'a built file of an unknown kind', (r) => fs.writeFileSync(path.join(r, 'web', 'dist', 'notes.xyz'), 'x'), /aws_s3_object\.web\["notes\.xyz"\]: precondition failed: .*notes\.xyz: no content type for this kind of file/],
  ['evaluation', 'the web client not built', (r) => fs.rmSync(path.join(r, 'web', 'dist'), { recursive: true }), /aws_s3_object\.web_config\[0\]: precondition failed: web_assets_path \(.*\) holds no built web client \(no index\.html\): run cd web && npm ci && npm run build first/],
  ['evaluation', 'a web domain without the web client', (r) => edit(r, 'terraform/examples/complete/main.tf', '  enable_web_client = true\n  domain_name       = var.domain_name\n  web_domain_name   = var.web_domain_name\n  hosted_zone_id    = var.hosted_zone_id\n', '  enable_web_client = false\n  web_domain_name   = "files.example.com"\n  hosted_zone_id    = "Z0123456789ABCDEFGHIJ"\n'), /aws_acm_certificate\.web\[0\]: precondition failed: web_domain_name is the host name of the web client's distribution: it needs enable_web_client = true/],
  ['evaluation', 'a custom domain without a hosted zone', (r) => edit(r, 'terraform/examples/complete/main.tf', '  domain_name       = var.domain_name\n', '  domain_name       = "api.files.example.com"\n'), /aws_acm_certificate\.api\[0\]: precondition failed: domain_name needs hosted_zone_id/],
];

module.exports = { CASES };
