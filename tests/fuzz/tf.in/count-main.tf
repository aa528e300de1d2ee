# count with count.index: one record per instance, addressed [N].
variable "mail_hosts" {
  default = ["203.0.113.25", "203.0.113.26"]
}

resource "cloudflare_zone" "z" {
  zone = "example.com"
}

# KO: both instances are proxied mail hosts.
resource "cloudflare_record" "mx" {
  count   = length(var.mail_hosts)
  zone_id = cloudflare_zone.z.id
  name    = "mx${count.index + 1}"
  type    = "A"
  content = var.mail_hosts[count.index]
  proxied = true
}

# OK: count 0 makes no record.
resource "cloudflare_record" "off" {
  count   = 0
  zone_id = cloudflare_zone.z.id
  name    = "smtp"
  type    = "A"
  content = "203.0.113.27"
  proxied = true
}

# OK: proxied on the first instance only, a web host.
resource "cloudflare_record" "web" {
  count   = 2
  zone_id = cloudflare_zone.z.id
  name    = count.index == 0 ? "www" : "api"
  type    = "A"
  content = "203.0.113.${10 + count.index}"
  proxied = count.index == 0
}
