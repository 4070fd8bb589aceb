/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Scoped -R --apply / --diff and -S --scope: the live table seen through
 * a scope (cli/scope.h), so that services another owner keeps in the same
 * table (kube-proxy, keepalived, a second rules file) are never created,
 * changed or deleted by this one, and a scoped save holds only its own.
 */
#include <errno.h>
#include <stdio.h>

#include "save_restore/apply_int.h"

/* "listed": the services the file lists, and only those. */
static int scope_holds(const struct ipvs_scope *sc, struct apply_table *want,
		       const struct apply_service *svc)
{
	struct ipvs_service full;

	if (!sc)
		return 1;
	if (sc->listed && table_find_svc(want, svc))
		return 1;
	full = apply_service_full(svc);
	return scope_covers(sc, &full);
}

void apply_scope_filter(struct apply_table *live, struct apply_table *want)
{
	size_t i = 0;

	if (!want->scope && !want->outer_scope)
		return;
	while (i < live->len) {
		const struct apply_service *svc = &live->svc[i].svc;

		if (scope_holds(want->scope, want, svc) &&
		    scope_holds(want->outer_scope, want, svc))
			i++;
		else
			table_del_svc(live, &live->svc[i]);
	}
}

static void save_line(enum ipvs_cmd cmd, const struct ipvs_service *svc,
		      const struct ipvs_dest *dest)
{
	struct ipvs_cmdline cl = { .cmd = cmd, .svc = *svc };
	char line[1024];

	if (dest)
		cl.dest = *dest;
	apply_format(line, sizeof(line), &cl);
	printf("%s\n", line);
}

int apply_scope_save(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	struct ipvs_service_list sl = { 0 };
	struct ipvs_dest_list dl = { 0 };
	size_t i, k;
	int err;

	err = ipvs_dump_services(s, &sl);
	for (i = 0; !err && i < sl.len; i++) {
		if (!scope_covers(cl->scope, &sl.svc[i]))
			continue;
		err = ipvs_dump_dests(s, &sl.svc[i], &dl);
		if (err)
			break;
		save_line(CMD_ADD, &sl.svc[i], NULL);
		for (k = 0; k < dl.len; k++)
			save_line(CMD_ADDDEST, &sl.svc[i], &dl.dest[k]);
	}
	ipvs_service_list_free(&sl);
	ipvs_dest_list_free(&dl);
	if (err) {
		fprintf(stderr, "%s\n", cmd_strerror(CMD_LIST, err));
		return 255;
	}
	return 0;
}
