provider "aws" {
  region = var.region
}

# Everything at its defaults: the settings of the selected workspace (dev, demo or prod).
module "filestore" {
  source = "../../"
}
