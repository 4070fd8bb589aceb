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

#include "print/format.h"
#include "print/list_fmt.h"
#include "print/minifmt.h"
#include "print/resolve.h"
#include "live/watch.h"

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

/* A row's texts: the name, then short cells (COL_NAME's is unused),
 * and their lengths.  Thousands of rows a frame: the cells are written
 * with the small formatters below rather than printf. */
#define CELL 24
struct row {
	char name[72];
	char cell[COL_N][CELL];
	unsigned char len[COL_N];
};

static char *cell_of(struct row *r, int c)
{
	return c == COL_NAME ? r->name : r->cell[c];
}

/* v with one decimal, rounded. */
static size_t put_tenths(char *p, double v)
{
	unsigned long long t = (unsigned long long)(v * 10 + 0.5);
	size_t n = fmt_decimal(p, t / 10);

	p[n++] = '.';
	p[n++] = (char)('0' + t % 10);
	p[n] = '\0';
	return n;
}

static size_t put_rate(char *p, double v)
{
	static const char units[] = "KMGTP";
	size_t n;
	int u = -1;

	if (!(v > 0))
		return fmt_decimal(p, 0);
	if (v > 1e30)
		v = 1e30;	/* what fits once scaled */
	if (v < 99.95)
		return put_tenths(p, v);
	/* Up to 9999 as it is, then in the unit that keeps it below 1000. */
	if (v >= 9999.5) {
		do {
			v /= 1000;
			u++;
		} while (v >= 999.5 && u < (int)sizeof(units) - 2);
	}
	if (u < 0)
		return fmt_decimal(p, (unsigned long long)(v + 0.5));
	n = v < 99.95 ? put_tenths(p, v) : fmt_decimal(p, (unsigned long long)(v + 0.5));
	p[n++] = units[u];
	p[n] = '\0';
	return n;
}

void watch_fmt_rate(char *buf, size_t len, double v)
{
	char tmp[32];
	size_t n = put_rate(tmp, v);

	if (!len)
		return;
	if (n >= len)
		n = len - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
}

static void set_str(struct row *r, int c, const char *text)
{
	size_t n = strlen(text);

	if (n >= CELL)
		n = CELL - 1;
	memcpy(r->cell[c], text, n);
	r->cell[c][n] = '\0';
	r->len[c] = (unsigned char)n;
}

static void set_u64(struct row *r, int c, unsigned long long v)
{
	r->len[c] = (unsigned char)fmt_decimal(r->cell[c], v);
}

static void set_share(struct row *r, int c, double share)
{
	size_t n;

	if (share < 0) {
		set_str(r, c, "-");
		return;
	}
	n = put_tenths(r->cell[c], share * 100.0);
	r->cell[c][n++] = '%';
	r->cell[c][n] = '\0';
	r->len[c] = (unsigned char)n;
}

static void rate_cells(struct row *r, const struct watch_rates *rt,
		       unsigned int format)
{
	static const enum col c[] = { COL_CPS, COL_INPPS, COL_OUTPPS, COL_INBPS, COL_OUTBPS };
	const double v[] = { rt->cps, rt->inpps, rt->outpps, rt->inbps, rt->outbps };
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		if (!rt->known)
			set_str(r, c[i], "-");
		else if ((format & FMT_EXACT) && v[i] >= 99.95)
			set_u64(r, c[i], (unsigned long long)(v[i] + 0.5));
		else
			r->len[c[i]] = (unsigned char)put_rate(r->cell[c[i]], v[i]);
	}
}

static void set_name(struct row *r, const char *prefix, const char *text)
{
	size_t p = strlen(prefix), n = strlen(text);

	if (p + n >= sizeof(r->name))
		n = sizeof(r->name) - 1 - p;
	memcpy(r->name, prefix, p);
	memcpy(r->name + p, text, n);
	r->name[p + n] = '\0';
	r->len[COL_NAME] = (unsigned char)(p + n);
}

static void clear_row(struct row *r)
{
	int c;

	r->name[0] = '\0';
	for (c = 0; c < COL_N; c++) {
		r->cell[c][0] = '\0';
		r->len[c] = 0;
	}
}

static void svc_row(struct row *r, const struct watch_svc *sv, unsigned int format)
{
	char a[ADDRPORT_LEN + 16];

	clear_row(r);
	if (sv->s.fwmark) {
		snprintf(a, sizeof(a), sv->s.af == AF_INET6 ? "FWM  %u IPv6" : "FWM  %u",
			 sv->s.fwmark);
		set_name(r, "", a);
	} else {
		fmt_addrport(a, sizeof(a), sv->s.af, &sv->s.addr, sv->s.port,
			     sv->s.protocol, format);
		set_name(r, sv->s.protocol == IPPROTO_SCTP ? "SCTP " :
			 sv->s.protocol == IPPROTO_UDP ? "UDP  " : "TCP  ", a);
	}
	set_str(r, COL_METHOD, sv->s.sched_name);
	set_u64(r, COL_ACTIVE, sv->active);
	set_u64(r, COL_INACT, sv->inact);
	rate_cells(r, &sv->r, format);
}

static void dest_row(struct row *r, const struct watch_svc *sv,
		     const struct watch_dest *d, unsigned int format)
{
	char a[ADDRPORT_LEN], flags[CELL] = "";

	clear_row(r);
	fmt_addrport(a, sizeof(a), d->d.af, &d->d.addr, d->d.port,
		     sv->s.protocol, format);
	set_name(r, "  -> ", a);
	set_str(r, COL_METHOD, fwd_name(d->d.conn_flags));
	if (d->d.weight < 0) {
		r->cell[COL_WEIGHT][0] = '-';
		r->len[COL_WEIGHT] = (unsigned char)(1 + fmt_decimal(r->cell[COL_WEIGHT] + 1,
			(unsigned long long)(-(long long)d->d.weight)));
	} else {
		set_u64(r, COL_WEIGHT, (unsigned long long)d->d.weight);
	}
	set_u64(r, COL_ACTIVE, d->d.active_conns);
	set_u64(r, COL_INACT, d->d.inact_conns);
	rate_cells(r, &d->r, format);
	set_share(r, COL_SHARE, d->share);
	if (d->target >= 0)
		set_share(r, COL_TARGET, d->target);
	if (d->flags & WATCH_F_SKEW)
		strcat(flags, "SKEW");
	if (d->flags & WATCH_F_STARVED)
		strcat(strcat(flags, flags[0] ? "," : ""), "STARVED");
	if (d->flags & WATCH_F_NOREPLY)
		strcat(strcat(flags, flags[0] ? "," : ""), "NOREPLY");
	set_str(r, COL_FLAGS, flags);
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

/* One line of n bytes, cut to width columns (the names are ASCII or
 * UTF-8 host names: bytes past the width go, continuation bytes with
 * them), trailing blanks dropped. */
static void text_line_n(struct text *t, const char *line, size_t n,
			unsigned int width)
{
	size_t ncols = 0, i;

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

static void text_line(struct text *t, const char *line, unsigned int width)
{
	text_line_n(t, line, strlen(line), width);
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
	size_t n = 0, len, pad;
	int c;

	for (c = 0; c < COL_N; c++) {
		if (!shown[c])
			continue;
		if (c)
			line[n++] = ' ';
		len = r->len[c];
		pad = w[c] > len ? w[c] - len : 0;
		if (!cols[c].left) {
			memset(line + n, ' ', pad);
			n += pad;
		}
		memcpy(line + n, cell_of(r, c), len);
		n += len;
		if (cols[c].left) {
			memset(line + n, ' ', pad);
			n += pad;
		}
	}
	text_line_n(t, line, n, width);
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
	rows = malloc(built * sizeof(*rows));
	if (!rows)
		return NULL;
	clear_row(&rows[0]);
	clear_row(&rows[1]);
	set_name(&rows[0], "", cols[COL_NAME].title);
	set_name(&rows[1], "", cols[COL_NAME].title2);
	for (c = 1; c < COL_N; c++) {
		set_str(&rows[0], c, cols[c].title);
		set_str(&rows[1], c, cols[c].title2);
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
			if (r->len[c] > w[c])
				w[c] = r->len[c];
	}
	choose(w, width, shown);

	out.cap = built * 128 + 1024;
	out.s = malloc(out.cap);
	if (!out.s)
		out.cap = 0;
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
