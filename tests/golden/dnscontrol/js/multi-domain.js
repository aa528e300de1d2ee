var REG_NONE = NewRegistrar("none");
var DSP_CLOUDFLARE = NewDnsProvider("cloudflare", "CLOUDFLAREAPI");

D("example.com", REG_NONE, DnsProvider(DSP_CLOUDFLARE),
    A("@", "203.0.113.10"),
    MX("@", 10, "mx.example.net."),
);
D("example.net", REG_NONE, DnsProvider(DSP_CLOUDFLARE),
    A("www", "203.0.113.11"),
    A("mx", "203.0.113.12", CF_PROXY_ON),
);
