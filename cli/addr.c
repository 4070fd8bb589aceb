/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsing of the values the command line carries: numbers, service and
 * server addresses, fwmarks, netmasks, scheduler flags, tunnel types.
 * Each follows the reference's rules, including its name lookups.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "cli/addr.h"
#include "print/list_fmt.h"

long parse_number(const char *s, long min, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*end != '\0' || end == s || errno == ERANGE)
		return -1;
	if (n < min || n > max)
		return -1;
	return n;
}

static int all_digits(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int port_by_name(const char *name, uint16_t protocol)
{
	const char *proto;
	struct servent *se;

	switch (protocol) {
	case IPPROTO_TCP:
		proto = "tcp";
		break;
	case IPPROTO_UDP:
		proto = "udp";
		break;
	case IPPROTO_SCTP:
		proto = "sctp";
		break;
	default:
		return -1;
	}
	se = getservbyname(name, proto);
	return se ? ntohs((uint16_t)se->s_port) : -1;
}

static int ipv4_by_name(const char *name, struct in_addr *out)
{
	struct hostent *he = gethostbyname(name);

	if (!he || he->h_addrtype != AF_INET || !he->h_addr_list[0])
		return -1;
	memcpy(out, he->h_addr_list[0], sizeof(*out));
	return 0;
}

/* Up to 3 decimal digits without a leading zero, at most 255: a part
 * inet_aton reads the same way.  Returns the end, or NULL. */
static const char *dotted_part(const char *p, unsigned int *v)
{
	unsigned int n = 0;
	int digits = 0;

	while (*p >= '0' && *p <= '9' && digits < 4) {
		n = n * 10 + (unsigned int)(*p++ - '0');
		digits++;
	}
	if (!digits || digits > 3 || n > 255 || (digits > 1 && p[-digits] == '0'))
		return NULL;
	*v = n;
	return p;
}

/*
 * The common case, "a.b.c.d" or "a.b.c.d:port" in plain decimal, read
 * without the general path's copies and library calls (a restore parses
 * two addresses a line).  Returns what parse_service_addr() would, or 0
 * for anything else (octal, hex, short forms, names, IPv6), which the
 * general path then reads.
 */
static int plain_ipv4(const char *text, struct service_addr *out)
{
	unsigned int part[4], port = 0;
	const char *p = text;
	int i, digits = 0;

	for (i = 0; i < 4; i++) {
		if (i && *p++ != '.')
			return 0;
		p = dotted_part(p, &part[i]);
		if (!p)
			return 0;
	}
	if (*p == ':') {
		for (p++; *p >= '0' && *p <= '9' && digits < 6; p++, digits++)
			port = port * 10 + (unsigned int)(*p - '0');
		if (!digits || digits > 5 || port > 65535)
			return 0;
	}
	if (*p != '\0')
		return 0;
	memset(&out->addr, 0, sizeof(out->addr));
	out->addr.v4.s_addr = htonl(part[0] << 24 | part[1] << 16 |
				    part[2] << 8 | part[3]);
	out->af = AF_INET;
	if (!digits)
		return SERVICE_ADDR;
	out->port = (uint16_t)port;
	return SERVICE_ADDR | SERVICE_PORT;
}

/*
 * "[v6]:port", "v6", "v4[:port]" or "host[:port]", as the reference
 * reads them: a bare IPv6 address has no port; names resolve to IPv4.
 */
int parse_service_addr(const char *text, uint16_t protocol,
		       struct service_addr *out)
{
	char buf[4096];
	char *host = buf, *port = NULL;
	struct in_addr a4;
	long n;
	int plain = plain_ipv4(text, out);

	if (plain)
		return plain;
	if (strlen(text) >= sizeof(buf) || all_digits(text))
		return SERVICE_NONE;
	strcpy(buf, text);

	if (host[0] == '[') {
		char *close = strchr(++host, ']');

		if (!close || close[1] != ':')
			return SERVICE_NONE;
		*close = '\0';
		port = close + 2;
	}
	if (inet_pton(AF_INET6, host, &out->addr.v6) > 0) {
		out->af = AF_INET6;
	} else {
		char *colon = strrchr(host, ':');

		if (colon) {
			*colon = '\0';
			port = colon + 1;
		}
		if (!inet_aton(host, &a4) && ipv4_by_name(host, &a4))
			return SERVICE_NONE;
		memset(&out->addr, 0, sizeof(out->addr));
		out->addr.v4 = a4;
		out->af = AF_INET;
	}
	if (!port)
		return SERVICE_ADDR;

	n = parse_number(port, 0, 65535);
	if (n < 0)
		n = port_by_name(port, protocol);
	if (n < 0)
		return SERVICE_NONE;
	out->port = (uint16_t)n;
	return SERVICE_ADDR | SERVICE_PORT;
}

int parse_fwmark(const char *text, uint32_t *mark)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(text, &end, 10);
	if (*end != '\0' || end == text || errno == ERANGE ||
	    n == 0 || n > UINT32_MAX || text[0] == '-')
		return -1;
	*mark = (uint32_t)n;
	return 0;
}

int parse_ipv4_netmask(const char *text, uint32_t *mask)
{
	struct in_addr a;

	if (!inet_aton(text, &a))
		return -1;
	*mask = a.s_addr;
	return 0;
}

struct sched_flag {
	const char *name;
	uint32_t flag;
	const char *only_with;	/* the scheduler the flag belongs to */
};

static const struct sched_flag sched_flags[] = {
	{ "flag-1", IP_VS_SVC_F_SCHED1, NULL },
	{ "flag-2", IP_VS_SVC_F_SCHED2, NULL },
	{ "flag-3", IP_VS_SVC_F_SCHED3, NULL },
	{ "sh-fallback", IP_VS_SVC_F_SCHED_SH_FALLBACK, "sh" },
	{ "sh-port", IP_VS_SVC_F_SCHED_SH_PORT, "sh" },
	{ "mh-fallback", IP_VS_SVC_F_SCHED1, "mh" },
	{ "mh-port", IP_VS_SVC_F_SCHED2, "mh" },
};

int parse_sched_flags(const char *sched, const char *text, uint32_t *flags,
		      char *bad, size_t badlen, int *incompatible)
{
	char buf[128];
	char *save = NULL, *word;
	size_t i;

	snprintf(buf, sizeof(buf), "%s", text);
	*flags = 0;
	for (word = strtok_r(buf, ",", &save); word;
	     word = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(sched_flags) / sizeof(sched_flags[0]); i++)
			if (!strcmp(word, sched_flags[i].name))
				break;
		snprintf(bad, badlen, "%s", word);
		if (i == sizeof(sched_flags) / sizeof(sched_flags[0])) {
			*incompatible = 0;
			return -1;
		}
		if (sched_flags[i].only_with &&
		    strcmp(sched, sched_flags[i].only_with)) {
			*incompatible = 1;
			return -1;
		}
		*flags |= sched_flags[i].flag;
	}
	return 0;
}

int parse_tun_type(const char *text)
{
	unsigned int t;

	/* The names are the printers' (tun_type_name), so -S output
	 * always parses back. */
	for (t = 0; strcmp(tun_type_name(t), "unknown"); t++)
		if (!strcmp(text, tun_type_name(t)))
			return (int)t;
	return -1;
}
