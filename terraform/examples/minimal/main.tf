provider "aws" {
  region = var.region
}

# CloudFront's certificates live in us-east-1; the module requires this configuration even when it
# creates no certificate there.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

# Everything at its defaults: the settings of the selected workspace (dev, demo or prod).
module "filestore" {
  source = "../../"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }
}
