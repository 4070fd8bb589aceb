/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --apply / -R --diff against the kernel: check the file like -R,
 * replay it into the wanted table, read the live table, and send (or
 * print) the difference computed by apply.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/exec.h"
#include "save_restore/apply.h"

#define APPLY_WINDOW 256	/* requests queued before a flush */

static int svc_cmp(const void *pa, const void *pb)
{
	const struct apply_svc *a = pa, *b = pb;

	if (a->svc.af != b->svc.af)
		return a->svc.af < b->svc.af ? -1 : 1;
	if (a->svc.fwmark != b->svc.fwmark)
		return a->svc.fwmark < b->svc.fwmark ? -1 : 1;
	if (a->svc.protocol != b->svc.protocol)
		return a->svc.protocol < b->svc.protocol ? -1 : 1;
	if (a->svc.port != b->svc.port)
		return a->svc.port < b->svc.port ? -1 : 1;
	return memcmp(&a->svc.addr, &b->svc.addr, sizeof(a->svc.addr));
}

static int dest_cmp(const void *pa, const void *pb)
{
	const struct ipvs_dest *a = pa, *b = pb;
	int c = memcmp(&a->addr, &b->addr, sizeof(a->addr));

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	if (c)
		return c;
	return a->port < b->port ? -1 : a->port > b->port;
}

/* The live table, sorted so that deletions come out in a stable order. */
static int read_live(struct ipvs_sock *s, struct apply_table *t)
{
	struct ipvs_service_list sl = { 0 };
	struct ipvs_dest_list dl = { 0 };
	struct ipvs_daemon d[2];
	size_t i, k;
	int err, n;

	err = ipvs_dump_services(s, &sl);
	for (i = 0; !err && i < sl.len; i++) {
		err = ipvs_dump_dests(s, &sl.svc[i], &dl);
		if (!err && apply_table_add_svc(t, &sl.svc[i]))
			err = -ENOMEM;
		for (k = 0; !err && k < dl.len; k++)
			if (apply_table_add_dest(t, &dl.dest[k]))
				err = -ENOMEM;
		/* qsort's array must not be NULL, even for no element */
		if (!err && t->svc[i].ndest)
			qsort(t->svc[i].dest, t->svc[i].ndest,
			      sizeof(t->svc[i].dest[0]), dest_cmp);
	}
	ipvs_service_list_free(&sl);
	ipvs_dest_list_free(&dl);
	if (!err && t->len)
		qsort(t->svc, t->len, sizeof(t->svc[0]), svc_cmp);
	if (!err)
		err = ipvs_get_timeouts(s, &t->timeouts);
	n = err ? err : ipvs_get_daemons(s, d);
	if (n < 0)
		return n;
	t->daemon_want[0] = t->daemon_want[1] = DAEMON_STOPPED;
	for (i = 0; i < (size_t)n; i++) {
		int idx = d[i].state & IP_VS_STATE_BACKUP ? 1 : 0;

		t->daemon_want[idx] = DAEMON_RUNNING;
		t->daemon[idx] = d[i];
		t->daemon[idx].state = idx ? IP_VS_STATE_BACKUP : IP_VS_STATE_MASTER;
	}
	return 0;
}

struct send_state {
	const struct apply_changes *changes;
	unsigned long failed;
};

static void on_error(void *arg, unsigned long cookie, int err,
		     const char *extack)
{
	struct send_state *ss = arg;
	const struct ipvs_cmdline *cl = &ss->changes->cl[cookie];
	char line[1024];

	(void)extack;
	apply_format(line, sizeof(line), cl);
	fprintf(stderr, "%s: %s\n", line, cmd_strerror(cl->cmd, err));
	ss->failed++;
}

static int send_changes(struct ipvs_sock *s, const struct apply_changes *c)
{
	struct send_state ss = { c, 0 };
	struct ipvs_batch *b = ipvs_batch_new(s);
	size_t i;
	int r = 0;

	if (!b) {
		fprintf(stderr, "%s\n", strerror(ENOMEM));
		return RESTORE_EXIT_KERNEL;
	}
	for (i = 0; r >= 0 && i < c->len; i++) {
		struct nl_msg *msg = cmdline_request(ipvs_family(s), &c->cl[i]);

		if (!msg || ipvs_batch_add(b, msg, i) < 0) {
			on_error(&ss, i, ENOMEM, NULL);
			continue;
		}
		if ((i + 1) % APPLY_WINDOW == 0)
			r = ipvs_batch_flush(b, on_error, &ss);
	}
	if (r >= 0)
		r = ipvs_batch_flush(b, on_error, &ss);
	ipvs_batch_free(b);
	if (r < 0) {
		fprintf(stderr, "%s\n", strerror(-r));
		return RESTORE_EXIT_KERNEL;
	}
	return ss.failed ? RESTORE_EXIT_KERNEL : 0;
}

static int diff_and_apply(struct ipvs_sock *s, struct apply_table *want,
			  int print_only)
{
	struct apply_table live = { 0 };
	struct apply_changes changes = { 0 };
	char line[1024];
	int status = 0, err;
	size_t i;

	err = read_live(s, &live);
	if (!err && apply_diff(&live, want, &changes))
		err = -ENOMEM;
	if (err) {
		fprintf(stderr, "%s\n", cmd_strerror(CMD_LIST, err));
		status = RESTORE_EXIT_KERNEL;
	} else if (print_only) {
		for (i = 0; i < changes.len; i++) {
			apply_format(line, sizeof(line), &changes.cl[i]);
			printf("%s\n", line);
		}
		/* diff(1)'s convention, so that scripts need not parse */
		status = changes.len ? APPLY_EXIT_CHANGES : 0;
	} else {
		status = send_changes(s, &changes);
	}
	apply_changes_free(&changes);
	apply_table_free(&live);
	return status;
}

int apply_run(struct ipvs_sock *s, FILE *in, const char *name, int print_only)
{
	struct apply_table want = { 0 };
	int status = 0, refused;

	refused = apply_table_read(&want, in, name, stderr);
	if (refused == -1) {
		fprintf(stderr, "%s\n", strerror(ENOMEM));
		status = RESTORE_EXIT_KERNEL;
	} else if (refused) {
		status = RESTORE_EXIT_SYNTAX;
	}
	if (status == 0)
		status = diff_and_apply(s, &want, print_only);
	apply_table_free(&want);
	return status;
}
