# Inline suppressions: on the lines above a block, inside it, for the
# whole file, and in the record's comment attribute; an unused one is
# reported.
resource "cloudflare_zone" "z" {
  zone = "example.com"
}

# Spectrum carries SMTP for this host.
# proxylint: ignore[mail-host-proxied] Spectrum SMTP app
resource "cloudflare_record" "mail" {
  zone_id = cloudflare_zone.z.id
  name    = "mail"
  type    = "A"
  content = "203.0.113.25"
  proxied = true
}

resource "cloudflare_record" "ftp" {
  // proxylint: ignore[non-http-host-proxied] behind Spectrum too
  zone_id = cloudflare_zone.z.id
  name    = "ftp"
  type    = "A"
  content = "203.0.113.21"
  proxied = true
}

resource "cloudflare_record" "ssh" {
  zone_id = cloudflare_zone.z.id
  name    = "ssh"
  type    = "A"
  content = "203.0.113.22"
  proxied = true
  comment = "proxylint: ignore[non-http-host-proxied] Access app"
}

# KO: nothing covers this one, and the directive above it covers nothing.
# proxylint: ignore[saas-target-proxied] stale
resource "cloudflare_record" "smtp" {
  zone_id = cloudflare_zone.z.id
  name    = "smtp"
  type    = "A"
  content = "203.0.113.26"
  proxied = true
}
