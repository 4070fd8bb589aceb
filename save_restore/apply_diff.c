/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The changes that turn the live table into the file's with the fewest
 * commands, editing in place (-E, -e) so that the connections of a
 * service or server that stays are kept; nothing is cleared first.
 */
#include <stdlib.h>
#include <string.h>

#include "save_restore/apply_int.h"

/* Room for one more change, cl and kind growing together. */
static int reserve(struct apply_changes *out)
{
	size_t cap = out->cap ? out->cap * 2 : 32;
	struct ipvs_cmdline *grown;
	unsigned char *kinds;

	if (out->len < out->cap && out->kind)
		return 0;
	if (out->len < out->cap)	/* filled without kinds: all plain */
		cap = out->cap;
	grown = reallocarray(out->cl, cap, sizeof(*grown));
	if (!grown)
		return -1;
	out->cl = grown;
	kinds = realloc(out->kind, cap);
	if (!kinds)
		return -1;
	if (!out->kind)
		memset(kinds, CHANGE_PLAIN, cap);
	out->kind = kinds;
	out->cap = cap;
	return 0;
}

int apply_push(struct apply_changes *out, enum ipvs_cmd cmd,
	       const struct apply_service *svc, const struct apply_dest *dest,
	       enum apply_kind kind)
{
	struct ipvs_cmdline *cl;

	if (reserve(out))
		return -1;
	out->kind[out->len] = (unsigned char)kind;
	cl = &out->cl[out->len++];
	memset(cl, 0, sizeof(*cl));
	cl->cmd = cmd;
	if (svc)
		cl->svc = apply_service_full(svc);
	if (dest)
		cl->dest = apply_dest_full(dest);
	return 0;
}

static int diff_services(struct apply_table *live,
			 struct apply_table *want, struct apply_changes *out)
{
	size_t i;

	for (i = 0; i < want->len; i++) {
		struct apply_svc *l = table_find_svc(live, &want->svc[i].svc);

		if (!l && apply_push(out, CMD_ADD, &want->svc[i].svc, NULL, CHANGE_PLAIN))
			return -1;
		if (l && !apply_same_svc_settings(&l->svc, &want->svc[i].svc) &&
		    apply_push(out, CMD_EDIT, &want->svc[i].svc, NULL, CHANGE_PLAIN))
			return -1;
	}
	return 0;
}

/* The servers of w before index end: added or edited in place. */
static int diff_dests(struct apply_svc *l, struct apply_svc *w, size_t end,
		      struct apply_changes *out)
{
	size_t k;

	for (k = 0; k < end; k++) {
		const struct apply_dest *d = table_find_dest(l, &w->dest[k]);

		if (!d && apply_push(out, CMD_ADDDEST, &w->svc, &w->dest[k], CHANGE_PLAIN))
			return -1;
		if (d && !apply_same_dest_settings(d, &w->dest[k]) &&
		    apply_push(out, CMD_EDITDEST, &w->svc, &w->dest[k], CHANGE_PLAIN))
			return -1;
	}
	return 0;
}

/* Servers added or edited, then those reseated (apply_order.c), then
 * deleted. */
static int diff_servers(struct apply_table *live,
			struct apply_table *want, struct apply_changes *out)
{
	long *from = calloc(want->len + 1, sizeof(*from));
	size_t i, k;
	int r = from ? 0 : -1;

	for (i = 0; !r && i < want->len; i++) {
		struct apply_svc *w = &want->svc[i];
		struct apply_svc *l = table_find_svc(live, &w->svc);

		from[i] = apply_reseat_from(l, w);
		r = from[i] < 0 || diff_dests(l, w, (size_t)from[i], out);
	}
	for (i = 0; !r && i < want->len; i++)
		if ((size_t)from[i] < want->svc[i].ndest)
			r = apply_push_reseat(table_find_svc(live, &want->svc[i].svc),
					      &want->svc[i], (size_t)from[i], out);
	free(from);
	/* Deletions last: a server leaves only once the others are ready. */
	for (i = 0; !r && i < live->len; i++) {
		struct apply_svc *l = &live->svc[i];
		struct apply_svc *w = table_find_svc(want, &l->svc);

		for (k = 0; !r && w && k < l->ndest; k++)
			if (!table_find_dest(w, &l->dest[k]))
				r = apply_push(out, CMD_DELDEST, &l->svc, &l->dest[k], CHANGE_PLAIN);
	}
	for (i = 0; !r && i < live->len; i++)
		if (!table_find_svc(want, &live->svc[i].svc))
			r = apply_push(out, CMD_DEL, &live->svc[i].svc, NULL, CHANGE_PLAIN);
	return r ? -1 : 0;
}

static int diff_timeouts(const struct ipvs_timeouts *live,
			 const struct ipvs_timeouts *want,
			 struct apply_changes *out)
{
	if ((!want->tcp || want->tcp == live->tcp) &&
	    (!want->tcp_fin || want->tcp_fin == live->tcp_fin) &&
	    (!want->udp || want->udp == live->udp))
		return 0;
	if (apply_push(out, CMD_TIMEOUT, NULL, NULL, CHANGE_PLAIN))
		return -1;
	out->cl[out->len - 1].timeouts = *want;
	return 0;
}

static int push_daemon(struct apply_changes *out, enum ipvs_cmd cmd,
		       const struct ipvs_daemon *d)
{
	if (apply_push(out, cmd, NULL, NULL, CHANGE_PLAIN))
		return -1;
	out->cl[out->len - 1].daemon = *d;
	return 0;
}

static int diff_daemons(struct apply_table *live,
			struct apply_table *want, struct apply_changes *out)
{
	int i;

	for (i = 0; i < 2; i++) {
		int running = live->daemon_want[i] == DAEMON_RUNNING;

		switch (want->daemon_want[i]) {
		case DAEMON_RUNNING:
			if (running && apply_same_daemon(&live->daemon[i], &want->daemon[i]))
				break;
			if (running && push_daemon(out, CMD_STOPDAEMON, &live->daemon[i]))
				return -1;
			if (push_daemon(out, CMD_STARTDAEMON, &want->daemon[i]))
				return -1;
			break;
		case DAEMON_STOPPED:
			if (running && push_daemon(out, CMD_STOPDAEMON, &live->daemon[i]))
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

int apply_diff(struct apply_table *live, struct apply_table *want,
	       struct apply_changes *out)
{
	if (diff_services(live, want, out) || diff_servers(live, want, out) ||
	    diff_timeouts(&live->timeouts, &want->timeouts, out) ||
	    diff_daemons(live, want, out))
		return -1;
	return 0;
}

int apply_changes_add(struct apply_changes *c, const struct ipvs_cmdline *cl)
{
	if (apply_push(c, cl->cmd, NULL, NULL, CHANGE_PLAIN))
		return -1;
	c->cl[c->len - 1] = *cl;
	return 0;
}

void apply_changes_free(struct apply_changes *c)
{
	free(c->cl);
	free(c->kind);
	memset(c, 0, sizeof(*c));
}
