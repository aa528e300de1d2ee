#!/usr/bin/env python3
# make-inputs.py -- writes the hostile inputs of tests/suites/hostile.sh
# Usage: make-inputs.py DIR
#
# Everything is generated at test time (nothing big is committed): records
# longer than the limit, names over 255 octets, parentheses 50,000 deep,
# NUL bytes and invalid UTF-8, out-of-range numbers, tens of thousands of
# tags, JSON 100,000 deep, YAML alias bombs, $INCLUDE loops, chains, bombs
# and escapes (with a canary file outside the zone's folder), FIFOs, and
# the 200,000-record zones of the linear-time checks.  tests/hostile/
# README.md lists the cases.
import json
import os
import sys

CANARY = "PLHOSTILE-CANARY-3f9a71c2"
N = 200000

root = sys.argv[1]
os.makedirs(root, exist_ok=True)


def put(name, data):
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


def zone(name, lines, origin="example.com."):
    text = ("$ORIGIN %s\n" % origin if origin else "") + "\n".join(lines) + "\n"
    return put(name, text)


MAIL = "mail 300 IN A 192.0.2.25 ; cf_tags=cf-proxied:true"

# --- lines and records longer than the limit (65,536 octets) ------------
zone("long-record.zone", ['a 300 IN TXT "%s"' % ("x" * 70000), MAIL])
zone("long-comment.zone", [";" + "c" * 100000, MAIL])
zone("long-parens.zone", ["a 300 IN TXT (" + ' "abc"\n' * 20000 + ")", MAIL])

# --- names over 255 octets and labels over 63 ---------------------------
long_name = ".".join(["abcdefghijklmnopqrstuvwxyz0123456789"] * 8) + "."
zone("name-long-target.zone", ["c 300 IN CNAME " + long_name, MAIL])
zone("label-long-target.zone", ["c 300 IN CNAME " + "x" * 64 + ".example.com.", MAIL])
zone("name-long-owner.zone", [long_name + " 300 IN A 192.0.2.1", MAIL])
zone("label-long-owner.zone", ["x" * 64 + " 300 IN A 192.0.2.1", MAIL])

# --- parentheses and quotes ----------------------------------------------
zone("parens-unbalanced.zone", ["a 300 IN A 192.0.2.1 )", MAIL])
zone("parens-deep.zone", ["a 300 IN TXT " + "(" * 50000 + '"x"' + ")" * 50000, MAIL])
zone("parens-unclosed.zone", [MAIL, "b 300 IN SOA ns host ( 1 2 3 4 5",
                              "c 300 IN A 192.0.2.3"])
zone("quote-unterminated.zone", ['a 300 IN TXT "never closed', MAIL])

# --- NUL bytes and invalid UTF-8 ------------------------------------------
put("nul.zone", b"$ORIGIN example.com.\na\x00b 300 IN A 192.0.2.1\n"
    b'c 300 IN TXT "x\x00y"\n' + MAIL.encode() + b"\n")
put("utf8.zone", b"$ORIGIN example.com.\n"
    b"\xe9t\xe9 300 IN A 192.0.2.2 ; caf\xe9 \xff\xfe cf_tags=cf-proxied:true\n"
    b'c 300 IN TXT "\xc3\x41 \xed\xa0\x80 \xf4\x90\x80\x80 \x1b[31m"\n'
    b"mail\xc3\x41 300 IN A 192.0.2.9 ; cf_tags=cf-proxied:true\n"
    b"\xc0\xafmail 300 IN MX 10 mail\xc3\x41\n" + MAIL.encode() + b"\n")
# JSON must be UTF-8 (RFC 8259 section 8.1): raw invalid octets are refused.
put("utf8-raw.json", b'{"result":[{"type":"A","name":"mail.example.com",'
    b'"content":"192.0.2.1","proxied":true,"ttl":1,"comment":"\xff\xfe"}],'
    b'"success":true}\n')
# Escapes of control octets and non-ASCII text; NUL and a lone surrogate.
put("utf8-escapes.json", b'{"result":[{"type":"A","name":"mail.example.com",'
    b'"content":"192.0.2.1","proxied":true,"ttl":1,"comment":"a\\u001bb",'
    b'"tags":["a:\\u001b[31m"]},{"type":"A","name":"mail.x\\u001b[2J.example.com",'
    b'"content":"192.0.2.2","proxied":true,"ttl":1},{"type":"TXT",'
    b'"name":"\\u00e9t\\u00e9.example.com","content":"\\u001b]0;x\\u0007",'
    b'"ttl":1}],"success":true}\n')
put("nul-escape.json", b'{"result":[{"type":"A","name":"x\\u0000y.example.com",'
    b'"content":"192.0.2.2","proxied":true,"ttl":1}],"success":true}\n')
put("surrogate.json", b'{"result":[{"type":"A","name":"mail.example.com",'
    b'"content":"192.0.2.3","proxied":true,"ttl":1,"comment":"\\ud800"}],'
    b'"success":true}\n')
# Control octets in an owner name must not reach a terminal as they are.
put("control.zone", b"$ORIGIN example.com.\n"
    b"mail.\x1b[2J\x1b[31mred 300 IN A 192.0.2.1 ; cf_tags=cf-proxied:true\n"
    b"mail2 300 IN CNAME mail.\x1b[31m ; cf_tags=cf-proxied:true\n")

# --- numbers out of range --------------------------------------------------
zone("numbers.zone", ["a 4294967296 IN A 192.0.2.1",
                      "b 2147483648 IN A 192.0.2.1",
                      "$TTL 99999999999", MAIL])
zone("numbers-rdata.zone", ["c 300 IN MX 65536 mail",
                            "_s._tcp 300 IN SRV 1 2 70000 mail", MAIL])
put("numbers.json", json.dumps({"success": True, "result": [
    {"type": "A", "name": "a.example.com", "content": "192.0.2.1",
     "ttl": 4294967296, "proxied": False},
    {"type": "MX", "name": "example.com", "content": "mail.example.com",
     "priority": 70000, "ttl": 1},
    {"type": "SRV", "name": "_s._tcp.example.com", "ttl": 1,
     "data": {"priority": 1, "weight": 2, "port": 70000,
              "target": "mail.example.com"}},
    {"type": "SRV", "name": "_t._tcp.example.com", "ttl": 1, "priority": 1,
     "content": "2 70000 mail.example.com"},
    {"type": "A", "name": "mail.example.com", "content": "192.0.2.25",
     "proxied": True, "ttl": 1}]}))


def tf(address, values):
    return {"address": address, "mode": "managed", "type": "cloudflare_record",
            "name": address.split(".")[1], "values": values}


put("numbers.tf.json", json.dumps({"format_version": "1.2", "planned_values": {
    "root_module": {"resources": [
        tf("cloudflare_record.mx", {"zone_id": "z", "name": "example.com",
           "type": "MX", "content": "mail.example.com", "priority": 70000,
           "proxied": False, "ttl": 1}),
        tf("cloudflare_record.srv", {"zone_id": "z", "name": "_s._tcp.example.com",
           "type": "SRV", "data": [{"priority": 1, "weight": 1, "port": 70000,
                                    "target": "mail.example.com"}],
           "proxied": False, "ttl": 1}),
        tf("cloudflare_record.ttl", {"zone_id": "z", "name": "t.example.com",
           "type": "A", "content": "192.0.2.7", "proxied": False,
           "ttl": 4294967296}),
        tf("cloudflare_record.mail", {"zone_id": "z", "name": "mail.example.com",
           "type": "A", "content": "192.0.2.25", "proxied": True, "ttl": 1})]}}}))
put("numbers.yaml", """'':
  type: MX
  values:
    - {exchange: mail.example.com., preference: 65536}
_s._tcp:
  type: SRV
  values:
    - {priority: 0, weight: 5, port: 70000, target: mail.example.com.}
t: {type: A, value: 192.0.2.7, ttl: 4294967296}
mail: {type: A, value: 192.0.2.25, octodns: {cloudflare: {proxied: true}}}
""")

# --- tens of thousands of tags --------------------------------------------
zone("tags.zone", ["www 300 IN A 192.0.2.1 ; cf_tags=" +
                   ",".join("t%d:v" % i for i in range(5000)) + ",cf-proxied:true",
                   "mail 300 IN A 192.0.2.2 ; cf_tags=" +
                   ",".join("t" for _ in range(30000)) + ",cf-proxied:true"])
put("tags.json", json.dumps({"success": True, "result": [
    {"type": "A", "name": "mail.example.com", "content": "192.0.2.1",
     "proxied": True, "ttl": 1, "tags": ["t%d:v" % i for i in range(50000)]}]}))
# API JSON on one line longer than the standard-input line limit (16 MiB):
# JSON is read whole.
put("big-line.json", json.dumps({"success": True, "result": [
    {"type": "A", "name": "web%d.example.com" % i, "content": "192.0.2.1",
     "proxied": True, "ttl": 1, "comment": "x" * 200} for i in range(70000)] + [
    {"type": "A", "name": "mail.example.com", "content": "192.0.2.1",
     "proxied": True, "ttl": 1}]}))

# --- nesting and alias bombs -----------------------------------------------
put("deep.json", "[" * 100000 + "]" * 100000)
put("deep.tf.json", '{"format_version": "1.2", "x": ' + "[" * 100000 +
    "]" * 100000 + "}")
bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
for i in range(1, 12):
    bomb.append("a%d: &a%d [%s]" % (i, i, ", ".join(["*a%d" % (i - 1)] * 10)))
put("bomb.yaml", "\n".join(bomb) + "\n")
put("deep.yaml", "a: " + "[" * 100000 + "]" * 100000 + "\n")

RULE = ("severity: error, check: target, when: proxied, types: [CNAME], "
        "summary: s, message: m, explain: e, example: x, fix: f, "
        "sources: [s], doc: 'https://example.com/doc'")
targets = ", ".join('"t%d.example.net"' % i for i in range(3000))
put("rules-bomb/x.yaml", "use-case: x\ntitle: X\nrules:\n"
    "  - {id: r0, %s, targets: &t [%s]}\n" % (RULE, targets) +
    "".join("  - {id: r%d, %s, targets: *t}\n" % (i, RULE) for i in range(1, 900)))
put("rules-deep/x.yaml", "use-case: x\nrules: " + "[" * 100000 + "]" * 100000 + "\n")
put("rules-many/x.yaml", "use-case: x\ntitle: X\nrules:\n" +
    "".join("  - {id: r%d, %s}\n" % (i, RULE) for i in range(1001)))
# Globs that no index finds ("*a*1.x"): each would be tried on every name.
put("rules-globs/x.yaml", "use-case: x\ntitle: X\nrules:\n  - {id: r0, %s, "
    "targets: [%s]}\n" % (RULE, ", ".join('"*a*%d.x"' % i for i in range(5000))))
put("cfg-globs/.proxylint.yaml", "ignore:\n" + "".join(
    "  - {name: '*a*%d.x', rules: [mail-host-proxied]}\n" % i for i in range(5000)))
zone("cfg-globs/z.zone", ["mail%d 300 IN A 192.0.2.1 ; cf_tags=cf-proxied:true" % i
                          for i in range(50000)])

# A config whose aliases repeat a list of 3,000 rule ids 3,000 times.
ids = ", ".join(["mail-host-proxied"] * 3000)
put("cfg-bomb/.proxylint.yaml", "ignore:\n  - name: '*.x'\n    rules: &r [%s]\n"
    "    reason: r\n" % ids +
    "".join("  - {name: 'a%d.example.com', rules: *r, reason: r}\n" % i for i in range(3000)))
zone("cfg-bomb/z.zone", [MAIL])
put("cfg-deep/.proxylint.yaml", "spectrum: " + "[" * 100000 + "]" * 100000 + "\n")
zone("cfg-deep/z.zone", [MAIL])
# 50,000 ignore entries over 50,000 findings, every one exempted: half by
# exact names, half by "*." globs.
put("cfg-ignores/.proxylint.yaml", "ignore:\n" + "".join(
    "  - {name: '%s', rules: [mail-host-proxied], reason: r}\n" %
    ("mail%d.example.com" % i if i < 25000 else "*.h%d.example.com" % i)
    for i in range(50000)))
zone("cfg-ignores/z.zone", ["%s 300 IN A 192.0.2.1 ; cf_tags=cf-proxied:true" %
                            ("mail%d" % i if i < 25000 else "mail.h%d" % i)
                            for i in range(50000)])

# --- $INCLUDE: loops, chains, bombs, escapes --------------------------------
put("outside/secret.zone", "canary.example.com. 300 IN TXT \"%s\"\n"
    "%s.example.com. 300 IN A 192.0.2.1\n" % (CANARY, CANARY.lower()))
put("outside/%s.yaml" % "rules", "%s: 1\n" % CANARY)
inc = "inc"
zone(inc + "/self.zone", ["$INCLUDE self.zone", MAIL])
zone(inc + "/loop-a.zone", ["$INCLUDE loop-b.zone", MAIL])
put(inc + "/loop-b.zone", "$INCLUDE loop-a.zone\n")
for i in range(1, 21):
    put(inc + "/chain/c%d.zone" % i, "$INCLUDE c%d.zone\nh%d 300 IN A 192.0.2.%d\n"
        % (i + 1, i, i))
zone(inc + "/chain/top.zone", ["$INCLUDE c1.zone", MAIL])
abs_secret = os.path.abspath(os.path.join(root, "outside/secret.zone"))
zone(inc + "/escape.zone", [
    "$INCLUDE ../outside/secret.zone",
    "$INCLUDE " + abs_secret,
    "$INCLUDE link.zone",
    "$INCLUDE sub/../../outside/secret.zone",
    "$INCLUDE dirlink/outside/secret.zone",
    "$INCLUDE /dev/zero",
    "$INCLUDE /etc/passwd",
    MAIL])
os.makedirs(os.path.join(root, inc, "sub"), exist_ok=True)
for name, target in (("link.zone", "../outside/secret.zone"), ("dirlink", "..")):
    path = os.path.join(root, inc, name)
    if not os.path.lexists(path):
        os.symlink(target, path)
fifo = os.path.join(root, inc, "fifo.zone")
if not os.path.exists(fifo):
    os.mkfifo(fifo)
zone(inc + "/special.zone", ["$INCLUDE fifo.zone", "$INCLUDE sub",
                             "$INCLUDE missing.zone", MAIL])
# Ten includes a level, eight levels: 10^7 reads of the leaf from 1 KiB.
for i in range(1, 8):
    put(inc + "/bomb/l%d.zone" % i, "$INCLUDE l%d.zone\n" % (i + 1) * 10)
put(inc + "/bomb/l8.zone", "leaf 300 IN A 192.0.2.1\n")
zone(inc + "/bomb/top.zone", ["$INCLUDE l1.zone", MAIL])
# 2,000 includes of a 10,000-record file: 20 million records from 300 KiB.
put(inc + "/amp/part.zone", "".join("h%d 300 IN A 192.0.2.%d\n" % (i, i % 250)
                                    for i in range(10000)))
zone(inc + "/amp/top.zone", ["$INCLUDE part.zone"] * 2000 + [MAIL])

# --- inputs that are not files -----------------------------------------------
os.makedirs(os.path.join(root, "folder.zone"), exist_ok=True)
fifo = os.path.join(root, "input-fifo.zone")
if not os.path.exists(fifo):
    os.mkfifo(fifo)

# --- a config that reaches outside its repository -----------------------------
put("repo-rules/.git/HEAD", "ref: refs/heads/main\n")
put("repo-rules/.proxylint.yaml", "rules-dir: ../outside\n")
zone("repo-rules/z.zone", [MAIL])
put("repo-link/.git/HEAD", "ref: refs/heads/main\n")
zone("repo-link/z.zone", [MAIL])
link = os.path.join(root, "repo-link/.proxylint.yaml")
if not os.path.lexists(link):
    os.symlink("../outside/rules.yaml", link)

# --- Markdown documents: fences, escapes and front matter ----------------
MD_MAIL = "mail.example.com.\t1\tIN\tA\t192.0.2.25 ; cf_tags=cf-proxied:true"
# 200,000 fence lines (100,000 empty blocks), then a block left open
put("md/fences.md", "```\n" * N + "```\n" + MD_MAIL + "\n")
# a line over the record limit inside a block of zone data
put("md/long-line.md", "```\n" + "x" * 100000 + "\n" + MD_MAIL + "\n```\n")
# 40,000 backslashes and escapes in a raw export's comment
put("md/escapes.md", MD_MAIL.replace(" ; ", " ; " + "\\" * 20000 +
    "\\_\\*" * 5000 + " ") + "\n")
# NUL bytes and invalid UTF-8 in a block
put("md/nul.md", b"```\nwww.example.com.\t1\tIN\tA\t192.0.2.1\x00\xff\n" +
    MD_MAIL.encode() + b"\n```\n")
# front matter that never closes, 200,000 lines of it, then a record: the
# text is no zone data
put("md/front.md", "---\n" + "key: value\n" * N + MD_MAIL + "\n")
# a fence indented by 100,000 spaces
put("md/indent.md", " " * 100000 + "```\n" + " " * 100000 + MD_MAIL +
    "\n```\n")

# --- linear time: 200,000 records that share something ------------------------
def big(name, lines):
    zone(name, lines)


def addr(i):
    return "10.%d.%d.%d" % (i >> 16, (i >> 8) & 255, i & 255)


def tag(i):
    return "true" if i % 2 else "false"


put("big/blocks.md", "".join("```\nh%d.example.com.\t1\tIN\tA\t%s ; "
    "cf_tags=cf-proxied:%s\n```\nsome text\n" % (i, addr(i), tag(i))
    for i in range(N)))
big("big/one-name.zone", ["www 300 IN A %s ; cf_tags=cf-proxied:%s" % (addr(i), tag(i))
                          if i % 3 else 'www 300 IN TXT "t%d"' % i for i in range(N)])
big("big/one-address.zone", ["h%d 300 IN A 192.0.2.1 ; cf_tags=cf-proxied:%s" % (i, tag(i))
                             for i in range(N)])
big("big/one-rrset.zone", ["mail 300 IN A %s ; cf_tags=cf-proxied:true" % addr(i)
                           for i in range(N)])
big("big/srv-one-target.zone", ["_s%d._tcp 300 IN SRV 1 1 %d target" % (i, i % 65536)
                                for i in range(N)] +
    ["target 300 IN A 192.0.2.9 ; cf_tags=cf-proxied:true"])
big("big/mx-one-host.zone", ["d%d 300 IN MX 10 mail" % i for i in range(N)] +
    ["mail 300 IN A 192.0.2.9 ; cf_tags=cf-proxied:true"])
big("big/cname-one-target.zone", ["c%d 300 IN CNAME target ; cf_tags=cf-proxied:true" % i
                                  for i in range(N)] +
    ["target 300 IN A 192.0.2.9 ; cf_tags=cf-proxied:false"])
big("big/directives.zone", ["mail%d 300 IN A 192.0.2.1 ; proxylint: ignore[mail-host-proxied]"
                            " r cf_tags=cf-proxied:true" % i for i in range(N)])
# Chains walked from records that the input interleaves: SRV targets on
# ports Cloudflare proxies (no finding to stop the walk), an MX host behind
# many SRV records, the same address proxied and DNS-only at one name.
H = N // 4
big("big/srv-interleaved.zone",
    ["_s%d._tcp 300 IN SRV 1 1 443 t1" % i for i in range(H)] +
    ["_u%d._tcp 300 IN SRV 1 1 443 t2" % i for i in range(H)] +
    [l for i in range(H) for l in (
        "t1 300 IN A %s ; cf_tags=cf-proxied:true" % addr(i),
        "t2 300 IN A %s ; cf_tags=cf-proxied:true" % addr(i + H))])
big("big/mx-behind-srv.zone",
    ["_s%d._tcp 300 IN SRV 1 1 443 t1" % i for i in range(H)] +
    ["d 300 IN MX 10 t1"] +
    ["t1 300 IN A %s ; cf_tags=cf-proxied:true" % addr(i) for i in range(H)])
big("big/address-one-name.zone", [l for i in range(H) for l in (
    "x 300 IN A 192.0.2.1 ; cf_tags=cf-proxied:true",
    "x 300 IN A 192.0.2.1 ; cf_tags=cf-proxied:false")])
with open(os.path.join(root, "big/one-address.json"), "w") as f:
    json.dump({"success": True, "result": [
        {"type": "A", "name": "h%d.example.com" % i, "content": "192.0.2.1",
         "proxied": bool(i % 2), "ttl": 1} for i in range(N)]}, f)
with open(os.path.join(root, "big/one-name.yaml"), "w") as f:
    f.write("'':\n  - type: A\n    values:\n")
    for i in range(N):
        f.write("      - %s\n" % addr(i))
    f.write("    octodns: {cloudflare: {proxied: true}}\n")
with open(os.path.join(root, "big/one-address.tf.json"), "w") as f:
    json.dump({"format_version": "1.2", "planned_values": {"root_module": {
        "resources": [tf("cloudflare_record.r%d" % i, {
            "zone_id": "z", "name": "h%d.example.com" % i, "type": "A",
            "content": "192.0.2.1", "proxied": True, "ttl": 1})
            for i in range(N // 4)]}}}, f)

# --- Terraform configuration (each case a module folder of its own) ------
TF_ZONE = 'resource "cloudflare_zone" "z" {\n  zone = "example.com"\n}\n'
TF_MAIL = ('resource "cloudflare_record" "mail" {\n  zone_id = cloudflare_zone.z.id\n'
           '  name    = "mail"\n  type    = "A"\n  content = "192.0.2.25"\n'
           '  proxied = true\n}\n')
# nesting 100,000 deep: brackets, parentheses and blocks
put("tf-deep/main.tf", TF_ZONE + "locals {\n  x = " + "[" * 100000 + "]" * 100000 +
    "\n  y = " + "(" * 100000 + "1" + ")" * 100000 + "\n}\n" + "a {\n" * 100000 +
    "}\n" * 100000 + TF_MAIL)
# a 100 MB heredoc
with open(os.path.join(root, "tf-heredoc.tf.tmp"), "w") as f:
    pass
os.makedirs(os.path.join(root, "tf-heredoc"), exist_ok=True)
with open(os.path.join(root, "tf-heredoc", "main.tf"), "w") as f:
    f.write(TF_ZONE + 'resource "cloudflare_record" "txt" {\n  zone_id = cloudflare_zone.z.id\n'
            '  name    = "t"\n  type    = "TXT"\n  content = <<EOT\n')
    line = "x" * 99 + "\n"
    for _ in range(1000000):
        f.write(line)
    f.write("EOT\n}\n" + TF_MAIL)
os.remove(os.path.join(root, "tf-heredoc.tf.tmp"))
# for_each over a million elements
put("tf-million/main.tf", TF_ZONE +
    'resource "cloudflare_record" "many" {\n  for_each = toset([for i in range(1000000) : "h${i}"])\n'
    '  zone_id = cloudflare_zone.z.id\n  name = each.key\n  type = "A"\n'
    '  content = "192.0.2.1"\n  proxied = true\n}\n' + TF_MAIL)
# a locals cycle, three long
put("tf-cycle/main.tf", TF_ZONE + 'locals {\n  a = local.b\n  b = local.c\n  c = local.a\n}\n' +
    TF_MAIL.replace("proxied = true", "proxied = local.a"))
# a template that doubles a string 64 times
put("tf-exponential/main.tf", TF_ZONE + "locals {\n  s0 = \"xx\"\n" +
    "".join('  s%d = "${local.s%d}${local.s%d}"\n' % (i + 1, i, i) for i in range(64)) +
    "}\n" + TF_MAIL.replace('name    = "mail"',
                                     'name    = substr(local.s64, 0, 4) == "xxxx" ? "mail" : "www"'))
# a module folder with a file outside it (never read)
put("tf-outside/main.tf", TF_ZONE + TF_MAIL + 'module "m" {\n  source = "../tf-secret"\n}\n')
put("tf-secret/main.tf", TF_ZONE + 'resource "cloudflare_record" "x" {\n  zone_id = cloudflare_zone.z.id\n'
    '  name = "%s"\n  type = "A"\n  content = "192.0.2.9"\n  proxied = true\n}\n' % CANARY.lower())
