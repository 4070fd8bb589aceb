/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Counting entries per (real server, state): a growing array of rows
 * found through an open-addressing table, so a million entries cost a
 * hash and a compare each and memory follows the distinct pairs.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "print/conn_query.h"

static void row_key(struct conn_count_row *k, const struct conn_line *c)
{
	memset(k, 0, sizeof(*k));
	k->af = c->daf;
	k->proto = c->proto;
	k->port = c->dport;
	memcpy(&k->addr, &c->daddr, c->daf == AF_INET6 ? 16 : 4);
	/* both fit: c->state has the same size, the name is short */
	strcpy(k->state, conn_is_template(c) ? CQ_TEMPLATE_STATE : c->state);
}

static int row_same(const struct conn_count_row *a, const struct conn_count_row *b)
{
	return a->af == b->af && a->port == b->port &&
	       !memcmp(&a->addr, &b->addr, sizeof(a->addr)) &&
	       !strcmp(a->state, b->state);
}

static size_t row_hash(const struct conn_count_row *k)
{
	const unsigned char *p = (const unsigned char *)&k->addr;
	size_t h = 1469598103934665603ULL, i;

	for (i = 0; i < sizeof(k->addr); i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	h = (h ^ k->port) * 1099511628211ULL;
	for (p = (const unsigned char *)k->state; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

/* Double the slots (and rebuild them) when they are half full. */
static int grow_slots(struct conn_counts *cc)
{
	size_t n = cc->nslots ? cc->nslots * 2 : 64, i;
	size_t *slots = calloc(n, sizeof(*slots));

	if (!slots)
		return -1;
	for (i = 0; i < cc->len; i++) {
		size_t s = row_hash(&cc->rows[i]) & (n - 1);

		while (slots[s])
			s = (s + 1) & (n - 1);
		slots[s] = i + 1;
	}
	free(cc->slots);
	cc->slots = slots;
	cc->nslots = n;
	return 0;
}

static int append_row(struct conn_counts *cc, const struct conn_count_row *k)
{
	if (cc->len == cc->cap) {
		size_t cap = cc->cap ? cc->cap * 2 : 32;
		struct conn_count_row *rows = realloc(cc->rows, cap * sizeof(*rows));

		if (!rows)
			return -1;
		cc->rows = rows;
		cc->cap = cap;
	}
	cc->rows[cc->len++] = *k;
	return 0;
}

int conn_counts_add(struct conn_counts *cc, const struct conn_line *c)
{
	struct conn_count_row k;
	size_t s;

	if ((cc->len + 1) * 2 > cc->nslots && grow_slots(cc))
		return -1;
	row_key(&k, c);
	for (s = row_hash(&k) & (cc->nslots - 1); cc->slots[s];
	     s = (s + 1) & (cc->nslots - 1)) {
		struct conn_count_row *r = &cc->rows[cc->slots[s] - 1];

		if (row_same(r, &k)) {
			r->count++;
			cc->total++;
			return 0;
		}
	}
	k.count = 1;
	if (append_row(cc, &k))
		return -1;
	cc->slots[s] = cc->len;
	cc->total++;
	return 0;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct conn_count_row *a = pa, *b = pb;
	int r = (int)a->af - (int)b->af;

	if (!r)
		r = memcmp(&a->addr, &b->addr, sizeof(a->addr));
	if (!r)
		r = (int)a->port - (int)b->port;
	if (!r)
		r = strcmp(a->state, b->state);
	return r;
}

void conn_counts_sort(struct conn_counts *cc)
{
	if (cc->len > 1)
		qsort(cc->rows, cc->len, sizeof(cc->rows[0]), row_cmp);
	/* The slots point at the old order: counting is over. */
	free(cc->slots);
	cc->slots = NULL;
	cc->nslots = 0;
}

void conn_counts_free(struct conn_counts *cc)
{
	free(cc->rows);
	free(cc->slots);
	memset(cc, 0, sizeof(*cc));
}
