################################################################################
# Optional: custom domains (domain_name for the API, web_domain_name for the web client)
#
# Both live in an existing Route 53 public zone (hosted_zone_id), in which their ACM certificates
# are validated and their A and AAAA alias records are created. The API's certificate is in the
# module's region (a REGIONAL custom domain); CloudFront only uses certificates from us-east-1,
# which the caller passes as the provider configuration aws.us_east_1 (versions.tf).
################################################################################

locals {
  api_domain_enabled = var.domain_name != null
  web_domain_enabled = var.web_domain_name != null

  # The URL clients use: the custom domain (its base path mapping is empty, so the stage name is
  # not part of it), otherwise the stage's invoke URL.
  api_base_url = local.api_domain_enabled ? "https://${var.domain_name}" : aws_api_gateway_stage.this.invoke_url

  # Keyed by the configured names, which are known when planning; the records' values come from the
  # certificates and are known only after they are requested.
  certificate_domains = concat(
    local.api_domain_enabled ? [var.domain_name] : [],
    local.web_domain_enabled ? [var.web_domain_name] : [],
  )
  certificate_validation_options = {
    for option in flatten([
      aws_acm_certificate.api[*].domain_validation_options,
      aws_acm_certificate.web[*].domain_validation_options,
    ]) : option.domain_name => option
  }

  alias_record_types = ["A", "AAAA"]
}

resource "aws_acm_certificate" "api" {
  count = local.api_domain_enabled ? 1 : 0

  domain_name       = var.domain_name
  validation_method = "DNS"

  tags = local.tags

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = var.hosted_zone_id != null
      error_message = "domain_name needs hosted_zone_id: the Route 53 public zone in which its certificate is validated and its records are created."
    }
    precondition {
      condition     = var.domain_name != var.web_domain_name
      error_message = "domain_name (the API) and web_domain_name (the web client) must be different host names."
    }
  }
}

resource "aws_acm_certificate" "web" {
  provider = aws.us_east_1
  count    = local.web_domain_enabled ? 1 : 0

  domain_name       = var.web_domain_name
  validation_method = "DNS"

  tags = local.tags

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = var.hosted_zone_id != null
      error_message = "web_domain_name needs hosted_zone_id: the Route 53 public zone in which its certificate is validated and its records are created."
    }
    precondition {
      condition     = var.enable_web_client
      error_message = "web_domain_name is the host name of the web client's distribution: it needs enable_web_client = true."
    }
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = toset(local.certificate_domains)

  zone_id         = var.hosted_zone_id
  name            = local.certificate_validation_options[each.key].resource_record_name
  type            = local.certificate_validation_options[each.key].resource_record_type
  records         = [local.certificate_validation_options[each.key].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "api" {
  count = local.api_domain_enabled ? 1 : 0

  certificate_arn         = aws_acm_certificate.api[0].arn
  validation_record_fqdns = [aws_route53_record.certificate_validation[var.domain_name].fqdn]
}

resource "aws_acm_certificate_validation" "web" {
  provider = aws.us_east_1
  count    = local.web_domain_enabled ? 1 : 0

  certificate_arn         = aws_acm_certificate.web[0].arn
  validation_record_fqdns = [aws_route53_record.certificate_validation[var.web_domain_name].fqdn]
}

################################################################################
# The API's domain: REGIONAL, TLS 1.2, mapped to the stage at the root path
################################################################################

resource "aws_api_gateway_domain_name" "this" {
  count = local.api_domain_enabled ? 1 : 0

  domain_name              = var.domain_name
  regional_certificate_arn = aws_acm_certificate_validation.api[0].certificate_arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  tags = local.tags
}

resource "aws_api_gateway_base_path_mapping" "this" {
  count = local.api_domain_enabled ? 1 : 0

  api_id      = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  domain_name = aws_api_gateway_domain_name.this[0].domain_name
}

resource "aws_route53_record" "api" {
  for_each = local.api_domain_enabled ? toset(local.alias_record_types) : toset([])

  zone_id = var.hosted_zone_id
  name    = aws_api_gateway_domain_name.this[0].domain_name
  type    = each.key

  alias {
    name                   = aws_api_gateway_domain_name.this[0].regional_domain_name
    zone_id                = aws_api_gateway_domain_name.this[0].regional_zone_id
    evaluate_target_health = false
  }
}

################################################################################
# The web client's domain: an alias of the distribution (web.tf)
################################################################################

resource "aws_route53_record" "web" {
  for_each = local.web_domain_enabled && var.enable_web_client ? toset(local.alias_record_types) : toset([])

  zone_id = var.hosted_zone_id
  name    = var.web_domain_name
  type    = each.key

  alias {
    name                   = aws_cloudfront_distribution.web[0].domain_name
    zone_id                = aws_cloudfront_distribution.web[0].hosted_zone_id
    evaluate_target_health = false
  }
}
