/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R: check the whole input first (check.c), then read it again and
 * apply it in batches over the one socket.  A bad line changes nothing;
 * every bad line and every refused request is reported with its line
 * number.  Memory stays the same whatever the size of the input.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "cli/exec.h"
#include "save_restore/restore.h"
#include "save_restore/restore_int.h"

/* Requests queued before a flush: bounds the memory of the messages. */
#define RESTORE_WINDOW 256

/* A queued request: enough to report its failure. */
struct pending {
	unsigned long line;
	enum ipvs_cmd cmd;
};

struct apply_state {
	struct ipvs_sock *s;
	struct ipvs_batch *b;
	const char *name;
	FILE *err;
	struct pending pending[RESTORE_WINDOW];
	size_t queued;
	unsigned long failed;
	int broken;		/* a socket error: nothing more is sent */
};

static void on_batch_error(void *arg, unsigned long cookie, int err,
			   const char *extack)
{
	struct apply_state *as = arg;
	const struct pending *p = &as->pending[cookie];

	(void)extack;	/* the reference prints only its own text */
	restore_report(as->err, as->name, p->line,
		       cmd_strerror(p->cmd, err < 0 ? -err : err));
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
static void flush(struct apply_state *as)
{
	int r;

	if (!as->queued || as->broken)
		return;
	r = ipvs_batch_flush(as->b, on_batch_error, as);
	as->queued = 0;
	if (r < 0) {
		fprintf(as->err, "%s%s%s\n", as->name ? as->name : "",
			as->name ? ": " : "", strerror(-r));
		as->broken = 1;
	}
}

/* The second pass: each command of the input, in order. */
static void apply_one(void *arg, unsigned long line,
		      const struct ipvs_cmdline *cl)
{
	struct apply_state *as = arg;
	struct nl_msg *msg;

	if (as->broken)
		return;
	if (!is_kernel_request(cl->cmd)) {
		/* A listing shows the table as the lines above left it. */
		flush(as);
		fflush(as->err);
		if (cmdline_exec(as->s, cl) != 0)
			as->failed++;
		fflush(stdout);
		return;
	}
	msg = cmdline_request(ipvs_family(as->s), cl);
	if (!msg || ipvs_batch_add(as->b, msg, as->queued) < 0) {
		restore_report(as->err, as->name, line, strerror(ENOMEM));
		as->failed++;
		return;
	}
	as->pending[as->queued++] = (struct pending){ line, cl->cmd };
	if (as->queued == RESTORE_WINDOW)
		flush(as);
}

/*
 * An input that cannot be read twice (a pipe, a terminal) is copied
 * first, to a memory file (or a temporary file where there is none):
 * the copy is the input's text, not the process's memory.
 */
static FILE *spool(FILE *in)
{
	int fd = memfd_create("ipvsadm-restore", MFD_CLOEXEC);
	FILE *copy = fd >= 0 ? fdopen(fd, "w+") : tmpfile();
	char buf[16 << 10];
	size_t n;

	if (!copy) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, copy) != n)
			break;
	if (ferror(in) || ferror(copy) || fflush(copy) ||
	    fseeko(copy, 0, SEEK_SET)) {
		fclose(copy);
		return NULL;
	}
	return copy;
}

int restore_run(struct ipvs_sock *s, FILE *in, const char *name)
{
	struct restore_reader check = { name, program_invocation_name, stderr,
					NULL, NULL, 0 };
	struct restore_reader apply = check;
	struct apply_state *as = NULL;
	FILE *copy = NULL;
	off_t start = ftello(in);
	int status;

	if (start < 0 || fseeko(in, start, SEEK_SET) < 0) {
		copy = spool(in);
		if (!copy) {
			fprintf(stderr, "%s\n", strerror(errno ? errno : ENOMEM));
			return RESTORE_EXIT_SYNTAX;
		}
		in = copy;
		start = 0;
	}
	status = restore_read(in, &check);
	if (status)
		goto out;
	as = calloc(1, sizeof(*as));
	if (as)
		as->b = ipvs_batch_new(s);
	if (!as || !as->b || fseeko(in, start, SEEK_SET) < 0) {
		fprintf(stderr, "%s\n", strerror(errno ? errno : ENOMEM));
		status = RESTORE_EXIT_KERNEL;
		goto out;
	}
	*as = (struct apply_state){ .s = s, .b = as->b, .name = name,
				    .err = stderr };
	apply.fn = apply_one;
	apply.arg = as;
	restore_read(in, &apply);
	flush(as);
	status = as->failed || as->broken || apply.bad_lines ?
		 RESTORE_EXIT_KERNEL : 0;
out:
	if (as)
		ipvs_batch_free(as->b);
	free(as);
	if (copy)
		fclose(copy);
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

struct dry_run {
	const char *name;
	FILE *err;
	struct seen_name *seen;
	size_t nseen;
	unsigned long missing;
};

/* -R --test: are the scheduler and persistence engine of a service there? */
static void check_modules(void *arg, unsigned long line,
			  const struct ipvs_cmdline *cl)
{
	struct dry_run *d = arg;
	const struct ipvs_service *svc = &cl->svc;
	char text[256];

	if (cl->cmd != CMD_ADD && cl->cmd != CMD_EDIT)
		return;
	if (!name_available(&d->seen, &d->nseen, "ip_vs_", svc->sched_name)) {
		snprintf(text, sizeof(text),
			 "scheduler '%s' is not available in this kernel (no module ip_vs_%s)",
			 svc->sched_name, svc->sched_name);
		restore_report(d->err, d->name, line, text);
		d->missing++;
	}
	if (svc->pe_name[0] &&
	    !name_available(&d->seen, &d->nseen, "ip_vs_pe_", svc->pe_name)) {
		snprintf(text, sizeof(text),
			 "persistence engine '%s' is not available in this kernel (no module ip_vs_pe_%s)",
			 svc->pe_name, svc->pe_name);
		restore_report(d->err, d->name, line, text);
		d->missing++;
	}
}

int restore_dry_run(FILE *in, const char *name, FILE *err)
{
	struct dry_run d = { name, err, NULL, 0, 0 };
	struct restore_reader r = { name, program_invocation_name, err,
				    check_modules, &d, 0 };
	int status = restore_read(in, &r);

	free(d.seen);
	if (status == 0 && d.missing)
		status = RESTORE_EXIT_SYNTAX;
	return status;
}

int restore_test(FILE *in, const char *name)
{
	return restore_dry_run(in, name, stderr);
}
