# Values from the module's tfvars files, in Terraform's order:
# terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in
# lexical order; the last one wins.
variable "mail_proxied" {
  default = false
}

variable "ftp_proxied" {
  default = false
}

variable "ssh_proxied" {
  default = true
}

resource "cloudflare_zone" "z" {
  zone = "example.com"
}

# KO: terraform.tfvars says true.
resource "cloudflare_record" "mail" {
  zone_id = cloudflare_zone.z.id
  name    = "mail"
  type    = "A"
  content = "203.0.113.25"
  proxied = var.mail_proxied
}

# KO: terraform.tfvars says false, b.auto.tfvars true (read last).
resource "cloudflare_record" "ftp" {
  zone_id = cloudflare_zone.z.id
  name    = "ftp"
  type    = "A"
  content = "203.0.113.21"
  proxied = var.ftp_proxied
}

# OK: the default says true, terraform.tfvars.json false.
resource "cloudflare_record" "ssh" {
  zone_id = cloudflare_zone.z.id
  name    = "ssh"
  type    = "A"
  content = "203.0.113.22"
  proxied = var.ssh_proxied
}
