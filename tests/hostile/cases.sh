# cases.sh -- the hostile-input cases, read by tests/suites/hostile.sh
# SPDX-License-Identifier: MIT
#
# Each case runs proxylint in the folder of the generated inputs
# (make-inputs.py) under "timeout $limit" and states what must come out:
#
#   expect NAME RC [PATTERN...] -- ARGS...
#	exit status RC ("1", or "0|1|2") within $limit seconds and (without
#	sanitizers) 3 GiB of address space, every extended regular expression
#	PATTERN found in stdout + stderr, and never the canary string of
#	the file outside the zone's folder.  Set stdin=FILE for one case.
#   expect_json NAME -- ARGS...
#	--format json and --format sarif print valid JSON (python3 -m
#	json.tool), whatever the input holds.
#   expect_full NAME RC -- ARGS...
#	standard output is /dev/full: RC (2: a write error is an error).
#   big expect ...
#	a case over a big input: three times the limit under sanitizers.
#   known_bug "WHERE: WHAT" expect ...
#	a bug that is reported and not fixed yet: skipped (TAP "# SKIP")
#	unless HOSTILE_KNOWN_BUGS=1, which runs the case as it should pass.
#	When the bug is fixed, drop the known_bug prefix.
#
# A pattern that starts with '!' must match no line.
#
# Inputs are named relative to that folder; A is the usual options.
A="-q --no-config"
ESC=$(printf '\033')

# --- a line or record longer than 65,536 octets: a finding, and the
# records after it are still read.
expect long-record 1 'long-record.zone:2: error: .*record longer than 65536 octets \[syntax-error\]' \
    'long-record.zone:3: .*\[mail-host-proxied\]' -- $A long-record.zone
expect long-comment 1 'long-comment.zone:2: .*record longer than 65536 octets' \
    'long-comment.zone:3: .*\[mail-host-proxied\]' -- $A long-comment.zone
expect long-parens 1 'long-parens.zone:2: .*record longer than 65536 octets' \
    '\[mail-host-proxied\]' -- $A long-parens.zone

# --- names over 255 octets, labels over 63.
expect name-long-target 1 'name-long-target.zone:2: error: .*\[syntax-error\]' \
    '\[mail-host-proxied\]' -- $A name-long-target.zone
expect label-long-target 1 'label-long-target.zone:2: error: .*\[syntax-error\]' \
    '\[mail-host-proxied\]' -- $A label-long-target.zone
expect name-long-owner 1 'name-long-owner.zone:2: error: .*\[syntax-error\]' -- $A name-long-owner.zone
expect label-long-owner 1 'label-long-owner.zone:2: error: .*\[syntax-error\]' -- $A label-long-owner.zone

# --- parentheses and quotes.
expect parens-unbalanced 1 "parens-unbalanced.zone:2: .*'\\)' without '\\('" \
    'parens-unbalanced.zone:3: .*\[mail-host-proxied\]' -- $A parens-unbalanced.zone
expect parens-deep 1 'parens-deep.zone:2: .*nested parentheses' \
    'parens-deep.zone:3: .*\[mail-host-proxied\]' -- $A parens-deep.zone
expect parens-unclosed 1 "parens-unclosed.zone:3: .*'\\(' not closed before the end of the file" \
    'parens-unclosed.zone:2: .*\[mail-host-proxied\]' -- $A parens-unclosed.zone
expect quote-unterminated 1 'quote-unterminated.zone:2: .*unterminated quoted string' \
    'quote-unterminated.zone:3: .*\[mail-host-proxied\]' -- $A quote-unterminated.zone

# --- NUL bytes and invalid UTF-8: findings, and valid JSON and SARIF.
expect nul 1 'nul.zone:2: .*NUL byte in the text' 'nul.zone:4: .*\[mail-host-proxied\]' -- $A nul.zone
expect_json nul-json -- $A nul.zone
expect utf8 1 'utf8.zone:6: .*\[mail-host-proxied\]' -- $A utf8.zone
expect_json utf8-json -- $A utf8.zone
expect utf8-api-raw 2 'utf8-raw.json:1:[0-9]*: invalid JSON: .*unable to decode byte' -- $A utf8-raw.json
expect utf8-api-escapes 1 '\[mail-host-proxied\]' "!$ESC" -- $A utf8-escapes.json
expect_json utf8-api-escapes-json -- $A utf8-escapes.json
expect utf8-api-nul 2 'nul-escape.json:1:[0-9]*: invalid JSON: .*u0000' -- $A nul-escape.json
expect utf8-api-surrogate '1|2' -- $A surrogate.json
expect control-octets 1 '\[mail-host-proxied\]' "!$ESC" -- $A control.zone
expect_json control-octets-json -- $A control.zone

# --- numbers out of range.
expect numbers-ttl 1 'numbers.zone:2: .*invalid TTL' 'numbers.zone:3: .*invalid TTL' \
    'numbers.zone:4: .*\$TTL takes one TTL' -- $A numbers.zone
expect numbers-rdata 1 'numbers-rdata.zone:2: .*\[syntax-error\]' \
    'numbers-rdata.zone:3: .*\[syntax-error\]' -- $A numbers-rdata.zone
expect numbers-api 1 '/result/0: .*"ttl" is not a number' \
    '/result/1: .*priority from 0 to 65535' '/result/2: .*\[syntax-error\]' \
    '/result/3: .*numbers from 0 to 65535' -- $A numbers.json
expect numbers-terraform 1 "cloudflare_record.mx: .*'priority' is not a number from 0 to 65535" \
    "cloudflare_record.srv: .*'port' is not a number from 0 to 65535" \
    'cloudflare_record.ttl: .*invalid TTL' -- $A numbers.tf.json
expect numbers-octodns 1 "numbers.yaml:4: .*'preference' is not a number from 0 to 65535" \
    "numbers.yaml:8: .*'port' is not a number from 0 to 65535" \
    'numbers.yaml:9: .*invalid TTL' -- $A --origin example.com numbers.yaml

# --- Markdown: fences by the hundred thousand, long lines, escapes, NUL
# bytes, front matter that never closes, deep indentation.
expect md-fences 1 'md/fences.md:200002: .*\[mail-host-proxied\]' -- $A md/fences.md
expect md-long-line 1 'md/long-line.md:2: .*record longer than 65536 octets' \
    'md/long-line.md:3: .*\[mail-host-proxied\]' -- $A md/long-line.md
expect md-escapes 1 'md/escapes.md:1: .*\[mail-host-proxied\]' -- $A md/escapes.md
expect md-nul 1 'md/nul.md:2: .*NUL byte in the text' 'md/nul.md:3: .*\[mail-host-proxied\]' -- $A md/nul.md
expect_json md-nul-json -- $A md/nul.md
expect md-front 2 "'md/front.md' holds no zone data" -- $A md/front.md
expect md-indent 1 'md/indent.md:2: .*\[mail-host-proxied\]' -- $A md/indent.md

# --- tens of thousands of tags.
expect tags-bind 1 'tags.zone:3: .*\[mail-host-proxied\]' -- $A tags.zone
expect tags-api 1 '\[mail-host-proxied\]' -- $A tags.json

# --- nesting and alias bombs: refused with a message.
expect deep-api-json 2 'deep.json:[0-9:]* .*maximum parsing depth' -- $A deep.json
expect deep-terraform 2 'deep.tf.json.*maximum parsing depth' -- $A deep.tf.json
expect bomb-octodns 2 "'bomb.yaml': .*alias bomb" -- $A --origin example.com bomb.yaml
expect deep-octodns 2 'deep.yaml:1:[0-9]+: YAML nested deeper than 64 levels' -- $A --origin example.com deep.yaml
expect bomb-rules 2 'rules-bomb/x.yaml:[0-9]+:[0-9]+: .*YAML aliases' -- $A --rules rules-bomb inc/self.zone
expect deep-rules 2 'rules-deep/x.yaml:[0-9]+:[0-9]+: YAML nested deeper than 64 levels' -- $A --rules rules-deep inc/self.zone
expect many-rules 2 'rules-many/x.yaml:[0-9]+:[0-9]+: more than 1000 rules in one file' -- $A --rules rules-many inc/self.zone
expect bomb-config 2 'cfg-bomb/.proxylint.yaml:[0-9]+:[0-9]+: .*YAML aliases' -- -q cfg-bomb/z.zone
expect deep-config 2 'cfg-deep/.proxylint.yaml' -- -q cfg-deep/z.zone
# 5,000 globs that no index finds, over 50,000 names (7.6 s before the cap).
expect globs-config 2 "cfg-globs/.proxylint.yaml:258:[0-9]+: more than 256 name patterns with '\*' or '\?'" -- -q cfg-globs/z.zone
expect globs-rules 2 "rules-globs/x.yaml:[0-9]+:[0-9]+: more than 256 name patterns" -- $A --rules rules-globs inc/self.zone
expect ignores-config 0 -- -q cfg-ignores/z.zone

# --- $INCLUDE: loops and chains are refused, the outside is never read.
expect include-self 1 "inc/self.zone:2: .*'self.zone' refused: include loop" -- $A inc/self.zone
expect include-loop 1 "refused: include loop" -- $A inc/loop-a.zone
expect include-chain 1 "refused: \\\$INCLUDE nested deeper than 8 files" -- $A inc/chain/top.zone
expect include-escape 1 "escape.zone:2: .*'../outside/secret.zone' refused: the path leaves" \
    "escape.zone:3: .*refused: the path leaves" \
    "escape.zone:4: .*'link.zone' refused: the path leaves .*symbolic link" \
    "escape.zone:5: .*refused: the path leaves" \
    "escape.zone:6: .*'dirlink/outside/secret.zone' refused: the path leaves .*symbolic link" \
    "escape.zone:7: .*'/dev/zero' refused" "escape.zone:8: .*'/etc/passwd' refused" \
    'escape.zone:9: .*\[mail-host-proxied\]' -- $A inc/escape.zone
expect_json include-escape-json -- $A inc/escape.zone
expect include-special 1 "'fifo.zone' refused: .*not a regular file" \
    "'sub' refused: .*Is a directory" "'missing.zone' refused: .*No such file" -- $A inc/special.zone
expect include-bomb 1 '\[include-refused\]' -- $A inc/bomb/top.zone
expect include-amplified 1 '\[include-refused\]' -- $A inc/amp/top.zone

# --- an input that is a folder, a device, a FIFO, or missing.
expect input-folder 2 "'folder.zone' is a folder: give -r" -- $A folder.zone
expect input-device 2 "cannot read '/dev/zero': not a regular file" -- $A /dev/zero
expect input-fifo 2 "cannot read 'input-fifo.zone': not a regular file" -- $A input-fifo.zone
expect input-missing 2 "cannot open 'missing.zone': No such file or directory" -- $A missing.zone
stdin=/dev/zero
expect input-stdin-zero 2 "cannot read '-': a line longer than 16777216 bytes" -- $A -
stdin=big-line.json
big expect input-stdin-json-line 1 '<stdin>:/result/70000: .*\[mail-host-proxied\]' -- $A -
stdin=

# --- output that cannot be written is an error (exit 2).
expect_full full-text 2 -- $A inc/self.zone
expect_full full-json 2 -- $A --format json inc/self.zone
expect_full full-sarif 2 -- $A --format sarif inc/self.zone
expect_full full-github 2 -- $A --format github inc/self.zone
expect_full full-list-rules 2 -- --no-config --list-rules
expect_full full-explain 2 -- --no-config --explain mail-host-proxied
expect_full full-help 2 -- --help
expect_full full-version 2 -- --version

# --- a config must not reach outside its repository either.
expect config-rules-dir-escape 2 -- -q repo-rules/z.zone
expect config-symlink-escape '0|1|2' -- -q repo-link/z.zone

# --- no pattern of input makes a run quadratic: 200,000 records that
# share a name, an address, an RRset, an SRV target or an MX host, in
# $limit seconds (each takes about a second or less without sanitizers;
# "big" gives sanitizer builds three times as long).
big expect big-markdown-blocks 1 '' -- $A big/blocks.md
big expect big-one-name 1 '' -- $A big/one-name.zone
big expect big-one-address 1 '' -- $A big/one-address.zone
big expect big-one-rrset 1 '' -- $A big/one-rrset.zone
big expect big-srv-one-target '0|1' '' -- $A big/srv-one-target.zone
big expect big-mx-one-host 1 '' -- $A big/mx-one-host.zone
big expect big-cname-one-target 1 '' -- $A big/cname-one-target.zone
big expect big-directives 0 '' -- $A big/directives.zone
big expect big-api-one-address 1 '' -- $A big/one-address.json
big expect big-octodns-one-name '0|1' '' -- $A --origin example.com big/one-name.yaml
big expect big-terraform-one-address '0|1' '' -- $A big/one-address.tf.json
big expect big-one-address-json 1 '' -- $A --format json big/one-address.zone
# 50,000 of each, interleaved (each took seconds to minutes, walking its
# chain once per record, before the walks were remembered per name).
big expect big-srv-interleaved 1 '' -- $A big/srv-interleaved.zone
big expect big-mx-behind-srv 1 '' -- $A big/mx-behind-srv.zone
big expect big-address-one-name 1 '' -- $A big/address-one-name.zone

# --- Terraform configuration: each bounded, the mail record still linted
# where the reading can go on.
# --- Terraform: a limit of the HCL library stops the parse of that file
# where it is, with a message naming the limit (PL_HCL_MAX_*); an
# evaluation limit stops evaluation of the module and is reported once.
expect tf-deep 1 'tf-deep/main.tf:5:[0-9]+: error: .*nesting deeper than 256 levels \(PL_HCL_MAX_DEPTH\)' -- $A -r tf-deep
big expect tf-heredoc 1 'tf-heredoc/main.tf:8:[0-9]+: error: .*longer than 16 MiB \(PL_HCL_MAX_HEREDOC\)' -- $A -r tf-heredoc
expect tf-million 1 'tf-million/main.tf:5:[0-9]+: error: .*range\(\): more than 1024 values' '\[mail-host-proxied\]' -- $A -r tf-million
expect tf-cycle 1 'tf-cycle/main.tf:[0-9]+:[0-9]+: .*local.a -> local.b -> local.c -> local.a' -- $A -r tf-cycle
expect tf-exponential 1 'tf-exponential/main.tf:27:24: error: .*string longer than 4 MiB \(PL_HCL_MAX_STRING\); no later expression' -- $A -r tf-exponential
expect tf-outside 1 '\[mail-host-proxied\]' -- $A -r tf-outside
