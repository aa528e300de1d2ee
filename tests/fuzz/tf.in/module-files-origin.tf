# KO: the DNS-only record exposes the proxied host's origin.
resource "cloudflare_record" "origin" {
  zone_id = cloudflare_zone.z.id
  name    = "origin"
  type    = "A"
  content = local.web_ip
  proxied = false
}
