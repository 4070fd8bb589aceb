/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The figures of the live view, without the kernel: the window, samples of the exact counters, differences, shares, flags.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "live/watch.h"

unsigned int watch_window_reads(unsigned long interval_ms)
{
	unsigned int k;

	if (!interval_ms)
		return 1;
	for (k = 1; k <= WATCH_MAX_READS; k++)
		if (k * interval_ms >= WATCH_PERIOD_MS &&
		    (k * interval_ms) % WATCH_PERIOD_MS == 0)
			return k;
	/* No whole number of periods within reach: at least one period. */
	for (k = 1; k < WATCH_MAX_READS; k++)
		if (k * interval_ms >= WATCH_PERIOD_MS)
			break;
	return k;
}

/* ---- samples ---- */
struct watch_key {
	uint32_t fwmark;
	uint16_t af, protocol, port, is_dest, daf, dport;
	union ipvs_addr addr, daddr;
};

enum { C_CONNS, C_INPKTS, C_OUTPKTS, C_INBYTES, C_OUTBYTES, C_N };

struct watch_entry {
	struct watch_key k;
	uint64_t c[C_N];
};

static void svc_key(struct watch_key *k, const struct ipvs_service *s)
{
	memset(k, 0, sizeof(*k));
	k->fwmark = s->fwmark;
	k->af = s->af;
	k->protocol = s->protocol;
	k->port = s->port;
	k->addr = s->addr;
}

static void dest_key(struct watch_key *k, const struct ipvs_service *s,
		     const struct ipvs_dest *d)
{
	svc_key(k, s);
	k->is_dest = 1;
	k->daf = d->af;
	k->dport = d->port;
	k->daddr = d->addr;
}

static void counters(uint64_t c[C_N], const struct ipvs_stats *st)
{
	c[C_CONNS] = st->conns;
	c[C_INPKTS] = st->inpkts;
	c[C_OUTPKTS] = st->outpkts;
	c[C_INBYTES] = st->inbytes;
	c[C_OUTBYTES] = st->outbytes;
}

static int entry_cmp(const void *a, const void *b)
{
	return memcmp(&((const struct watch_entry *)a)->k,
		      &((const struct watch_entry *)b)->k, sizeof(struct watch_key));
}

void watch_table_free(struct watch_table *t)
{
	size_t i;

	for (i = 0; i < t->nsvc; i++)
		free(t->svc[i].dest);
	free(t->svc);
	t->svc = NULL;
	t->nsvc = 0;
}

void watch_history_init(struct watch_history *h, unsigned int window_reads)
{
	memset(h, 0, sizeof(*h));
	if (window_reads > WATCH_MAX_READS)
		window_reads = WATCH_MAX_READS;
	h->keep = window_reads ? window_reads : 1;
}

void watch_history_free(struct watch_history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->s[i].e);
	h->n = 0;
}

int watch_history_add(struct watch_history *h, const struct watch_table *t)
{
	struct watch_sample smp = { .t = t->t };
	size_t i, j, n = t->nsvc;

	for (i = 0; i < t->nsvc; i++)
		n += t->svc[i].ndest;
	smp.e = malloc((n ? n : 1) * sizeof(*smp.e));
	if (!smp.e)
		return -ENOMEM;
	for (i = 0; i < t->nsvc; i++) {
		const struct watch_svc *sv = &t->svc[i];

		svc_key(&smp.e[smp.n].k, &sv->s);
		counters(smp.e[smp.n++].c, &sv->s.stats);
		for (j = 0; j < sv->ndest; j++) {
			dest_key(&smp.e[smp.n].k, &sv->s, &sv->dest[j].d);
			counters(smp.e[smp.n++].c, &sv->dest[j].d.stats);
		}
	}
	qsort(smp.e, smp.n, sizeof(*smp.e), entry_cmp);
	if (h->n == h->keep) {
		free(h->s[0].e);
		memmove(&h->s[0], &h->s[1], (h->n - 1) * sizeof(h->s[0]));
		h->n--;
	}
	h->s[h->n++] = smp;
	return 0;
}

int watch_history_ready(const struct watch_history *h)
{
	return h->n == h->keep;
}

/* ---- differences ---- */

/* The oldest sample of the window that has the object with counters not
 * above the current ones; NULL for none. */
static const struct watch_entry *baseline(const struct watch_history *h,
					  const struct watch_key *k,
					  const uint64_t cur[C_N], double *t)
{
	struct watch_entry key = { .k = *k };
	size_t i;
	int c;

	for (i = 0; i < h->n; i++) {
		const struct watch_entry *e = bsearch(&key, h->s[i].e, h->s[i].n,
						      sizeof(key), entry_cmp);

		if (!e)
			continue;
		for (c = 0; c < C_N && e->c[c] <= cur[c]; c++)
			;
		if (c == C_N) {
			*t = h->s[i].t;
			return e;
		}
	}
	return NULL;
}

/* Fills r; returns the baseline entry (NULL when unknown). */
static const struct watch_entry *rates(struct watch_rates *r,
				       const struct watch_history *h,
				       const struct watch_key *k,
				       const struct ipvs_stats *st, double now)
{
	const struct watch_entry *e;
	uint64_t cur[C_N];
	double t0 = 0, dt;

	memset(r, 0, sizeof(*r));
	counters(cur, st);
	e = baseline(h, k, cur, &t0);
	dt = now - t0;
	if (!e || dt <= 0)
		return NULL;
	r->known = 1;
	r->cps = (double)(cur[C_CONNS] - e->c[C_CONNS]) / dt;
	r->inpps = (double)(cur[C_INPKTS] - e->c[C_INPKTS]) / dt;
	r->outpps = (double)(cur[C_OUTPKTS] - e->c[C_OUTPKTS]) / dt;
	r->inbps = (double)(cur[C_INBYTES] - e->c[C_INBYTES]) / dt;
	r->outbps = (double)(cur[C_OUTBYTES] - e->c[C_OUTBYTES]) / dt;
	return e;
}

/* ---- shares and flags ---- */

/* The share the scheduler gives a real server by its weight: rr splits
 * evenly between the servers of weight > 0, wrr by weight; other
 * schedulers (and persistence, which schedules clients, not connections)
 * have none. */
static void targets(struct watch_svc *sv)
{
	int rr = !strcmp(sv->s.sched_name, "rr");
	int wrr = !strcmp(sv->s.sched_name, "wrr");
	double sum = 0;
	size_t i, live = 0;

	for (i = 0; i < sv->ndest; i++) {
		sv->dest[i].target = -1;
		if (sv->dest[i].d.weight > 0) {
			live++;
			sum += sv->dest[i].d.weight;
		}
	}
	if ((!rr && !wrr) || (sv->s.flags & IP_VS_SVC_F_PERSISTENT) || !live)
		return;
	for (i = 0; i < sv->ndest; i++) {
		struct watch_dest *d = &sv->dest[i];

		if (d->d.weight <= 0)
			d->target = 0;
		else
			d->target = rr ? 1.0 / (double)live : d->d.weight / sum;
	}
}

/* Reply packets per new connection of the best sibling of i. */
static double best_reply_ratio(const struct watch_svc *sv, size_t i)
{
	double best = 0;
	size_t j;

	for (j = 0; j < sv->ndest; j++) {
		const struct watch_dest *o = &sv->dest[j];

		if (j == i || !o->r.known || o->new_conns < WATCH_NOREPLY_MIN_CONNS)
			continue;
		if ((double)o->new_outpkts / (double)o->new_conns > best)
			best = (double)o->new_outpkts / (double)o->new_conns;
	}
	return best;
}

static void flag_dests(struct watch_svc *sv)
{
	size_t i, live = 0;

	for (i = 0; i < sv->ndest; i++)
		if (sv->dest[i].d.weight > 0)
			live++;
	for (i = 0; i < sv->ndest; i++) {
		struct watch_dest *d = &sv->dest[i];
		double expect, best, off;

		d->flags = 0;
		if (!d->r.known)
			continue;
		off = (d->share - d->target) * 100.0;
		if (d->target >= 0 && d->share >= 0 &&
		    sv->new_conns >= WATCH_SKEW_MIN_CONNS &&
		    (off > WATCH_SKEW_POINTS || -off > WATCH_SKEW_POINTS))
			d->flags |= WATCH_F_SKEW;
		expect = d->target >= 0 ? d->target : live ? 1.0 / (double)live : 0;
		expect *= (double)sv->new_conns;
		if (d->d.weight > 0 && !d->new_conns && expect >= WATCH_STARVED_EXPECT)
			d->flags |= WATCH_F_STARVED;
		best = best_reply_ratio(sv, i);
		if (d->new_conns >= WATCH_NOREPLY_MIN_CONNS && best > 0 &&
		    (double)d->new_outpkts / (double)d->new_conns <
			    WATCH_NOREPLY_RATIO * best)
			d->flags |= WATCH_F_NOREPLY;
	}
}

static void compute_svc(struct watch_svc *sv, const struct watch_history *h,
			double now)
{
	struct watch_key k;
	size_t i;

	svc_key(&k, &sv->s);
	rates(&sv->r, h, &k, &sv->s.stats, now);
	sv->active = sv->inact = sv->new_conns = 0;
	for (i = 0; i < sv->ndest; i++) {
		struct watch_dest *d = &sv->dest[i];
		const struct watch_entry *e;

		dest_key(&k, &sv->s, &d->d);
		e = rates(&d->r, h, &k, &d->d.stats, now);
		d->new_conns = e ? d->d.stats.conns - e->c[C_CONNS] : 0;
		d->new_outpkts = e ? d->d.stats.outpkts - e->c[C_OUTPKTS] : 0;
		sv->new_conns += d->new_conns;
		sv->active += d->d.active_conns;
		sv->inact += d->d.inact_conns;
	}
	for (i = 0; i < sv->ndest; i++) {
		struct watch_dest *d = &sv->dest[i];

		d->share = d->r.known && sv->new_conns ?
			(double)d->new_conns / (double)sv->new_conns : -1;
	}
	targets(sv);
	flag_dests(sv);
}

void watch_compute(struct watch_table *t, const struct watch_history *h,
		   struct watch_totals *tot)
{
	size_t i;

	memset(tot, 0, sizeof(*tot));
	tot->r.known = 1;
	for (i = 0; i < t->nsvc; i++) {
		struct watch_svc *sv = &t->svc[i];

		compute_svc(sv, h, t->t);
		tot->nsvc++;
		tot->ndest += sv->ndest;
		tot->active += sv->active;
		tot->inact += sv->inact;
		if (!sv->r.known)
			continue;
		tot->r.cps += sv->r.cps;
		tot->r.inpps += sv->r.inpps;
		tot->r.outpps += sv->r.outpps;
		tot->r.inbps += sv->r.inbps;
		tot->r.outbps += sv->r.outbps;
	}
}
