/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One frame of the live view as text: a header line, two title lines,
 * then a line per service and per real server.  Columns are a table; the
 * ones that do not fit the width are left out, least useful first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/list_fmt.h"
#include "cli/resolve.h"
#include "cli/watch.h"

enum col {
	COL_NAME, COL_METHOD, COL_WEIGHT, COL_ACTIVE, COL_INACT, COL_CPS,
	COL_SHARE, COL_TARGET, COL_INPPS, COL_OUTPPS, COL_INBPS, COL_OUTBPS,
	COL_FLAGS, COL_N
};

/* Titles on two lines (services, then real servers), alignment, and the
 * order in which columns give way to a narrow terminal (0: never). */
static const struct {
	const char *title, *title2;
	char left;
	unsigned char drop;
} cols[COL_N] = {
	[COL_NAME]   = { "Prot LocalAddress:Port", "  -> RemoteAddress:Port", 1, 0 },
	[COL_METHOD] = { "Sched", "Fwd", 1, 0 },
	[COL_WEIGHT] = { "Weight", "", 0, 0 },
	[COL_ACTIVE] = { "Active", "", 0, 0 },
	[COL_INACT]  = { "InAct", "", 0, 0 },
	[COL_CPS]    = { "Conn/s", "", 0, 0 },
	[COL_SHARE]  = { "Share", "", 0, 0 },
	[COL_TARGET] = { "Target", "", 0, 0 },
	[COL_INPPS]  = { "InPkt/s", "", 0, 4 },
	[COL_OUTPPS] = { "OutPkt/s", "", 0, 3 },
	[COL_INBPS]  = { "InB/s", "", 0, 2 },
	[COL_OUTBPS] = { "OutB/s", "", 0, 1 },
	[COL_FLAGS]  = { "Flags", "", 1, 0 },
};

/* A row's texts: the name, then short cells (COL_NAME's is unused). */
#define CELL 24
struct row {
	char name[72];
	char cell[COL_N][CELL];
};

static char *cell_of(struct row *r, int c)
{
	return c == COL_NAME ? r->name : r->cell[c];
}

void watch_fmt_rate(char *buf, size_t len, double v)
{
	static const char units[] = "KMGTP";
	int u = -1;

	if (v <= 0) {
		snprintf(buf, len, "0");
		return;
	}
	if (v < 100) {
		snprintf(buf, len, "%.1f", v);
		return;
	}
	/* Up to 9999 as it is, then in the unit that keeps it below 1000. */
	if (v >= 9999.5) {
		do {
			v /= 1000;
			u++;
		} while (v >= 999.5 && u < (int)sizeof(units) - 2);
	}
	if (u < 0)
		snprintf(buf, len, "%.0f", v);
	else if (v < 99.95)
		snprintf(buf, len, "%.1f%c", v, units[u]);
	else
		snprintf(buf, len, "%.0f%c", v, units[u]);
}

static void fmt_share(char *buf, double share)
{
	if (share < 0)
		snprintf(buf, CELL, "-");
	else
		snprintf(buf, CELL, "%.1f%%", share * 100.0);
}

/* With --exact: not scaled. */
static void fmt_rate_as(char *buf, size_t len, double v, unsigned int format)
{
	if (!(format & FMT_EXACT) || v < 100)
		watch_fmt_rate(buf, len, v);
	else
		snprintf(buf, len, "%.0f", v);
}

static void rate_cells(struct row *r, const struct watch_rates *rt,
		       unsigned int format)
{
	static const enum col c[] = { COL_CPS, COL_INPPS, COL_OUTPPS, COL_INBPS, COL_OUTBPS };
	const double v[] = { rt->cps, rt->inpps, rt->outpps, rt->inbps, rt->outbps };
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		if (rt->known)
			fmt_rate_as(r->cell[c[i]], CELL, v[i], format);
		else
			snprintf(r->cell[c[i]], CELL, "-");
	}
}

static void svc_row(struct row *r, const struct watch_svc *sv, unsigned int format)
{
	char a[ADDRPORT_LEN];

	memset(r, 0, sizeof(*r));
	if (sv->s.fwmark) {
		snprintf(r->name, sizeof(r->name), sv->s.af == AF_INET6 ?
			 "FWM  %u IPv6" : "FWM  %u", sv->s.fwmark);
	} else {
		fmt_addrport(a, sizeof(a), sv->s.af, &sv->s.addr, sv->s.port,
			     sv->s.protocol, format);
		snprintf(r->name, sizeof(r->name), "%-4s %s",
			 proto_name(sv->s.protocol), a);
	}
	snprintf(r->cell[COL_METHOD], CELL, "%s", sv->s.sched_name);
	snprintf(r->cell[COL_ACTIVE], CELL, "%llu", (unsigned long long)sv->active);
	snprintf(r->cell[COL_INACT], CELL, "%llu", (unsigned long long)sv->inact);
	rate_cells(r, &sv->r, format);
}

static void dest_row(struct row *r, const struct watch_svc *sv,
		     const struct watch_dest *d, unsigned int format)
{
	char a[ADDRPORT_LEN];
	size_t n = 0;

	memset(r, 0, sizeof(*r));
	fmt_addrport(a, sizeof(a), d->d.af, &d->d.addr, d->d.port,
		     sv->s.protocol, format);
	snprintf(r->name, sizeof(r->name), "  -> %s", a);
	snprintf(r->cell[COL_METHOD], CELL, "%s", fwd_name(d->d.conn_flags));
	snprintf(r->cell[COL_WEIGHT], CELL, "%d", d->d.weight);
	snprintf(r->cell[COL_ACTIVE], CELL, "%u", d->d.active_conns);
	snprintf(r->cell[COL_INACT], CELL, "%u", d->d.inact_conns);
	rate_cells(r, &d->r, format);
	fmt_share(r->cell[COL_SHARE], d->share);
	if (d->target >= 0)
		fmt_share(r->cell[COL_TARGET], d->target);
	if (d->flags & WATCH_F_SKEW)
		n += (size_t)snprintf(r->cell[COL_FLAGS] + n, CELL - n, "%sSKEW", n ? "," : "");
	if (d->flags & WATCH_F_STARVED)
		n += (size_t)snprintf(r->cell[COL_FLAGS] + n, CELL - n, "%sSTARVED", n ? "," : "");
	if (d->flags & WATCH_F_NOREPLY)
		snprintf(r->cell[COL_FLAGS] + n, CELL - n, "%sNOREPLY", n ? "," : "");
}

/* A growing string. */
struct text {
	char *s;
	size_t len, cap;
	unsigned int lines;
	int failed;
};

static void text_add(struct text *t, const char *p, size_t n)
{
	if (t->failed)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->cap ? t->cap * 2 : 4096) + n;
		char *ns = realloc(t->s, cap);

		if (!ns) {
			t->failed = 1;
			return;
		}
		t->s = ns;
		t->cap = cap;
	}
	memcpy(t->s + t->len, p, n);
	t->len += n;
	t->s[t->len] = '\0';
}

/* One line, cut to width columns (the names are ASCII or UTF-8 host
 * names: bytes past the width go, continuation bytes with them). */
static void text_line(struct text *t, const char *line, unsigned int width)
{
	size_t n = strlen(line), ncols = 0, i;

	while (n && line[n - 1] == ' ')
		n--;
	if (width) {
		for (i = 0; i < n; i++) {
			if (((unsigned char)line[i] & 0xc0) != 0x80 && ++ncols > width)
				break;
		}
		n = i;
	}
	text_add(t, line, n);
	text_add(t, "\n", 1);
	t->lines++;
}

static void header(struct text *t, const struct watch_totals *tot,
		   const struct watch_frame_info *fi, unsigned int width)
{
	char c[16], ip[16], ib[16], op[16], ob[16], line[512];

	watch_fmt_rate(c, sizeof(c), tot->r.cps);
	watch_fmt_rate(ip, sizeof(ip), tot->r.inpps);
	watch_fmt_rate(ib, sizeof(ib), tot->r.inbps);
	watch_fmt_rate(op, sizeof(op), tot->r.outpps);
	watch_fmt_rate(ob, sizeof(ob), tot->r.outbps);
	snprintf(line, sizeof(line),
		 "%s  every %gs over %gs  conn/s %s  in %s pkt/s %sB/s  out %s pkt/s %sB/s  services %zu servers %zu active %llu inactive %llu",
		 fi->clock, fi->interval, fi->window, c, ip, ib, op, ob,
		 tot->nsvc, tot->ndest, (unsigned long long)tot->active,
		 (unsigned long long)tot->inact);
	text_line(t, line, width);
}

/* Which columns fit: all of them without a width, else drop the
 * optional ones in their order until the fixed part fits. */
static void choose(const unsigned int w[COL_N], unsigned int width, int shown[COL_N])
{
	unsigned int total = 0, drop;
	int c;

	for (c = 0; c < COL_N; c++) {
		shown[c] = 1;
		total += w[c] + (c ? 1 : 0);
	}
	for (drop = 1; width && total > width && drop <= 4; drop++) {
		for (c = 0; c < COL_N; c++) {
			if (cols[c].drop == drop && shown[c]) {
				shown[c] = 0;
				total -= w[c] + 1;
			}
		}
	}
}

static void emit_row(struct text *t, struct row *r, const unsigned int w[COL_N],
		     const int shown[COL_N], unsigned int width)
{
	char line[sizeof(struct row) + 2 * COL_N];
	size_t n = 0;
	int c;

	for (c = 0; c < COL_N; c++) {
		if (!shown[c])
			continue;
		n += (size_t)snprintf(line + n, sizeof(line) - n,
				      cols[c].left ? "%s%-*s" : "%s%*s",
				      c ? " " : "", (int)w[c], cell_of(r, c));
	}
	text_line(t, line, width);
}

char *watch_render(const struct watch_table *t, const struct watch_totals *tot,
		   const struct watch_frame_info *fi, unsigned int format,
		   unsigned int width, unsigned int max_lines)
{
	struct text out = { 0 };
	struct row *rows, *r;
	unsigned int w[COL_N];
	int shown[COL_N], c;
	size_t nrows = 2 + t->nsvc, built, i, j, k;

	for (i = 0; i < t->nsvc; i++)
		nrows += t->svc[i].ndest;
	/* With a height, only the rows that fit (after the header, and
	 * before a line that counts the rest) are made. */
	built = nrows;
	if (max_lines && nrows + 1 > max_lines)
		built = max_lines > 4 ? max_lines - 2 : 2;
	rows = calloc(built, sizeof(*rows));
	if (!rows)
		return NULL;
	for (c = 0; c < COL_N; c++) {
		snprintf(cell_of(&rows[0], c), CELL, "%s", cols[c].title);
		snprintf(cell_of(&rows[1], c), CELL, "%s", cols[c].title2);
	}
	k = 2;
	for (i = 0; i < t->nsvc && k < built; i++) {
		svc_row(&rows[k++], &t->svc[i], format);
		for (j = 0; j < t->svc[i].ndest && k < built; j++)
			dest_row(&rows[k++], &t->svc[i], &t->svc[i].dest[j], format);
	}
	for (c = 0; c < COL_N; c++) {
		w[c] = 0;
		for (r = rows; r < rows + built; r++)
			if (strlen(cell_of(r, c)) > w[c])
				w[c] = (unsigned int)strlen(cell_of(r, c));
	}
	choose(w, width, shown);

	header(&out, tot, fi, width);
	for (k = 0; k < built; k++)
		emit_row(&out, &rows[k], w, shown, width);
	if (built < nrows) {
		char more[64];

		snprintf(more, sizeof(more), "... %zu more lines", nrows - built);
		text_line(&out, more, width);
	}
	free(rows);
	if (out.failed || !out.s) {
		free(out.s);
		return NULL;
	}
	return out.s;
}
