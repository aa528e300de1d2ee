#!/usr/bin/env python3
"""gendnscontrol.py - write DNSControl's print-ir JSON for benchmarks.

Reads a zone that genzone.py wrote (the same records, so that the BIND
reader and the DNSControl reader can be timed on one data set) and writes
what 'dnscontrol print-ir' prints for it: one domain on a provider of type
CLOUDFLAREAPI, each record with its type, short name ('@' for the apex),
target, ttl and the type's own fields (mxpreference, srvpriority, caatag,
soambox, ...), the proxy flag as meta.cloudflare_proxy ('on' or 'off' from
the zone's cf-proxied tags), and a filepos ('[line:L:5]') that points into
the dnsconfig.js written beside it with --js.

usage: gendnscontrol.py ZONE -o IR.json [--js dnsconfig.js]
The number of records written is printed on stderr ("records N").
"""
import argparse
import json
import sys


def unquote_txt(rdata):
    """The text of a TXT record's quoted strings, joined."""
    out, i, n = [], 0, len(rdata)
    while i < n:
        if rdata[i] != '"':
            i += 1
            continue
        i += 1
        while i < n and rdata[i] != '"':
            if rdata[i] == '\\' and i + 1 < n:
                i += 1
            out.append(rdata[i])
            i += 1
        i += 1
    return "".join(out)


def js_string(s):
    return json.dumps(s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("zone")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--js")
    a = ap.parse_args()

    origin = None
    recs = []
    with open(a.zone) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(";; Domain:"):
                origin = line.split()[2].rstrip(".")
                continue
            if not line or line.startswith(";"):
                continue
            body, comment = line, ""
            tag = line.rfind("\t; cf_tags=")
            if tag >= 0:
                body, comment = line[:tag], line[tag:]
            fields = body.split("\t")
            owner, ttl, _cls, rtype = fields[0:4]
            rdata = "\t".join(fields[4:])
            proxy = None
            if "cf-proxied:true" in comment:
                proxy = "on"
            elif "cf-proxied:false" in comment:
                proxy = "off"
            recs.append((owner.rstrip("."), int(ttl), rtype, rdata, proxy))
    if origin is None:
        sys.exit("gendnscontrol.py: no ';; Domain:' banner in the zone")

    js = ['var REG_NONE = NewRegistrar("none");',
          'var DSP_CLOUDFLARE = NewDnsProvider("cloudflare", "CLOUDFLAREAPI");',
          '',
          'D(%s, REG_NONE, DnsProvider(DSP_CLOUDFLARE),' % js_string(origin)]
    out = []
    for owner, ttl, rtype, rdata, proxy in recs:
        if owner == origin:
            name = "@"
        else:
            name = owner[:-len(origin) - 1]
        r = {"type": rtype, "name": name}
        if ttl:
            r["ttl"] = ttl
        p = rdata.split()
        if rtype in ("A", "AAAA", "CNAME", "NS"):
            r["target"] = p[0]
        elif rtype == "MX":
            if int(p[0]):
                r["mxpreference"] = int(p[0])
            r["target"] = p[1]
        elif rtype == "SRV":
            for k, v in zip(("srvpriority", "srvweight", "srvport"), p[0:3]):
                if int(v):
                    r[k] = int(v)
            r["target"] = p[3]
        elif rtype == "TXT":
            r["target"] = unquote_txt(rdata)
        elif rtype == "CAA":
            if int(p[0]):
                r["caaflag"] = int(p[0])
            r["caatag"] = p[1]
            r["target"] = unquote_txt(" ".join(p[2:]))
        elif rtype == "SOA":
            r["target"] = p[0]
            for k, v in zip(("soambox", "soaserial", "soarefresh",
                             "soaretry", "soaexpire", "soaminttl"), p[1:]):
                r[k] = v if k == "soambox" else int(v)
        else:
            sys.exit("gendnscontrol.py: type %s is not handled" % rtype)
        if proxy is not None:
            r["meta"] = {"cloudflare_proxy": proxy}
        r["filepos"] = "[line:%d:5]" % (len(js) + 1)
        js.append("    %s(%s, %s%s)," % (rtype, js_string(name),
                  js_string(r["target"]),
                  ", CF_PROXY_ON" if proxy == "on" else ""))
        out.append(r)
    js.append(");")
    ir = {
        "registrars": [{"name": "none", "type": "NONE"}],
        "dns_providers": [{"name": "cloudflare", "type": "CLOUDFLAREAPI"}],
        "domains": [{
            "name": origin,
            "uniquename": origin,
            "registrar": "none",
            "dnsProviders": {"cloudflare": -1},
            "meta": {"dnscontrol_nameraw": origin,
                     "dnscontrol_nameunicode": origin,
                     "dnscontrol_uniquename": origin},
            "records": out,
        }],
    }
    with open(a.output, "w") as f:
        json.dump(ir, f, indent=2, sort_keys=True)
        f.write("\n")
    if a.js:
        with open(a.js, "w") as f:
            f.write("\n".join(js) + "\n")
    print("records %d" % len(out), file=sys.stderr)


if __name__ == "__main__":
    main()
