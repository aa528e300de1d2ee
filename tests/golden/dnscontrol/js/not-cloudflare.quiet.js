var REG_NONE = NewRegistrar("none");
var DSP = NewDnsProvider("cf_prod");

D("example.com", REG_NONE, DnsProvider(DSP),
    A("mail", "203.0.113.25", CF_PROXY_ON),
);
