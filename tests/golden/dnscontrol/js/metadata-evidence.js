var REG = NewRegistrar("Cloudflare", "CLOUDFLAREAPI");
var DSP = NewDnsProvider("dns1");

D("example.com", REG,
    A("mail", "203.0.113.25", CF_PROXY_ON),
);
D("example.net", REG, DnsProvider(DSP), CF_PROXY_DEFAULT_ON,
    CF_REDIRECT("smtp.example.net/x", "https://example.com/"),
    CF_WORKER_ROUTE("smtp.example.net/*", "worker"),
    A("smtp", "203.0.113.26"),
);
