var REG_NONE = NewRegistrar("none");
var DSP_CLOUDFLARE = NewDnsProvider("cloudflare", "CLOUDFLAREAPI");

D("example.com", REG_NONE, DnsProvider(DSP_CLOUDFLARE), CF_MANAGE_COMMENTS,
    A("mail", "203.0.113.25", CF_PROXY_ON), // proxylint: ignore[mail-host-proxied] webmail only
    // proxylint: ignore[mail-host-proxied] relayed by a tunnel
    // (second comment line)
    A("smtp", "203.0.113.26", CF_PROXY_ON),
    A("imap", "203.0.113.27", CF_PROXY_ON, CF_COMMENT("proxylint: ignore[mail-host-proxied] via tunnel")),
);
