# Inputs of the dev environment (variables.tf lists them all). Set github_repository to your repository
# before the first apply: the deploy roles trust only its workflow runs in the GitHub environments
# dev-plan and dev.
region             = "eu-west-1"
enable_web_client  = true
enable_github_oidc = true
github_repository  = "acme/filestore"

# A custom domain, in an existing Route 53 zone:
# hosted_zone_id  = "Z0123456789ABCDEFGHIJ"
# domain_name     = "api.dev.files.example.com"
# web_domain_name = "dev.files.example.com"
