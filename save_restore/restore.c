/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R: read the whole input once, checking every line (check.c) and
 * compiling each good one into a spool of requests, then, if every line
 * was good, send the spool in batches over the one socket.  A bad line
 * changes nothing; every bad line and every refused request is reported
 * with its line number.  The process's memory stays the same whatever the
 * size of the input: the spool is a memory file (about three times the
 * input's size).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <netlink/msg.h>

#include "cli/exec.h"
#include "cli/sysctl_set.h"
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
	restore_exec_fn run;	/* the lines that are not requests */
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

/*
 * The first pass compiles each good line into a record of a spool: the
 * request it sends (the netlink message), or the whole command for one
 * that only reads (a listing in the input shows the table as the lines
 * above it left it).  The input is parsed once; the spool lives in a
 * memory file, not in the process's memory, and the second pass replays
 * it only if every line was good.
 */
enum rec_kind { REC_REQUEST, REC_COMMAND, REC_SYSCTL };

struct rec_head {
	uint32_t kind;		/* enum rec_kind */
	uint32_t size;		/* bytes of payload after the head */
	unsigned long line;
	enum ipvs_cmd cmd;
};

struct compile_state {
	FILE *spool;
	int family;
	int failed;		/* out of memory or a spool write error */
	const char *name;	/* the input's, for reports */
	unsigned long bad;	/* --sysctl lines with a bad setting */
};

/* A --sysctl line: each setting checked now (key and value), spooled as
 * a record of its own; without settings, the listing as a command. */
static void compile_sysctl(struct compile_state *cs, unsigned long line,
			   const struct ipvs_cmdline *cl)
{
	struct ipvs_cmdline listing = *cl;
	struct rec_head h = { REC_SYSCTL, sizeof(struct sysctl_assign), line, cl->cmd };
	struct sysctl_assign *a;
	char msg[512];
	size_t n, i;

	if (sysctl_cmdline_settings(cl, &a, &n, msg, sizeof(msg))) {
		restore_report(stderr, cs->name, line, msg);
		cs->bad++;
	} else if (!n) {
		listing.sysctl_argv = NULL;
		listing.sysctl_argc = 0;
		h = (struct rec_head){ REC_COMMAND, sizeof(listing), line, cl->cmd };
		if (fwrite(&h, sizeof(h), 1, cs->spool) != 1 ||
		    fwrite(&listing, sizeof(listing), 1, cs->spool) != 1)
			cs->failed = errno ? errno : EIO;
	}
	for (i = 0; !cs->failed && i < n; i++)
		if (fwrite(&h, sizeof(h), 1, cs->spool) != 1 ||
		    fwrite(&a[i], sizeof(a[i]), 1, cs->spool) != 1)
			cs->failed = errno ? errno : EIO;
	free(a);
}

static void compile_one(void *arg, unsigned long line,
			const struct ipvs_cmdline *cl)
{
	struct compile_state *cs = arg;
	struct rec_head h = { REC_COMMAND, sizeof(*cl), line, cl->cmd };
	const void *payload = cl;
	struct nl_msg *msg = NULL;

	if (cs->failed)
		return;
	if (cl->cmd == CMD_SYSCTL) {
		compile_sysctl(cs, line, cl);
		return;
	}
	if (is_kernel_request(cl->cmd)) {
		msg = cmdline_request(cs->family, cl);
		if (!msg) {
			cs->failed = ENOMEM;
			return;
		}
		h.kind = REC_REQUEST;
		h.size = nlmsg_hdr(msg)->nlmsg_len;
		payload = nlmsg_hdr(msg);
	}
	if (fwrite(&h, sizeof(h), 1, cs->spool) != 1 ||
	    fwrite(payload, h.size, 1, cs->spool) != 1)
		cs->failed = errno ? errno : EIO;
	nlmsg_free(msg);
}

/* The second pass: one record of the spool. */
static void apply_record(struct apply_state *as, const struct rec_head *h,
			 void *payload)
{
	struct nl_msg *msg;

	if (as->broken)
		return;
	if (h->kind == REC_SYSCTL) {
		char text[512];

		/* in file order: the requests above go first */
		flush(as);
		if (sysctl_assign_all(payload, 1, NULL, text, sizeof(text))) {
			restore_report(as->err, as->name, h->line, text);
			as->failed++;
		}
		return;
	}
	if (h->kind == REC_COMMAND) {
		/* A listing shows the table as the lines above left it. */
		flush(as);
		fflush(as->err);
		if (as->run(as->s, payload) != 0)
			as->failed++;
		fflush(stdout);
		return;
	}
	msg = nlmsg_convert(payload);
	if (!msg || ipvs_batch_add(as->b, msg, as->queued) < 0) {
		restore_report(as->err, as->name, h->line, strerror(ENOMEM));
		as->failed++;
		return;
	}
	as->pending[as->queued++] = (struct pending){ h->line, h->cmd };
	if (as->queued == RESTORE_WINDOW)
		flush(as);
}

/* A memory file (or a temporary file where there is none), read and
 * written through stdio. */
static FILE *memory_file(const char *name)
{
	int fd = memfd_create(name, MFD_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "w+") : tmpfile();

	if (!f && fd >= 0)
		close(fd);
	return f;
}

/* Replay the spool: every record in order, then what is still queued. */
static int replay(struct ipvs_sock *s, FILE *spool, const char *name,
		  restore_exec_fn run)
{
	struct apply_state *as = calloc(1, sizeof(*as));
	struct rec_head h;
	/* The largest record: a command, or a request (under 4 KiB). */
	size_t cap = sizeof(struct ipvs_cmdline) > 4096 ?
		     sizeof(struct ipvs_cmdline) : 4096;
	void *payload = malloc(cap);
	int status;

	if (as)
		*as = (struct apply_state){ .s = s, .b = ipvs_batch_new(s),
					    .run = run, .name = name,
					    .err = stderr };
	if (!as || !as->b || !payload || fseeko(spool, 0, SEEK_SET) < 0) {
		fprintf(stderr, "%s\n", strerror(errno ? errno : ENOMEM));
		status = RESTORE_EXIT_KERNEL;
		goto out;
	}
	while (fread(&h, sizeof(h), 1, spool) == 1) {
		if (h.size > cap)
			break;	/* cannot be: we wrote it */
		if (fread(payload, h.size, 1, spool) != 1)
			break;
		apply_record(as, &h, payload);
	}
	if (ferror(spool) || !feof(spool)) {
		fprintf(stderr, "%s%s%s\n", name ? name : "", name ? ": " : "",
			strerror(errno ? errno : EIO));
		as->failed++;
	}
	flush(as);
	status = as->failed || as->broken ? RESTORE_EXIT_KERNEL : 0;
out:
	if (as)
		ipvs_batch_free(as->b);
	free(as);
	free(payload);
	return status;
}

int restore_run(struct ipvs_sock *s, FILE *in, const char *name,
		restore_exec_fn run)
{
	struct compile_state cs = { memory_file("ipvsadm-restore"),
				    ipvs_family(s), 0, name, 0 };
	struct restore_reader check = {
		.name = name, .argv0 = program_invocation_name, .err = stderr,
		.fn = compile_one, .arg = &cs,
	};
	char buf[64 << 10];
	int status;

	if (!cs.spool) {
		fprintf(stderr, "%s\n", strerror(errno ? errno : ENOMEM));
		return RESTORE_EXIT_SYNTAX;
	}
	setvbuf(cs.spool, buf, _IOFBF, sizeof(buf));
	status = restore_read(in, &check);
	if (!status && cs.bad)
		status = RESTORE_EXIT_SYNTAX;
	free(check.scope);	/* its rules were checked against it */
	if (!status && (cs.failed || fflush(cs.spool))) {
		fprintf(stderr, "%s\n", strerror(cs.failed ? cs.failed : errno));
		status = RESTORE_EXIT_SYNTAX;
	}
	if (!status)
		status = replay(s, cs.spool, name, run);
	fclose(cs.spool);
	return status;
}

int restore_test(FILE *in, const char *name, const struct ipvs_scope *scope)
{
	return restore_dry_run(in, name, stderr, scope);
}
