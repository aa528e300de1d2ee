resource "cloudflare_record" "a" {
  proxied true
  ttl = 1
}
resource "b" "c" {
  x = [1, 2
  y = "unterminated
  z = ${a}
}
resource "d" "e" {
  tags = {
    k = "v"
resource "f" "g" {
  w = <<EOT
no end
locals { q = 1, r = 2 }
}}}
"quoted" = 1
a = 1 b = 2
c = f(1 2)
d = [for x in y]
e = "%{ if a }x"
