var REG_NONE = NewRegistrar("none");
var DSP = NewDnsProvider("dns1");

D("example.com", REG_NONE, DnsProvider(DSP),
    A("mail", "203.0.113.25"),
);
