/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The live view: -L --watch[=SECONDS] [--count=N].
 *
 * Each refresh reads the table once (one service dump, then one real
 * server dump per service: the kernel has no dump of every real server)
 * and keeps the exact counters of every object as a sample.  A frame's
 * figures are the differences between the newest sample and one taken a
 * window earlier, divided by the real time between the two reads.
 *
 * The window: the kernel publishes the exact counters every 2 seconds
 * (its estimator timer copies the per-CPU counters), so a difference over
 * less than that, or over a span that is not a whole number of 2-second
 * periods, counts one period too many or too few.  The window is thus
 * the shortest run of whole intervals that spans whole 2-second periods
 * (1 s -> 2 s, 0.5 s -> 2 s, 3 s -> 6 s), at most WATCH_MAX_READS
 * intervals; the first frame comes when the first window is complete.
 *
 *   watch_calc.c  pure: samples, differences, shares and flags
 *   watch_view.c  pure: a frame as text, fitted to a width
 *   watch.c       the loop: reads, the terminal, JSON, signals
 */
#ifndef LIVE_WATCH_H
#define LIVE_WATCH_H

#include <stddef.h>
#include <stdint.h>
#include "cli/cmd.h"

#define WATCH_PERIOD_MS		2000	/* the kernel's counter refresh */
#define WATCH_MAX_READS		16	/* samples kept: the longest window */

/* Flags of a real server (see watch_calc.c for the rules). */
#define WATCH_F_SKEW		0x1	/* share off its weight's by > SKEW_POINTS */
#define WATCH_F_STARVED		0x2	/* weight > 0, no new connection, siblings had */
#define WATCH_F_NOREPLY		0x4	/* far fewer reply packets per connection */

#define WATCH_SKEW_POINTS	10.0	/* percentage points */
#define WATCH_SKEW_MIN_CONNS	20	/* new connections of the service */
#define WATCH_STARVED_EXPECT	5.0	/* connections it should have had */
#define WATCH_NOREPLY_MIN_CONNS	5
#define WATCH_NOREPLY_RATIO	0.5

/* Intervals per window (see above). */
unsigned int watch_window_reads(unsigned long interval_ms);

/* Per-second figures over the window; known is 0 when the object has no
 * earlier sample (just added, or its counters went back: re-created or
 * zeroed). */
struct watch_rates {
	int known;
	double cps, inpps, outpps, inbps, outbps;
};

struct watch_dest {
	struct ipvs_dest d;		/* as read */
	struct watch_rates r;
	uint64_t new_conns;		/* over the window */
	uint64_t new_outpkts;
	double share;			/* of the service's new connections, -1 unknown */
	double target;			/* what its weight entitles it to, -1 n/a */
	unsigned int flags;		/* WATCH_F_* */
};

struct watch_svc {
	struct ipvs_service s;		/* as read */
	struct watch_rates r;
	struct watch_dest *dest;
	size_t ndest;
	uint64_t active, inact;		/* sums over its real servers */
	uint64_t new_conns;		/* sum over its real servers with a baseline */
};

/* One read of the table: the services and their real servers. */
struct watch_table {
	struct watch_svc *svc;
	size_t nsvc;
	double t;			/* monotonic seconds of the read */
};

struct watch_totals {
	struct watch_rates r;
	uint64_t active, inact;
	size_t nsvc, ndest;
};

/* The exact counters of every object of one read, sorted by key. */
struct watch_entry;
struct watch_sample {
	struct watch_entry *e;
	size_t n;
	double t;
};

/* The samples of the window, oldest first. */
struct watch_history {
	struct watch_sample s[WATCH_MAX_READS];
	size_t n;
	unsigned int keep;		/* reads per window */
};

void watch_table_free(struct watch_table *t);
void watch_history_init(struct watch_history *h, unsigned int window_reads);
void watch_history_free(struct watch_history *h);
/* Record t's counters as the newest sample (drops the oldest beyond the
 * window); -ENOMEM or 0. */
int watch_history_add(struct watch_history *h, const struct watch_table *t);
/* Whether a frame can be made: a full window of samples is there. */
int watch_history_ready(const struct watch_history *h);
/* Fill t's rates, shares and flags from the history (t not yet added),
 * and the totals. */
void watch_compute(struct watch_table *t, const struct watch_history *h,
		   struct watch_totals *tot);

/* What a frame's header says. */
struct watch_frame_info {
	char clock[32];			/* local time "HH:MM:SS" */
	double interval, window;	/* seconds */
};

/* The text of one frame (header, titles, rows), each line cut to width
 * columns (0: no limit) and at most max_lines lines (0: no limit).
 * format: FMT_NUMERIC, FMT_EXACT.  Returns a malloc'ed string or NULL. */
char *watch_render(const struct watch_table *t, const struct watch_totals *tot,
		   const struct watch_frame_info *fi, unsigned int format,
		   unsigned int width, unsigned int max_lines);

/* A figure in at most 6 characters: "0", "4.8", "312", "12.3K", "1.5M". */
void watch_fmt_rate(char *buf, size_t len, double v);

/* -L --watch: runs until --count frames, q, or a signal. */
int watch_run(struct ipvs_sock *s, const struct ipvs_cmdline *cl);

#endif
