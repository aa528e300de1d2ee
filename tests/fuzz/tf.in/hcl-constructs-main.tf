/* HCL constructs: block comments, one-line blocks, splats, operators,
   conditionals and for expressions with if. */
resource "cloudflare_zone" "z" { zone = "example.com" }

locals {
  servers = [{ name = "mx1", ip = "203.0.113.25" }, { name = "www", ip = "203.0.113.10" }]
  names   = local.servers[*].name
  mail    = [for s in local.servers : s if startswith(s.name, "mx")]
  n       = 2 * 3 + 1 - 4 % 3
}

# KO: mx1 (a mail label), from a for expression with if.
resource "cloudflare_record" "m" {
  for_each = { for s in local.mail : s.name => s.ip }
  zone_id  = cloudflare_zone.z.id
  name     = each.key
  type     = "A"
  content  = each.value
  proxied  = length(local.names) == 2 && local.n == 6 ? true : false
}
