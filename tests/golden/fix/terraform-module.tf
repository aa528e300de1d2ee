# A Terraform module, fixed in place (tests/golden/fix/README.md).
resource "cloudflare_zone" "z" { zone = "example.com" }
variable "ftp_proxied" { default = true }

locals {
  hosts = {
    www  = { ip = "203.0.113.10", proxied = true }
    mail = { ip = "203.0.113.25", proxied = true }
  }
}

# KO: the literal is rewritten, keeping the alignment after it.
resource "cloudflare_record" "smtp" {
  zone_id = cloudflare_zone.z.id
  name    = "smtp"
  type    = "A"
  content = "203.0.113.26"
  proxied = true # the mail server
}

# KO: a quoted value keeps its quotes.
resource "cloudflare_record" "imap" {
  zone_id = cloudflare_zone.z.id
  name    = "imap"
  type    = "A"
  content = "203.0.113.27"
  proxied = "true"
}

# KO: a for_each record is fixed in its map entry; www stays proxied.
resource "cloudflare_record" "host" {
  for_each = local.hosts
  zone_id  = cloudflare_zone.z.id
  name     = each.key
  type     = "A"
  content  = each.value.ip
  proxied  = each.value.proxied
}

# KO, not fixed: the value comes from a variable that others may share.
resource "cloudflare_record" "ftp" {
  zone_id = cloudflare_zone.z.id
  name    = "ftp"
  type    = "A"
  content = "203.0.113.21"
  proxied = var.ftp_proxied
}

# KO, unsafe: a DNS-only web host gets a new proxied line.
resource "cloudflare_record" "apex" {
  zone_id = cloudflare_zone.z.id
  name    = "@"
  type    = "A"
  content = "203.0.113.11"
}
