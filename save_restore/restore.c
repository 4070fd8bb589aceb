/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R: check the whole input first (check.c), then apply it in batches
 * over the one socket.  A bad line changes nothing; every bad line and
 * every refused request is reported with its line number.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/exec.h"
#include "save_restore/restore.h"
#include "save_restore/restore_int.h"

/* Requests queued before a flush: bounds the memory of the messages. */
#define RESTORE_WINDOW 256

struct apply_state {
	const struct restore_plan *plan;
	const char *name;
	FILE *err;
	unsigned long failed;
};

static void on_batch_error(void *arg, unsigned long cookie, int err,
			   const char *extack)
{
	struct apply_state *as = arg;
	const struct restore_cmd *c = &as->plan->cmd[cookie];

	(void)extack;	/* the reference prints only its own text */
	restore_report(as->err, as->name, c->line,
		       cmd_strerror(c->cl.cmd, err < 0 ? -err : err));
	as->failed++;
}

static int is_kernel_request(enum ipvs_cmd cmd)
{
	switch (cmd) {
	case CMD_ADD: case CMD_EDIT: case CMD_DEL: case CMD_FLUSH:
	case CMD_ZERO: case CMD_ADDDEST: case CMD_EDITDEST: case CMD_DELDEST:
	case CMD_TIMEOUT: case CMD_STARTDAEMON: case CMD_STOPDAEMON:
		return 1;
	default:
		return 0;
	}
}

/* Send what is queued; a socket error ends the whole restore. */
static int flush(struct ipvs_batch *b, struct apply_state *as)
{
	int r = ipvs_batch_flush(b, on_batch_error, as);

	if (r < 0) {
		fprintf(as->err, "%s%s%s\n", as->name ? as->name : "",
			as->name ? ": " : "", strerror(-r));
		return -1;
	}
	return 0;
}

static int restore_apply(struct ipvs_sock *s, const struct restore_plan *plan,
			 const char *name, FILE *err)
{
	struct apply_state as = { plan, name, err, 0 };
	struct ipvs_batch *b = ipvs_batch_new(s);
	size_t i, queued = 0;
	int family = ipvs_family(s);

	if (!b) {
		fprintf(err, "%s\n", strerror(ENOMEM));
		return RESTORE_EXIT_KERNEL;
	}
	for (i = 0; i < plan->len; i++) {
		const struct restore_cmd *c = &plan->cmd[i];
		struct nl_msg *msg;

		if (!is_kernel_request(c->cl.cmd)) {
			/* A listing shows the table as the lines above left it. */
			if (queued && flush(b, &as) < 0)
				goto broken;
			queued = 0;
			fflush(err);
			if (cmdline_exec(s, &c->cl) != 0)
				as.failed++;
			fflush(stdout);
			continue;
		}
		msg = cmdline_request(family, &c->cl);
		if (!msg || ipvs_batch_add(b, msg, i) < 0) {
			restore_report(err, name, c->line, strerror(ENOMEM));
			as.failed++;
			continue;
		}
		if (++queued == RESTORE_WINDOW) {
			if (flush(b, &as) < 0)
				goto broken;
			queued = 0;
		}
	}
	if (queued && flush(b, &as) < 0)
		goto broken;
	ipvs_batch_free(b);
	return as.failed ? RESTORE_EXIT_KERNEL : 0;

broken:
	ipvs_batch_free(b);
	return RESTORE_EXIT_KERNEL;
}

int restore_run(struct ipvs_sock *s, FILE *in, const char *name)
{
	struct restore_plan plan = { 0 };
	int status;

	status = restore_check(in, name, program_invocation_name, &plan, stderr);
	if (status == 0)
		status = restore_apply(s, &plan, name, stderr);
	restore_plan_free(&plan);
	return status;
}

/* One name, checked once however many lines use it. */
struct seen_name {
	char name[IP_VS_SCHEDNAME_MAXLEN + IP_VS_PENAME_MAXLEN];
	int available;
};

static int name_available(struct seen_name **seen, size_t *n,
			  const char *prefix, const char *name)
{
	char key[sizeof((*seen)->name)];
	struct seen_name *grown;
	size_t i;

	snprintf(key, sizeof(key), "%s%s", prefix, name);
	for (i = 0; i < *n; i++)
		if (!strcmp((*seen)[i].name, key))
			return (*seen)[i].available;
	grown = realloc(*seen, (*n + 1) * sizeof(**seen));
	if (!grown)
		return ipvs_module_available(prefix, name);
	*seen = grown;
	snprintf(grown[*n].name, sizeof(grown[*n].name), "%s", key);
	grown[*n].available = ipvs_module_available(prefix, name);
	return grown[(*n)++].available;
}

int restore_dry_run(FILE *in, const char *name, FILE *err)
{
	struct restore_plan plan = { 0 };
	struct seen_name *seen = NULL;
	size_t i, nseen = 0;
	unsigned long missing = 0;
	int status;

	status = restore_check(in, name, program_invocation_name, &plan, err);
	for (i = 0; i < plan.len; i++) {
		const struct restore_cmd *c = &plan.cmd[i];
		const struct ipvs_service *svc = &c->cl.svc;
		char text[256];

		if (c->cl.cmd != CMD_ADD && c->cl.cmd != CMD_EDIT)
			continue;
		if (!name_available(&seen, &nseen, "ip_vs_", svc->sched_name)) {
			snprintf(text, sizeof(text),
				 "scheduler '%s' is not available in this kernel (no module ip_vs_%s)",
				 svc->sched_name, svc->sched_name);
			restore_report(err, name, c->line, text);
			missing++;
		}
		if (svc->pe_name[0] &&
		    !name_available(&seen, &nseen, "ip_vs_pe_", svc->pe_name)) {
			snprintf(text, sizeof(text),
				 "persistence engine '%s' is not available in this kernel (no module ip_vs_pe_%s)",
				 svc->pe_name, svc->pe_name);
			restore_report(err, name, c->line, text);
			missing++;
		}
	}
	free(seen);
	restore_plan_free(&plan);
	if (status == 0 && missing)
		status = RESTORE_EXIT_SYNTAX;
	return status;
}

int restore_test(FILE *in, const char *name)
{
	return restore_dry_run(in, name, stderr);
}
