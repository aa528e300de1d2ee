locals {
  policy = <<-EOT
    {
      "name": "${var.zone}",
      %{ for ip in ["192.0.2.1", "192.0.2.2"] ~}
      "ip": "${ip}",
      %{ endfor ~}
      %{ if true }"on"%{ else }"off"%{ endif }
    }
    EOT
  raw   = <<EOT
  $${not} %%{interpolated}
EOT
  strip = "a ${~ "b" ~} c"
  esc   = "tab\tquote\"back\\nl\nu\u00e9U\U0001F600"
  nest  = "${"${"${1 + 2}"}"}"
  wrap  = "${true}"
}
