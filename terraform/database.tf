################################################################################
# The files table: keys, indexes and TTL attribute from the wiring's table section
################################################################################

locals {
  table = local.wiring.table

  # Every key attribute of the table and its indexes is a string (the code writes S attributes only).
  table_key_attributes = distinct(concat(
    [local.table.hashKey, local.table.rangeKey],
    flatten([for index in local.table.indexes : [index.hashKey, index.rangeKey]]),
  ))

  table_provisioned = var.table_billing_mode == "PROVISIONED"
}

resource "aws_dynamodb_table" "this" {
  name         = "${var.name}-files-${local.environment}"
  billing_mode = var.table_billing_mode
  hash_key     = local.table.hashKey
  range_key    = local.table.rangeKey

  read_capacity  = local.table_provisioned ? var.table_read_capacity : null
  write_capacity = local.table_provisioned ? var.table_write_capacity : null

  deletion_protection_enabled = local.settings.deletion_protection

  dynamic "attribute" {
    for_each = local.table_key_attributes

    content {
      name = attribute.value
      type = "S"
    }
  }

  dynamic "global_secondary_index" {
    for_each = local.table.indexes

    content {
      name            = global_secondary_index.value.name
      hash_key        = global_secondary_index.value.hashKey
      range_key       = global_secondary_index.value.rangeKey
      projection_type = "ALL"
      read_capacity   = local.table_provisioned ? var.table_read_capacity : null
      write_capacity  = local.table_provisioned ? var.table_write_capacity : null
    }
  }

  ttl {
    attribute_name = local.table.ttlAttribute
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  # Encrypted with the AWS managed key (aws/dynamodb) rather than the default AWS owned key.
  server_side_encryption {
    enabled = true
  }

  tags = local.tags
}
