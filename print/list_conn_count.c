/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -L -c --query=count: entries per real server and state, then per
 * state, then all.  In text a flat table ("*" stands for all), easy to
 * grep and awk; in JSON one object per server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "print/conn_query.h"
#include "print/list.h"
#include "print/list_fmt.h"
#include "print/print.h"
#include "print/resolve.h"

#define MAX_STATES 64		/* kernel state names (any protocol) + TEMPLATE */

struct state_total {
	char name[32];
	unsigned long long count;
};

static int total_cmp(const void *a, const void *b)
{
	return strcmp(((const struct state_total *)a)->name,
		      ((const struct state_total *)b)->name);
}

/* Totals per state name, by name; returns how many. */
static size_t state_totals(const struct conn_counts *cc, struct state_total *t)
{
	size_t n = 0, i, j;

	for (i = 0; i < cc->len; i++) {
		for (j = 0; j < n && strcmp(t[j].name, cc->rows[i].state); j++)
			;
		if (j == n && n == MAX_STATES)
			continue;	/* never with the kernel's names */
		if (j == n) {
			snprintf(t[n].name, sizeof(t[n].name), "%s", cc->rows[i].state);
			t[n++].count = 0;
		}
		t[j].count += cc->rows[i].count;
	}
	qsort(t, n, sizeof(t[0]), total_cmp);
	return n;
}

static int same_server(const struct conn_count_row *a, const struct conn_count_row *b)
{
	return a->af == b->af && a->port == b->port &&
	       !memcmp(&a->addr, &b->addr, sizeof(a->addr));
}

static void count_line(const char *server, const char *state,
		       unsigned long long n)
{
	pr_text("%-40s %-12s %10llu\n", server, state, n);
}

/* One server: its rows from i on; returns the index after them. */
static size_t print_server(const struct conn_counts *cc, size_t i,
			   unsigned int format)
{
	const struct conn_count_row *first = &cc->rows[i];
	unsigned long long total = 0;
	char name[ADDRPORT_LEN];
	size_t j;

	for (j = i; j < cc->len && same_server(first, &cc->rows[j]); j++)
		total += cc->rows[j].count;
	fmt_addrport(name, sizeof(name), first->af, &first->addr, first->port,
		     first->proto, format);
	pr_open_object(NULL);
	pr_string("af", NULL, first->af == AF_INET6 ? "inet6" : "inet");
	pr_inet("address", NULL, first->af, &first->addr);
	pr_uint("port", NULL, first->port);
	pr_u64("entries", NULL, total);
	count_line(name, "*", total);
	pr_open_object("states");
	for (; i < j; i++) {
		pr_u64(cc->rows[i].state, NULL, cc->rows[i].count);
		count_line(name, cc->rows[i].state, cc->rows[i].count);
	}
	pr_close_object();
	pr_close_object();
	return j;
}

int print_conn_counts(const struct conn_counts *cc, unsigned int format)
{
	struct state_total totals[MAX_STATES] = { 0 };
	size_t i, n = state_totals(cc, totals);

	if (format & FMT_JSON)
		format |= FMT_NUMERIC;
	pr_open_object(NULL);
	pr_text("IPVS connection entries per real server and state\n");
	pr_text("%-40s %-12s %10s\n", "RemoteAddress:Port", "State", "Entries");
	pr_open_array("servers");
	for (i = 0; i < cc->len;)
		i = print_server(cc, i, format);
	pr_close_array();
	pr_open_object("states");
	for (i = 0; i < n; i++) {
		pr_u64(totals[i].name, NULL, totals[i].count);
		count_line("*", totals[i].name, totals[i].count);
	}
	pr_close_object();
	pr_u64("entries", NULL, cc->total);
	count_line("*", "*", cc->total);
	pr_close_object();
	return pr_flush() ? 1 : 0;
}
