/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tables -R --apply and -R --diff compare: services with their real
 * servers in arrays, in the order they were added, each array found
 * through a hash index once it is long enough to need one.
 */
#include <stdlib.h>
#include <string.h>

#include "save_restore/apply_int.h"

/* One step of a multiplicative hash, a word at a time. */
static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

static uint64_t addr_hash(uint64_t h, int af, const union ipvs_addr *a)
{
	int i, words = af == AF_INET6 ? 4 : 1;

	for (i = 0; i < words; i++)
		h = mix(h, a->word[i]);
	return h;
}

static uint64_t svc_hash(const void *elem)
{
	const struct apply_service *svc = elem;
	uint64_t h = mix(0, (uint64_t)svc->af << 32 | svc->fwmark);

	if (svc->fwmark)
		return h;
	h = mix(h, (uint64_t)svc->protocol << 16 | svc->port);
	return addr_hash(h, svc->af, &svc->addr);
}

static uint64_t dest_hash(const void *elem)
{
	const struct apply_dest *d = elem;

	return addr_hash(mix(0, (uint64_t)d->af << 16 | d->port), d->af, &d->addr);
}

static int svc_equal(const void *a, const void *b)
{
	return apply_same_service(a, b);
}

static int dest_equal(const void *a, const void *b)
{
	return apply_same_dest(a, b);
}

struct index_kind {
	uint64_t (*hash)(const void *elem);
	int (*equal)(const void *a, const void *b);
	size_t size;			/* of an element; its key comes first */
};

static const struct index_kind svc_kind = { svc_hash, svc_equal, sizeof(struct apply_svc) };
static const struct index_kind dest_kind = { dest_hash, dest_equal, sizeof(struct apply_dest) };

static void index_drop(struct apply_index *ix)
{
	free(ix->slot);
	memset(ix, 0, sizeof(*ix));
}

static void index_put(struct apply_index *ix, const struct index_kind *k,
		      const char *base, size_t i)
{
	size_t h = (size_t)k->hash(base + i * k->size) & (ix->cap - 1);

	while (ix->slot[h])
		h = (h + 1) & (ix->cap - 1);
	ix->slot[h] = i + 1;
}

static void *linear_find(const struct index_kind *k, char *base, size_t len,
			 const void *key)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (k->equal(base + i * k->size, key))
			return base + i * k->size;
	return NULL;
}

/* Up to this many elements a search is as quick as a hash index, and
 * needs no memory: most services have fewer real servers than this. */
#define INDEX_MIN 16

/* The element whose key equals key's, or NULL (a linear search for a
 * short array, and when out of memory). */
static void *index_find(struct apply_index *ix, const struct index_kind *k,
			void *base, size_t len, const void *key)
{
	char *b = base;
	size_t h;

	if (len <= INDEX_MIN)
		return linear_find(k, b, len, key);
	if (ix->cap < 2 * len + 2) {
		size_t cap = 8;

		while (cap < 2 * len + 2)
			cap *= 2;
		index_drop(ix);
		ix->slot = calloc(cap, sizeof(*ix->slot));
		if (!ix->slot)
			return linear_find(k, b, len, key);
		ix->cap = cap;
	}
	for (; ix->indexed < len; ix->indexed++)
		index_put(ix, k, b, ix->indexed);
	for (h = (size_t)k->hash(key) & (ix->cap - 1); ix->slot[h];
	     h = (h + 1) & (ix->cap - 1))
		if (k->equal(b + (ix->slot[h] - 1) * k->size, key))
			return b + (ix->slot[h] - 1) * k->size;
	return NULL;
}

/* A file names a service again on each of its servers' lines: the
 * service found last is tried before the index. */
struct apply_svc *table_find_svc(struct apply_table *t,
				  const struct apply_service *key)
{
	struct apply_svc *as;

	if (t->last_found < t->len && apply_same_service(&t->svc[t->last_found].svc, key))
		return &t->svc[t->last_found];
	as = index_find(&t->svc_index, &svc_kind, t->svc, t->len, key);
	if (as)
		t->last_found = (size_t)(as - t->svc);
	return as;
}

struct apply_dest *table_find_dest(struct apply_svc *as,
				    const struct apply_dest *key)
{
	return as ? index_find(&as->dest_index, &dest_kind, as->dest,
			       as->ndest, key) : NULL;
}

struct apply_svc *apply_find_svc(struct apply_table *t,
				 const struct ipvs_service *key)
{
	struct apply_service k = apply_service_of(key);

	return table_find_svc(t, &k);
}

struct apply_dest *apply_find_dest(struct apply_svc *as,
				   const struct ipvs_dest *key)
{
	struct apply_dest k = apply_dest_of(key);

	return table_find_dest(as, &k);
}

/* Room for n more servers; grows by half (not double) since most
 * services stop at a few servers. */
static int svc_reserve(struct apply_svc *as, size_t n)
{
	size_t cap = as->cap;
	struct apply_dest *grown;

	if (as->ndest + n <= cap)
		return 0;
	while (cap < as->ndest + n)
		cap += cap / 2 + 4;
	grown = reallocarray(as->dest, cap, sizeof(*grown));
	if (!grown)
		return -1;
	as->dest = grown;
	as->cap = cap;
	return 0;
}

int table_add_dest(struct apply_svc *as, const struct apply_dest *dest)
{
	if (svc_reserve(as, 1))
		return -1;
	as->dest[as->ndest] = *dest;
	as->dest[as->ndest++].seq = as->next_seq++;
	return 0;
}

int apply_table_add_svc(struct apply_table *t, const struct ipvs_service *svc)
{
	if (t->len == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct apply_svc *grown = reallocarray(t->svc, cap, sizeof(*grown));

		if (!grown)
			return -1;
		t->svc = grown;
		t->cap = cap;
	}
	memset(&t->svc[t->len], 0, sizeof(t->svc[0]));
	t->svc[t->len++].svc = apply_service_of(svc);
	return 0;
}

int apply_table_add_dest(struct apply_table *t, const struct ipvs_dest *dest)
{
	return apply_table_add_dests(t, dest, 1);
}

int apply_table_add_dests(struct apply_table *t, const struct ipvs_dest *dest,
			  size_t n)
{
	struct apply_svc *as = t->len ? &t->svc[t->len - 1] : NULL;
	size_t i;

	if (!as || svc_reserve(as, n))
		return -1;
	for (i = 0; i < n; i++) {
		as->dest[as->ndest] = apply_dest_of(&dest[i]);
		as->dest[as->ndest++].seq = as->next_seq++;
	}
	return 0;
}

void table_del_dest(struct apply_svc *as, struct apply_dest *d)
{
	memmove(d, d + 1, (size_t)(as->dest + as->ndest - d - 1) * sizeof(*d));
	as->ndest--;
	index_drop(&as->dest_index);
}

void table_del_svc(struct apply_table *t, struct apply_svc *as)
{
	size_t i = (size_t)(as - t->svc);

	free(as->dest);
	index_drop(&as->dest_index);
	memmove(as, as + 1, (t->len - i - 1) * sizeof(*as));
	t->len--;
	index_drop(&t->svc_index);
}

void table_clear(struct apply_table *t)
{
	while (t->len)
		table_del_svc(t, &t->svc[t->len - 1]);
}

void apply_table_free(struct apply_table *t)
{
	table_clear(t);
	apply_sysctl_free(t);
	free(t->svc);
	free(t->scope);
	index_drop(&t->svc_index);
	memset(t, 0, sizeof(*t));
}
