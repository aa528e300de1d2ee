# Provider v5 (cloudflare_dns_record, data as an object) and v4 (data as
# a block): SRV and CAA.
resource "cloudflare_zone" "z" {
  name = "example.com"
}

resource "cloudflare_dns_record" "game" {
  zone_id = cloudflare_zone.z.id
  name    = "play"
  type    = "A"
  content = "203.0.113.40"
  proxied = true
  ttl     = 1
}

# KO: the SRV points at a proxied host on a port Cloudflare does not proxy.
resource "cloudflare_dns_record" "srv" {
  zone_id = cloudflare_zone.z.id
  name    = "_minecraft._tcp"
  type    = "SRV"
  ttl     = 3600
  data = {
    priority = 0
    weight   = 5
    port     = 25565
    target   = "play.example.com"
  }
}

resource "cloudflare_record" "caa" {
  zone_id = cloudflare_zone.z.id
  name    = "@"
  type    = "CAA"
  data {
    flags = 0
    tag   = "issue"
    value = "letsencrypt.org"
  }
}

# KO: proxied with a TTL other than 1.
resource "cloudflare_dns_record" "api" {
  zone_id = cloudflare_zone.z.id
  name    = "api.example.com"
  type    = "A"
  content = "203.0.113.50"
  proxied = true
  ttl     = 300
  settings = {
    ipv4_only = true
  }
}
