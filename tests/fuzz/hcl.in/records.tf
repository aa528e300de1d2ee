# Cloudflare DNS for example.com
terraform {
  required_providers {
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 4.0"
    }
  }
}

variable "zone" {
  type    = string
  default = "example.com"
}

variable "origin_ip" {
  default = "192.0.2.10"
}

resource "cloudflare_zone" "example" {
  account_id = var.account_id
  zone       = var.zone
}

data "cloudflare_zone" "other" {
  name = "example.org"
}

# proxylint: ignore[origin-ip-exposed] the mail host must be direct
resource "cloudflare_record" "mail" {
  zone_id = cloudflare_zone.example.id
  name    = "mail"
  type    = "A"
  content = var.origin_ip
  proxied = false
  ttl     = 300
}

resource "cloudflare_record" "www" {
  zone_id = cloudflare_zone.example.id
  name    = "www"
  type    = "CNAME"
  value   = "${var.zone}"
  proxied = true
  ttl     = 1
}

resource "cloudflare_record" "mx" {
  zone_id  = data.cloudflare_zone.other.id
  name     = "@"
  type     = "MX"
  content  = "mail.${var.zone}"
  priority = 10
}

resource "cloudflare_record" "txt" {
  zone_id = cloudflare_zone.example.id
  name    = "_dmarc"
  type    = "TXT"
  content = "v=DMARC1; p=reject; rua=mailto:dmarc@${var.zone}"
}

resource "cloudflare_record" "api" {
  count   = 2
  zone_id = cloudflare_zone.example.id
  name    = "api${count.index}"
  type    = "AAAA"
  content = "2001:db8::${count.index + 1}"
  proxied = "true"
  lifecycle { ignore_changes = [ttl] }
}
