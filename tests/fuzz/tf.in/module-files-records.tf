# A module is a folder: variables, locals, zones and records in several
# files.  The proxied web host shares its address with a DNS-only record
# of another file.
resource "cloudflare_record" "www" {
  zone_id = cloudflare_zone.z.id
  name    = "www"
  type    = "A"
  content = local.web_ip
  proxied = true
}
