#!/usr/bin/env python3
"""genzone.py - write a Cloudflare-export style BIND zone for benchmarks.

The zone looks like a Cloudflare "Export DNS records" file: a ';;' banner
with ';; Domain:', the SOA owner without a trailing dot, tab-separated
fields, records grouped under ';; A Records', ';; CNAME Records', ...
headers, TTL 1 ("auto") on most records and '; cf_tags=cf-proxied:true' or
'; cf_tags=cf-proxied:false' on every A, AAAA and CNAME record.

--records N counts every RR, SOA and the two NS included.  The mix of the
rest is about 45% A, 10% AAAA, 25% CNAME, 5% MX, 10% TXT, 3% SRV, 2% CAA.

The data is kept valid for the usual zone checkers: CNAME owners are unique
and own nothing else, MX and SRV targets are in-zone names that own A
records, no RR appears twice and each RRset has one TTL.  Two things in a
real export are not accepted by them, so --peer-compatible changes them:
  * the SOA owner gets its trailing dot (without it, the owner is relative
    and lands outside the zone for kzonecheck, named-checkzone and validns);
  * CAA is written in RFC 3597 form ('TYPE257 \\# len hex'), because validns
    0.8 does not know CAA.
The two flags can also be given alone: --soa-dot, --caa-generic.

With --zones K --dir DIR it writes K small zones instead, DIR/siteNNNNN.com.zone
with origin siteNNNNN.com (N from 00001), each of RECORDS records, seeded
SEED+N: the many-zones case of the benchmark.

The output depends only on the arguments (same seed, same bytes).  The
number of records written is printed on stderr ("records N").

usage: genzone.py -n RECORDS [-o FILE] [--origin example.com] [--seed 1]
                  [--peer-compatible | --soa-dot --caa-generic]
       genzone.py -n RECORDS --zones K --dir DIR [--seed 1] [--peer-compatible]
"""
import argparse
import os
import random
import sys

WORDS = ("www api app cdn static img blog shop portal admin auth sso vpn git "
         "ci db cache search status docs help m beta dev test stage edge lb "
         "node web gw files media video chat ws hooks metrics").split()
REGIONS = ("eu", "us", "ap", "int", "corp", "prod", "lab")
EXTERNAL = ("{t}.herokudns.com.", "d{t}.cloudfront.net.", "{t}.github.io.",
            "{t}.netlify.app.", "{t}.azurewebsites.net.", "{t}.fastly.net.",
            "ghs.googlehosted.com.", "cname.vercel-dns.com.",
            "shops.myshopify.com.", "proxy-ssl.webflow.com.")
SRV_SERVICES = ("_sip._tcp", "_sips._tcp", "_xmpp-client._tcp", "_ldap._tcp",
                "_imaps._tcp", "_submission._tcp", "_autodiscover._tcp",
                "_matrix._tcp", "_minecraft._tcp", "_turn._udp")
SPF_INCLUDES = ("_spf.google.com", "spf.protection.outlook.com", "mailgun.org",
                "sendgrid.net", "amazonses.com", "servers.mcsv.net")
CAS = ("letsencrypt.org", "digicert.com", "pki.goog", "sectigo.com")
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
TYPES = ("A", "AAAA", "CAA", "CNAME", "MX", "SRV", "TXT")
MIX = (("A", 0.45), ("AAAA", 0.10), ("CNAME", 0.25), ("MX", 0.05),
       ("TXT", 0.10), ("SRV", 0.03), ("CAA", 0.02))

BANNER = """;;
;; Domain:     {o}.
;; Exported:   2024-05-01 12:00:00
;;
;; This file is intended for use for informational and archival
;; purposes ONLY and MUST be edited before use on a production
;; DNS server.  In particular, you must:
;;   -- update the SOA record with the correct authoritative name server
;;   -- update the SOA record with the contact e-mail address information
;;   -- update the NS record(s) with the authoritative name servers for this domain.
;;
;; For further information, please consult the BIND documentation
;; located on the following website:
;;
;; http://www.isc.org/
;;
;; And RFC 1035:
;;
;; http://www.ietf.org/rfc/rfc1035.txt
;;
;; Please note that we do NOT offer technical support for any use
;; of this zone data, the BIND daemon, or ldns-read-zone.
;;
"""


class Zone:
    def __init__(self, origin, seed):
        self.o = origin.rstrip(".")
        self.apex = self.o + "."
        self.r = random.Random(seed)
        self.n = 0                          # name counter: keeps names unique
        self.rr = {t: [] for t in TYPES}    # type -> [(owner, ttl, rdata, proxied)]
        self.count = {t: 0 for t in TYPES}

    def name(self, word=None, region=True):
        """A name nobody has used: every label we make carries the counter."""
        self.n += 1
        label = "%s%d" % (word or self.r.choice(WORDS), self.n)
        if region and self.r.random() < 0.15:
            return "%s.%s.%s" % (label, self.r.choice(REGIONS), self.apex)
        return "%s.%s" % (label, self.apex)

    def token(self, k, alphabet=ALNUM):
        return "".join(self.r.choice(alphabet) for _ in range(k))

    def ttl(self, proxied):
        """Proxied records are always TTL 1 (auto); others mostly."""
        if proxied:
            return 1
        return self.r.choices((1, 300, 3600), (70, 20, 10))[0]

    def rrset(self, rtype, owner, rdatas, proxied=None):
        ttl = self.ttl(proxied)                 # one TTL for the whole RRset
        for rd in rdatas:
            self.rr[rtype].append((owner, ttl, rd, proxied))
        self.count[rtype] += len(rdatas)

    def ipv4(self, r):
        return "%d.%d.%d.%d" % (r.choice((23, 34, 45, 52, 66, 85, 104, 151,
                                          162, 185, 198, 203, 212)),
                                r.randrange(256), r.randrange(256),
                                r.randrange(1, 254))


def build(z, total):
    r = z.r
    budget = max(0, total - 3)                  # SOA + 2 NS
    want = {t: int(budget * f) for t, f in MIX}
    want["A"] += budget - sum(want.values())

    def room(t):
        return want[t] - z.count[t]

    # A: apex, a few mail hosts, the bulk (10% of hosts have two addresses).
    a_owners = []
    if room("A") > 0:
        z.rrset("A", z.apex, [z.ipv4(r)], proxied=True)
        a_owners.append(z.apex)
    mail_hosts = []
    for _ in range(max(2, want["MX"] // 50)):
        if room("A") <= 0:
            break
        h = z.name("mx", region=False)
        z.rrset("A", h, [z.ipv4(r)], proxied=False)   # mail is never proxied
        mail_hosts.append(h)
        a_owners.append(h)
    while room("A") > 0:
        h = z.name()
        ip = z.ipv4(r)
        ips = [ip]
        if room("A") >= 2 and r.random() < 0.10:
            head, last = ip.rsplit(".", 1)
            ips.append("%s.%d" % (head, int(last) + 1))   # distinct by construction
        z.rrset("A", h, ips, proxied=r.random() < 0.6)
        a_owners.append(h)
    if not a_owners:
        a_owners = [z.apex]
    if not mail_hosts:
        mail_hosts = a_owners[:1]

    # AAAA: every other one dual-stacks an A host (walked in order, so no
    # owner gets two), the others are fresh names.
    walk = 0
    while room("AAAA") > 0:
        if walk < len(a_owners) and r.random() < 0.5:
            h = a_owners[walk]
            walk += 1
        else:
            h = z.name()
        addr = "2606:4700:%x:%x::%x" % (r.randrange(0x10000), r.randrange(0x10000),
                                        r.randrange(1, 0x10000))
        z.rrset("AAAA", h, [addr], proxied=r.random() < 0.6)

    # CNAME: always a fresh owner, so it has no other data.
    while room("CNAME") > 0:
        x = r.random()
        if x < 0.5:
            tgt = r.choice(a_owners)
        else:
            tgt = r.choice(EXTERNAL).format(t=z.token(10))
        z.rrset("CNAME", z.name(), [tgt], proxied=r.random() < 0.55)

    # MX: apex first, then fresh mail domains; targets are in-zone A owners.
    owner = z.apex
    while room("MX") > 0:
        k = min(room("MX"), len(mail_hosts), r.choice((1, 2, 2, 3)))
        tg = r.sample(mail_hosts, k)
        z.rrset("MX", owner, ["%d %s" % (10 * (i + 1), t) for i, t in enumerate(tg)])
        owner = z.name("mail")

    # SRV: fresh _service._proto.<name> owners, targets are A owners.
    while room("SRV") > 0:
        k = min(room("SRV"), r.choice((1, 1, 2)))
        port = r.choice((443, 5060, 5061, 5222, 389, 993, 587, 8448, 25565, 3478))
        tg = r.sample(a_owners, min(k, len(a_owners)))
        owner = "%s.%s" % (r.choice(SRV_SERVICES), z.name(region=False))
        z.rrset("SRV", owner, ["%d %d %d %s" % (10, 5 * (i + 1), port, t)
                               for i, t in enumerate(tg)])

    # CAA: apex, then A hosts in order (each owner once).
    walk = 0
    while room("CAA") > 0:
        if walk < len(a_owners):
            owner = a_owners[walk]
            walk += 1
        else:
            owner = z.name()
        cas = r.sample(CAS, min(room("CAA"), r.choice((1, 1, 2))))
        z.rrset("CAA", owner, ['0 issue "%s"' % ca for ca in cas])

    # TXT: SPF at the apex, then DMARC, DKIM, ACME and verification tokens,
    # each on a fresh owner.
    if room("TXT") > 0:
        z.rrset("TXT", z.apex, ['"v=spf1 include:%s ~all"' % SPF_INCLUDES[0]])
    while room("TXT") > 0:
        x = r.random()
        if x < 0.2:
            inc = " ".join("include:" + i for i in r.sample(SPF_INCLUDES, 2))
            z.rrset("TXT", z.name("mail"), ['"v=spf1 %s -all"' % inc])
        elif x < 0.4:
            z.rrset("TXT", "_dmarc." + z.name(region=False),
                    ['"v=DMARC1; p=%s; rua=mailto:dmarc@%s"'
                     % (r.choice(("none", "quarantine", "reject")), z.o)])
        elif x < 0.55:
            key = z.token(360, ALNUM + "ABCDEFGHIJKLMNOPQRSTUVWXYZ+/")
            v = "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + key
            z.rrset("TXT", "selector1._domainkey." + z.name(region=False),
                    [" ".join('"%s"' % v[i:i + 255] for i in range(0, len(v), 255))])
        elif x < 0.7:
            z.rrset("TXT", "_acme-challenge." + z.name(region=False),
                    ['"%s"' % z.token(43)])
        else:
            z.rrset("TXT", z.name(),
                    ['"%s-verification=%s"' % (r.choice(("google-site", "facebook-domain",
                                                         "apple-domain", "stripe")),
                                               z.token(32))])


def caa_generic(rdata):
    """'0 issue "ca"' -> '\\# len hex' (RFC 3597)."""
    flags, tag, value = rdata.split(" ", 2)
    raw = bytes((int(flags), len(tag))) + tag.encode() + value.strip('"').encode()
    return "\\# %d %s" % (len(raw), raw.hex())


def write(z, out, soa_dot, caa_gen, seed):
    ns = ("ada.ns.cloudflare.com.", "bob.ns.cloudflare.com.")
    w = out.write
    w(BANNER.format(o=z.o))
    w("\n;; SOA Record\n")
    w("%s\t3600\tIN\tSOA\t%s dns.cloudflare.com. %d 10000 2400 604800 3600\n"
      % (z.apex if soa_dot else z.o, ns[0], 2045000000 + seed % 1000))
    w("\n;; NS Records\n")
    for n in ns:
        w("%s\t86400\tIN\tNS\t%s\n" % (z.apex, n))
    written = 3
    for t in TYPES:
        recs = z.rr[t]
        if not recs:
            continue
        recs.sort(key=lambda x: (x[0], x[2]))
        w("\n;; %s Records\n" % t)
        lines = []
        for owner, ttl, rdata, proxied in recs:
            if proxied is not None:
                tail = "\t; cf_tags=cf-proxied:%s" % ("true" if proxied else "false")
            else:
                tail = ""
            if t == "CAA" and caa_gen:
                lines.append("%s\t%d\tIN\tTYPE257\t%s\n" % (owner, ttl, caa_generic(rdata)))
            else:
                lines.append("%s\t%d\tIN\t%s\t%s%s\n" % (owner, ttl, t, rdata, tail))
        w("".join(lines))
        written += len(recs)
    return written


def main():
    ap = argparse.ArgumentParser(description="Write a Cloudflare-export style zone.")
    ap.add_argument("-n", "--records", type=int, required=True,
                    help="number of RRs, SOA and NS included (>= 3)")
    ap.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    ap.add_argument("--origin", default="example.com")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--soa-dot", action="store_true",
                    help="SOA owner with a trailing dot")
    ap.add_argument("--caa-generic", action="store_true",
                    help="CAA in RFC 3597 form (TYPE257 \\# ...)")
    ap.add_argument("--peer-compatible", action="store_true",
                    help="both of the above: accepted by kzonecheck, named-checkzone, validns")
    ap.add_argument("--zones", type=int, default=0,
                    help="write this many zones into --dir instead of one zone")
    ap.add_argument("--dir", help="folder for --zones (created if missing)")
    a = ap.parse_args()
    if a.records < 3:
        ap.error("--records must be at least 3")
    soa_dot = a.soa_dot or a.peer_compatible
    caa_gen = a.caa_generic or a.peer_compatible
    if a.zones:
        if not a.dir:
            ap.error("--zones needs --dir")
        os.makedirs(a.dir, exist_ok=True)
        n = 0
        for i in range(1, a.zones + 1):
            origin = "site%05d.com" % i
            z = Zone(origin, a.seed + i)
            build(z, a.records)
            with open(os.path.join(a.dir, origin + ".zone"), "w", encoding="ascii") as out:
                n += write(z, out, soa_dot, caa_gen, a.seed + i)
        print("records %d in %d zones" % (n, a.zones), file=sys.stderr)
        return
    z = Zone(a.origin, a.seed)
    build(z, a.records)
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="ascii")
    n = write(z, out, soa_dot, caa_gen, a.seed)
    if out is not sys.stdout:
        out.close()
    print("records %d" % n, file=sys.stderr)


if __name__ == "__main__":
    main()
