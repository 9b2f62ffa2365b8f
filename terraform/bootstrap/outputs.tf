output "state_bucket" {
  description = "Name of the state bucket."
  value       = aws_s3_bucket.state.id
}

output "backend_configs" {
  description = "The content of terraform/deploy/backend/<env>.s3.tfbackend for each environment of this account."
  value = {
    for e in var.environments : e => join("\n", [
      "bucket       = \"${aws_s3_bucket.state.id}\"",
      "key          = \"filestore/terraform.tfstate\"",
      "region       = \"${var.region}\"",
      "encrypt      = true",
      "use_lockfile = true",
    ])
  }
}
