/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --drain[=SECONDS]: take a real server out gently.  Its weight goes to 0
 * (everything else kept) so it gets no new connections, then its active
 * connections are counted every half second until there are none, and
 * only then is it deleted.  When SECONDS pass first, it stays in the
 * table with weight 0 and the command fails.  -R --apply --drain drains
 * every server the file removes this way, all at once.
 *
 * Weight 0 alone never empties a server of a persistent service: with
 * expire_quiescent_template=0 (the kernel's default) a client's
 * persistence template keeps sending its new connections to the server
 * for as long as the client comes back within the persistence timeout.
 * So while such a server drains, expire_quiescent_template is 1 in the
 * namespace: a template of a weight-0 server expires on its next use and
 * the client is scheduled afresh, to another server, while connections
 * already open finish where they are.  The old value is put back at the
 * end (once the server is deleted its templates are dead anyway).
 *
 * --drain-expire: when SECONDS pass, delete the server all the same and
 * set expire_nodest_conn=1 (left so: the kernel applies it when a packet
 * of such a connection arrives), so its remaining connections are
 * expired rather than kept on a server that is gone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
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
			struct ipvs_dest *out, uint32_t *svc_flags)
{
	struct ipvs_dest_list dl = { 0 };
	struct ipvs_service svc;
	size_t i;
	int err = ipvs_get_service(s, &cl->svc, &svc);

	if (!err)
		err = ipvs_dump_dests(s, &svc, &dl);
	if (!err && svc_flags)
		*svc_flags = svc.flags;
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

/* One server being drained. */
struct draining {
	struct ipvs_dest d;		/* as last read */
	char name[ADDRPORT_LEN];
	int gone;			/* deleted, by us or someone else */
	int persistent;			/* of a persistent service */
};

/* A namespace setting the drain changed, to put back at the end. */
struct setting_change {
	const char *name;
	char old[IPVS_SYSCTL_VALUE_LEN];
	int changed;
};

/* Set name to value unless it has it, saying so once on stderr. */
static void setting_force(struct setting_change *c, const char *name,
			  const char *value, const char *why)
{
	c->name = name;
	if (c->changed || ipvs_sysctl_read(name, c->old, sizeof(c->old)) ||
	    !strcmp(c->old, value))
		return;
	if (ipvs_sysctl_write(name, value)) {
		fprintf(stderr, "Drain: could not set %s=%s\n", name, value);
		return;
	}
	c->changed = 1;
	fprintf(stderr, "Drain: %s=%s in this network namespace (was %s): %s\n",
		name, value, c->old, why);
}

static void setting_restore(struct setting_change *c)
{
	if (c->changed && ipvs_sysctl_write(c->name, c->old))
		fprintf(stderr, "Drain: could not put back %s=%s\n", c->name, c->old);
	c->changed = 0;
}

/* Weight 0 for the server of cl, unless it has it. */
static int drain_start(struct ipvs_sock *s, const struct ipvs_cmdline *cl,
		       struct draining *dr)
{
	uint32_t flags = 0;
	int err = current_dest(s, cl, &dr->d, &flags);

	if (err)
		return fail(CMD_DELDEST, err);
	dr->persistent = !!(flags & IP_VS_SVC_F_PERSISTENT);
	fmt_addrport(dr->name, sizeof(dr->name), dr->d.af, &dr->d.addr,
		     dr->d.port, cl->svc.protocol, FMT_NUMERIC);
	if (dr->d.weight == 0)
		return 0;
	dr->d.weight = 0;
	err = ipvs_update_dest(s, &cl->svc, &dr->d);
	return err ? fail(CMD_EDITDEST, err) : 0;
}

/* Delete the servers without active connections, read the others again.
 * Returns the active connections left, or -(exit status) on an error. */
static long drain_step(struct ipvs_sock *s, const struct ipvs_cmdline *cl,
		       struct draining *dr, size_t n, struct progress *prog,
		       int first)
{
	long left = 0;
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		if (dr[i].gone)
			continue;
		err = first ? 0 : current_dest(s, &cl[i], &dr[i].d, NULL);
		if (err == -ENOENT || err == -ESRCH) {
			dr[i].gone = 1;	/* someone else took it out */
			continue;
		}
		if (err) {
			progress_end(prog);
			return -fail(CMD_LIST, err);
		}
		if (dr[i].d.active_conns) {
			left += dr[i].d.active_conns;
			continue;
		}
		err = ipvs_del_dest(s, &cl[i].svc, &dr[i].d);
		if (err) {
			progress_end(prog);
			return -fail(CMD_DELDEST, err);
		}
		dr[i].gone = 1;
	}
	return left;
}

/* What keeps a server busy beyond its active connections: its inactive
 * ones, its persistence templates and the settings that keep them coming
 * (nothing more when there is none of these). */
static void why_busy(const struct draining *dr)
{
	char reuse[IPVS_SYSCTL_VALUE_LEN], eqt[IPVS_SYSCTL_VALUE_LEN];

	if (!dr->d.inact_conns && !dr->d.persist_conns)
		return;
	fprintf(stderr, "  %s: %u active, %u inactive connection%s, %u persistence template%s\n",
		dr->name, dr->d.active_conns, dr->d.inact_conns,
		dr->d.inact_conns == 1 ? "" : "s", dr->d.persist_conns,
		dr->d.persist_conns == 1 ? "" : "s");
	if (dr->d.persist_conns &&
	    !ipvs_sysctl_read("expire_quiescent_template", eqt, sizeof(eqt)) &&
	    !strcmp(eqt, "0"))
		fprintf(stderr, "  expire_quiescent_template=0: its persistence templates keep sending returning clients to it\n");
	if (!ipvs_sysctl_read("conn_reuse_mode", reuse, sizeof(reuse)) &&
	    !strcmp(reuse, "0"))
		fprintf(stderr, "  conn_reuse_mode=0: a client reusing a port keeps its old connection to it\n");
}

static void drain_timed_out(const struct draining *dr, size_t n,
			    unsigned int limit)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (dr[i].gone)
			continue;
		fprintf(stderr, "Drain timed out: %s still has %u active connection%s after %u s; it stays with weight 0\n",
			dr[i].name, dr[i].d.active_conns,
			dr[i].d.active_conns == 1 ? "" : "s", limit);
		why_busy(&dr[i]);
	}
}

/* --drain-expire: the limit passed; delete the servers left all the same
 * and have the kernel expire their connections. */
static int drain_expire(struct ipvs_sock *s, const struct ipvs_cmdline *cl,
			struct draining *dr, size_t n, unsigned int limit)
{
	struct setting_change nodest = { 0 };
	size_t i;
	int err;

	setting_force(&nodest, "expire_nodest_conn", "1",
		      "connections of a deleted server expire on their next packet (left so)");
	for (i = 0; i < n; i++) {
		if (dr[i].gone)
			continue;
		fprintf(stderr, "Drain: %s deleted after %u s with %u active connection%s, expired\n",
			dr[i].name, limit, dr[i].d.active_conns,
			dr[i].d.active_conns == 1 ? "" : "s");
		why_busy(&dr[i]);
		err = ipvs_del_dest(s, &cl[i].svc, &dr[i].d);
		if (err && err != -ENOENT && err != -ESRCH)
			return fail(CMD_DELDEST, err);
		dr[i].gone = 1;
	}
	return 0;
}

/* Persistent services' servers drain only if their templates let go. */
static void templates_let_go(const struct draining *dr, size_t n,
			     struct setting_change *eqt)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!dr[i].gone && dr[i].persistent) {
			setting_force(eqt, "expire_quiescent_template", "1",
				      "sticky clients of a weight-0 server are scheduled again (put back after the drain)");
			return;
		}
}

/* What the progress line names: the server, or how many there are. */
static const char *drain_label(const struct draining *dr, size_t n,
			       char *buf, size_t len)
{
	size_t i, left = 0;

	for (i = 0; i < n; i++)
		if (!dr[i].gone) {
			left++;
			snprintf(buf, len, "%s", dr[i].name);
		}
	if (left > 1)
		snprintf(buf, len, "%zu servers", left);
	return buf;
}

int drain_many(struct ipvs_sock *s, const struct ipvs_cmdline *cl, size_t n)
{
	struct progress prog = { isatty(STDERR_FILENO), 0, 0, 0 };
	static const struct timespec poll = { 0, DRAIN_POLL_NS };
	unsigned int limit = n ? cl[0].drain_timeout : 0;
	struct draining *dr = calloc(n + 1, sizeof(*dr));
	char label[ADDRPORT_LEN];
	struct setting_change eqt = { 0 };
	struct timespec t0;
	long left;
	size_t i;
	int status = 0;

	if (!dr)
		return fail(CMD_NONE, ENOMEM);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; !status && i < n; i++)
		status = drain_start(s, &cl[i], &dr[i]);
	if (!status)
		templates_let_go(dr, n, &eqt);
	/* the first step uses what drain_start read */
	for (left = status ? 0 : drain_step(s, cl, dr, n, &prog, 1); left > 0;
	     left = drain_step(s, cl, dr, n, &prog, 0)) {
		progress_show(&prog, drain_label(dr, n, label, sizeof(label)),
			      (unsigned int)left, seconds_since(&t0), limit);
		if (seconds_since(&t0) >= limit) {
			progress_end(&prog);
			if (cl[0].options & OPT(DRAIN_EXPIRE))
				status = drain_expire(s, cl, dr, n, limit);
			else
				drain_timed_out(dr, n, limit);
			setting_restore(&eqt);
			free(dr);
			return (cl[0].options & OPT(DRAIN_EXPIRE)) ? status : 1;
		}
		nanosleep(&poll, NULL);
	}
	progress_end(&prog);
	setting_restore(&eqt);
	free(dr);
	return left < 0 ? (int)-left : status;
}

int drain_run(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	return drain_many(s, cl, 1);
}
