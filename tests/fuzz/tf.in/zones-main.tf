# Zones: each record's zone from its zone_id (a resource in v4 and v5, a
# data source with name or v5's filter); a name that ends with the zone is
# absolute.
resource "cloudflare_zone" "a" {
  zone = "example.com"
}

data "cloudflare_zone" "b" {
  name = "example.org"
}

data "cloudflare_zone" "c" {
  filter = {
    name = "example.net"
  }
}

resource "cloudflare_record" "a_mail" {
  zone_id = cloudflare_zone.a.id
  name    = "mail"
  type    = "A"
  content = "203.0.113.25"
  proxied = true
}

resource "cloudflare_record" "b_mail" {
  zone_id = data.cloudflare_zone.b.id
  name    = "mail.example.org"
  type    = "A"
  content = "203.0.113.26"
  proxied = true
}

resource "cloudflare_record" "c_mail" {
  zone_id = data.cloudflare_zone.c.zone_id
  name    = "mail"
  type    = "A"
  content = "203.0.113.27"
  proxied = true
}
