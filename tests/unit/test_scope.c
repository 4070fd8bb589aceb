/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Scopes (cli/scope.c): the grammar, as a table of texts and whether they
 * parse, and which services a scope covers, as a table of scope, service
 * and answer.
 */
#include <arpa/inet.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/scope.h"
#include "unit.h"

static const struct { const char *text; int ok; } grammar[] = {
	{ "tcp:10.0.0.0/24:80", 1 }, { "10.0.0.1", 1 }, { "*", 1 },
	{ "*:80-90", 1 }, { "udp:*:53", 1 }, { "sctp:[2001:db8::]/64:1-100", 1 },
	{ "[::1]", 1 }, { "fwmark:5", 1 }, { "fwmark:1-4294967295", 1 },
	{ "listed", 1 }, { "listed,tcp:10.0.0.1:80,fwmark:3", 1 },
	{ "", 0 }, { ",", 0 }, { "tcp:", 0 }, { "10.0.0.0/33", 0 },
	{ "[2001:db8::]/129", 0 }, { "10.0.0.1:65536", 0 }, { "10.0.0.1:90-80", 0 },
	{ "fwmark:0", 0 }, { "fwmark:", 0 }, { "fwmark:4294967296", 0 },
	{ "icmp:10.0.0.1", 0 }, { "10.0.0.1:", 0 }, { "10.0.0.1:-5", 0 },
	{ "[2001:db8::", 0 }, { "2001:db8::1", 0 }, { "10.0.0.1,", 0 },
	{ "tcp:10.0.0.1/:80", 0 }, { "listedx", 0 },
};

static struct ipvs_service svc(const char *proto, const char *addr,
			       unsigned int port, unsigned int mark)
{
	struct ipvs_service s = { 0 };

	s.protocol = !strcmp(proto, "udp") ? IPPROTO_UDP : IPPROTO_TCP;
	s.af = strchr(addr, ':') ? AF_INET6 : AF_INET;
	inet_pton(s.af, addr, &s.addr);
	s.port = (uint16_t)port;
	s.fwmark = mark;
	if (mark)
		s.protocol = 0;
	return s;
}

static const struct {
	const char *scope, *proto, *addr;
	unsigned int port, mark;
	int covered;
} cover[] = {
	{ "tcp:10.0.0.0/24:80", "tcp", "10.0.0.7", 80, 0, 1 },
	{ "tcp:10.0.0.0/24:80", "tcp", "10.0.1.7", 80, 0, 0 },
	{ "tcp:10.0.0.0/24:80", "tcp", "10.0.0.7", 81, 0, 0 },
	{ "tcp:10.0.0.0/24:80", "udp", "10.0.0.7", 80, 0, 0 },
	{ "10.0.0.0/23", "udp", "10.0.1.255", 53, 0, 1 },
	{ "10.0.0.0/23", "udp", "10.0.2.0", 53, 0, 0 },
	{ "10.128.0.0/9", "tcp", "10.200.0.1", 1, 0, 1 },
	{ "10.128.0.0/9", "tcp", "10.127.0.1", 1, 0, 0 },
	{ "0.0.0.0/0", "tcp", "192.0.2.1", 443, 0, 1 },
	{ "0.0.0.0/0", "tcp", "2001:db8::1", 443, 0, 0 },
	{ "*", "tcp", "2001:db8::1", 443, 0, 1 },
	{ "*:8000-8099", "tcp", "192.0.2.1", 8099, 0, 1 },
	{ "*:8000-8099", "tcp", "192.0.2.1", 8100, 0, 0 },
	{ "[2001:db8::]/33", "tcp", "2001:db8:7fff::1", 80, 0, 1 },
	{ "[2001:db8::]/33", "tcp", "2001:db8:8000::1", 80, 0, 0 },
	{ "fwmark:5-9", "tcp", "0.0.0.0", 0, 9, 1 },
	{ "fwmark:5-9", "tcp", "0.0.0.0", 0, 10, 0 },
	{ "*", "tcp", "0.0.0.0", 0, 7, 0 },
	{ "fwmark:7", "tcp", "10.0.0.1", 80, 0, 0 },
	{ "listed", "tcp", "10.0.0.1", 80, 0, 0 },
	{ "tcp:10.0.0.1:80,fwmark:3", "tcp", "0.0.0.0", 0, 3, 1 },
};

int main(void)
{
	struct ipvs_scope sc;
	char why[256];
	size_t i;

	for (i = 0; i < sizeof(grammar) / sizeof(grammar[0]); i++) {
		int r = scope_parse(grammar[i].text, &sc, why, sizeof(why));

		CHECK((r == 0) == grammar[i].ok, "scope `%s' %s", grammar[i].text,
		      grammar[i].ok ? "parses" : "is refused");
	}
	for (i = 0; i < sizeof(cover) / sizeof(cover[0]); i++) {
		struct ipvs_service s = svc(cover[i].proto, cover[i].addr,
					    cover[i].port, cover[i].mark);

		scope_parse(cover[i].scope, &sc, why, sizeof(why));
		CHECK(scope_covers(&sc, &s) == cover[i].covered,
		      "`%s' %s %s %s:%u mark %u", cover[i].scope,
		      cover[i].covered ? "covers" : "does not cover",
		      cover[i].proto, cover[i].addr, cover[i].port, cover[i].mark);
	}
	scope_parse("listed", &sc, why, sizeof(why));
	CHECK(sc.listed && sc.len == 0, "listed sets the flag, no item");
	CHECK(scope_parse("x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x", &sc, why, sizeof(why)) < 0,
	      "a bad item among many is refused");
	UNIT_EXIT();
}
