/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fleet's canonical form.  Some schedulers build their lookup from
 * the service's server list in the kernel's order: mh (Maglev) and sh
 * fill their tables walking it, dh deals its buckets over it, fo and ovf
 * break ties by it.  The kernel puts each server it adds at the head of
 * that list, so a fresh load of a file gives the file's servers newest
 * first; a server deleted and added again by hand, or added by an
 * incremental apply, sits elsewhere and the tables differ from a peer's
 * with the same -S output.  mh also sizes a server's share by its last
 * weight that was not 0 (the kernel's last_weight, which netlink does not
 * export): a server edited to 0 keeps its slots, one added at 0 gets none.
 *
 * The canonical form is the table a fresh load of the file gives: the
 * order of the file, and every server at weight 0 added at 0.  To reach
 * it, the servers after the longest run that the live list and the file
 * share from the oldest end are deleted and added again (a "reseat"),
 * each at once, oldest first, so that each lands at the head in turn; an mh server the
 * file sets from a weight to 0 ends that run, since only an add at 0
 * clears its last weight.  The kernel keeps a deleted server in its trash
 * and revives the same one on the add, so its connections are kept.
 */
#include <stdlib.h>
#include <string.h>

#include "save_restore/apply_int.h"

int apply_order_matters(const char *sched)
{
	static const char *const hashing[] = { "mh", "sh", "dh", "fo", "ovf" };
	size_t i;

	for (i = 0; i < sizeof(hashing) / sizeof(hashing[0]); i++)
		if (!strcmp(sched, hashing[i]))
			return 1;
	return 0;
}

/* The server would keep a last weight that a fresh load does not give:
 * mh, set to 0 from another weight. */
static int hidden_weight(const struct apply_svc *w, const struct apply_dest *want,
			 const struct apply_dest *live)
{
	return !strcmp(w->svc.sched_name, "mh") && want->weight == 0 &&
	       live->weight != 0;
}

static int by_seq(const void *pa, const void *pb)
{
	const struct apply_dest *a = *(const struct apply_dest *const *)pa;
	const struct apply_dest *b = *(const struct apply_dest *const *)pb;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The live servers that the file keeps, oldest first (the list's tail
 * first), in *out (free it); -1 when out of memory. */
static int kept_oldest_first(struct apply_svc *l, struct apply_svc *w,
			     struct apply_dest ***out, size_t *n)
{
	size_t k;

	*n = 0;
	*out = calloc(l->ndest + 1, sizeof(**out));
	if (!*out)
		return -1;
	for (k = 0; k < l->ndest; k++)
		if (table_find_dest(w, &l->dest[k]))
			(*out)[(*n)++] = &l->dest[k];
	if (*n)
		qsort(*out, *n, sizeof(**out), by_seq);
	return 0;
}

long apply_reseat_from(struct apply_svc *l, struct apply_svc *w)
{
	struct apply_dest **kept;
	size_t n, k = 0;

	if (!l || !apply_order_matters(w->svc.sched_name))
		return (long)w->ndest;
	if (kept_oldest_first(l, w, &kept, &n))
		return -1;
	while (k < n && k < w->ndest && apply_same_dest(kept[k], &w->dest[k]) &&
	       !hidden_weight(w, &w->dest[k], kept[k]))
		k++;
	free(kept);
	/* only new servers after the shared run: plain adds are in order */
	return (long)(k < n ? k : w->ndest);
}

int apply_push_reseat(struct apply_svc *l, struct apply_svc *w, size_t from,
		      struct apply_changes *out)
{
	size_t k;
	int r = 0;

	/* Each server deleted and at once added again, oldest first: each
	 * lands at the head, above those before it, and is out of the list
	 * for one message only, not for the whole reseat. */
	for (k = from; !r && k < w->ndest; k++) {
		struct apply_dest *ld = table_find_dest(l, &w->dest[k]);

		if (ld)
			r = apply_push(out, CMD_DELDEST, &w->svc, ld, CHANGE_RESEAT);
		if (!r)
			r = apply_push(out, CMD_ADDDEST, &w->svc, &w->dest[k],
				       ld ? CHANGE_RESEAT : CHANGE_PLAIN);
	}
	return r;
}
