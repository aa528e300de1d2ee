var REG_NONE = NewRegistrar("none");
var DSP_CLOUDFLARE = NewDnsProvider("cloudflare", "CLOUDFLAREAPI");

D("example.com", REG_NONE, DnsProvider(DSP_CLOUDFLARE), {cloudflare_proxy_default: "maybe"},
    A("www", "203.0.113.25", {cloudflare_proxy: "yes"}),
);
