var REG_NONE = NewRegistrar("none");
var DSP_CLOUDFLARE = NewDnsProvider("cloudflare", "CLOUDFLAREAPI");

D("example.com", REG_NONE, DnsProvider(DSP_CLOUDFLARE),
    MX("@", 10, "mail", CF_PROXY_ON),
    A("mail", "203.0.113.25"),
);
