# Literal values: proxied as a bool, as the strings "true" and "false",
# and left out (DNS-only, the provider's default).
resource "cloudflare_zone" "z" {
  zone = "example.com"
}

# KO: a proxied mail host.
resource "cloudflare_record" "mail" {
  zone_id = cloudflare_zone.z.id
  name    = "mail"
  type    = "A"
  content = "203.0.113.25"
  proxied = true
}

# KO: proxied as a string.
resource "cloudflare_record" "ftp" {
  zone_id = cloudflare_zone.z.id
  name    = "ftp"
  type    = "A"
  value   = "203.0.113.21"
  proxied = "true"
}

# OK: the same hosts DNS-only, as a string and left out.
resource "cloudflare_record" "smtp" {
  zone_id = cloudflare_zone.z.id
  name    = "smtp"
  type    = "A"
  content = "203.0.113.26"
  proxied = "false"
}

resource "cloudflare_record" "imap" {
  zone_id = cloudflare_zone.z.id
  name    = "imap.example.com"
  type    = "A"
  content = "203.0.113.27"
}

# OK: a proxied website.
resource "cloudflare_record" "www" {
  zone_id = cloudflare_zone.z.id
  name    = "www"
  type    = "A"
  content = "203.0.113.10"
  proxied = true
}
