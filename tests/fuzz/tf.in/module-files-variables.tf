variable "zone" {
  default = "example.com"
}

locals {
  web_ip = "203.0.113.10"
}
