# A locals cycle is a finding where it is; the records that use it are
# not guessed.
locals {
  a    = local.b
  b    = local.a
  zone = "example.com"
}

resource "cloudflare_zone" "z" {
  zone = local.zone
}

resource "cloudflare_record" "mail" {
  zone_id = cloudflare_zone.z.id
  name    = "mail"
  type    = "A"
  content = "203.0.113.25"
  proxied = local.a
}

# KO: still linted, it does not use the cycle.
resource "cloudflare_record" "ftp" {
  zone_id = cloudflare_zone.z.id
  name    = "ftp"
  type    = "A"
  content = "203.0.113.21"
  proxied = true
}
