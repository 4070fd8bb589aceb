/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Scopes: their grammar (cli/scope.h) and which services they cover.
 * Pure logic, no kernel: the parser checks a scope where it is written,
 * so a bad one is reported with its line like any other bad option.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/scope.h"

/* A whole number lo..hi, the full word; -1 otherwise. */
static long long scope_number(const char *s, size_t n, long long hi)
{
	char buf[16], *end;
	long long v;

	if (!n || n >= sizeof(buf) || s[0] < '0' || s[0] > '9')
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (errno || *end || v > hi)
		return -1;
	return v;
}

/* "N" or "N-M" within 0..hi into lo/hi_out; 0 or -1. */
static int scope_range(const char *s, size_t n, long long min, long long hi,
		       uint32_t *lo_out, uint32_t *hi_out)
{
	const char *dash = memchr(s, '-', n);
	long long lo, up;

	lo = scope_number(s, dash ? (size_t)(dash - s) : n, hi);
	up = dash ? scope_number(dash + 1, n - (size_t)(dash + 1 - s), hi) : lo;
	if (lo < min || up < lo)
		return -1;
	*lo_out = (uint32_t)lo;
	*hi_out = (uint32_t)up;
	return 0;
}

/* The address part: "*", "[IPv6]" or IPv4, then "/PREFIX".  Returns
 * the characters used, or 0 when bad. */
static size_t scope_address(const char *s, size_t n, struct scope_item *it)
{
	char buf[64];
	size_t used, alen;
	const char *a = s;
	long long plen;
	int bits;

	if (n && s[0] == '*')
		return 1;
	if (n && s[0] == '[') {
		const char *close = memchr(s, ']', n);

		if (!close)
			return 0;
		a = s + 1;
		alen = (size_t)(close - a);
		used = alen + 2;
		it->af = AF_INET6;
	} else {
		alen = strcspn(s, "/:");
		alen = alen < n ? alen : n;
		used = alen;
		it->af = AF_INET;
	}
	if (!alen || alen >= sizeof(buf))
		return 0;
	memcpy(buf, a, alen);
	buf[alen] = '\0';
	if (inet_pton(it->af, buf, &it->addr) != 1)
		return 0;
	bits = it->af == AF_INET6 ? 128 : 32;
	it->prefix = (uint8_t)bits;
	if (used < n && s[used] == '/') {
		size_t plen_len = strcspn(s + used + 1, ":");

		plen_len = plen_len < n - used - 1 ? plen_len : n - used - 1;
		plen = scope_number(s + used + 1, plen_len, bits);
		if (plen < 0)
			return 0;
		it->prefix = (uint8_t)plen;
		used += 1 + plen_len;
	}
	return used;
}

static const struct { const char *name; uint16_t protocol; } scope_protocols[] = {
	{ "tcp:", IPPROTO_TCP }, { "udp:", IPPROTO_UDP }, { "sctp:", IPPROTO_SCTP },
};

static int scope_item_parse(const char *s, size_t n, struct ipvs_scope *sc)
{
	struct scope_item *it = &sc->item[sc->len];
	uint32_t lo, hi;
	size_t i, used;

	memset(it, 0, sizeof(*it));
	if (n == 6 && !memcmp(s, "listed", 6)) {
		sc->listed = 1;
		return 0;
	}
	if (n > 7 && !memcmp(s, "fwmark:", 7)) {
		it->fwmark = 1;
		sc->len++;
		return scope_range(s + 7, n - 7, 1, UINT32_MAX, &it->mark_lo,
				   &it->mark_hi);
	}
	for (i = 0; i < sizeof(scope_protocols) / sizeof(scope_protocols[0]); i++) {
		size_t plen = strlen(scope_protocols[i].name);

		if (n > plen && !memcmp(s, scope_protocols[i].name, plen)) {
			it->protocol = scope_protocols[i].protocol;
			s += plen;
			n -= plen;
			break;
		}
	}
	used = scope_address(s, n, it);
	if (!used)
		return -1;
	it->port_lo = 0;
	it->port_hi = UINT16_MAX;
	if (used < n) {
		if (s[used] != ':' ||
		    scope_range(s + used + 1, n - used - 1, 0, UINT16_MAX, &lo, &hi))
			return -1;
		it->port_lo = (uint16_t)lo;
		it->port_hi = (uint16_t)hi;
	}
	sc->len++;
	return 0;
}

int scope_parse(const char *text, struct ipvs_scope *sc, char *why,
		size_t len)
{
	const char *s = text;

	memset(sc, 0, sizeof(*sc));
	snprintf(sc->text, sizeof(sc->text), "%s", text);
	if (!*s) {
		snprintf(why, len, "empty scope");
		return -1;
	}
	for (;;) {
		size_t n = strcspn(s, ",");

		if (sc->len == SCOPE_MAX_ITEMS) {
			snprintf(why, len, "a scope has at most %d items",
				 SCOPE_MAX_ITEMS);
			return -1;
		}
		if (scope_item_parse(s, n, sc)) {
			snprintf(why, len,
				 "illegal scope item `%.*s': [tcp:|udp:|sctp:]ADDRESS[/PREFIX][:PORT[-PORT]], fwmark:MARK[-MARK] or listed",
				 (int)(n > 100 ? 100 : n), s);
			return -1;
		}
		if (!s[n])
			return 0;
		s += n + 1;
	}
}

static int prefix_matches(int af, const union ipvs_addr *a,
			  const union ipvs_addr *net, unsigned int prefix)
{
	const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)net;
	unsigned int whole = prefix / 8, rest = prefix % 8;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));

	(void)af;
	if (memcmp(x, y, whole))
		return 0;
	return !rest || ((x[whole] ^ y[whole]) & mask) == 0;
}

static int item_covers(const struct scope_item *it,
		       const struct ipvs_service *svc)
{
	if (it->fwmark || svc->fwmark)
		return it->fwmark && svc->fwmark && svc->fwmark >= it->mark_lo &&
		       svc->fwmark <= it->mark_hi;
	if (it->protocol && it->protocol != svc->protocol)
		return 0;
	if (svc->port < it->port_lo || svc->port > it->port_hi)
		return 0;
	if (!it->af)
		return 1;
	return it->af == svc->af &&
	       prefix_matches(svc->af, &svc->addr, &it->addr, it->prefix);
}

int scope_covers(const struct ipvs_scope *sc, const struct ipvs_service *svc)
{
	size_t i;

	for (i = 0; i < sc->len; i++)
		if (item_covers(&sc->item[i], svc))
			return 1;
	return 0;
}
