# No zone in the module: relative names are linted as written, with one
# note saying how to name the zone.
resource "cloudflare_record" "mail" {
  zone_id = var.zone_id
  name    = "mail"
  type    = "A"
  content = "203.0.113.25"
  proxied = true
}

resource "cloudflare_record" "www" {
  zone_id = var.zone_id
  name    = "www"
  type    = "A"
  content = "203.0.113.10"
  proxied = true
}
