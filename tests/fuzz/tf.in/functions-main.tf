# The pure functions people shape record lists with, and one that is not
# evaluated (file): unknown, never guessed.
locals {
  zone     = lower("Example.COM")
  base     = { www = "203.0.113.10" }
  extra    = { mail = "203.0.113.25" }
  hosts    = merge(local.base, local.extra)
  mx_name  = format("%s.%s", "mx", local.zone)
  names    = split(",", "ftp,sftp")
  flat     = flatten([["a"], ["b", "c"]])
  fallback = coalesce("", "203.0.113.30")
}

resource "cloudflare_zone" "z" {
  zone = trimsuffix("${local.zone}.", ".")
}

# KO: mail from merge(); www is fine.
resource "cloudflare_record" "hosts" {
  for_each = local.hosts
  zone_id  = cloudflare_zone.z.id
  name     = each.key
  type     = "A"
  content  = each.value
  proxied  = lookup({ www = true, mail = true }, each.key, false)
}

# KO: a name from format().
resource "cloudflare_record" "mx" {
  zone_id = cloudflare_zone.z.id
  name    = local.mx_name
  type    = "A"
  content = local.fallback
  proxied = true
}

# KO: names from split().
resource "cloudflare_record" "files" {
  count   = length(local.names)
  zone_id = cloudflare_zone.z.id
  name    = upper(local.names[count.index])
  type    = "A"
  content = "203.0.113.${21 + count.index}"
  proxied = join("", ["tr", "ue"]) == "true"
}

# OK: content from file(): not evaluated, not linted.
resource "cloudflare_record" "key" {
  zone_id = cloudflare_zone.z.id
  name    = "smtp"
  type    = "A"
  content = file("ip.txt")
  proxied = true
}
