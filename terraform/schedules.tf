################################################################################
# Schedules from the wiring (the expire and retry functions), each behind create_<key>_schedule
#
# The expire schedule is created whether or not store_on_load is set: besides files that were
# uploaded and never stored, the expire function expires files whose upload never happened
# (PENDING past expiresAt) and retries object deletions that failed earlier, and neither depends
# on store_on_load. The retry schedule runs the processing jobs that are due (queued, or failed and
# past their backoff) every minute.
################################################################################

resource "aws_cloudwatch_event_rule" "schedule" {
  for_each = local.scheduled_functions

  name                = "${var.name}-${each.key}-${local.environment}"
  description         = "Invokes ${local.function_names[each.key]}: ${each.value.description}"
  schedule_expression = lookup(var.schedule_expressions, each.key, each.value.trigger.expression)

  tags = local.tags
}

resource "aws_cloudwatch_event_target" "schedule" {
  for_each = local.scheduled_functions

  rule      = aws_cloudwatch_event_rule.schedule[each.key].name
  target_id = "${each.key}-${local.alias_name}"
  arn       = aws_lambda_alias.this[each.key].arn
}

resource "aws_lambda_permission" "schedule" {
  for_each = local.scheduled_functions

  statement_id  = "AllowEventBridgeInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this[each.key].function_name
  qualifier     = aws_lambda_alias.this[each.key].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.schedule[each.key].arn
}
