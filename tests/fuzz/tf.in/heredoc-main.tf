# Heredocs and templates: <<EOT, <<-EOT (indentation removed), %{ if },
# and the $${ escape.
resource "cloudflare_zone" "z" {
  zone = "example.com"
}

variable "proxy_mail" {
  default = true
}

resource "cloudflare_record" "spf" {
  zone_id = cloudflare_zone.z.id
  name    = "@"
  type    = "TXT"
  content = <<-EOT
    v=spf1 include:_spf.google.com ~all
    EOT
}

# KO: the name from a template directive.
resource "cloudflare_record" "mail" {
  zone_id = cloudflare_zone.z.id
  name    = "%{ if var.proxy_mail }mail%{ else }www%{ endif }"
  type    = "A"
  content = "203.0.113.25"
  proxied = var.proxy_mail
}

# OK: the escape keeps ${ as text, in a TXT record.
resource "cloudflare_record" "note" {
  zone_id = cloudflare_zone.z.id
  name    = "note"
  type    = "TXT"
  content = <<EOT
literal $${not_a_reference}
EOT
}
