#!/usr/bin/env python3
"""gentf.py - write a Terraform module of a genzone.py zone's records.

Reads a zone that genzone.py wrote (the same records, so that the BIND
reader and the Terraform reader can be timed on one data set) and writes
a module folder: main.tf with one cloudflare_zone and one
cloudflare_record (provider v4) per record but the SOA, each with its
name relative to the zone ("@" for the apex), type, content (MX with
priority; SRV and CAA as a data block), ttl and proxied from the record's
cf-proxied tag.  Half of the A records go through a for_each map instead,
as modules often write them, so that both paths are timed.

usage: gentf.py ZONE -o DIR
The number of records written is printed on stderr ("records N").
"""
import argparse
import json
import os
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


def hcl(s):
    """An HCL quoted string: JSON's escapes, and ${ and %{ escaped."""
    return json.dumps(s).replace("${", "$${").replace("%{", "%%{")


def relative(owner, origin):
    owner = owner.rstrip(".")
    if owner == origin:
        return "@"
    if owner.endswith("." + origin):
        return owner[:-len(origin) - 1]
    return owner + "."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("zone")
    ap.add_argument("-o", "--output", required=True, help="module folder")
    a = ap.parse_args()
    origin = None
    recs = []
    with open(a.zone) as f:
        for line in f:
            if origin is None and line.startswith(";; Domain:"):
                origin = line.split()[2].rstrip(".")
            if not line.strip() or line.startswith(";"):
                continue
            body, _, comment = line.partition("; cf_tags=")
            owner, ttl, _cls, rtype, rdata = body.rstrip().split(None, 4)
            if rtype == "SOA":
                continue
            proxied = None
            if "cf-proxied:true" in comment:
                proxied = "true"
            elif "cf-proxied:false" in comment:
                proxied = "false"
            recs.append((relative(owner, origin), int(ttl), rtype, rdata,
                         proxied))
    os.makedirs(a.output, exist_ok=True)
    out = []
    w = out.append
    w('resource "cloudflare_zone" "z" {\n  account_id = "x"\n'
      '  zone       = %s\n}\n\n' % hcl(origin))
    mapped = []
    for i, (name, ttl, rtype, rdata, proxied) in enumerate(recs):
        if rtype == "A" and i % 2 == 0 and proxied is not None:
            mapped.append((i, name, ttl, rdata, proxied))
            continue
        w('resource "cloudflare_record" "r%d" {\n' % i)
        w('  zone_id = cloudflare_zone.z.id\n')
        w('  name    = %s\n  type    = "%s"\n  ttl     = %d\n'
          % (hcl(name), rtype, ttl))
        if rtype == "MX":
            pref, target = rdata.split()
            w('  priority = %s\n  content  = %s\n' % (pref, hcl(target)))
        elif rtype == "SRV":
            prio, weight, port, target = rdata.split()
            w('  data {\n    priority = %s\n    weight   = %s\n'
              '    port     = %s\n    target   = %s\n  }\n'
              % (prio, weight, port, hcl(target)))
        elif rtype == "CAA":
            flags, tag, value = rdata.split(None, 2)
            w('  data {\n    flags = %s\n    tag   = "%s"\n    value = %s\n'
              '  }\n' % (flags, tag, hcl(unquote_txt(value))))
        elif rtype == "TXT":
            w('  content = %s\n' % hcl(unquote_txt(rdata)))
        else:
            w('  content = %s\n' % hcl(rdata))
        if proxied is not None:
            w('  proxied = %s\n' % proxied)
        w('}\n\n')
    w('locals {\n  hosts = {\n')
    for i, name, ttl, rdata, proxied in mapped:
        w('    r%d = { name = %s, ip = "%s", ttl = %d, proxied = %s }\n'
          % (i, hcl(name), rdata, ttl, proxied))
    w('  }\n}\n\n')
    w('resource "cloudflare_record" "hosts" {\n'
      '  for_each = local.hosts\n'
      '  zone_id  = cloudflare_zone.z.id\n'
      '  name     = each.value.name\n'
      '  type     = "A"\n'
      '  content  = each.value.ip\n'
      '  ttl      = each.value.ttl\n'
      '  proxied  = each.value.proxied\n}\n')
    with open(os.path.join(a.output, "main.tf"), "w") as f:
        f.write("".join(out))
    print("records %d" % len(recs), file=sys.stderr)


if __name__ == "__main__":
    main()
