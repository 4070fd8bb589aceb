/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The filters and counts of -L -c --query, on parsed lines of
 * /proc/net/ip_vs_conn.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "print/conn_query.h"

static int parse_client(const char *v, struct conn_query *q)
{
	char addr[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(v, '/');
	size_t alen = slash ? (size_t)(slash - v) : strlen(v);
	unsigned int max;
	char *end;
	long bits;

	if (alen == 0 || alen >= sizeof(addr))
		return -1;
	memcpy(addr, v, alen);
	addr[alen] = '\0';
	memset(&q->client, 0, sizeof(q->client));
	if (inet_pton(AF_INET, addr, &q->client.v4) == 1)
		q->client_af = AF_INET;
	else if (inet_pton(AF_INET6, addr, &q->client.v6) == 1)
		q->client_af = AF_INET6;
	else
		return -1;
	max = q->client_af == AF_INET ? 32 : 128;
	q->client_prefix = (uint8_t)max;
	if (!slash)
		return 0;
	if (!isdigit((unsigned char)slash[1]))
		return -1;
	bits = strtol(slash + 1, &end, 10);
	if (*end || bits < 0 || bits > (long)max)
		return -1;
	q->client_prefix = (uint8_t)bits;
	return 0;
}

static int parse_state(const char *v, struct conn_query *q)
{
	size_t i, n = strlen(v);

	if (n == 0 || n >= sizeof(q->state))
		return -1;
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)v[i]) && v[i] != '_')
			return -1;
		q->state[i] = (char)toupper((unsigned char)v[i]);
	}
	q->state[n] = '\0';
	return 0;
}

/* One term of --query; returns 0 or -1 with err filled. */
static int parse_term(const char *term, struct conn_query *q,
		      char *err, size_t errlen)
{
	unsigned int bit;
	const char *v = strchr(term, '=');
	size_t klen = v ? (size_t)(v - term) : strlen(term);

	if (klen == 6 && !strncmp(term, "client", 6) && v)
		bit = CQ_CLIENT;
	else if (klen == 5 && !strncmp(term, "state", 5) && v)
		bit = CQ_STATE;
	else if (!strcmp(term, "count"))
		bit = CQ_COUNT;
	else {
		snprintf(err, errlen, "illegal --query term `%s': client=ADDR[/PREFIX], state=NAME or count",
			 term);
		return -1;
	}
	if (q->has & bit) {
		snprintf(err, errlen, "--query term `%.*s' given twice", (int)klen, term);
		return -1;
	}
	q->has |= bit;
	if (bit == CQ_CLIENT && parse_client(v + 1, q)) {
		snprintf(err, errlen, "illegal --query client `%s': an IPv4 or IPv6 address, with /PREFIX or not",
			 v + 1);
		return -1;
	}
	if (bit == CQ_STATE && parse_state(v + 1, q)) {
		snprintf(err, errlen, "illegal --query state `%s': a state name such as ESTABLISHED, or TEMPLATE",
			 v + 1);
		return -1;
	}
	return 0;
}

int conn_query_parse(const char *text, struct conn_query *q,
		     char *err, size_t errlen)
{
	char buf[256], *term, *save = NULL;

	if (!text || !*text)
		return 0;
	if (strlen(text) >= sizeof(buf)) {
		snprintf(err, errlen, "--query value too long");
		return -1;
	}
	strcpy(buf, text);
	if (buf[0] == ',' || buf[strlen(buf) - 1] == ',' || strstr(buf, ",,")) {
		snprintf(err, errlen, "illegal --query `%s': an empty term", text);
		return -1;
	}
	for (term = strtok_r(buf, ",", &save); term; term = strtok_r(NULL, ",", &save))
		if (parse_term(term, q, err, errlen))
			return -1;
	return 0;
}

int conn_is_template(const struct conn_line *c)
{
	return c->cport == 0 || c->proto == 0;
}

static int prefix_match(int af, const union ipvs_addr *a,
			const union ipvs_addr *b, unsigned int bits)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;
	unsigned int whole = bits / 8, rest = bits % 8;

	if (bits > (af == AF_INET6 ? 128u : 32u))
		return 0;
	if (memcmp(x, y, whole))
		return 0;
	if (!rest)
		return 1;
	return !((x[whole] ^ y[whole]) & (0xff << (8 - rest)));
}

static int same_addr(int af, const union ipvs_addr *a, const union ipvs_addr *b)
{
	return !memcmp(a, b, af == AF_INET6 ? 16 : 4);
}

static int fwmark_dest(const struct conn_query *q, const struct conn_line *c)
{
	size_t i;

	if (!q->fwmark_dests)
		return 0;
	for (i = 0; i < q->fwmark_dests->len; i++) {
		const struct ipvs_dest *d = &q->fwmark_dests->dest[i];

		if (d->af == c->daf && d->port == c->dport &&
		    same_addr(d->af, &d->addr, &c->daddr))
			return 1;
	}
	return 0;
}

static int service_match(const struct conn_query *q, const struct conn_line *c)
{
	const struct ipvs_service *s = &q->svc;

	if (s->fwmark) {
		/* A fwmark template's virtual address is the mark itself. */
		if (c->proto == 0)
			return c->af == s->af && c->vaddr.word[0] == htonl(s->fwmark);
		return c->af == s->af && fwmark_dest(q, c);
	}
	return c->proto == s->protocol && c->af == s->af &&
	       same_addr(s->af, &c->vaddr, &s->addr) &&
	       (s->port == 0 || c->vport == s->port);
}

int conn_query_match(const struct conn_query *q, const struct conn_line *c)
{
	if ((q->has & CQ_CLIENT) && (c->af != q->client_af ||
	    !prefix_match(c->af, &c->caddr, &q->client, q->client_prefix)))
		return 0;
	if (q->has & CQ_STATE) {
		int tmpl = conn_is_template(c);

		if (!strcmp(q->state, CQ_TEMPLATE_STATE) ? !tmpl
		    : tmpl || strcasecmp(q->state, c->state))
			return 0;
	}
	if ((q->has & CQ_SERVICE) && !service_match(q, c))
		return 0;
	if ((q->has & CQ_SERVER) && (c->daf != q->server_af ||
	    !same_addr(c->daf, &c->daddr, &q->server) ||
	    (q->server_port && c->dport != q->server_port)))
		return 0;
	return 1;
}
