################################################################################
# Job outcomes: an SNS topic encrypted with its own customer managed key
#
# The process and retry functions publish each job's outcome here (TOPIC_ARN); subscribe to the
# topic_arn output. Publishing to an encrypted topic needs kms:GenerateDataKey and kms:Decrypt on
# its key, which the wiring grants as resource "key:topic".
################################################################################

locals {
  topic_name = "${var.name}-job-outcomes-${local.environment}"

  # Built from the name: the key policy scopes SNS's use of the key to this topic, and the topic
  # is encrypted with that key (a reference to aws_sns_topic.this.arn would be a cycle).
  topic_arn = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:${local.topic_name}"

  # The functions whose wiring entry uses the topic key, with the actions it lists.
  topic_key_users = {
    for key, fn in local.functions :
    key => distinct(flatten([for permission in fn.permissions : permission.actions if permission.resource == "key:topic"]))
    if contains([for permission in fn.permissions : permission.resource], "key:topic")
  }

  # Administration only: the account (and through IAM its administrators and the Terraform
  # principal) may manage the key but not use it; encrypting and decrypting is for SNS and the
  # publishing roles below.
  key_administration_actions = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
  ]
}

# In a key policy "*" is the key itself.
data "aws_iam_policy_document" "topic_key" {
  statement {
    sid       = "AccountAdministersKey"
    actions   = local.key_administration_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  dynamic "statement" {
    for_each = local.topic_key_users

    content {
      sid       = "PublisherUsesKey${replace(title(statement.key), "-", "")}"
      actions   = statement.value
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = [aws_iam_role.this[statement.key].arn]
      }
    }
  }

  statement {
    sid       = "SnsUsesKeyForTopic"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:sns:topicArn"
      values   = [local.topic_arn]
    }
  }
}

resource "aws_kms_key" "topic" {
  description             = "Encrypts the job outcome topic ${local.topic_name}"
  enable_key_rotation     = true
  deletion_window_in_days = local.settings.topic_key_deletion_window_days
  policy                  = data.aws_iam_policy_document.topic_key.json

  tags = local.tags
}

resource "aws_kms_alias" "topic" {
  name          = "alias/${var.name}-job-outcomes-${local.environment}"
  target_key_id = aws_kms_key.topic.key_id
}

resource "aws_sns_topic" "this" {
  name              = local.topic_name
  kms_master_key_id = aws_kms_key.topic.arn

  # SHA256 signatures on deliveries to HTTP(S) subscribers.
  signature_version = 2

  tags = local.tags

  lifecycle {
    postcondition {
      condition     = self.arn == local.topic_arn
      error_message = "local.topic_arn, to which the key policy scopes SNS's use of the key, must be this topic's ARN."
    }
  }
}
