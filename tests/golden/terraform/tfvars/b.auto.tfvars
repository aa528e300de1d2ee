ftp_proxied = true
