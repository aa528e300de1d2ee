resource "cloudflare_zone" "z" {
  zone = var.zone
}
