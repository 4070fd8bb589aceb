/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pure formatting pieces of the listings.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "print/format.h"
#include "print/list_fmt.h"

const char *fwd_name(uint32_t conn_flags)
{
	switch (conn_flags & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_MASQ: return "Masq";
	case IP_VS_CONN_F_LOCALNODE: return "Local";
	case IP_VS_CONN_F_TUNNEL: return "Tunnel";
	case IP_VS_CONN_F_DROUTE: return "Route";
	}
	return "Unknown";
}

const char *fwd_switch(uint32_t conn_flags)
{
	switch (conn_flags & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_MASQ: return "-m";
	case IP_VS_CONN_F_TUNNEL: return "-i";
	}
	return "-g";
}

const char *proto_name(uint16_t protocol)
{
	switch (protocol) {
	case IPPROTO_TCP: return "TCP";
	case IPPROTO_UDP: return "UDP";
	case IPPROTO_SCTP: return "SCTP";
	}
	return "UNKNOWN";
}

const char *proto_switch(uint16_t protocol)
{
	switch (protocol) {
	case IPPROTO_TCP: return "-t";
	case IPPROTO_UDP: return "-u";
	case IPPROTO_SCTP: return "--sctp-service";
	}
	return "--xxx-service";
}

int svc_has_sched_flags(uint32_t flags)
{
	return (flags & (IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 |
			 IP_VS_SVC_F_SCHED3)) != 0;
}

void fmt_sched_flags(char *buf, size_t len, const char *sched, uint32_t flags)
{
	const char *names[3] = { "flag-1", "flag-2", "flag-3" };
	static const uint32_t bits[3] = {
		IP_VS_SVC_F_SCHED1, IP_VS_SVC_F_SCHED2, IP_VS_SVC_F_SCHED3
	};
	size_t used = 0;
	int i;

	/* sh and mh name their two flags and leave the third unnamed. */
	int nflags = 3;

	if (!strcmp(sched, "sh")) {
		names[0] = "sh-fallback";
		names[1] = "sh-port";
		nflags = 2;
	} else if (!strcmp(sched, "mh")) {
		names[0] = "mh-fallback";
		names[1] = "mh-port";
		nflags = 2;
	}
	if (len)
		buf[0] = '\0';
	for (i = 0; i < nflags; i++) {
		int n;

		if (!(flags & bits[i]))
			continue;
		n = snprintf(buf + used, len > used ? len - used : 0, "%s%s",
			     used ? "," : "", names[i]);
		if (n < 0 || used + (size_t)n >= len)
			break;
		used += (size_t)n;
	}
}

int fmt_largenum(char *buf, size_t len, unsigned long long v,
		 unsigned int format)
{
	if (format & FMT_EXACT) {
		int w = (int)snprintf(NULL, 0, "%llu", v);

		return snprintf(buf, len, "%*llu", w <= 8 ? 9 : w + 1, v);
	}
	if (v < 100000000ULL)
		return snprintf(buf, len, "%9llu", v);
	if (v < 1000000000ULL)
		return snprintf(buf, len, "%8lluK", v / 1000ULL);
	if (v < 100000000000ULL)
		return snprintf(buf, len, "%8lluM", v / 1000000ULL);
	if (v < 100000000000000ULL)
		return snprintf(buf, len, "%8lluG", v / 1000000000ULL);
	return snprintf(buf, len, "%8lluT", v / 1000000000000ULL);
}

static const char *tun_type_word(uint8_t type)
{
	switch (type) {
	case IP_VS_CONN_F_TUNNEL_TYPE_IPIP: return "ipip";
	case IP_VS_CONN_F_TUNNEL_TYPE_GUE: return "gue";
	case IP_VS_CONN_F_TUNNEL_TYPE_GRE: return "gre";
	}
	return "unknown";
}

static const char *tun_csum_word(uint16_t tun_flags)
{
	if (tun_flags & IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM)
		return "r+c";
	if (tun_flags & IP_VS_TUNNEL_ENCAP_FLAG_CSUM)
		return "+c";
	return "-c";
}

const char *tun_csum_switch(uint16_t tun_flags)
{
	if (tun_flags & IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM)
		return "--tun-remcsum";
	if (tun_flags & IP_VS_TUNNEL_ENCAP_FLAG_CSUM)
		return "--tun-csum";
	return "--tun-nocsum";
}

void fmt_tun_info(char *buf, size_t len, const struct ipvs_dest *d)
{
	if ((d->conn_flags & IP_VS_CONN_F_FWD_MASK) != IP_VS_CONN_F_TUNNEL) {
		snprintf(buf, len, "n/a");
		return;
	}
	switch (d->tun_type) {
	case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
		snprintf(buf, len, "%s:%d:%s", tun_type_word(d->tun_type),
			 d->tun_port, tun_csum_word(d->tun_flags));
		break;
	case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
		snprintf(buf, len, "%s:%s", tun_type_word(d->tun_type),
			 tun_csum_word(d->tun_flags));
		break;
	default:
		snprintf(buf, len, "%s", tun_type_word(d->tun_type));
		break;
	}
}

/* Copy the next blank-separated word of *p into out (at most len - 1
 * characters); returns 0 when there is none. */
static int next_word(const char **p, char *out, size_t len)
{
	const char *s = *p;
	size_t n = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
	       *s == '\v' || *s == '\f')
		s++;
	if (!*s)
		return 0;
	while (*s && !(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		       *s == '\v' || *s == '\f')) {
		if (n + 1 < len)
			out[n++] = *s;
		s++;
	}
	out[n] = '\0';
	*p = s;
	return 1;
}

static int hex_word(const char *w, uint16_t *v)
{
	char *end;
	unsigned long x;

	if (!*w)
		return 0;
	x = strtoul(w, &end, 16);
	if (end == w)
		return 0;
	*v = (uint16_t)x;
	return 1;
}

static void conn_addr(const char *w, int af, union ipvs_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (af == AF_INET6) {
		inet_pton(AF_INET6, w, &a->v6);
	} else if (inet_pton(AF_INET, w, &a->v4) <= 0) {
		a->v4.s_addr = htonl((uint32_t)strtoul(w, NULL, 16));
	}
}

int conn_parse_line(const char *line, struct conn_line *c)
{
	char w[7][256];
	const char *p = line;
	int n = 0;

	memset(c, 0, sizeof(*c));
	c->af = AF_INET;
	/* protocol, caddr, cport, vaddr, vport, daddr, dport, state,
	 * expires, pe name, pe data: stop at the first that is missing. */
	if (!next_word(&p, c->protocol, sizeof(c->protocol))) {
		c->fields = -1;
		return -1;
	}
	n = 1;
	do {
		if (!next_word(&p, w[0], sizeof(w[0])))
			break;
		n++;
		if (!next_word(&p, w[1], sizeof(w[1])) || !hex_word(w[1], &c->cport))
			break;
		n++;
		if (!next_word(&p, w[2], sizeof(w[2])))
			break;
		n++;
		if (!next_word(&p, w[3], sizeof(w[3])) || !hex_word(w[3], &c->vport))
			break;
		n++;
		if (!next_word(&p, w[4], sizeof(w[4])))
			break;
		n++;
		if (!next_word(&p, w[5], sizeof(w[5])) || !hex_word(w[5], &c->dport))
			break;
		n++;
		if (!next_word(&p, c->state, sizeof(c->state)))
			break;
		n++;
		if (!next_word(&p, w[6], sizeof(w[6])))
			break;
		c->expires = atoi(w[6]);
		n++;
		if (!next_word(&p, c->pe_name, sizeof(c->pe_name)))
			break;
		n++;
		if (!next_word(&p, c->pe_data, sizeof(c->pe_data)))
			break;
		n++;
	} while (0);
	c->fields = n;

	if (!strcmp(c->protocol, "TCP"))
		c->proto = IPPROTO_TCP;
	else if (!strcmp(c->protocol, "UDP"))
		c->proto = IPPROTO_UDP;
	else if (!strcmp(c->protocol, "SCTP"))
		c->proto = IPPROTO_SCTP;

	if (n >= 2) {
		struct in6_addr t;

		if (inet_pton(AF_INET6, w[0], &t) > 0)
			c->af = AF_INET6;
		conn_addr(w[0], c->af, &c->caddr);
	}
	if (n >= 4)
		conn_addr(w[2], c->af, &c->vaddr);
	c->daf = c->af;
	if (n >= 6) {
		struct in6_addr t;

		c->daf = inet_pton(AF_INET6, w[4], &t) > 0 ? AF_INET6 : AF_INET;
		conn_addr(w[4], c->daf, &c->daddr);
	}
	return 0;
}

void fmt_expire(char *buf, size_t len, int expires)
{
	unsigned int e = (unsigned int)expires;

	snprintf(buf, len, "%02u:%02u", e / 60, e % 60);
}

static const char *const tun_type_names[] = {
	[IP_VS_CONN_F_TUNNEL_TYPE_IPIP] = "ipip",
	[IP_VS_CONN_F_TUNNEL_TYPE_GUE] = "gue",
	[IP_VS_CONN_F_TUNNEL_TYPE_GRE] = "gre",
};

const char *tun_type_name(unsigned int type)
{
	if (type >= sizeof(tun_type_names) / sizeof(tun_type_names[0]))
		return "unknown";
	return tun_type_names[type];
}
