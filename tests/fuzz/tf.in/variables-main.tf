# Variables: a known default is evaluated; a variable with no value is
# unknown, never guessed.
variable "zone" {
  default = "example.com"
}

variable "mail_proxied" {
  type    = bool
  default = true
}

variable "web_proxied" {
  type = bool
}

resource "cloudflare_zone" "z" {
  zone = var.zone
}

# KO: the default makes the mail host proxied.
resource "cloudflare_record" "mail" {
  zone_id = cloudflare_zone.z.id
  name    = "mail.${var.zone}"
  type    = "A"
  content = "203.0.113.25"
  proxied = var.mail_proxied
}

# OK: proxied unknown (no value): no proxy rule fires, the note counts it.
resource "cloudflare_record" "smtp" {
  zone_id = cloudflare_zone.z.id
  name    = "smtp"
  type    = "A"
  content = "203.0.113.26"
  proxied = var.web_proxied
}
