# Locals in any order: a local used before it is defined, and one built
# from another.
resource "cloudflare_record" "hosts" {
  for_each = local.hosts
  zone_id  = cloudflare_zone.z.id
  name     = each.key
  type     = "A"
  content  = each.value
  proxied  = contains(local.proxied_hosts, each.key)
}

locals {
  proxied_hosts = ["www", local.mail_name]
  hosts = {
    www  = "203.0.113.10"
    mail = "203.0.113.25"
    ftp  = "203.0.113.21"
  }
}

locals {
  mail_name = "mail"
}

resource "cloudflare_zone" "z" {
  zone = "example.com"
}
