locals {
  records = {
    www  = { type = "A", content = "192.0.2.1", proxied = true }
    api  = { type = "A", content = "192.0.2.2", proxied = false }
    docs = { type = "CNAME", content = "docs.example.net", proxied = true }
  }
  extra   = merge(local.records, { mail = { type = "A", content = "192.0.2.25", proxied = false } })
  names   = toset([for k, v in local.extra : k if v.proxied])
  fqdns   = formatlist("%s.%s", sort(keys(local.extra)), var.zone)
  grouped = { for k, v in local.extra : v.type => k... }
  first   = try(local.records["nope"].content, "fallback")
  ttl     = lookup({ A = 300, CNAME = 3600 }, "A", 1)
  joined  = join(",", [for r in values(local.records) : upper(r.type)])
  text    = format("%-10s|%5d|%q|%v", "x", 42, "q\"", [1, true])
  cond    = length(local.names) > 1 ? "many" : "few"
  splat   = [for r in values(local.records) : r][*].content
  legacy  = values(local.records).0.content
}

variable "zone" {
  default = "example.com"
}

resource "cloudflare_record" "each" {
  for_each = local.extra
  zone_id  = cloudflare_zone.example.id
  name     = each.key
  type     = each.value.type
  content  = each.value.content
  proxied  = each.value.proxied
  ttl      = each.value.proxied ? 1 : local.ttl
}

resource "cloudflare_record" "set" {
  for_each = local.names
  zone_id  = var.zone_id
  name     = "${each.key}-alias"
  type     = "CNAME"
  content  = "${each.value}.${var.zone}"
}
