# for_each and names known only after a plan: not linted, counted.
resource "cloudflare_zone" "z" {
  zone = "example.com"
}

resource "aws_acm_certificate" "cert" {
  domain_name       = "example.com"
  validation_method = "DNS"
}

resource "cloudflare_record" "validation" {
  for_each = {
    for dvo in aws_acm_certificate.cert.domain_validation_options : dvo.domain_name => dvo
  }
  zone_id = cloudflare_zone.z.id
  name    = each.value.resource_record_name
  type    = each.value.resource_record_type
  content = each.value.resource_record_value
  proxied = false
}

resource "cloudflare_record" "app" {
  zone_id = cloudflare_zone.z.id
  name    = "app"
  type    = "CNAME"
  content = aws_lb.app.dns_name
  proxied = true
}

# KO: known, still linted.
resource "cloudflare_record" "ssh" {
  zone_id = cloudflare_zone.z.id
  name    = "ssh"
  type    = "A"
  content = "203.0.113.22"
  proxied = true
}
