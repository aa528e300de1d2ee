# --var and --var-file win over defaults and tfvars (cli-var.args).
variable "mail_proxied" {
  type    = bool
  default = false
}

variable "host" {
  default = "www"
}

resource "cloudflare_zone" "z" {
  zone = "example.com"
}

# KO: --var mail_proxied=true (a bool: read as an expression).
resource "cloudflare_record" "mail" {
  zone_id = cloudflare_zone.z.id
  name    = "mail"
  type    = "A"
  content = "203.0.113.25"
  proxied = var.mail_proxied
}

# KO: --var-file renames the host to ftp (a string).
resource "cloudflare_record" "host" {
  zone_id = cloudflare_zone.z.id
  name    = var.host
  type    = "A"
  content = "203.0.113.21"
  proxied = true
}
