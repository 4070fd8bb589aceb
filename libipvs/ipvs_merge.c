/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reads of a dump that came in several parts, merged into one list.
 *
 * The kernel resumes each part of a dump at a count of entries: into its
 * service table, which every namespace shares (up to 6.1 at least), or
 * into one service's list of real servers.  It never sets
 * NLM_F_DUMP_INTR.  An entry added or removed between two parts makes a
 * part repeat or skip one entry.  A repeat is a duplicate; a skip is an
 * entry one read lacks and another has.  So reads are merged: each new
 * entry goes in after the entry that came before it in its read (every
 * read lists in the kernel's order), a duplicate is dropped, and the
 * caller reads again until a read shows exactly the merged set, or two
 * reads in a row add nothing.  Services and real servers differ only in
 * their key, so the merge works on arrays of either.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs.h"
#include "ipvs_int.h"

#define NONE SIZE_MAX

/* What the merge needs to know of an entry type. */
struct entry_type {
	size_t size;
	size_t (*hash)(const void *entry);
	int (*same_key)(const void *x, const void *y);
};

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

static size_t spread(uint64_t h)
{
	return (size_t)(h ^ (h >> 29));
}

static size_t svc_hash(const void *entry)
{
	const struct ipvs_service *s = entry;
	uint32_t words[4] = { s->af, s->protocol, s->port, s->fwmark };

	return spread(fnv(fnv(1469598103934665603ULL, &s->addr, sizeof(s->addr)),
			  words, sizeof(words)));
}

static int same_addr(const union ipvs_addr *x, const union ipvs_addr *y)
{
	return x->word[0] == y->word[0] && x->word[1] == y->word[1] &&
	       x->word[2] == y->word[2] && x->word[3] == y->word[3];
}

static int svc_same_key(const void *a, const void *b)
{
	const struct ipvs_service *x = a, *y = b;

	return x->af == y->af && x->protocol == y->protocol &&
	       x->port == y->port && x->fwmark == y->fwmark &&
	       same_addr(&x->addr, &y->addr);
}

static size_t dest_hash(const void *entry)
{
	const struct ipvs_dest *d = entry;
	uint32_t words[2] = { d->af, d->port };

	return spread(fnv(fnv(1469598103934665603ULL, &d->addr, sizeof(d->addr)),
			  words, sizeof(words)));
}

static int dest_same_key(const void *a, const void *b)
{
	const struct ipvs_dest *x = a, *y = b;

	return x->af == y->af && x->port == y->port &&
	       same_addr(&x->addr, &y->addr);
}

static const struct entry_type svc_type = {
	sizeof(struct ipvs_service), svc_hash, svc_same_key
};
static const struct entry_type dest_type = {
	sizeof(struct ipvs_dest), dest_hash, dest_same_key
};

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

/* Indexes below the merged list's length are its entries; those above
 * are entries of the read being merged (new ones). */
struct merge {
	const struct entry_type *type;
	const char *merged, *read;	/* arrays of entries */
	size_t merged_len, read_len;
	size_t *new_at;			/* read index of each new entry */
	size_t *anchor;			/* merged index it goes after, or NONE */
	size_t added;
};

static const void *read_entry(const struct merge *m, size_t i)
{
	return m->read + i * m->type->size;
}

static const void *entry_at(const struct merge *m, size_t i)
{
	if (i < m->merged_len)
		return m->merged + i * m->type->size;
	return read_entry(m, m->new_at[i - m->merged_len]);
}

/* The slot of key: holding its index + 1, or 0 when it is not there. */
static size_t *index_slot(struct key_index *ix, const void *key,
			  const struct merge *m)
{
	size_t i = m->type->hash(key) & ix->mask;

	while (ix->slot[i] && !m->type->same_key(entry_at(m, ix->slot[i] - 1), key))
		i = (i + 1) & ix->mask;
	return &ix->slot[i];
}

/* The merged list again with the new entries in their places. */
static void *splice(const struct merge *m)
{
	size_t size = m->type->size, k = 0;
	char *v = malloc((m->merged_len + m->added + 1) * size), *o = v;

	if (!v)
		return NULL;
#define TAKE(p) (memcpy(o, (p), size), o += size)
	/* Anchors never decrease along a read, so one pass places them. */
	while (k < m->added && m->anchor[k] == NONE)
		TAKE(read_entry(m, m->new_at[k++]));
	for (size_t i = 0; i < m->merged_len; i++) {
		TAKE(m->merged + i * size);
		while (k < m->added && m->anchor[k] == i)
			TAKE(read_entry(m, m->new_at[k++]));
	}
	while (k < m->added)	/* an anchor out of order: keep the entry */
		TAKE(read_entry(m, m->new_at[k++]));
#undef TAKE
	return v;
}

/* Find the read's entries in the merged list, and the new ones' places;
 * *seen counts the merged entries the read has. */
static int place_entries(struct merge *m, struct key_index *ix, size_t *seen)
{
	size_t pos = NONE, last = NONE;
	unsigned char *found = calloc(m->merged_len + 1, 1);

	if (!found)
		return -ENOMEM;
	for (size_t i = 0; i < m->merged_len; i++)
		*index_slot(ix, entry_at(m, i), m) = i + 1;
	for (size_t i = 0; i < m->read_len; i++) {
		size_t *slot = index_slot(ix, read_entry(m, i), m);

		if (*slot > m->merged_len) {
			continue;		/* repeated within this read */
		} else if (*slot) {
			pos = *slot - 1;
			*seen += !found[pos];
			found[pos] = 1;
		} else {
			m->new_at[m->added] = i;
			/* Keep anchors in order even if the orders disagree. */
			m->anchor[m->added] = pos != NONE && last != NONE &&
					      pos < last ? last : pos;
			last = m->anchor[m->added];
			*slot = m->merged_len + ++m->added;
		}
	}
	free(found);
	return 0;
}

/* Merge the read_len entries of read into the array *merged of *len
 * entries (replaced by a new array, *len and *cap updated, when entries
 * are added). */
static int merge_lists(const struct entry_type *type, void **merged,
		       size_t *len, size_t *cap, const void *read,
		       size_t read_len, size_t *added, int *same)
{
	struct merge m = { type, *merged, read, *len, read_len, NULL, NULL, 0 };
	struct key_index ix = { 0 };
	size_t seen = 0;
	void *spliced = NULL;
	int err = -ENOMEM;

	m.new_at = malloc((read_len + 1) * sizeof(*m.new_at));
	m.anchor = malloc((read_len + 1) * sizeof(*m.anchor));
	if (m.new_at && m.anchor && index_init(&ix, *len + read_len) == 0)
		err = place_entries(&m, &ix, &seen);
	if (!err && m.added && !(spliced = splice(&m)))
		err = -ENOMEM;
	if (!err) {
		*added = m.added;
		*same = m.added == 0 && seen == *len;
	}
	if (spliced) {
		free(*merged);
		*merged = spliced;
		*len = *cap = *len + m.added;
	}
	free(ix.slot);
	free(m.new_at);
	free(m.anchor);
	return err;
}

int ipvs_merge_services(struct ipvs_service_list *merged,
			const struct ipvs_service_list *read, size_t *added,
			int *same)
{
	void *v = merged->svc;
	int err = merge_lists(&svc_type, &v, &merged->len, &merged->cap,
			      read->svc, read->len, added, same);

	merged->svc = v;
	return err;
}

int ipvs_merge_dests(struct ipvs_dest_list *merged,
		     const struct ipvs_dest_list *read, size_t *added, int *same)
{
	void *v = merged->dest;
	int err = merge_lists(&dest_type, &v, &merged->len, &merged->cap,
			      read->dest, read->len, added, same);

	merged->dest = v;
	return err;
}
