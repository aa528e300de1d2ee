# A configuration with no Cloudflare DNS resource: read, no finding, no
# error (and skipped by -r as not zone data).
resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = "t3.micro"
}
