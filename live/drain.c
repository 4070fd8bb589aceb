/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --drain[=SECONDS]: take a real server out gently.  Its weight goes to 0
 * (everything else kept) so it gets no new connections, then its active
 * connections are counted every half second until there are none, and
 * only then is it deleted.  When SECONDS pass first, it stays in the
 * table with weight 0 and the command fails.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "live/drain.h"
#include "print/list_fmt.h"
#include "print/resolve.h"

#define DRAIN_POLL_NS 500000000L

/* The server as the kernel has it now: 0, -ESRCH (no service) or
 * -ENOENT (no such server in it). */
static int current_dest(struct ipvs_sock *s, const struct ipvs_cmdline *cl,
			struct ipvs_dest *out)
{
	struct ipvs_dest_list dl = { 0 };
	struct ipvs_service svc;
	size_t i;
	int err = ipvs_get_service(s, &cl->svc, &svc);

	if (!err)
		err = ipvs_dump_dests(s, &svc, &dl);
	for (i = 0; !err && i < dl.len; i++) {
		const struct ipvs_dest *d = &dl.dest[i];

		if (d->af == cl->dest.af && d->port == cl->dest.port &&
		    !memcmp(&d->addr, &cl->dest.addr,
			    d->af == AF_INET6 ? 16 : 4)) {
			*out = *d;
			break;
		}
	}
	if (!err && i == dl.len)
		err = -ENOENT;
	ipvs_dest_list_free(&dl);
	return err;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static int fail(enum ipvs_cmd cmd, int err)
{
	fprintf(stderr, "%s\n", cmd_strerror(cmd, err));
	return 255;
}

/* On a terminal, one line on stderr that says what is being waited for,
 * rewritten in place as the count changes; nothing for scripts. */
struct progress {
	int on;
	int shown;		/* a line is on the terminal */
	unsigned int conns;	/* the count it shows */
	long secs;		/* and the seconds */
};

static void progress_show(struct progress *p, const char *name,
			  unsigned int conns, double elapsed, unsigned int limit)
{
	long secs = (long)elapsed;

	if (!p->on || (p->shown && conns == p->conns && secs == p->secs))
		return;
	fprintf(stderr, "\r\033[KDraining %s: %u active connection%s, %ld s of %u",
		name, conns, conns == 1 ? "" : "s", secs, limit);
	fflush(stderr);
	p->shown = 1;
	p->conns = conns;
	p->secs = secs;
}

static void progress_end(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}

int drain_run(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	struct progress prog = { isatty(STDERR_FILENO), 0, 0, 0 };
	static const struct timespec poll = { 0, DRAIN_POLL_NS };
	struct ipvs_dest d;
	struct timespec t0;
	char name[ADDRPORT_LEN];
	int err;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = current_dest(s, cl, &d);
	if (err)
		return fail(CMD_DELDEST, err);
	if (d.weight != 0) {
		d.weight = 0;
		err = ipvs_update_dest(s, &cl->svc, &d);
		if (err)
			return fail(CMD_EDITDEST, err);
	}
	fmt_addrport(name, sizeof(name), d.af, &d.addr, d.port,
		     cl->svc.protocol, FMT_NUMERIC);
	while (d.active_conns) {
		progress_show(&prog, name, d.active_conns, seconds_since(&t0),
			      cl->drain_timeout);
		if (seconds_since(&t0) >= cl->drain_timeout) {
			progress_end(&prog);
			fprintf(stderr, "Drain timed out: %s still has %u active connection%s after %u s; it stays with weight 0\n",
				name, d.active_conns, d.active_conns == 1 ? "" : "s",
				cl->drain_timeout);
			return 1;
		}
		nanosleep(&poll, NULL);
		err = current_dest(s, cl, &d);
		if (err)
			progress_end(&prog);
		if (err == -ENOENT || err == -ESRCH)
			return 0;	/* someone else took it out */
		if (err)
			return fail(CMD_LIST, err);
	}
	progress_end(&prog);
	err = ipvs_del_dest(s, &cl->svc, &d);
	if (err)
		return fail(CMD_DELDEST, err);
	return 0;
}
