ftp_proxied = false
