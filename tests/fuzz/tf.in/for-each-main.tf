# for_each over a map: each.key and each.value; a finding is placed at
# the map entry's literal that sets the flag.
resource "cloudflare_zone" "z" {
  zone = "example.com"
}

locals {
  records = {
    www  = { type = "A", value = "203.0.113.10", proxied = true }
    mail = { type = "A", value = "203.0.113.25", proxied = true }
    ftp  = { type = "A", value = "203.0.113.21", proxied = false }
    docs = { type = "CNAME", value = "example-docs.netlify.app", proxied = true }
  }
}

resource "cloudflare_record" "r" {
  for_each = local.records
  zone_id  = cloudflare_zone.z.id
  name     = each.key
  type     = each.value.type
  content  = each.value.value
  proxied  = each.value.proxied
}
