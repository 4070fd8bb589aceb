/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The live view's loop: read the table every interval, make a frame once
 * a window of samples is there, and show it: redrawn in place on a
 * terminal, as plain frames on anything else, as one JSON object per line
 * with --json.  The terminal is restored on q, on --count, on an error and
 * on SIGINT/SIGTERM/SIGHUP (then the signal is raised again).
 */
#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "print/list.h"
#include "print/print.h"
#include "live/watch.h"

static volatile sig_atomic_t got_signal, got_winch;

struct watch_ctx {
	struct ipvs_sock *s;
	const struct ipvs_cmdline *cl;
	int tty;			/* stdout is a terminal: redraw in place */
	int keys;			/* stdin is a terminal: q quits */
	int term_set;			/* termios and cursor changed */
	int cleared;			/* the screen was cleared once */
	struct termios saved;
	struct ipvs_info info;
	int quit;
};

static void on_signal(int sig)
{
	if (sig == SIGWINCH)
		got_winch = 1;
	else
		got_signal = sig;
}

static double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void write_all(const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(STDOUT_FILENO, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* ---- the terminal ---- */
static void term_start(struct watch_ctx *c)
{
	struct termios t;

	if (!c->tty)
		return;
	if (c->keys && !tcgetattr(STDIN_FILENO, &c->saved)) {
		t = c->saved;
		t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		if (tcsetattr(STDIN_FILENO, TCSANOW, &t))
			c->keys = 0;
	} else {
		c->keys = 0;
	}
	write_all("\033[?25l", 6);	/* hide the cursor */
	c->term_set = 1;
}

/* The last frame stays on the screen; the cursor comes back below it. */
static void term_restore(struct watch_ctx *c)
{
	if (!c->term_set)
		return;
	write_all("\033[?25h", 6);
	if (c->keys)
		tcsetattr(STDIN_FILENO, TCSANOW, &c->saved);
	c->term_set = 0;
}

static void term_size(unsigned int *cols, unsigned int *rows)
{
	struct winsize ws;

	*cols = 80;
	*rows = 24;
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col && ws.ws_row) {
		*cols = ws.ws_col;
		*rows = ws.ws_row;
	}
}

/* Until deadline (monotonic seconds), a key q, or a signal. */
static void wait_until(struct watch_ctx *c, double deadline)
{
	for (;;) {
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		double left = deadline - now_mono();
		char key;

		if (left <= 0 || got_signal || c->quit)
			return;
		if (poll(&pfd, c->keys ? 1 : 0, (int)(left * 1000) + 1) <= 0)
			continue;
		if (read(STDIN_FILENO, &key, 1) == 1 && (key == 'q' || key == 'Q'))
			c->quit = 1;
	}
}

/* ---- reading the table ---- */
static int add_service(struct watch_ctx *c, struct watch_table *t,
		       const struct ipvs_service *se)
{
	struct ipvs_dest_list dl = { 0 };
	struct watch_svc *sv = &t->svc[t->nsvc];
	size_t i;
	int err;

	err = ipvs_dump_dests(c->s, se, &dl);
	if (err == -ESRCH || err == -ENOENT)
		return 0;	/* deleted since the service dump */
	if (err)
		return err;
	if (!(c->cl->format & FMT_NOSORT))
		list_sort_dests(&dl);
	memset(sv, 0, sizeof(*sv));
	sv->s = *se;
	sv->dest = calloc(dl.len ? dl.len : 1, sizeof(*sv->dest));
	if (!sv->dest) {
		ipvs_dest_list_free(&dl);
		return -ENOMEM;
	}
	for (i = 0; i < dl.len; i++)
		sv->dest[i].d = dl.dest[i];
	sv->ndest = dl.len;
	t->nsvc++;
	ipvs_dest_list_free(&dl);
	return 0;
}

/* One read: the services (or the one given) and their real servers.
 * The service given with -t/-u/-f going away is no error once watching
 * (first is 0): it disappears from the frames. */
static int read_table(struct watch_ctx *c, struct watch_table *t, int first)
{
	struct ipvs_service_list sl = { 0 };
	struct ipvs_service one;
	size_t i;
	int err = 0;

	memset(t, 0, sizeof(*t));
	t->t = now_mono();
	if (c->cl->options & OPT(SERVICE)) {
		memset(&one, 0, sizeof(one));
		err = ipvs_get_service(c->s, &c->cl->svc, &one);
		if ((err == -ESRCH || err == -ENOENT) && !first)
			return 0;
		if (err)
			return err;
		sl.svc = &one;
		sl.len = 1;
	} else {
		err = ipvs_dump_services(c->s, &sl);
		if (err)
			return err;
		if (!(c->cl->format & FMT_NOSORT))
			list_sort_services(&sl);
	}
	t->svc = calloc(sl.len ? sl.len : 1, sizeof(*t->svc));
	err = t->svc ? 0 : -ENOMEM;
	for (i = 0; i < sl.len && !err; i++)
		err = add_service(c, t, &sl.svc[i]);
	if (sl.svc != &one)
		ipvs_service_list_free(&sl);
	if (err)
		watch_table_free(t);
	return err;
}

/* ---- frames ---- */
static void frame_info(struct watch_frame_info *fi, const struct watch_ctx *c,
		       const struct watch_history *h)
{
	time_t wall = time(NULL);
	struct tm tm;

	localtime_r(&wall, &tm);
	strftime(fi->clock, sizeof(fi->clock), "%H:%M:%S", &tm);
	fi->interval = (double)c->cl->watch_ms / 1000.0;
	/* The window as configured, not its jitter. */
	fi->window = (double)(c->cl->watch_ms * h->n) / 1000.0;
}

static void json_rates(const char *key, const struct watch_rates *r)
{
	if (!r->known)
		return;
	pr_open_object(key);
	pr_double("cps", NULL, r->cps);
	pr_double("inpps", NULL, r->inpps);
	pr_double("outpps", NULL, r->outpps);
	pr_double("inbps", NULL, r->inbps);
	pr_double("outbps", NULL, r->outbps);
	pr_close_object();
}

struct json_svc_arg {
	const struct watch_svc *sv;
};

static void json_svc_hook(void *arg, const struct ipvs_service *se)
{
	const struct watch_svc *sv = ((struct json_svc_arg *)arg)->sv;

	(void)se;
	pr_open_object("watch");
	pr_u64("active_conns", NULL, sv->active);
	pr_u64("inact_conns", NULL, sv->inact);
	pr_u64("new_conns", NULL, sv->new_conns);
	json_rates("rates", &sv->r);
	pr_close_object();
}

static void json_dest_hook(void *arg, const struct ipvs_service *se, size_t i)
{
	const struct watch_dest *d = &((struct json_svc_arg *)arg)->sv->dest[i];

	(void)se;
	pr_open_object("watch");
	pr_u64("new_conns", NULL, d->new_conns);
	json_rates("rates", &d->r);
	if (d->share >= 0)
		pr_double("share", NULL, d->share);
	if (d->target >= 0)
		pr_double("target", NULL, d->target);
	pr_open_array("flags");
	if (d->flags & WATCH_F_SKEW)
		pr_string(NULL, NULL, "skew");
	if (d->flags & WATCH_F_STARVED)
		pr_string(NULL, NULL, "starved");
	if (d->flags & WATCH_F_NOREPLY)
		pr_string(NULL, NULL, "noreply");
	pr_close_array();
	pr_close_object();
}

/* One line: the listing's JSON (with the exact counters as "stats") and
 * a "watch" object of figures in every service and real server. */
static int show_json(struct watch_ctx *c, const struct watch_table *t,
		     const struct watch_totals *tot, const struct watch_frame_info *fi)
{
	char stamp[40], v[32];
	struct tm tm;
	time_t wall = time(NULL);
	size_t i;

	gmtime_r(&wall, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	pr_open_object(NULL);
	pr_string("time", NULL, stamp);
	pr_double("interval", NULL, fi->interval);
	pr_double("window", NULL, fi->window);
	snprintf(v, sizeof(v), "%d.%d.%d", (int)(c->info.version >> 16) & 0xff,
		 (int)(c->info.version >> 8) & 0xff, (int)c->info.version & 0xff);
	pr_string("version", NULL, v);
	pr_uint("conn_tab_size", NULL, c->info.conn_tab_size);
	pr_open_object("totals");
	pr_u64("services", NULL, tot->nsvc);
	pr_u64("servers", NULL, tot->ndest);
	pr_u64("active_conns", NULL, tot->active);
	pr_u64("inact_conns", NULL, tot->inact);
	json_rates("rates", &tot->r);
	pr_close_object();
	pr_open_array("services");
	for (i = 0; i < t->nsvc; i++) {
		const struct watch_svc *sv = &t->svc[i];
		struct json_svc_arg arg = { sv };
		struct list_hooks hooks = { json_svc_hook, json_dest_hook, &arg };
		struct ipvs_dest_list dl = { 0 };
		size_t j;

		dl.dest = calloc(sv->ndest ? sv->ndest : 1, sizeof(*dl.dest));
		if (!dl.dest)
			return -ENOMEM;
		for (j = 0; j < sv->ndest; j++)
			dl.dest[j] = sv->dest[j].d;
		dl.len = dl.cap = sv->ndest;
		/* Already in order: the hooks index the same array. */
		list_print_service(&sv->s, &dl,
				   c->cl->format | FMT_STATS | FMT_NOSORT, &hooks);
		free(dl.dest);
	}
	pr_close_array();
	pr_close_object();
	return pr_flush();
}

/* Text: in place on a terminal (home, each line cleared to its end, the
 * rest of the screen cleared), else after a blank line; one write each. */
static int show_text(struct watch_ctx *c, const struct watch_table *t,
		     const struct watch_totals *tot, const struct watch_frame_info *fi,
		     unsigned long frames)
{
	unsigned int cols = 0, rows = 0;
	char *text, *out, *p, *q;
	size_t n;

	if (c->tty)
		term_size(&cols, &rows);
	text = watch_render(t, tot, fi, c->cl->format & (FMT_NUMERIC | FMT_EXACT),
			    cols, rows ? rows - 1 : 0);
	if (!text)
		return -ENOMEM;
	n = strlen(text);
	if (!c->tty) {
		if (frames)
			write_all("\n", 1);
		write_all(text, n);
		free(text);
		return 0;
	}
	out = malloc(n * 2 + 64);
	if (!out) {
		free(text);
		return -ENOMEM;
	}
	q = out;
	if (!c->cleared || got_winch) {
		q += sprintf(q, "\033[H\033[2J");
		c->cleared = 1;
		got_winch = 0;
	}
	q += sprintf(q, "\033[H");
	for (p = text; *p; ) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		memcpy(q, p, len);
		q += len;
		q += sprintf(q, "\033[K\n");
		p += len + (nl ? 1 : 0);
	}
	q += sprintf(q, "\033[J");
	write_all(out, (size_t)(q - out));
	free(out);
	free(text);
	return 0;
}

/* ---- the loop ---- */
static void set_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
}

static int fail_read(struct watch_ctx *c, int err)
{
	term_restore(c);
	if (got_signal)
		return 0;
	pr_flush();
	fprintf(stderr, "%s\n", cmd_strerror(CMD_LIST, err));
	/* -L's statuses: 1 for a missing service, 2 for a failed dump. */
	return c->cl->options & OPT(SERVICE) ? 1 : 2;
}

static int run(struct watch_ctx *c)
{
	struct watch_history h;
	unsigned long frames = 0;
	double interval = (double)c->cl->watch_ms / 1000.0, next;
	int rc = 0, err;

	watch_history_init(&h, watch_window_reads(c->cl->watch_ms));
	next = now_mono();
	while (!got_signal && !c->quit) {
		struct watch_table t;
		struct watch_totals tot;
		struct watch_frame_info fi;

		err = read_table(c, &t, frames == 0 && h.n == 0);
		if (err) {
			rc = fail_read(c, err);
			break;
		}
		if (watch_history_ready(&h)) {
			watch_compute(&t, &h, &tot);
			frame_info(&fi, c, &h);
			err = c->cl->format & FMT_JSON ? show_json(c, &t, &tot, &fi)
						       : show_text(c, &t, &tot, &fi, frames);
			frames++;
		}
		if (!err)
			err = watch_history_add(&h, &t);
		watch_table_free(&t);
		if (err) {
			term_restore(c);
			fprintf(stderr, "ipvsadm: --watch: %s\n", strerror(-err));
			rc = 1;
			break;
		}
		if (c->cl->watch_count && frames >= c->cl->watch_count)
			break;
		next += interval;
		if (next < now_mono())
			next = now_mono();	/* slower than the interval: no burst */
		wait_until(c, next);
	}
	watch_history_free(&h);
	return rc;
}

int watch_run(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	struct watch_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.cl = cl;
	if (ipvs_get_info(s, &c.info))
		memset(&c.info, 0, sizeof(c.info));
	if (cl->format & FMT_JSON) {
		pr_set_json(!!(cl->format & FMT_PRETTY));
	} else {
		c.tty = isatty(STDOUT_FILENO);
		c.keys = c.tty && isatty(STDIN_FILENO);
	}
	/* Every refresh allocates and frees the same few large blocks (the
	 * table, a sample, the frame): keep them in the heap rather than
	 * mapping and faulting them in again each time. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
	set_signals();
	term_start(&c);
	rc = run(&c);
	term_restore(&c);
	if (got_signal) {
		signal(got_signal, SIG_DFL);
		raise(got_signal);
	}
	return rc;
}
