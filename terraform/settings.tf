################################################################################
# Run-time settings: one SSM parameter per entry of the wiring's settings.parameters
#
# The functions read them under SETTINGS_PREFIX (/<name>/<environment>) through a short cache
# (SETTINGS_CACHE_SECONDS). Terraform creates each parameter with the wiring's type and default and
# then leaves its value alone: every one of them is changed after creation by an operator or by
# the API (the admin API flips processing/enabled, the endpoint and the admin principals are set
# per environment, the timeout and attempts are tuned at run time, and the placeholder secret is
# replaced), so a later apply must never put the default back.
#
# processing/secret is a SecureString encrypted with the AWS managed key aws/ssm, whose key policy
# lets every principal of the account that may read the parameter decrypt it through SSM: the
# functions need ssm:GetParameters only. Set the real secret with
#   aws ssm put-parameter --name /filestore/<env>/processing/secret --type SecureString --overwrite --value ...
################################################################################

resource "aws_ssm_parameter" "this" {
  for_each = local.parameters

  name        = "${local.settings_prefix}/${each.key}"
  description = each.value.description
  type        = each.value.type
  value       = each.value.default
  tier        = "Standard"

  tags = local.tags

  lifecycle {
    ignore_changes = [value]
  }
}
