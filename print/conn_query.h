/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -L -c --query: which entries of /proc/net/ip_vs_conn a query keeps,
 * and their counts per real server and state.  Pure: no kernel, no
 * stdout (the unit tests drive it with parsed lines).
 */
#ifndef PRINT_CONN_QUERY_H
#define PRINT_CONN_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include "libipvs/ipvs.h"
#include "print/list_fmt.h"

/* Which filters a query has. */
#define CQ_CLIENT	0x01	/* client=ADDR[/PREFIX] */
#define CQ_STATE	0x02	/* state=NAME */
#define CQ_SERVICE	0x04	/* -t/-u/--sctp-service/-f */
#define CQ_SERVER	0x08	/* -r ADDR[:PORT] */
#define CQ_COUNT	0x10	/* count: counts instead of entries */

/* The pseudo-state of persistence templates in filters and counts. */
#define CQ_TEMPLATE_STATE "TEMPLATE"

struct conn_query {
	unsigned int has;		/* CQ_* */
	uint16_t client_af;
	uint8_t client_prefix;		/* bits of client that must match */
	union ipvs_addr client;
	char state[32];			/* a kernel state name or TEMPLATE */
	struct ipvs_service svc;	/* the service (CQ_SERVICE) */
	/* A fwmark service's real servers: its connections carry the
	 * packet's address, not the mark, so they are known by these. */
	const struct ipvs_dest_list *fwmark_dests;
	uint16_t server_af;
	uint16_t server_port;		/* 0: any port */
	union ipvs_addr server;
};

/*
 * Parse the value of --query: comma-separated terms client=ADDR[/PREFIX],
 * state=NAME and count, each at most once; NULL or "" is no term.
 * Returns 0, or -1 with a message (no newline) in err.
 */
int conn_query_parse(const char *text, struct conn_query *q,
		     char *err, size_t errlen);

/* A persistence template: client port 0 (no connection has it), or the
 * "IP" protocol of a fwmark service's templates. */
int conn_is_template(const struct conn_line *c);
/* 1 when the entry passes every filter of q. */
int conn_query_match(const struct conn_query *q, const struct conn_line *c);

/* Counts per real server and state, in memory bounded by the number of
 * distinct (server, state) pairs, never by the number of entries. */
struct conn_count_row {
	uint16_t af, proto;
	uint16_t port;
	union ipvs_addr addr;
	char state[32];
	unsigned long long count;
};
struct conn_counts {
	struct conn_count_row *rows;
	size_t len, cap;
	size_t *slots;			/* open addressing: index + 1, 0 free */
	size_t nslots;
	unsigned long long total;
};
/* Returns 0, or -1 when out of memory. */
int conn_counts_add(struct conn_counts *cc, const struct conn_line *c);
/* Rows sorted by server (address, then port), then state. */
void conn_counts_sort(struct conn_counts *cc);
void conn_counts_free(struct conn_counts *cc);

#endif
