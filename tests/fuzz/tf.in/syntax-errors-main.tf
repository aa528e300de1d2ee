# Syntax errors: each one reported where it is, and reading resumes at the
# next block, whose records are still linted.
resource "cloudflare_zone" "z" {
  zone = "example.com"
}

resource "cloudflare_record" "broken" {
  zone_id = cloudflare_zone.z.id
  name    = "broken
  type    = "A"
}

resource "cloudflare_record" "mail" {
  zone_id = cloudflare_zone.z.id
  name    = "mail"
  type    = "A"
  content = "203.0.113.25"
  proxied = true
}

resource "cloudflare_record" "bad" {
  zone_id = cloudflare_zone.z.id
  name    = "bad"
  type    = "A"
  content = "203.0.113.300"
  proxied = yes
}
