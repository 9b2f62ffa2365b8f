data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# The region's name is its id in every provider version (name is deprecated from 6.0, region is new in 6.0).
data "aws_region" "current" {}

locals {
  # One source for the function wiring, shared with the local stack and the cross-check tests:
  # handler class, trigger, memory, timeout, the environment variable names each function reads,
  # and its permissions on symbolic resources ("table", "index:NAME", "objects", "parameter:NAME",
  # "topic", "key:topic", "function:KEY"; see iam.tf).
  wiring     = jsondecode(file("${path.module}/../wiring/filestore.json"))
  functions  = local.wiring.functions
  key_prefix = local.wiring.keyPrefix

  # The SSM parameters the functions read at run time (settings.tf), by name relative to the prefix.
  parameters = local.wiring.settings.parameters

  artifact_path = coalesce(var.artifact_path, "${path.module}/../${local.wiring.artifact}")

  api_functions       = { for key, fn in local.functions : key => fn if fn.trigger.type == "api" }
  s3_functions        = { for key, fn in local.functions : key => fn if fn.trigger.type == "s3" }
  scheduled_functions = { for key, fn in local.functions : key => fn if fn.trigger.type == "schedule" && lookup(local.create_schedules, key, true) }

  # Functions other functions invoke asynchronously (InvocationType=Event) by name: no trigger
  # resource, only an event invoke config with the wiring's retries (functions.tf).
  invoke_functions = { for key, fn in local.functions : key => fn if fn.trigger.type == "invoke" }

  # Each schedule of the wiring has its own create_<key>_schedule flag.
  create_schedules = {
    expire = var.create_expire_schedule
    retry  = var.create_retry_schedule
  }

  # S3 and EventBridge invoke asynchronously: these functions get bounded retries and a dead-letter queue.
  async_functions = { for key, fn in local.functions : key => fn if contains(["s3", "schedule"], fn.trigger.type) }

  # The REST API body has one integration target (api_function_invoke_arn), so exactly one function serves it.
  api_function_key = one(keys(local.api_functions))

  # The workspace is the environment unless var.environment says otherwise (for example when a
  # wrapper configuration calls this module from the default workspace).
  environment = coalesce(var.environment, terraform.workspace)

  name           = "${var.name}-${local.environment}"
  function_names = { for key in keys(local.functions) : key => "${var.name}-${key}-${local.environment}" }
  alias_name     = "live"
  bucket_name    = "${var.bucket_name_prefix}${var.name}-files-${data.aws_caller_identity.current.account_id}-${local.environment}"

  # What a caller passes as FunctionName to reach a function's live alias (the SnapStart version and
  # the qualifier its event invoke config is on). Built from the names, never from
  # aws_lambda_function.this: a function's environment must not depend on its own resource.
  function_qualified_names = { for key, name in local.function_names : key => "${name}:${local.alias_name}" }

  # The same, as ARNs (what iam.tf grants lambda:InvokeFunction on).
  alias_arns = {
    for key, name in local.function_names :
    key => "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:function:${name}:${local.alias_name}"
  }

  # SSM parameters live under /<name>/<environment>/ (SETTINGS_PREFIX).
  settings_prefix = "/${var.name}/${local.environment}"

  tags = merge(
    {
      Project     = var.name
      Environment = local.environment
      ManagedBy   = "terraform"
    },
    var.tags,
  )

  default_content_types = [
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/json",
    "application/zip",
  ]

  # Settings per workspace. An unknown workspace fails here with "Invalid index": select dev, demo
  # or prod (or set var.environment). Every setting can be overridden by the variable of the same name.
  workspace_settings = {
    dev = {
      log_retention_days                     = 14
      api_logging_level                      = "INFO"
      api_throttling_rate_limit              = 10
      api_throttling_burst_limit             = 20
      api_quota_limit                        = 10000
      api_quota_period                       = "DAY"
      allowed_content_types                  = local.default_content_types
      max_file_size_bytes                    = 104857600
      upload_url_ttl_seconds                 = 900
      unstored_file_ttl_seconds              = 3600
      download_url_max_ttl_seconds           = 3600
      tombstone_retention_days               = 7
      cors_allowed_origins                   = ["*"]
      store_on_load                          = false
      expire_max_per_run                     = 1000
      force_destroy                          = true
      deletion_protection                    = false
      abort_incomplete_multipart_upload_days = 1
      async_maximum_retry_attempts           = 2
      async_maximum_event_age_seconds        = 3600
      settings_cache_seconds                 = 30
      processing_url_ttl_seconds             = 300
      retry_base_seconds                     = 60
      retry_max_delay_seconds                = 3600
      retry_max_per_run                      = 100
      topic_key_deletion_window_days         = 7
    }
    demo = {
      log_retention_days                     = 30
      api_logging_level                      = "ERROR"
      api_throttling_rate_limit              = 20
      api_throttling_burst_limit             = 40
      api_quota_limit                        = 50000
      api_quota_period                       = "DAY"
      allowed_content_types                  = local.default_content_types
      max_file_size_bytes                    = 104857600
      upload_url_ttl_seconds                 = 900
      unstored_file_ttl_seconds              = 86400
      download_url_max_ttl_seconds           = 3600
      tombstone_retention_days               = 30
      cors_allowed_origins                   = ["*"]
      store_on_load                          = false
      expire_max_per_run                     = 1000
      force_destroy                          = true
      deletion_protection                    = false
      abort_incomplete_multipart_upload_days = 1
      async_maximum_retry_attempts           = 2
      async_maximum_event_age_seconds        = 3600
      settings_cache_seconds                 = 30
      processing_url_ttl_seconds             = 300
      retry_base_seconds                     = 60
      retry_max_delay_seconds                = 3600
      retry_max_per_run                      = 100
      topic_key_deletion_window_days         = 7
    }
    prod = {
      log_retention_days                     = 365
      api_logging_level                      = "ERROR"
      api_throttling_rate_limit              = 100
      api_throttling_burst_limit             = 200
      api_quota_limit                        = 1000000
      api_quota_period                       = "DAY"
      allowed_content_types                  = local.default_content_types
      max_file_size_bytes                    = 1073741824
      upload_url_ttl_seconds                 = 900
      unstored_file_ttl_seconds              = 86400
      download_url_max_ttl_seconds           = 3600
      tombstone_retention_days               = 90
      cors_allowed_origins                   = ["*"]
      store_on_load                          = false
      expire_max_per_run                     = 5000
      force_destroy                          = false
      deletion_protection                    = true
      abort_incomplete_multipart_upload_days = 3
      async_maximum_retry_attempts           = 2
      async_maximum_event_age_seconds        = 21600
      settings_cache_seconds                 = 30
      processing_url_ttl_seconds             = 300
      retry_base_seconds                     = 60
      retry_max_delay_seconds                = 3600
      retry_max_per_run                      = 100
      topic_key_deletion_window_days         = 30
    }
  }

  setting_overrides = {
    log_retention_days                     = var.log_retention_days
    api_logging_level                      = var.api_logging_level
    api_throttling_rate_limit              = var.api_throttling_rate_limit
    api_throttling_burst_limit             = var.api_throttling_burst_limit
    api_quota_limit                        = var.api_quota_limit
    api_quota_period                       = var.api_quota_period
    allowed_content_types                  = var.allowed_content_types
    max_file_size_bytes                    = var.max_file_size_bytes
    upload_url_ttl_seconds                 = var.upload_url_ttl_seconds
    unstored_file_ttl_seconds              = var.unstored_file_ttl_seconds
    download_url_max_ttl_seconds           = var.download_url_max_ttl_seconds
    tombstone_retention_days               = var.tombstone_retention_days
    cors_allowed_origins                   = var.cors_allowed_origins
    store_on_load                          = var.store_on_load
    expire_max_per_run                     = var.expire_max_per_run
    force_destroy                          = var.force_destroy
    deletion_protection                    = var.deletion_protection
    abort_incomplete_multipart_upload_days = var.abort_incomplete_multipart_upload_days
    async_maximum_retry_attempts           = var.async_maximum_retry_attempts
    async_maximum_event_age_seconds        = var.async_maximum_event_age_seconds
    settings_cache_seconds                 = var.settings_cache_seconds
    processing_url_ttl_seconds             = var.processing_url_ttl_seconds
    retry_base_seconds                     = var.retry_base_seconds
    retry_max_delay_seconds                = var.retry_max_delay_seconds
    retry_max_per_run                      = var.retry_max_per_run
    topic_key_deletion_window_days         = var.topic_key_deletion_window_days
  }

  settings = {
    for name, value in local.workspace_settings[local.environment] :
    name => local.setting_overrides[name] != null ? local.setting_overrides[name] : value
  }

  # The browser origins the API and the files bucket allow: the configured ones and, with the web
  # client, its origins (local.web_origins, web.tf), unless "*" already allows every origin.
  cors_origins = contains(local.settings.cors_allowed_origins, "*") ? local.settings.cors_allowed_origins : concat(local.settings.cors_allowed_origins, local.web_origins)

  # The api function answers a request's Origin when it is one of CORS_ALLOW_ORIGIN (comma-separated),
  # otherwise the first one ("*" when listed). API Gateway's own answers (CORS preflights and gateway
  # responses, the spec's cors_allow_origin) are mocks that cannot echo the request's origin: the
  # origin when exactly one is allowed, otherwise "*", which browsers accept because the API
  # authenticates with headers, never with cookies.
  cors_allow_origin = length(local.cors_origins) == 1 ? local.cors_origins[0] : "*"

  # Values for every environment variable a function may read. Each function gets exactly the
  # names its wiring entry lists (see functions.tf); a name missing here fails the plan.
  function_environment = {
    TABLE_NAME                   = aws_dynamodb_table.this.name
    BUCKET_NAME                  = aws_s3_bucket.this.id
    TOMBSTONE_RETENTION_DAYS     = tostring(local.settings.tombstone_retention_days)
    ALLOWED_CONTENT_TYPES        = join(",", local.settings.allowed_content_types)
    MAX_FILE_SIZE_BYTES          = tostring(local.settings.max_file_size_bytes)
    UPLOAD_URL_TTL_SECONDS       = tostring(local.settings.upload_url_ttl_seconds)
    UNSTORED_FILE_TTL_SECONDS    = tostring(local.settings.unstored_file_ttl_seconds)
    DOWNLOAD_URL_MAX_TTL_SECONDS = tostring(local.settings.download_url_max_ttl_seconds)
    CORS_ALLOW_ORIGIN            = join(",", local.cors_origins)
    STORE_ON_LOAD                = tostring(local.settings.store_on_load)
    EXPIRE_MAX_PER_RUN           = tostring(local.settings.expire_max_per_run)
    SETTINGS_PREFIX              = local.settings_prefix
    SETTINGS_CACHE_SECONDS       = tostring(local.settings.settings_cache_seconds)
    PROCESS_FUNCTION_NAME        = local.function_qualified_names["process"]
    TOPIC_ARN                    = aws_sns_topic.this.arn
    PROCESSING_URL_TTL_SECONDS   = tostring(local.settings.processing_url_ttl_seconds)
    RETRY_BASE_SECONDS           = tostring(local.settings.retry_base_seconds)
    RETRY_MAX_DELAY_SECONDS      = tostring(local.settings.retry_max_delay_seconds)
    RETRY_MAX_PER_RUN            = tostring(local.settings.retry_max_per_run)
  }
}
