# for_each over a set of strings (toset), and over a map built with a
# for expression.
resource "cloudflare_zone" "z" {
  zone = "example.com"
}

variable "dkim" {
  default = ["s1", "s2"]
}

# KO: proxied DKIM CNAMEs to SendGrid.
resource "cloudflare_record" "dkim" {
  for_each = toset(var.dkim)
  zone_id  = cloudflare_zone.z.id
  name     = "${each.value}._domainkey"
  type     = "CNAME"
  content  = "${each.value}.domainkey.u1234567.wl.sendgrid.net"
  proxied  = true
}

locals {
  web = ["www", "app"]
}

# OK: proxied web hosts, from a for expression.
resource "cloudflare_record" "web" {
  for_each = { for h in local.web : h => "203.0.113.${index(local.web, h) + 10}" }
  zone_id  = cloudflare_zone.z.id
  name     = each.key
  type     = "A"
  content  = each.value
  proxied  = true
}
