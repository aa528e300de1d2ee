var REG_NONE = NewRegistrar("none");
var DSP_CLOUDFLARE = NewDnsProvider("cloudflare", "CLOUDFLAREAPI");

D("example.com", REG_NONE, DnsProvider(DSP_CLOUDFLARE),
    A("mail", "203.0.113.25", {cloudflare_proxy: "ON"}),
);
