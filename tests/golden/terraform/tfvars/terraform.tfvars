mail_proxied = true
ftp_proxied  = false
