/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reads of a service list that came in several parts, merged into one.
 *
 * The kernel resumes each part of a service dump at a count of entries
 * into its service table, a table every namespace shares (up to 6.1 at
 * least), and never sets NLM_F_DUMP_INTR.  A service added or removed
 * anywhere between two parts makes a part repeat or skip one entry.  A
 * repeat is a duplicate; a skip is an entry one read lacks and another
 * has.  So reads are merged: each new entry goes in after the entry that
 * came before it in its read (every read lists in the kernel's order), a
 * duplicate is dropped, and the caller reads again until a read shows
 * exactly the merged set, or two reads in a row add nothing.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs.h"
#include "ipvs_int.h"

#define NONE SIZE_MAX

static size_t key_hash(const struct ipvs_service *s)
{
	const unsigned char *a = (const unsigned char *)&s->addr;
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */
	uint32_t words[4] = { s->af, s->protocol, s->port, s->fwmark };

	for (size_t i = 0; i < sizeof(s->addr); i++)
		h = (h ^ a[i]) * 1099511628211ULL;
	for (size_t i = 0; i < 4; i++)
		h = (h ^ words[i]) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 29));
}

static int same_key(const struct ipvs_service *x, const struct ipvs_service *y)
{
	return x->af == y->af && x->protocol == y->protocol &&
	       x->port == y->port && x->fwmark == y->fwmark &&
	       !memcmp(&x->addr, &y->addr, sizeof(x->addr));
}

/* An open-addressing set of entries, by key; a slot holds index + 1. */
struct key_index {
	size_t *slot;
	size_t mask;
};

static int index_init(struct key_index *ix, size_t entries)
{
	size_t size = 16;

	while (size < 2 * entries)
		size *= 2;
	ix->slot = calloc(size, sizeof(*ix->slot));
	ix->mask = size - 1;
	return ix->slot ? 0 : -ENOMEM;
}

/* The slot of key: holding its index + 1, or 0 when it is not there.
 * `at` maps an index to its entry. */
static size_t *index_slot(struct key_index *ix, const struct ipvs_service *key,
			  const struct ipvs_service *(*at)(size_t, void *),
			  void *arg)
{
	size_t i = key_hash(key) & ix->mask;

	while (ix->slot[i] && !same_key(at(ix->slot[i] - 1, arg), key))
		i = (i + 1) & ix->mask;
	return &ix->slot[i];
}

/* Indexes below the merged list's length are its entries; those above
 * are entries of the read being merged (new ones). */
struct merge {
	const struct ipvs_service_list *merged, *read;
	size_t *new_at;		/* read index of each new entry */
	size_t *anchor;		/* merged index it goes after, or NONE */
	size_t added;
};

static const struct ipvs_service *entry_at(size_t i, void *arg)
{
	struct merge *m = arg;

	if (i < m->merged->len)
		return &m->merged->svc[i];
	return &m->read->svc[m->new_at[i - m->merged->len]];
}

/* Build the merged list again with the new entries in their places. */
static int splice(struct ipvs_service_list *merged, const struct merge *m)
{
	size_t len = merged->len + m->added, k = 0, o = 0;
	struct ipvs_service *v = malloc((len ? len : 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	/* Anchors never decrease along a read, so one pass places them. */
	while (k < m->added && m->anchor[k] == NONE)
		v[o++] = m->read->svc[m->new_at[k++]];
	for (size_t i = 0; i < merged->len; i++) {
		v[o++] = merged->svc[i];
		while (k < m->added && m->anchor[k] == i)
			v[o++] = m->read->svc[m->new_at[k++]];
	}
	while (k < m->added)	/* an anchor out of order: keep the entry */
		v[o++] = m->read->svc[m->new_at[k++]];
	free(merged->svc);
	merged->svc = v;
	merged->len = merged->cap = len;
	return 0;
}

int ipvs_merge_services(struct ipvs_service_list *merged,
			const struct ipvs_service_list *read, size_t *added,
			int *same)
{
	struct merge m = { merged, read, NULL, NULL, 0 };
	struct key_index ix = { 0 };
	size_t seen = 0, pos = NONE, last = NONE;
	unsigned char *found = calloc(merged->len + 1, 1);
	int err = -ENOMEM;

	m.new_at = malloc((read->len + 1) * sizeof(*m.new_at));
	m.anchor = malloc((read->len + 1) * sizeof(*m.anchor));
	if (!found || !m.new_at || !m.anchor ||
	    index_init(&ix, merged->len + read->len) < 0)
		goto out;
	for (size_t i = 0; i < merged->len; i++)
		*index_slot(&ix, &merged->svc[i], entry_at, &m) = i + 1;
	for (size_t i = 0; i < read->len; i++) {
		size_t *slot = index_slot(&ix, &read->svc[i], entry_at, &m);

		if (*slot > merged->len) {
			continue;		/* repeated within this read */
		} else if (*slot) {
			pos = *slot - 1;
			seen += !found[pos];
			found[pos] = 1;
		} else {
			m.new_at[m.added] = i;
			/* Keep anchors in order even if the orders disagree. */
			m.anchor[m.added] = pos != NONE && last != NONE && pos < last ?
					    last : pos;
			last = m.anchor[m.added];
			*slot = merged->len + ++m.added;
		}
	}
	*added = m.added;
	*same = m.added == 0 && seen == merged->len;
	err = m.added ? splice(merged, &m) : 0;
out:
	free(ix.slot);
	free(found);
	free(m.new_at);
	free(m.anchor);
	return err;
}
