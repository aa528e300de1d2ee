var REG_NONE = NewRegistrar("none");
var DSP_CLOUDFLARE = NewDnsProvider("cloudflare", "CLOUDFLAREAPI");

D("example.com", REG_NONE, DnsProvider(DSP_CLOUDFLARE),
    A("@", "203.0.113.10", CF_PROXY_ON),
    A("www", "203.0.113.10", TTL(3600), CF_PROXY_ON),
);
