/* test_read_tfplan.c -- unit tests of the Terraform plan JSON reader */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/diag.h"
#include "proxylint/read.h"
#include "proxylint/rule.h"
#include "tap.h"
#include "proxylint/banned.h"

static struct pl_ruleset *rs;

struct run {
	struct pl_zone	*z;
	struct pl_diags	 d;
	int		 rc;
};

static void
run(struct run *r, const char *json, const char *origin)
{
	struct pl_read_opts o;

	memset(&o, 0, sizeof(o));
	o.origin = origin;
	o.path = "plan.json";
	pl_diags_init(&r->d, rs, "plan.json");
	r->z = pl_zone_new("plan.json", PL_FMT_TERRAFORM_PLAN);
	r->rc = pl_read_terraform_plan(json, strlen(json), &o, r->z, &r->d);
}

static void
done(struct run *r)
{
	pl_zone_free(r->z);
	pl_diags_release(&r->d);
}

/* The record whose pointer (resource address) is addr, or NULL. */
static const struct pl_record *
rec(const struct run *r, const char *addr)
{
	for (uint32_t i = 0; i < r->z->nrecs; i++)
		if (pl_rec_pointer(&r->z->recs[i]) != NULL &&
		    strcmp(pl_rec_pointer(&r->z->recs[i]), addr) == 0)
			return &r->z->recs[i];
	return NULL;
}

static const char *
field(const struct pl_record *p, int which)
{
	if (p == NULL)
		return "(no record)";
	switch (which) {
	case 0: return p->owner;
	case 1: return p->content;
	case 2: return p->target;
	case 3: return pl_rec_comment(p);
	default: return pl_rec_tags(p);
	}
}
#define OWNER(r, a)	field(rec(r, a), 0)
#define CONTENT(r, a)	field(rec(r, a), 1)
#define TARGET(r, a)	field(rec(r, a), 2)
#define COMMENT(r, a)	field(rec(r, a), 3)
#define TAGS(r, a)	field(rec(r, a), 4)

static int
proxy_of(const struct run *r, const char *addr)
{
	const struct pl_record *p = rec(r, addr);

	return p ? p->proxy : -1;
}

static long
ttl_of(const struct run *r, const char *addr)
{
	const struct pl_record *p = rec(r, addr);

	return p ? (long)p->ttl : -1;
}

/* The finding of rule id at pointer, or NULL. */
static const struct pl_diag *
finding(const struct run *r, const char *id, const char *pointer)
{
	for (size_t i = 0; i < r->d.n; i++)
		if (strcmp(r->d.v[i].rule->id, id) == 0 &&
		    r->d.v[i].pointer != NULL &&
		    strcmp(r->d.v[i].pointer, pointer) == 0)
			return &r->d.v[i];
	return NULL;
}

#define HEAD	"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\","
#define ZONE_RC(name) \
	"{\"address\":\"cloudflare_zone.z\",\"mode\":\"managed\"," \
	"\"type\":\"cloudflare_zone\",\"name\":\"z\",\"change\":{" \
	"\"actions\":[\"no-op\"],\"before\":{},\"after\":{\"id\":\"zid\"," \
	"\"zone\":\"" name "\"},\"after_unknown\":{}}}"
/* One resource change; after and unknown are JSON object texts. */
#define RC(addr, type, actions, after, unknown) \
	"{\"address\":\"" addr "\",\"mode\":\"managed\",\"type\":\"" type \
	"\",\"name\":\"n\",\"change\":{\"actions\":" actions \
	",\"before\":null,\"after\":" after ",\"after_unknown\":" unknown "}}"
#define V4(addr, after)	RC(addr, "cloudflare_record", "[\"no-op\"]", \
	after, "{}")
#define V5(addr, after)	RC(addr, "cloudflare_dns_record", "[\"no-op\"]", \
	after, "{}")

static void
test_v4_basic(void)
{
	struct run r;

	run(&r, HEAD "\"resource_changes\":[" ZONE_RC("Example.com") ","
	    V4("cloudflare_record.www", "{\"name\":\"www\",\"type\":\"CNAME\","
	    "\"content\":\"ghs.googlehosted.com\",\"value\":\"ghs.googlehosted"
	    ".com\",\"proxied\":true,\"ttl\":1,\"zone_id\":\"zid\",\"comment\":"
	    "\"google sites\",\"tags\":[\"team:web\",\"env:prod\"],\"data\":[],"
	    "\"priority\":null}") ","
	    V4("cloudflare_record.apex", "{\"name\":\"example.com\",\"type\":"
	    "\"A\",\"content\":\"203.0.113.41\",\"proxied\":false,\"ttl\":300,"
	    "\"zone_id\":\"zid\",\"comment\":null,\"tags\":[]}") ","
	    V4("cloudflare_record.v6", "{\"name\":\"@\",\"type\":\"AAAA\","
	    "\"content\":\"2001:db8::1\",\"proxied\":true,\"ttl\":1,"
	    "\"zone_id\":\"zid\"}")
	    "]}", NULL);
	is_int(r.rc, 0, "v4: read");
	is_int(r.z->nrecs, 3, "v4: three records");
	is_str(r.z->origin, "example.com.", "v4: origin from cloudflare_zone "
	    "'zone', lower-cased");
	is_str(OWNER(&r, "cloudflare_record.www"), "www.example.com.",
	    "v4: relative name joined to the zone");
	is_str(TARGET(&r, "cloudflare_record.www"), "ghs.googlehosted.com.",
	    "v4: CNAME target interned with its dot");
	is_str(CONTENT(&r, "cloudflare_record.www"), "ghs.googlehosted.com.",
	    "v4: content as ldns prints it, as for BIND");
	is_int(proxy_of(&r, "cloudflare_record.www"), PL_PROXY_PROXIED,
	    "v4: proxied true");
	is_str(COMMENT(&r, "cloudflare_record.www"), "google sites",
	    "v4: comment");
	is_str(TAGS(&r, "cloudflare_record.www"), "team:web,env:prod",
	    "v4: tags joined with ','");
	ok(rec(&r, "cloudflare_record.www") &&
	    rec(&r, "cloudflare_record.www")->line == 0, "v4: no line");
	ok(rec(&r, "cloudflare_record.www") &&
	    rec(&r, "cloudflare_record.www")->ttl == 1, "v4: ttl 1 (auto)");
	is_str(OWNER(&r, "cloudflare_record.apex"), "example.com.",
	    "v4: the zone's own name is absolute");
	is_int(proxy_of(&r, "cloudflare_record.apex"), PL_PROXY_DNS_ONLY,
	    "v4: proxied false");
	is_int(ttl_of(&r, "cloudflare_record.apex"), 300, "v4: ttl 300 kept");
	ok(rec(&r, "cloudflare_record.apex") &&
	    rec(&r, "cloudflare_record.apex")->family == 4 &&
	    rec(&r, "cloudflare_record.apex")->addr[3] == 41,
	    "v4: A address copied");
	is_str(TAGS(&r, "cloudflare_record.apex"), NULL, "v4: no tags");
	is_str(COMMENT(&r, "cloudflare_record.apex"), NULL, "v4: no comment");
	is_str(OWNER(&r, "cloudflare_record.v6"), "example.com.",
	    "v4: '@' is the zone");
	ok(rec(&r, "cloudflare_record.v6") &&
	    rec(&r, "cloudflare_record.v6")->family == 6,
	    "v4: AAAA address copied");
	is_int(r.d.n, 0, "v4: no finding");
	done(&r);
}

static void
test_v4_value_and_data_list(void)
{
	struct run r;

	run(&r, HEAD "\"resource_changes\":[" ZONE_RC("example.com") ","
	    V4("cloudflare_record.old", "{\"name\":\"old\",\"type\":\"CNAME\","
	    "\"value\":\"verify.bing.com\",\"proxied\":true,\"ttl\":1,"
	    "\"zone_id\":\"zid\"}") ","
	    RC("cloudflare_record.srv", "cloudflare_record", "[\"create\"]",
	    "{\"name\":\"_sip._udp\",\"type\":\"SRV\",\"zone_id\":\"zid\","
	    "\"proxied\":null,\"priority\":null,\"content\":null,\"data\":[{"
	    "\"service\":\"_sip\",\"proto\":\"_udp\",\"name\":\"example.com\","
	    "\"priority\":10,\"weight\":5,\"port\":5060,\"target\":"
	    "\"sip.example.com\"}]}",
	    "{\"id\":true,\"hostname\":true,\"ttl\":true,\"value\":true}") ","
	    V4("cloudflare_record.mx", "{\"name\":\"@\",\"type\":\"MX\","
	    "\"content\":\"aspmx.l.google.com\",\"priority\":1,\"proxied\":"
	    "false,\"ttl\":1,\"zone_id\":\"zid\"}")
	    "]}", NULL);
	is_int(r.rc, 0, "v4 value/data: read");
	is_str(TARGET(&r, "cloudflare_record.old"), "verify.bing.com.",
	    "v4: 'value' when there is no 'content'");
	is_str(OWNER(&r, "cloudflare_record.srv"), "_sip._udp.example.com.",
	    "v4 SRV: owner");
	is_str(CONTENT(&r, "cloudflare_record.srv"),
	    "10 5 5060 sip.example.com.", "v4 SRV: data list of one");
	is_str(TARGET(&r, "cloudflare_record.srv"), "sip.example.com.",
	    "v4 SRV: target");
	ok(rec(&r, "cloudflare_record.srv") &&
	    rec(&r, "cloudflare_record.srv")->port == 5060, "v4 SRV: port");
	is_int(ttl_of(&r, "cloudflare_record.srv"), 1,
	    "v4: ttl computed at create is 1 (auto)");
	is_int(proxy_of(&r, "cloudflare_record.srv"), PL_PROXY_DNS_ONLY,
	    "v4: proxied null is DNS-only (API default)");
	is_str(CONTENT(&r, "cloudflare_record.mx"), "1 aspmx.l.google.com.",
	    "v4 MX: priority and target");
	is_str(TARGET(&r, "cloudflare_record.mx"), "aspmx.l.google.com.",
	    "v4 MX: target");
	done(&r);
}

static void
test_v5(void)
{
	struct run r;
	char *json;
	char longtxt[700];

	memset(longtxt, 'k', sizeof(longtxt) - 1);
	longtxt[sizeof(longtxt) - 1] = '\0';
	json = pl_xasprintf(HEAD "\"resource_changes\":[" ZONE_RC("example.com")
	    ","
	    V5("cloudflare_dns_record.srv", "{\"name\":"
	    "\"_minecraft._tcp.play\",\"type\":\"SRV\",\"ttl\":1,"
	    "\"zone_id\":\"zid\",\"proxied\":false,"
	    "\"content\":null,\"data\":{\"priority\":0,\"weight\":5,\"port\":"
	    "25565,\"target\":\"play.example.com\"}}") ","
	    V5("cloudflare_dns_record.mx", "{\"name\":\"example.com\",\"type\":"
	    "\"MX\",\"ttl\":3600,\"zone_id\":\"zid\",\"content\":"
	    "\"mx.example.com\",\"priority\":10,\"proxied\":false}") ","
	    V5("cloudflare_dns_record.txt", "{\"name\":\"@\",\"type\":\"TXT\","
	    "\"ttl\":3600,\"zone_id\":\"zid\",\"content\":\"v=spf1 mx "
	    "\\\"q\\\" \\\\ -all\",\"proxied\":false}") ","
	    V5("cloudflare_dns_record.long", "{\"name\":\"long\",\"type\":"
	    "\"TXT\",\"ttl\":1,\"zone_id\":\"zid\",\"content\":\"%s\","
	    "\"proxied\":false}") ","
	    V5("cloudflare_dns_record.caa", "{\"name\":\"@\",\"type\":\"CAA\","
	    "\"ttl\":1,\"zone_id\":\"zid\",\"content\":null,\"data\":{"
	    "\"flags\":0,\"tag\":\"issue\",\"value\":\"letsencrypt.org\"},"
	    "\"proxied\":false}") ","
	    V5("cloudflare_dns_record.loc", "{\"name\":\"loc\",\"type\":"
	    "\"LOC\",\"ttl\":1,\"zone_id\":\"zid\",\"content\":null,\"data\":{"
	    "\"lat_degrees\":52},\"proxied\":false}") ","
	    V5("cloudflare_dns_record.https", "{\"name\":\"@\",\"type\":"
	    "\"HTTPS\",\"ttl\":1,\"zone_id\":\"zid\",\"content\":"
	    "\"1 svc.example.net. alpn=h2\",\"proxied\":false}")
	    "]}", longtxt);
	run(&r, json, NULL);
	free(json);
	is_int(r.rc, 0, "v5: read");
	is_int(r.z->nrecs, 7, "v5: seven records");
	is_str(CONTENT(&r, "cloudflare_dns_record.srv"),
	    "0 5 25565 play.example.com.", "v5 SRV: data object");
	ok(rec(&r, "cloudflare_dns_record.srv") &&
	    rec(&r, "cloudflare_dns_record.srv")->port == 25565,
	    "v5 SRV: port");
	is_str(CONTENT(&r, "cloudflare_dns_record.mx"), "10 mx.example.com.",
	    "v5 MX: priority apart");
	is_int(ttl_of(&r, "cloudflare_dns_record.mx"), 3600, "v5: ttl kept");
	is_str(CONTENT(&r, "cloudflare_dns_record.txt"),
	    "\"v=spf1 mx \\\"q\\\" \\\\ -all\"",
	    "v5 TXT: one string, quotes and backslashes escaped");
	ok(rec(&r, "cloudflare_dns_record.long") != NULL &&
	    strlen(CONTENT(&r, "cloudflare_dns_record.long")) ==
	    699 + 3 * 2 + 2, "v5 TXT: long text split into 255-octet strings");
	is_str(CONTENT(&r, "cloudflare_dns_record.caa"),
	    "0 issue \"letsencrypt.org\"", "v5 CAA: from data");
	is_str(CONTENT(&r, "cloudflare_dns_record.loc"), "{\"lat_degrees\":52}",
	    "v5: data of another type kept as written");
	is_str(TARGET(&r, "cloudflare_dns_record.https"), "svc.example.net.",
	    "v5 HTTPS: target");
	is_int(r.d.n, 0, "v5: no finding");
	done(&r);
}

static void
test_unknowns(void)
{
	struct run r;

	run(&r, HEAD "\"resource_changes\":[" ZONE_RC("example.com") ","
	    RC("cloudflare_record.a", "cloudflare_record", "[\"create\"]",
	    "{\"name\":\"community\",\"type\":\"A\",\"proxied\":true,"
	    "\"zone_id\":\"zid\"}", "{\"content\":true,\"value\":true,"
	    "\"ttl\":true}") ","
	    RC("cloudflare_record.p", "cloudflare_record", "[\"update\"]",
	    "{\"name\":\"www\",\"type\":\"CNAME\",\"content\":"
	    "\"verify.bing.com\",\"ttl\":1,\"zone_id\":\"zid\"}",
	    "{\"proxied\":true}") ","
	    RC("cloudflare_record.n", "cloudflare_record", "[\"create\"]",
	    "{\"proxied\":false,\"ttl\":1,\"zone_id\":\"zid\"}",
	    "{\"name\":true,\"type\":true,\"content\":true}") ","
	    RC("cloudflare_record.m", "cloudflare_record", "[\"create\"]",
	    "{\"ttl\":1,\"zone_id\":\"zid\",\"type\":\"CNAME\"}",
	    "{\"name\":true,\"proxied\":true,\"content\":true}") ","
	    RC("cloudflare_record.t", "cloudflare_record", "[\"create\"]",
	    "{\"ttl\":1,\"zone_id\":\"zid\",\"name\":\"x\"}",
	    "{\"type\":true,\"proxied\":true}") ","
	    RC("cloudflare_record.txt", "cloudflare_record", "[\"create\"]",
	    "{\"ttl\":1,\"zone_id\":\"zid\",\"type\":\"TXT\"}",
	    "{\"name\":true,\"proxied\":true}") ","
	    RC("cloudflare_record.srv", "cloudflare_dns_record", "[\"create\"]",
	    "{\"name\":\"_x._tcp\",\"type\":\"SRV\",\"ttl\":1,\"zone_id\":"
	    "\"zid\",\"proxied\":false,\"data\":{\"priority\":1,\"weight\":1,"
	    "\"port\":1}}", "{\"data\":{\"target\":true}}")
	    "]}", NULL);
	is_int(r.rc, 0, "unknown: read");
	is_str(CONTENT(&r, "cloudflare_record.a"), "(known after apply)",
	    "unknown content is '(known after apply)'");
	ok(rec(&r, "cloudflare_record.a") &&
	    rec(&r, "cloudflare_record.a")->family == 0 &&
	    rec(&r, "cloudflare_record.a")->target == NULL,
	    "unknown content: no address, no target");
	is_int(proxy_of(&r, "cloudflare_record.a"), PL_PROXY_PROXIED,
	    "unknown content: proxied still known");
	is_int(ttl_of(&r, "cloudflare_record.a"), 1, "unknown ttl is 1");
	is_int(proxy_of(&r, "cloudflare_record.p"), PL_PROXY_UNKNOWN,
	    "after_unknown proxied is unknown, never guessed");
	is_str(TARGET(&r, "cloudflare_record.p"), "verify.bing.com.",
	    "unknown proxied: content still read");
	ok(rec(&r, "cloudflare_record.n") == NULL,
	    "unknown name and type: skipped");
	ok(rec(&r, "cloudflare_record.m") == NULL, "unknown name: skipped");
	ok(rec(&r, "cloudflare_record.t") == NULL, "unknown type: skipped");
	ok(rec(&r, "cloudflare_record.txt") == NULL,
	    "unknown name of a TXT: skipped");
	is_int(r.z->nunknown, 2, "skipped records of unknown proxy state that "
	    "may be A/AAAA/CNAME are counted; DNS-only and TXT ones are not");
	is_str(CONTENT(&r, "cloudflare_record.srv"), "(known after apply)",
	    "unknown SRV target in data: content unknown");
	is_int(r.d.n, 0, "unknown: no finding");
	done(&r);
}

static void
test_actions(void)
{
	struct run r;

	run(&r, HEAD "\"resource_changes\":[" ZONE_RC("example.com") ","
	    RC("cloudflare_record.del", "cloudflare_record", "[\"delete\"]",
	    "null", "{}") ","
	    RC("cloudflare_record.dc", "cloudflare_record",
	    "[\"delete\",\"create\"]", "{\"name\":\"dc\",\"type\":\"A\","
	    "\"content\":\"198.51.100.1\",\"proxied\":false,\"ttl\":1,"
	    "\"zone_id\":\"zid\"}", "{\"id\":true}") ","
	    RC("cloudflare_record.cd", "cloudflare_record",
	    "[\"create\",\"delete\"]", "{\"name\":\"cd\",\"type\":\"A\","
	    "\"content\":\"198.51.100.2\",\"proxied\":true,\"ttl\":1,"
	    "\"zone_id\":\"zid\"}", "{\"id\":true}") ","
	    "{\"address\":\"cloudflare_record.cd\",\"mode\":\"managed\","
	    "\"type\":\"cloudflare_record\",\"name\":\"cd\",\"deposed\":"
	    "\"0001\",\"change\":{\"actions\":[\"delete\"],\"before\":{},"
	    "\"after\":{\"name\":\"cd\",\"type\":\"A\",\"content\":\"1.2.3.4\"}"
	    ",\"after_unknown\":{}}},"
	    "{\"address\":\"data.cloudflare_record.r\",\"mode\":\"data\","
	    "\"type\":\"cloudflare_record\",\"name\":\"r\",\"change\":{"
	    "\"actions\":[\"read\"],\"before\":null,\"after\":{\"name\":\"r\","
	    "\"type\":\"A\",\"content\":\"198.51.100.3\"},"
	    "\"after_unknown\":{}}},"
	    RC("cloudflare_record.forget", "cloudflare_record", "[\"forget\"]",
	    "null", "{}")
	    "],\"planned_values\":{\"root_module\":{\"resources\":["
	    "{\"address\":\"cloudflare_record.cd\",\"mode\":\"managed\","
	    "\"type\":\"cloudflare_record\",\"name\":\"cd\",\"values\":{"
	    "\"name\":\"cd\",\"type\":\"A\",\"content\":\"198.51.100.2\","
	    "\"proxied\":true,\"ttl\":1,\"zone_id\":\"zid\"}},"
	    "{\"address\":\"cloudflare_record.extra\",\"mode\":\"managed\","
	    "\"type\":\"cloudflare_record\",\"name\":\"extra\",\"values\":{"
	    "\"name\":\"extra\",\"type\":\"A\",\"content\":\"198.51.100.4\","
	    "\"proxied\":true,\"ttl\":1,\"zone_id\":\"zid\"}}]}}}", NULL);
	is_int(r.rc, 0, "actions: read");
	ok(rec(&r, "cloudflare_record.del") == NULL, "delete: not linted");
	ok(rec(&r, "cloudflare_record.forget") == NULL, "forget: not linted");
	is_str(CONTENT(&r, "cloudflare_record.dc"), "198.51.100.1",
	    "delete-create: after linted");
	is_str(CONTENT(&r, "cloudflare_record.cd"), "198.51.100.2",
	    "create-delete: after linted, deposed object skipped");
	ok(rec(&r, "data.cloudflare_record.r") == NULL, "data source skipped");
	ok(rec(&r, "cloudflare_record.extra") != NULL,
	    "planned_values resource missing from resource_changes: linted");
	is_int(r.z->nrecs, 3, "actions: each resource once");
	done(&r);
}

static void
test_planned_values_modules(void)
{
	struct run r;

	run(&r, HEAD "\"planned_values\":{\"root_module\":{\"child_modules\":[{"
	    "\"address\":\"module.a\",\"child_modules\":[{\"address\":"
	    "\"module.a.module.b\",\"child_modules\":[{\"address\":"
	    "\"module.a.module.b.module.c\",\"resources\":["
	    "{\"address\":\"module.a.module.b.module.c.cloudflare_dns_record"
	    ".www[\\\"eu\\\"]\",\"mode\":\"managed\",\"type\":"
	    "\"cloudflare_dns_record\",\"name\":\"www\",\"index\":\"eu\","
	    "\"values\":{\"name\":\"www.eu\",\"type\":\"A\",\"content\":"
	    "\"198.51.100.10\",\"proxied\":false,\"ttl\":1,\"zone_id\":\"zid\""
	    ",\"comment\":null,\"tags\":[]}},"
	    "{\"address\":\"module.a.module.b.module.c.cloudflare_dns_record"
	    ".mx[0]\",\"mode\":\"managed\",\"type\":\"cloudflare_dns_record\","
	    "\"name\":\"mx\",\"index\":0,\"values\":{\"name\":\"@\",\"type\":"
	    "\"MX\",\"content\":\"mail.example.com\",\"priority\":10,"
	    "\"proxied\":false,\"ttl\":1,\"zone_id\":\"zid\"}},"
	    "{\"address\":\"module.a.module.b.module.c.cloudflare_dns_record"
	    ".p\",\"mode\":\"managed\",\"type\":\"cloudflare_dns_record\","
	    "\"name\":\"p\",\"values\":{\"name\":\"p\",\"type\":\"A\","
	    "\"content\":\"198.51.100.11\",\"ttl\":1,\"zone_id\":\"zid\"}}"
	    "]}]}]},{\"address\":\"module.z\",\"resources\":[{\"address\":"
	    "\"module.z.data.cloudflare_zone.this\",\"mode\":\"data\",\"type\":"
	    "\"cloudflare_zone\",\"name\":\"this\",\"values\":{\"id\":\"zid\","
	    "\"name\":\"example.com\",\"zone_id\":\"zid\"}}]}]}}}", NULL);
	is_int(r.rc, 0, "planned_values: read");
	is_int(r.z->nrecs, 3, "planned_values: three records, modules three "
	    "deep");
	is_str(OWNER(&r, "module.a.module.b.module.c.cloudflare_dns_record"
	    ".www[\"eu\"]"), "www.eu.example.com.",
	    "planned_values: for_each address kept as the pointer");
	is_str(OWNER(&r, "module.a.module.b.module.c.cloudflare_dns_record"
	    ".mx[0]"), "example.com.", "planned_values: count address");
	is_int(proxy_of(&r, "module.a.module.b.module.c.cloudflare_dns_record"
	    ".p"), PL_PROXY_UNKNOWN,
	    "planned_values: a missing proxied is unknown");
	is_str(r.z->origin, "example.com.",
	    "planned_values: zone from a data source in a module");
	done(&r);
}

static void
test_state(void)
{
	struct run r;

	run(&r, "{\"format_version\":\"1.0\",\"terraform_version\":\"1.9.8\","
	    "\"values\":{\"root_module\":{\"resources\":[{\"address\":"
	    "\"cloudflare_record.www\",\"mode\":\"managed\",\"type\":"
	    "\"cloudflare_record\",\"name\":\"www\",\"values\":{\"name\":"
	    "\"www\",\"hostname\":\"www.example.org\",\"type\":\"A\","
	    "\"content\":\"198.51.100.5\",\"proxied\":true,\"ttl\":1,"
	    "\"zone_id\":\"other\"}}]}}}", NULL);
	is_int(r.rc, 0, "state: read");
	is_str(OWNER(&r, "cloudflare_record.www"), "www.example.org.",
	    "state (terraform show -json without a plan): read; with no zone "
	    "the v4 hostname gives the name");
	done(&r);
}

static void
test_zones(void)
{
	struct run r;
	const struct pl_diag *g;
	const char *two =
	    HEAD "\"resource_changes\":["
	    V5("cloudflare_dns_record.a", "{\"name\":\"www\",\"type\":\"A\","
	    "\"content\":\"198.51.100.1\",\"proxied\":true,\"ttl\":1,"
	    "\"zone_id\":\"id-org\"}") ","
	    V5("cloudflare_dns_record.b", "{\"name\":\"WWW.Example.COM\","
	    "\"type\":\"A\",\"content\":\"198.51.100.2\",\"proxied\":true,"
	    "\"ttl\":1,\"zone_id\":\"id-com\"}") ","
	    V5("cloudflare_dns_record.c", "{\"name\":\"x\",\"type\":\"A\","
	    "\"content\":\"198.51.100.3\",\"proxied\":true,\"ttl\":1,"
	    "\"zone_id\":\"id-net\"}") ","
	    V5("cloudflare_dns_record.d", "{\"name\":\"abs.example.net.\","
	    "\"type\":\"A\",\"content\":\"198.51.100.4\",\"proxied\":true,"
	    "\"ttl\":1,\"zone_id\":\"id-net\"}") ","
	    V5("cloudflare_dns_record.e", "{\"name\":\"www\",\"type\":"
	    "\"CNAME\",\"content\":\"@\",\"proxied\":true,\"ttl\":1,"
	    "\"zone_id\":\"id-org\"}")
	    "],\"prior_state\":{\"values\":{\"root_module\":{\"resources\":["
	    "{\"address\":\"data.cloudflare_zone.com\",\"mode\":\"data\","
	    "\"type\":\"cloudflare_zone\",\"name\":\"com\",\"values\":{"
	    "\"id\":\"id-com\",\"name\":\"example.com\"}},"
	    "{\"address\":\"data.cloudflare_zone.org\",\"mode\":\"data\","
	    "\"type\":\"cloudflare_zone\",\"name\":\"org\",\"values\":{"
	    "\"zone_id\":\"id-org\",\"name\":\"example.org\"}}]}}}}";

	run(&r, two, NULL);
	is_int(r.rc, 0, "zones: read");
	is_str(OWNER(&r, "cloudflare_dns_record.a"), "www.example.org.",
	    "zones: zone found by zone_id");
	is_str(OWNER(&r, "cloudflare_dns_record.b"), "www.example.com.",
	    "zones: fully qualified name, any case");
	ok(rec(&r, "cloudflare_dns_record.c") == NULL,
	    "zones: relative name, zone_id of no zone in the plan: skipped");
	g = finding(&r, "syntax-error", "cloudflare_dns_record.c");
	ok(g != NULL && strstr(g->message, "relative name 'x' and no zone") !=
	    NULL, "zones: ... with a syntax-error finding on its address");
	is_str(OWNER(&r, "cloudflare_dns_record.d"), "abs.example.net.",
	    "zones: a trailing dot is absolute");
	is_str(TARGET(&r, "cloudflare_dns_record.e"), "example.org.",
	    "zones: CNAME target '@' is the zone");
	is_str(r.z->origin, NULL, "zones: two zones, no single origin");
	done(&r);

	run(&r, two, "example.net");
	is_str(OWNER(&r, "cloudflare_dns_record.a"), "www.example.net.",
	    "--origin wins over the plan's zones");
	is_str(r.z->origin, "example.net.", "--origin sets the origin");
	is_int(r.d.n, 0, "--origin: no finding");
	done(&r);

	/* One zone in the plan, whose id is not the record's. */
	run(&r, HEAD "\"resource_changes\":[" ZONE_RC("example.com") ","
	    V5("cloudflare_dns_record.a", "{\"name\":\"www\",\"type\":\"A\","
	    "\"content\":\"198.51.100.1\",\"proxied\":true,\"ttl\":1,"
	    "\"zone_id\":\"elsewhere\"}") ","
	    V5("cloudflare_dns_record.b", "{\"name\":\"www.example.com\","
	    "\"type\":\"A\",\"content\":\"198.51.100.1\",\"proxied\":true,"
	    "\"ttl\":1,\"zone_id\":\"elsewhere\"}") "]}", NULL);
	ok(finding(&r, "syntax-error", "cloudflare_dns_record.a") != NULL,
	    "zones: the only zone is not used for another zone_id");
	is_str(OWNER(&r, "cloudflare_dns_record.b"), "www.example.com.",
	    "zones: with no zone, a name with dots is taken as it is");
	done(&r);
}

static void
test_syntax_errors(void)
{
	struct run r;
	const struct pl_diag *g;

	run(&r, HEAD "\"resource_changes\":[" ZONE_RC("example.com") ","
	    V5("cloudflare_dns_record.ok1", "{\"name\":\"a\",\"type\":\"A\","
	    "\"content\":\"198.51.100.1\",\"proxied\":true,\"ttl\":1}") ","
	    V5("cloudflare_dns_record.addr", "{\"name\":\"b\",\"type\":\"A\","
	    "\"content\":\"203.0.113.300\",\"proxied\":true,\"ttl\":1}") ","
	    V5("cloudflare_dns_record.blank", "{\"name\":\"c\",\"type\":\"A\","
	    "\"content\":\"1.2.3.4 ; x\",\"proxied\":true,\"ttl\":1}") ","
	    V5("cloudflare_dns_record.prio", "{\"name\":\"@\",\"type\":\"MX\","
	    "\"content\":\"mx.example.com\",\"priority\":70000,\"ttl\":1}") ","
	    V5("cloudflare_dns_record.ttl", "{\"name\":\"d\",\"type\":\"A\","
	    "\"content\":\"198.51.100.1\",\"ttl\":-5}") ","
	    V5("cloudflare_dns_record.type", "{\"name\":\"e\",\"type\":"
	    "\"NOPE\",\"content\":\"x\",\"ttl\":1}") ","
	    V5("cloudflare_dns_record.flag", "{\"name\":\"f\",\"type\":\"A\","
	    "\"content\":\"198.51.100.1\",\"proxied\":\"yes\",\"ttl\":1}") ","
	    V5("cloudflare_dns_record.name", "{\"name\":\"my host\",\"type\":"
	    "\"A\",\"content\":\"198.51.100.1\",\"ttl\":1}") ","
	    V5("cloudflare_dns_record.noname", "{\"name\":null,\"type\":\"A\","
	    "\"content\":\"198.51.100.1\",\"ttl\":1}") ","
	    V5("cloudflare_dns_record.ok2", "{\"name\":\"g\",\"type\":\"A\","
	    "\"content\":\"198.51.100.2\",\"proxied\":true,\"ttl\":1}")
	    "]}", NULL);
	is_int(r.rc, 0, "syntax: read on");
	is_int(r.z->nrecs, 2, "syntax: the valid records are kept");
	is_int(r.d.n, 8, "syntax: one finding per invalid resource");
	g = finding(&r, "syntax-error", "cloudflare_dns_record.addr");
	ok(g != NULL && g->line == 0 && g->name != NULL &&
	    strcmp(g->name, "b.example.com.") == 0 && g->type != NULL &&
	    strcmp(g->type, "A") == 0, "syntax: invalid A address, with the "
	    "name, type and address");
	ok(finding(&r, "syntax-error", "cloudflare_dns_record.blank") != NULL,
	    "syntax: ';' in an address is not a comment");
	ok(finding(&r, "syntax-error", "cloudflare_dns_record.prio") != NULL,
	    "syntax: MX priority out of range");
	ok(finding(&r, "syntax-error", "cloudflare_dns_record.ttl") != NULL,
	    "syntax: negative TTL");
	ok(finding(&r, "syntax-error", "cloudflare_dns_record.type") != NULL,
	    "syntax: unknown type");
	ok(finding(&r, "syntax-error", "cloudflare_dns_record.flag") != NULL,
	    "syntax: proxied not a boolean");
	ok(finding(&r, "syntax-error", "cloudflare_dns_record.name") != NULL,
	    "syntax: blank in a name");
	ok(finding(&r, "syntax-error", "cloudflare_dns_record.noname") != NULL,
	    "syntax: null name");
	/* The findings sort between the records around them. */
	pl_diags_sort(&r.d);
	ok(r.d.n > 0 &&
	    strcmp(r.d.v[0].pointer, "cloudflare_dns_record.addr") == 0 &&
	    strcmp(r.d.v[r.d.n - 1].pointer, "cloudflare_dns_record.noname")
	    == 0, "syntax: findings in plan order");
	done(&r);
}

static void
test_not_a_plan(void)
{
	static const char *bad[] = {
		"{\"format_version\":\"1.0\",\"terraform_version\":\"1.9.8\"}",
		"{\"format_version\":\"1.0\",",
		"[{\"format_version\":\"1.0\"}]",
		"",
		"\"format_version\"",
		NULL,
	};
	struct run r;

	for (int i = 0; bad[i] != NULL; i++) {
		run(&r, bad[i], NULL);
		is_int(r.rc, PL_EINPUT, "not a plan %d: PL_EINPUT", i);
		is_int(r.z->nrecs, 0, "not a plan %d: no record", i);
		done(&r);
	}
	/* A byte order mark, an empty plan, odd shapes: no crash, no record. */
	run(&r, "\xef\xbb\xbf" HEAD "\"planned_values\":{},"
	    "\"resource_changes\":[]}", NULL);
	is_int(r.rc, 0, "empty plan with a BOM: read");
	is_int(r.z->nrecs + r.d.n, 0, "empty plan: nothing");
	done(&r);
	run(&r, HEAD "\"resource_changes\":{\"a\":1},\"planned_values\":{"
	    "\"root_module\":{\"resources\":[1,\"x\",{\"type\":"
	    "\"cloudflare_record\"}],\"child_modules\":{}}},\"prior_state\":7}",
	    NULL);
	is_int(r.rc, 0, "odd shapes: read");
	is_int(r.z->nrecs, 0, "odd shapes: no record");
	done(&r);
	run(&r, HEAD "\"resource_changes\":[{\"address\":"
	    "\"cloudflare_record.x\",\"type\":\"cloudflare_record\","
	    "\"change\":{\"actions\":[\"create\"],\"after\":{\"name\":5,"
	    "\"type\":[],\"ttl\":\"1\",\"data\":7,\"tags\":{}},"
	    "\"after_unknown\":[true]}}]}", NULL);
	is_int(r.rc, 0, "wrong types: read");
	is_int(r.z->nrecs, 0, "wrong types: no record");
	is_int(r.d.n, 1, "wrong types: one finding");
	done(&r);
}

int
main(void)
{
	rs = pl_ruleset_new();
	if (rs == NULL) {
		printf("Bail out! no built-in rules\n");
		return 1;
	}
	test_v4_basic();
	test_v4_value_and_data_list();
	test_v5();
	test_unknowns();
	test_actions();
	test_planned_values_modules();
	test_state();
	test_zones();
	test_syntax_errors();
	test_not_a_plan();
	pl_ruleset_free(rs);
	return tap_done();
}
