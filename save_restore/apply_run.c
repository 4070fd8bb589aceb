/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --apply / -R --diff against the kernel: check the file like -R
 * --test (every line, and the modules it names), replay it into the
 * wanted table, read the live table, and send (or print) the difference
 * computed by apply_diff.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/exec.h"
#include "save_restore/apply_int.h"

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
	const struct apply_dest *a = pa, *b = pb;
	int c = memcmp(&a->addr, &b->addr, sizeof(a->addr));

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	if (c)
		return c;
	return a->port < b->port ? -1 : a->port > b->port;
}

/* The dump gives a service's servers in the kernel's list order, the
 * newest at the head: their seq says so, whatever sorts them later. */
static void kernel_ages(struct apply_svc *as)
{
	size_t k;

	for (k = 0; k < as->ndest; k++)
		as->dest[k].seq = (uint32_t)(as->ndest - 1 - k);
}

int apply_table_dump(struct ipvs_sock *s, struct apply_table *t)
{
	struct ipvs_service_list sl = { 0 };
	struct ipvs_dest_list dl = { 0 };
	size_t i;
	int err = ipvs_dump_services(s, &sl);

	for (i = 0; !err && i < sl.len; i++) {
		err = ipvs_dump_dests(s, &sl.svc[i], &dl);
		if (!err && (apply_table_add_svc(t, &sl.svc[i]) ||
			     (dl.len && apply_table_add_dests(t, dl.dest, dl.len))))
			err = -ENOMEM;
		if (!err)
			kernel_ages(&t->svc[i]);
	}
	ipvs_service_list_free(&sl);
	ipvs_dest_list_free(&dl);
	return err;
}

/* The live table, sorted so that deletions come out in a stable order. */
static int read_live(struct ipvs_sock *s, struct apply_table *t)
{
	struct ipvs_daemon d[2] = { { 0 } };
	size_t i;
	int err, n;

	err = apply_table_dump(s, t);
	/* qsort's array must not be NULL, even for no element */
	for (i = 0; !err && i < t->len; i++)
		if (t->svc[i].ndest)
			qsort(t->svc[i].dest, t->svc[i].ndest,
			      sizeof(t->svc[i].dest[0]), dest_cmp);
	if (!err && t->len)
		qsort(t->svc, t->len, sizeof(t->svc[0]), svc_cmp);
	if (!err)
		err = ipvs_get_timeouts(s, &t->timeouts);
	n = err ? err : ipvs_get_daemons(s, d);
	if (n < 0)
		return n;
	t->daemon_want[0] = t->daemon_want[1] = DAEMON_STOPPED;
	for (i = 0; i < (size_t)n; i++) {
		int idx = (d[i].state & IP_VS_STATE_BACKUP) ? 1 : 0;

		t->daemon_want[idx] = DAEMON_RUNNING;
		t->daemon[idx] = d[i];
		t->daemon[idx].state = idx ? IP_VS_STATE_BACKUP : IP_VS_STATE_MASTER;
	}
	return 0;
}

/* One pass of changes through the batch path.  refused[i] is set for
 * each change the kernel refused; with stop_early nothing more is queued
 * after a window with a refusal.  *sent is how many were sent. */
struct send_state {
	const struct apply_changes *changes;
	unsigned char *refused;
	unsigned long failed;
	const char *prefix;	/* before each refused line in messages */
};

static void on_error(void *arg, unsigned long cookie, int err,
		     const char *extack)
{
	struct send_state *ss = arg;
	const struct ipvs_cmdline *cl = &ss->changes->cl[cookie];
	char line[1024];

	(void)extack;
	apply_format(line, sizeof(line), cl);
	fprintf(stderr, "%s%s: %s\n", ss->prefix, line,
		cmd_strerror(cl->cmd, err < 0 ? -err : err));
	ss->refused[cookie] = 1;
	ss->failed++;
}

static int send_pass(struct ipvs_sock *s, struct send_state *ss,
		     int stop_early, size_t *sent)
{
	const struct apply_changes *c = ss->changes;
	struct ipvs_batch *b = ipvs_batch_new(s);
	size_t i;
	int r = 0;

	*sent = 0;
	if (!b)
		return -ENOMEM;
	for (i = 0; r >= 0 && i < c->len; i++) {
		struct nl_msg *msg = cmdline_request(ipvs_family(s), &c->cl[i]);

		*sent = i + 1;
		if (!msg || ipvs_batch_add(b, msg, i) < 0) {
			on_error(ss, i, ENOMEM, NULL);
			continue;
		}
		if ((i + 1) % APPLY_WINDOW == 0)
			r = ipvs_batch_flush(b, on_error, ss);
		if (stop_early && ss->failed)
			break;
	}
	if (r >= 0)
		r = ipvs_batch_flush(b, on_error, ss);
	ipvs_batch_free(b);
	return r;
}

/* After a refusal: undo what was done (done[i] set), or say exactly
 * which changes stay in the table. */
static void roll_back(struct ipvs_sock *s, struct apply_table *live,
		      const struct apply_changes *c, unsigned char *done)
{
	struct apply_changes undo = { 0 };
	struct send_state ss = { &undo, NULL, 0, "undo refused: " };
	size_t *origin = NULL, i, sent, ndone = 0;
	char line[1024];
	int r = -ENOMEM;

	for (i = 0; i < c->len; i++)
		ndone += done[i];
	if (!apply_inverse(live, c, done, &undo, &origin) &&
	    (ss.refused = calloc(undo.len + 1, 1)) != NULL)
		r = send_pass(s, &ss, 0, &sent);
	if (r >= 0 && !ss.failed) {
		if (ndone == 0)	/* the first change was refused */
			fprintf(stderr, "Rolled back: nothing had been changed; the table is as it was\n");
		else
			fprintf(stderr, "Rolled back: the %zu change%s already made %s undone; the table is as it was\n",
				ndone, ndone == 1 ? "" : "s", ndone == 1 ? "was" : "were");
		goto out;
	}
	if (r < 0)	/* nothing known of the undo: every change may stay */
		fprintf(stderr, "undo failed: %s\n", strerror(-r));
	for (i = 0; r >= 0 && i < undo.len; i++)
		if (ss.refused[i])
			done[origin[i]] = 2;
	fprintf(stderr, "Not rolled back: these changes remain in the table:\n");
	for (i = 0; i < c->len; i++) {
		if (done[i] == 2 || (r < 0 && done[i])) {
			apply_format(line, sizeof(line), &c->cl[i]);
			fprintf(stderr, "  %s\n", line);
		}
	}
out:
	free(ss.refused);
	free(origin);
	apply_changes_free(&undo);
}

/* All or nothing: the changes in order; when the kernel refuses one, the
 * rest is not sent and those made are undone from the snapshot live. */
static int send_changes(struct ipvs_sock *s, struct apply_table *live,
			const struct apply_changes *c)
{
	unsigned char *refused = calloc(c->len + 1, 1);
	struct send_state ss = { c, refused, 0, "" };
	size_t sent = 0;
	int r;

	if (!refused) {
		fprintf(stderr, "%s\n", strerror(ENOMEM));
		return RESTORE_EXIT_KERNEL;
	}
	r = send_pass(s, &ss, 1, &sent);
	if (r < 0)
		fprintf(stderr, "%s\n", strerror(-r));
	if (r < 0 || ss.failed) {
		/* done: sent and not refused */
		for (size_t i = 0; i < c->len; i++)
			refused[i] = i < sent && !refused[i];
		roll_back(s, live, c, refused);
	}
	free(refused);
	return r < 0 || ss.failed ? RESTORE_EXIT_KERNEL : 0;
}

/* --drain: a server the file removes is set to weight 0 (unless it has
 * it already) and handed to the caller to wait for, not deleted. */
static int drain_instead(struct apply_table *live, struct apply_changes *c,
			 const struct ipvs_cmdline *opts,
			 struct apply_changes *drains)
{
	size_t i, kept = 0;

	for (i = 0; i < c->len; i++) {
		struct ipvs_cmdline *cl = &c->cl[i];
		unsigned char kind = c->kind ? c->kind[i] : CHANGE_PLAIN;

		if (cl->cmd == CMD_DELDEST && kind == CHANGE_PLAIN) {
			struct apply_dest *ld = apply_find_dest(apply_find_svc(live, &cl->svc), &cl->dest);
			if (apply_changes_add(drains, cl))
				return -1;
			drains->cl[drains->len - 1].cmd = CMD_DRAIN;
			drains->cl[drains->len - 1].drain_timeout = opts->drain_timeout;
			drains->cl[drains->len - 1].options |= opts->options & OPT(DRAIN_EXPIRE);
			if (!ld || ld->weight == 0)
				continue;
			cl->cmd = CMD_EDITDEST;
			cl->dest = apply_dest_full(ld);
			cl->dest.weight = 0;
		}
		if (c->kind)
			c->kind[kept] = kind;
		c->cl[kept++] = *cl;
	}
	c->len = kept;
	return 0;
}

static int same_service(const struct ipvs_service *a,
			const struct ipvs_service *b)
{
	struct apply_service sa = apply_service_of(a), sb = apply_service_of(b);

	return apply_same_service(&sa, &sb);
}

/* Before the first reseat step of a service: a comment (which -R
 * skips) that says why its servers go and come back. */
static void print_reseat_note(const struct apply_changes *c, size_t i)
{
	struct ipvs_cmdline svc = { 0 };
	char line[1024];

	if (!apply_is_reseat(c, i) ||
	    (i > 0 && apply_is_reseat(c, i - 1) &&
	     same_service(&c->cl[i - 1].svc, &c->cl[i].svc)))
		return;
	svc.cmd = CMD_DEL;
	svc.svc = c->cl[i].svc;
	apply_format(line, sizeof(line), &svc);
	printf("# reseat %s (%s): server order or hidden weight differs from a fresh load's\n",
	       line + 3, c->cl[i].svc.sched_name);
}

static void print_changes(const struct apply_changes *c)
{
	char line[1024];
	size_t i;

	for (i = 0; i < c->len; i++) {
		print_reseat_note(c, i);
		apply_format(line, sizeof(line), &c->cl[i]);
		printf("%s\n", line);
	}
}

static int diff_and_apply(struct ipvs_sock *s, struct apply_table *want,
			  const struct ipvs_cmdline *opts,
			  struct apply_changes *drains)
{
	struct apply_table live = { 0 };
	struct apply_changes changes = { 0 };
	int status = 0, err;

	err = read_live(s, &live);
	if (!err)
		apply_scope_filter(&live, want);
	if (!err && (apply_diff(&live, want, &changes) ||
		     apply_sysctl_diff(&live, want)))
		err = -ENOMEM;
	if (!err && (opts->options & OPT(DRAIN)) &&
	    drain_instead(&live, &changes, opts, drains))
		err = -ENOMEM;
	if (err) {
		fprintf(stderr, "%s\n", cmd_strerror(CMD_LIST, err));
		status = RESTORE_EXIT_KERNEL;
	} else if (opts->options & OPT(DIFF)) {
		if (opts->options & (OPT(JSON) | OPT(PRETTY))) {
			if (apply_print_json(&live, &changes,
					     !!(opts->options & OPT(PRETTY))))
				status = RESTORE_EXIT_KERNEL;
		} else {
			print_changes(&changes);
			apply_sysctl_print(&live);
		}
		/* diff(1)'s convention, so that scripts need not parse */
		if (!status)
			status = changes.len || live.nsetting ? APPLY_EXIT_CHANGES : 0;
	} else if (apply_sysctl_set(&live)) {
		status = RESTORE_EXIT_KERNEL;
	} else {
		/* the settings first: a refused change puts them back too */
		status = send_changes(s, &live, &changes);
		if (status)
			apply_sysctl_undo(&live);
	}
	apply_changes_free(&changes);
	apply_table_free(&live);
	return status;
}

int apply_run(struct ipvs_sock *s, FILE *in, const char *name,
	      const struct ipvs_cmdline *cl, struct apply_changes *drains)
{
	struct apply_table want = { 0 };
	struct module_check modules = { 0 };
	int status = 0, refused;

	/* --diff refuses what --test refuses: a plan that --apply cannot
	 * carry out is no plan; --apply refuses it before any change. */
	want.outer_scope = cl->scope;
	refused = apply_table_read(&want, in, name, stderr, &modules);
	module_check_free(&modules);
	if (refused == -1) {
		fprintf(stderr, "%s\n", strerror(ENOMEM));
		status = RESTORE_EXIT_KERNEL;
	} else if (refused) {
		status = RESTORE_EXIT_SYNTAX;
	}
	if (status == 0)
		status = diff_and_apply(s, &want, cl, drains);
	apply_table_free(&want);
	return status;
}
