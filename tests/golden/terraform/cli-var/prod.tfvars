host = "ftp"
