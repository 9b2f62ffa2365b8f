################################################################################
# General
################################################################################

variable "name" {
  description = "Name prefix of every resource; names end with the environment (for example filestore-api-dev)."
  type        = string
  default     = "filestore"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,19}$", var.name))
    error_message = "The name must be 2 to 20 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Environment whose settings apply: dev, demo or prod. Null uses the selected workspace (terraform workspace select <env>)."
  type        = string
  default     = null

  validation {
    condition     = var.environment == null ? true : contains(["dev", "demo", "prod"], var.environment)
    error_message = "The environment must be dev, demo or prod."
  }
}

variable "tags" {
  description = "Tags added to every resource that supports them."
  type        = map(string)
  default     = {}
}

################################################################################
# Functions
################################################################################

variable "artifact_path" {
  description = "Path of the shaded Lambda jar. Null uses the wiring's artifact, handlers/target/filestore-lambda.jar (build it with mvn -B package)."
  type        = string
  default     = null
}

variable "architecture" {
  description = "Instruction set of every function: arm64 (cheaper per GB-second) or x86_64."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "The architecture must be arm64 or x86_64."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions by wiring key (for example { api = 50 }). Functions not listed use the unreserved pool."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for value in values(var.reserved_concurrency) : value >= 0 && floor(value) == value])
    error_message = "Reserved concurrency values must be whole numbers of at least 0."
  }
}

variable "schedule_expressions" {
  description = "Schedule expressions by wiring key that replace the wiring's (for example { expire = \"rate(5 minutes)\" })."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for expression in values(var.schedule_expressions) : can(regex("^(rate|cron)\\(.+\\)$", expression))])
    error_message = "Schedule expressions must be rate(...) or cron(...)."
  }
}

variable "create_expire_schedule" {
  description = "Whether to create the EventBridge schedule of the expire function. It runs whether or not store_on_load is set: it also expires files never uploaded and retries failed object deletions."
  type        = bool
  default     = true
}

variable "create_retry_schedule" {
  description = "Whether to create the EventBridge schedule of the retry function, which runs queued and failed processing jobs when they are due (every minute). Without it a job whose first call fails is never retried."
  type        = bool
  default     = true
}

################################################################################
# Storage
################################################################################

variable "bucket_name_prefix" {
  description = "Prefix of the bucket name, which is <prefix><name>-files-<account id>-<environment>."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[a-z0-9.-]{0,16}$", var.bucket_name_prefix))
    error_message = "The bucket name prefix must be at most 16 lowercase letters, digits, dots or hyphens."
  }
}

variable "sse_algorithm" {
  description = "Default encryption of the bucket: AES256 (SSE-S3) or aws:kms (SSE-KMS with kms_key_arn)."
  type        = string
  default     = "AES256"

  validation {
    condition     = contains(["AES256", "aws:kms"], var.sse_algorithm)
    error_message = "The SSE algorithm must be AES256 or aws:kms."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key used when sse_algorithm is aws:kms; the functions that read or write objects are granted it."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null ? true : can(regex("^arn:[a-z-]+:kms:", var.kms_key_arn))
    error_message = "The KMS key ARN must be a KMS key ARN (arn:<partition>:kms:...)."
  }
}

variable "enable_versioning" {
  description = "Whether to enable bucket versioning. Noncurrent versions and expired delete markers are then removed by lifecycle."
  type        = bool
  default     = false
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which noncurrent object versions expire (with enable_versioning)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "The noncurrent version expiration must be a whole number of days, at least 1."
  }
}

################################################################################
# Table
################################################################################

variable "table_billing_mode" {
  description = "Billing mode of the table: PAY_PER_REQUEST (on demand) or PROVISIONED."
  type        = string
  default     = "PAY_PER_REQUEST"

  validation {
    condition     = contains(["PAY_PER_REQUEST", "PROVISIONED"], var.table_billing_mode)
    error_message = "The table billing mode must be PAY_PER_REQUEST or PROVISIONED."
  }
}

variable "table_read_capacity" {
  description = "Read capacity units of the table and of each index, with PROVISIONED billing."
  type        = number
  default     = 5

  validation {
    condition     = var.table_read_capacity >= 1 && floor(var.table_read_capacity) == var.table_read_capacity
    error_message = "The read capacity must be a whole number, at least 1."
  }
}

variable "table_write_capacity" {
  description = "Write capacity units of the table and of each index, with PROVISIONED billing."
  type        = number
  default     = 5

  validation {
    condition     = var.table_write_capacity >= 1 && floor(var.table_write_capacity) == var.table_write_capacity
    error_message = "The write capacity must be a whole number, at least 1."
  }
}

################################################################################
# API
################################################################################

variable "api_stage_name" {
  description = "Name of the API stage (the first path segment of the API URL)."
  type        = string
  default     = "v1"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,128}$", var.api_stage_name))
    error_message = "The stage name must be 1 to 128 letters, digits, underscores or hyphens."
  }
}

variable "api_endpoint_type" {
  description = "Endpoint type of the REST API: REGIONAL or EDGE."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "EDGE"], var.api_endpoint_type)
    error_message = "The endpoint type must be REGIONAL or EDGE."
  }
}

variable "create_api_gateway_account_settings" {
  description = "Whether to set API Gateway's account-level CloudWatch role (needed for access and execution logs). It is one setting per account and region: when several workspaces share an account, let one of them own it."
  type        = bool
  default     = true
}

################################################################################
# Optional features
################################################################################

variable "enable_cognito" {
  description = "Whether to create a Cognito user pool and require its ID token in the Authorization header (in addition to the API key) on every API method except CORS preflights."
  type        = bool
  default     = false
}

################################################################################
# Settings per workspace (main.tf). Null keeps the workspace's value.
################################################################################

variable "log_retention_days" {
  description = "Retention of every log group, in days. Null uses the workspace's (dev 14, demo 30, prod 365)."
  type        = number
  default     = null

  validation {
    condition     = var.log_retention_days == null ? true : contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "The log retention must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "api_logging_level" {
  description = "API Gateway execution logging level: OFF, ERROR or INFO. Null uses the workspace's (dev INFO, demo and prod ERROR)."
  type        = string
  default     = null

  validation {
    condition     = var.api_logging_level == null ? true : contains(["OFF", "ERROR", "INFO"], var.api_logging_level)
    error_message = "The API logging level must be OFF, ERROR or INFO."
  }
}

variable "api_throttling_rate_limit" {
  description = "Steady-state requests per second, for the stage and for the usage plan. Null uses the workspace's (dev 10, demo 20, prod 100)."
  type        = number
  default     = null

  validation {
    condition     = var.api_throttling_rate_limit == null ? true : var.api_throttling_rate_limit > 0
    error_message = "The throttling rate limit must be greater than 0."
  }
}

variable "api_throttling_burst_limit" {
  description = "Burst of requests, for the stage and for the usage plan. Null uses the workspace's (dev 20, demo 40, prod 200)."
  type        = number
  default     = null

  validation {
    condition     = var.api_throttling_burst_limit == null ? true : var.api_throttling_burst_limit >= 1 && floor(var.api_throttling_burst_limit) == var.api_throttling_burst_limit
    error_message = "The throttling burst limit must be a whole number, at least 1."
  }
}

variable "api_quota_limit" {
  description = "Requests the API key may make per quota period. Null uses the workspace's (dev 10000, demo 50000, prod 1000000 a day)."
  type        = number
  default     = null

  validation {
    condition     = var.api_quota_limit == null ? true : var.api_quota_limit >= 1 && floor(var.api_quota_limit) == var.api_quota_limit
    error_message = "The quota limit must be a whole number, at least 1."
  }
}

variable "api_quota_period" {
  description = "Quota period of the usage plan: DAY, WEEK or MONTH. Null uses the workspace's (DAY)."
  type        = string
  default     = null

  validation {
    condition     = var.api_quota_period == null ? true : contains(["DAY", "WEEK", "MONTH"], var.api_quota_period)
    error_message = "The quota period must be DAY, WEEK or MONTH."
  }
}

variable "allowed_content_types" {
  description = "Media types clients may upload (ALLOWED_CONTENT_TYPES). Null uses the workspace's (images, PDF, text, CSV, JSON and ZIP)."
  type        = list(string)
  default     = null

  validation {
    condition     = var.allowed_content_types == null ? true : length(var.allowed_content_types) > 0 && alltrue([for type in var.allowed_content_types : can(regex("^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$", type))])
    error_message = "Allowed content types must be a non-empty list of lowercase media types (type/subtype)."
  }
}

variable "max_file_size_bytes" {
  description = "Largest upload in bytes (MAX_FILE_SIZE_BYTES, at most 5 GiB). Null uses the workspace's (dev and demo 100 MiB, prod 1 GiB)."
  type        = number
  default     = null

  validation {
    condition     = var.max_file_size_bytes == null ? true : var.max_file_size_bytes >= 1 && var.max_file_size_bytes <= 5368709120 && floor(var.max_file_size_bytes) == var.max_file_size_bytes
    error_message = "The largest file size must be a whole number of bytes from 1 to 5368709120 (5 GiB)."
  }
}

variable "upload_url_ttl_seconds" {
  description = "Lifetime of presigned upload URLs in seconds (UPLOAD_URL_TTL_SECONDS, 60 to 43200). Null uses the workspace's (900)."
  type        = number
  default     = null

  validation {
    condition     = var.upload_url_ttl_seconds == null ? true : var.upload_url_ttl_seconds >= 60 && var.upload_url_ttl_seconds <= 43200
    error_message = "The upload URL lifetime must be from 60 to 43200 seconds."
  }
}

variable "unstored_file_ttl_seconds" {
  description = "Seconds after which a file that is never stored expires (UNSTORED_FILE_TTL_SECONDS, 300 to 2592000, longer than the upload URL lifetime). Null uses the workspace's (dev 3600, demo and prod 86400)."
  type        = number
  default     = null

  validation {
    condition     = var.unstored_file_ttl_seconds == null ? true : var.unstored_file_ttl_seconds >= 300 && var.unstored_file_ttl_seconds <= 2592000
    error_message = "The unstored file lifetime must be from 300 to 2592000 seconds (30 days)."
  }
}

variable "download_url_max_ttl_seconds" {
  description = "Longest lifetime a caller may ask for a download URL, in seconds (DOWNLOAD_URL_MAX_TTL_SECONDS, 1 to 43200). Null uses the workspace's (3600)."
  type        = number
  default     = null

  validation {
    condition     = var.download_url_max_ttl_seconds == null ? true : var.download_url_max_ttl_seconds >= 1 && var.download_url_max_ttl_seconds <= 43200
    error_message = "The longest download URL lifetime must be from 1 to 43200 seconds."
  }
}

variable "tombstone_retention_days" {
  description = "Days a deleted or expired file's record is kept before DynamoDB TTL removes it (TOMBSTONE_RETENTION_DAYS, 1 to 3650). Null uses the workspace's (dev 7, demo 30, prod 90)."
  type        = number
  default     = null

  validation {
    condition     = var.tombstone_retention_days == null ? true : var.tombstone_retention_days >= 1 && var.tombstone_retention_days <= 3650 && floor(var.tombstone_retention_days) == var.tombstone_retention_days
    error_message = "The tombstone retention must be a whole number of days from 1 to 3650."
  }
}

variable "enable_web_client" {
  description = "Whether to host the web client (web/dist) in a private S3 bucket behind a CloudFront distribution with security headers, write its config.json (the API's URL), and allow its origins in the API's and the files bucket's CORS rules."
  type        = bool
  default     = false
}

variable "web_assets_path" {
  description = "Folder of the built web client uploaded with enable_web_client (every file but config.json, which Terraform writes). Null uses web/dist of this repository (cd web && npm run build)."
  type        = string
  default     = null
}

variable "domain_name" {
  description = "Host name of the API (for example api.files.example.com): a REGIONAL custom domain with TLS 1.2, its certificate validated in hosted_zone_id, and A/AAAA alias records. Null uses the stage's execute-api URL."
  type        = string
  default     = null

  validation {
    condition     = var.domain_name == null ? true : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.domain_name))
    error_message = "The domain name must be a lowercase host name such as api.files.example.com (no scheme, path or wildcard)."
  }
}

variable "hosted_zone_id" {
  description = "ID of the existing Route 53 public hosted zone of domain_name and web_domain_name, in which their certificates are validated and their records created; required when either is set."
  type        = string
  default     = null

  validation {
    condition     = var.hosted_zone_id == null ? true : can(regex("^Z[A-Z0-9]{1,31}$", var.hosted_zone_id))
    error_message = "The hosted zone ID must be a Route 53 zone ID such as Z0123456789ABCDEFGHIJ."
  }
}

variable "web_domain_name" {
  description = "Host name of the web client (for example files.example.com), with enable_web_client: an alias of the distribution with a us-east-1 certificate (provider aws.us_east_1), TLS 1.2, and A/AAAA alias records in hosted_zone_id. Null serves it at the distribution's *.cloudfront.net name."
  type        = string
  default     = null

  validation {
    condition     = var.web_domain_name == null ? true : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.web_domain_name))
    error_message = "The web domain name must be a lowercase host name such as files.example.com (no scheme, path or wildcard)."
  }
}

variable "cors_allowed_origins" {
  description = "Browser origins allowed by the bucket's CORS rule (scheme://host[:port], or \"*\"). With enable_web_client the web client's origins are added unless \"*\" is listed. The API answers a request's Origin when it is listed, otherwise the first origin (CORS_ALLOW_ORIGIN); its preflights answer the origin when exactly one is allowed, otherwise \"*\". Null uses the workspace's ([\"*\"])."
  type        = list(string)
  default     = null

  validation {
    condition     = var.cors_allowed_origins == null ? true : length(var.cors_allowed_origins) > 0 && alltrue([for origin in var.cors_allowed_origins : origin == "*" || can(regex("^https?://[^/*'\",\\s]+$", origin))])
    error_message = "CORS origins must be a non-empty list of \"*\" or scheme://host[:port] values without a path (CORS_ALLOW_ORIGIN lists them with commas)."
  }
}

variable "store_on_load" {
  description = "Whether an upload is stored as soon as S3 confirms it (STORE_ON_LOAD). Null uses the workspace's (false)."
  type        = bool
  default     = null
}

variable "expire_max_per_run" {
  description = "Most files one run of the expire function handles (EXPIRE_MAX_PER_RUN, 1 to 100000). Null uses the workspace's (dev and demo 1000, prod 5000)."
  type        = number
  default     = null

  validation {
    condition     = var.expire_max_per_run == null ? true : var.expire_max_per_run >= 1 && var.expire_max_per_run <= 100000 && floor(var.expire_max_per_run) == var.expire_max_per_run
    error_message = "The most files per expire run must be a whole number from 1 to 100000."
  }
}

variable "force_destroy" {
  description = "Whether destroying the bucket also deletes its objects. Null uses the workspace's (dev and demo true, prod false)."
  type        = bool
  default     = null
}

variable "deletion_protection" {
  description = "Whether the table (and the user pool) refuse deletion. Null uses the workspace's (prod only)."
  type        = bool
  default     = null
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which incomplete multipart uploads are aborted. Null uses the workspace's (dev and demo 1, prod 3)."
  type        = number
  default     = null

  validation {
    condition     = var.abort_incomplete_multipart_upload_days == null ? true : var.abort_incomplete_multipart_upload_days >= 1 && floor(var.abort_incomplete_multipart_upload_days) == var.abort_incomplete_multipart_upload_days
    error_message = "The multipart upload abort delay must be a whole number of days, at least 1."
  }
}

variable "async_maximum_retry_attempts" {
  description = "Retries of a failed asynchronous invocation (S3 events, schedules) before it goes to the dead-letter queue, 0 to 2. Null uses the workspace's (2)."
  type        = number
  default     = null

  validation {
    condition     = var.async_maximum_retry_attempts == null ? true : contains([0, 1, 2], var.async_maximum_retry_attempts)
    error_message = "The asynchronous retry count must be 0, 1 or 2."
  }
}

variable "async_maximum_event_age_seconds" {
  description = "Oldest asynchronous event Lambda still delivers, in seconds (60 to 21600). Null uses the workspace's (dev and demo 3600, prod 21600)."
  type        = number
  default     = null

  validation {
    condition     = var.async_maximum_event_age_seconds == null ? true : var.async_maximum_event_age_seconds >= 60 && var.async_maximum_event_age_seconds <= 21600
    error_message = "The oldest event age must be from 60 to 21600 seconds."
  }
}

variable "settings_cache_seconds" {
  description = "How long the functions cache the SSM parameters under the settings prefix, in seconds (SETTINGS_CACHE_SECONDS, 0 to 3600); a change made with the admin API or the console is seen after at most this long. Null uses the workspace's (30)."
  type        = number
  default     = null

  validation {
    condition     = var.settings_cache_seconds == null ? true : var.settings_cache_seconds >= 0 && var.settings_cache_seconds <= 3600 && floor(var.settings_cache_seconds) == var.settings_cache_seconds
    error_message = "The settings cache must be a whole number of seconds from 0 to 3600."
  }
}

variable "processing_url_ttl_seconds" {
  description = "Lifetime of the presigned download URL a processing job sends to the endpoint, in seconds (PROCESSING_URL_TTL_SECONDS, 60 to 43200). Null uses the workspace's (300)."
  type        = number
  default     = null

  validation {
    condition     = var.processing_url_ttl_seconds == null ? true : var.processing_url_ttl_seconds >= 60 && var.processing_url_ttl_seconds <= 43200 && floor(var.processing_url_ttl_seconds) == var.processing_url_ttl_seconds
    error_message = "The processing URL lifetime must be a whole number of seconds from 60 to 43200."
  }
}

variable "retry_base_seconds" {
  description = "Delay before the first retry of a failed processing job, in seconds; each later retry doubles it, with jitter (RETRY_BASE_SECONDS, 1 to 3600). Null uses the workspace's (60)."
  type        = number
  default     = null

  validation {
    condition     = var.retry_base_seconds == null ? true : var.retry_base_seconds >= 1 && var.retry_base_seconds <= 3600 && floor(var.retry_base_seconds) == var.retry_base_seconds
    error_message = "The retry base delay must be a whole number of seconds from 1 to 3600."
  }
}

variable "retry_max_delay_seconds" {
  description = "Longest delay between two attempts of a processing job, in seconds (RETRY_MAX_DELAY_SECONDS, 1 to 86400, at least retry_base_seconds). Null uses the workspace's (3600)."
  type        = number
  default     = null

  validation {
    condition     = var.retry_max_delay_seconds == null ? true : var.retry_max_delay_seconds >= 1 && var.retry_max_delay_seconds <= 86400 && floor(var.retry_max_delay_seconds) == var.retry_max_delay_seconds
    error_message = "The longest retry delay must be a whole number of seconds from 1 to 86400."
  }
}

variable "retry_max_per_run" {
  description = "Most due jobs one run of the retry function claims (RETRY_MAX_PER_RUN, 1 to 10000). Null uses the workspace's (100)."
  type        = number
  default     = null

  validation {
    condition     = var.retry_max_per_run == null ? true : var.retry_max_per_run >= 1 && var.retry_max_per_run <= 10000 && floor(var.retry_max_per_run) == var.retry_max_per_run
    error_message = "The most jobs per retry run must be a whole number from 1 to 10000."
  }
}

variable "topic_key_deletion_window_days" {
  description = "Days a destroyed job outcome topic key waits before KMS deletes it (7 to 30). Null uses the workspace's (dev and demo 7, prod 30)."
  type        = number
  default     = null

  validation {
    condition     = var.topic_key_deletion_window_days == null ? true : var.topic_key_deletion_window_days >= 7 && var.topic_key_deletion_window_days <= 30 && floor(var.topic_key_deletion_window_days) == var.topic_key_deletion_window_days
    error_message = "The key deletion window must be a whole number of days from 7 to 30."
  }
}

################################################################################
# Deploy roles for GitHub Actions (github-oidc.tf)
################################################################################

variable "enable_github_oidc" {
  description = "Whether to create the roles GitHub Actions assumes through OIDC to plan (GitHub environment <environment>-plan) and apply (GitHub environment <environment>) this workspace, the permissions boundary of the functions' roles, and unless github_oidc_provider_arn is set the account's GitHub OIDC provider. Needs github_repository and terraform_state_bucket; the first apply is an administrator's."
  type        = bool
  default     = false
}

variable "github_repository" {
  description = "GitHub repository (owner/name, as GitHub spells it) whose workflows may assume the deploy roles; required with enable_github_oidc."
  type        = string
  default     = null

  validation {
    condition     = var.github_repository == null ? true : can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$", var.github_repository))
    error_message = "The GitHub repository must be owner/name (letters, digits and hyphens in the owner; letters, digits, '.', '_' and '-' in the name), with no wildcard."
  }
}

variable "github_oidc_provider_arn" {
  description = "ARN of the account's existing GitHub OIDC provider (token.actions.githubusercontent.com). Null creates it: an account has one provider per URL, so when several workspaces share an account one creates it and the others pass its ARN (output github_oidc_provider_arn)."
  type        = string
  default     = null

  validation {
    condition     = var.github_oidc_provider_arn == null ? true : can(regex("^arn:[a-z-]+:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.github_oidc_provider_arn))
    error_message = "The GitHub OIDC provider ARN must be arn:<partition>:iam::<account id>:oidc-provider/token.actions.githubusercontent.com."
  }
}

variable "terraform_state_bucket" {
  description = "S3 bucket of the Terraform state the deploy roles read and write (the state of this workspace is env:/<workspace>/<terraform_state_key>); required with enable_github_oidc."
  type        = string
  default     = null

  validation {
    condition     = var.terraform_state_bucket == null ? true : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.terraform_state_bucket))
    error_message = "The Terraform state bucket must be an S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens)."
  }
}

variable "terraform_state_key" {
  description = "Key of the Terraform state in terraform_state_bucket (the backend's key); the deploy roles get env:/<workspace>/<key> and its .tflock lock file."
  type        = string
  default     = "filestore/terraform.tfstate"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.'()-][A-Za-z0-9!_.'()/-]*$", var.terraform_state_key))
    error_message = "The Terraform state key must be an S3 key without a leading slash or wildcard."
  }
}

variable "terraform_state_kms_key_arn" {
  description = "ARN of the KMS key that encrypts the Terraform state bucket (SSE-KMS), if any; both deploy roles may use it to read the state and write the lock file."
  type        = string
  default     = null

  validation {
    condition     = var.terraform_state_kms_key_arn == null ? true : can(regex("^arn:[a-z-]+:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.terraform_state_kms_key_arn))
    error_message = "The state KMS key ARN must be a KMS key ARN (arn:<partition>:kms:<region>:<account id>:key/<id>)."
  }
}
