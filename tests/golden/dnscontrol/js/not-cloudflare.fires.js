var REG_NONE = NewRegistrar("none");
var DSP_R53 = NewDnsProvider("r53", "ROUTE53");

D("example.com", REG_NONE, DnsProvider(DSP_R53),
    A("mail", "203.0.113.25", CF_PROXY_ON),
);
