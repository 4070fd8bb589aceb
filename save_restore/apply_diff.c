/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The changes that turn the live table into the file's with the fewest
 * commands, editing in place (-E, -e) so that the connections of a
 * service or server that stays are kept; nothing is cleared first.
 */
#include <stdlib.h>
#include <string.h>

#include "save_restore/apply_int.h"

static int push(struct apply_changes *out, enum ipvs_cmd cmd,
		const struct apply_service *svc, const struct apply_dest *dest)
{
	struct ipvs_cmdline *cl;

	if (out->len == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 32;
		struct ipvs_cmdline *grown = reallocarray(out->cl, cap, sizeof(*grown));

		if (!grown)
			return -1;
		out->cl = grown;
		out->cap = cap;
	}
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
	size_t i, k;

	for (i = 0; i < want->len; i++) {
		struct apply_svc *l = table_find_svc(live, &want->svc[i].svc);

		if (!l && push(out, CMD_ADD, &want->svc[i].svc, NULL))
			return -1;
		if (l && !apply_same_svc_settings(&l->svc, &want->svc[i].svc) &&
		    push(out, CMD_EDIT, &want->svc[i].svc, NULL))
			return -1;
	}
	for (i = 0; i < want->len; i++) {
		struct apply_svc *w = &want->svc[i];
		struct apply_svc *l = table_find_svc(live, &w->svc);

		for (k = 0; k < w->ndest; k++) {
			const struct apply_dest *d = table_find_dest(l, &w->dest[k]);

			if (!d && push(out, CMD_ADDDEST, &w->svc, &w->dest[k]))
				return -1;
			if (d && !apply_same_dest_settings(d, &w->dest[k]) &&
			    push(out, CMD_EDITDEST, &w->svc, &w->dest[k]))
				return -1;
		}
	}
	/* Deletions last: a server leaves only once the others are ready. */
	for (i = 0; i < live->len; i++) {
		struct apply_svc *l = &live->svc[i];
		struct apply_svc *w = table_find_svc(want, &l->svc);

		for (k = 0; w && k < l->ndest; k++)
			if (!table_find_dest(w, &l->dest[k]) &&
			    push(out, CMD_DELDEST, &l->svc, &l->dest[k]))
				return -1;
	}
	for (i = 0; i < live->len; i++)
		if (!table_find_svc(want, &live->svc[i].svc) &&
		    push(out, CMD_DEL, &live->svc[i].svc, NULL))
			return -1;
	return 0;
}

static int diff_timeouts(const struct ipvs_timeouts *live,
			 const struct ipvs_timeouts *want,
			 struct apply_changes *out)
{
	if ((!want->tcp || want->tcp == live->tcp) &&
	    (!want->tcp_fin || want->tcp_fin == live->tcp_fin) &&
	    (!want->udp || want->udp == live->udp))
		return 0;
	if (push(out, CMD_TIMEOUT, NULL, NULL))
		return -1;
	out->cl[out->len - 1].timeouts = *want;
	return 0;
}

static int push_daemon(struct apply_changes *out, enum ipvs_cmd cmd,
		       const struct ipvs_daemon *d)
{
	if (push(out, cmd, NULL, NULL))
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
	if (diff_services(live, want, out) ||
	    diff_timeouts(&live->timeouts, &want->timeouts, out) ||
	    diff_daemons(live, want, out))
		return -1;
	return 0;
}

int apply_changes_add(struct apply_changes *c, const struct ipvs_cmdline *cl)
{
	if (push(c, cl->cmd, NULL, NULL))
		return -1;
	c->cl[c->len - 1] = *cl;
	return 0;
}

void apply_changes_free(struct apply_changes *c)
{
	free(c->cl);
	memset(c, 0, sizeof(*c));
}
