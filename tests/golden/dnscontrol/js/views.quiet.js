var REG_NONE = NewRegistrar("none");
var DSP_CLOUDFLARE = NewDnsProvider("cloudflare", "CLOUDFLAREAPI");

D("example.com!outside", REG_NONE, DnsProvider(DSP_CLOUDFLARE),
    A("@", "203.0.113.10", CF_PROXY_ON),
);
D("example.com!inside", REG_NONE, DnsProvider(DSP_CLOUDFLARE),
    A("@", "203.0.113.10", CF_PROXY_OFF),
);
