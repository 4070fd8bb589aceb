/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the live view's pure parts (live/watch_calc.c, watch_view.c; cli/interval.c). */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/interval.h"
#include "live/watch.h"
#include "tests/unit/unit.h"

static void test_parse(void)
{
	static const struct { const char *text; unsigned long ms; } iv[] = {
		{ "1", 1000 }, { "0.5", 500 }, { "2.25", 2250 }, { ".5", 500 },
		{ "1.", 1000 }, { "0.001", 1 }, { "86400", 86400000 },
		{ "0", 0 }, { "0.0", 0 }, { "0.0004", 0 }, { "-1", 0 }, { "abc", 0 },
		{ "", 0 }, { ".", 0 }, { "1e3", 0 }, { "0x10", 0 }, { "1 ", 0 },
		{ "+1", 0 }, { "86400.001", 0 }, { "99999999999999999999", 0 },
	};
	static const struct { const char *text; unsigned long n; } cnt[] = {
		{ "1", 1 }, { "3", 3 }, { "1000000", 1000000 }, { "0", 0 },
		{ "-1", 0 }, { "", 0 }, { "2x", 0 }, { "1.5", 0 },
		{ "99999999999", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(iv) / sizeof(iv[0]); i++)
		CHECK(watch_parse_interval(iv[i].text) == iv[i].ms,
		      "interval '%s' -> %lu ms (got %lu)", iv[i].text, iv[i].ms,
		      watch_parse_interval(iv[i].text));
	for (i = 0; i < sizeof(cnt) / sizeof(cnt[0]); i++)
		CHECK(watch_parse_count(cnt[i].text) == cnt[i].n,
		      "count '%s' -> %lu (got %lu)", cnt[i].text, cnt[i].n,
		      watch_parse_count(cnt[i].text));
}

static void test_window(void)
{
	static const struct { unsigned long ms; unsigned int reads; } w[] = {
		{ 1000, 2 }, { 500, 4 }, { 250, 8 }, { 2000, 1 }, { 4000, 1 },
		{ 3000, 2 }, { 1500, 4 }, { 400, 5 }, { 100, 16 },
		/* no whole periods within 16 reads: at least one period */
		{ 50, 16 }, { 700, 3 }, { 2300, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		CHECK(watch_window_reads(w[i].ms) == w[i].reads,
		      "window of %lu ms: %u reads (got %u)", w[i].ms, w[i].reads,
		      watch_window_reads(w[i].ms));
}

static void test_fmt_rate(void)
{
	static const struct { double v; const char *want; } r[] = {
		{ 0, "0" }, { -1, "0" }, { 0.04, "0.0" }, { 4.84, "4.8" },
		{ 99.9, "99.9" }, { 312.4, "312" }, { 9999, "9999" },
		{ 12345, "12.3K" }, { 99949, "99.9K" }, { 150000, "150K" },
		{ 1.5e6, "1.5M" }, { 2.5e9, "2.5G" }, { 7e12, "7.0T" },
	};
	char buf[16];
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		watch_fmt_rate(buf, sizeof(buf), r[i].v);
		CHECK(!strcmp(buf, r[i].want), "rate %g -> '%s' (got '%s')",
		      r[i].v, r[i].want, buf);
	}
}

/* ---- a table of one service and its servers, counters set per read ---- */
struct fake {
	struct watch_table t;
	struct watch_svc sv;
	struct watch_dest d[4];
};

static void fake_init(struct fake *f, const char *sched, size_t n,
		      const int weights[])
{
	size_t i;

	memset(f, 0, sizeof(*f));
	f->sv.s.af = AF_INET;
	f->sv.s.protocol = IPPROTO_TCP;
	inet_pton(AF_INET, "10.0.0.1", &f->sv.s.addr.v4);
	f->sv.s.port = 80;
	snprintf(f->sv.s.sched_name, sizeof(f->sv.s.sched_name), "%s", sched);
	for (i = 0; i < n; i++) {
		f->d[i].d.af = AF_INET;
		f->d[i].d.addr.v4.s_addr = htonl(0xc0a80102 + (uint32_t)i);
		f->d[i].d.port = 80;
		f->d[i].d.conn_flags = IP_VS_CONN_F_MASQ;
		f->d[i].d.weight = weights[i];
	}
	f->sv.dest = f->d;
	f->sv.ndest = n;
	f->t.svc = &f->sv;
	f->t.nsvc = 1;
}

/* Add conns (and outpkts per conn) to server i, at time t. */
static void fake_traffic(struct fake *f, size_t i, uint64_t conns, uint64_t out_per_conn)
{
	f->d[i].d.stats.conns += conns;
	f->d[i].d.stats.inpkts += conns * 5;
	f->d[i].d.stats.outpkts += conns * out_per_conn;
	f->d[i].d.stats.inbytes += conns * 400;
	f->d[i].d.stats.outbytes += conns * out_per_conn * 300;
	f->sv.s.stats.conns += conns;
	f->sv.s.stats.inpkts += conns * 5;
	f->sv.s.stats.outpkts += conns * out_per_conn;
	f->sv.s.stats.inbytes += conns * 400;
	f->sv.s.stats.outbytes += conns * out_per_conn * 300;
}

static int near(double a, double b)
{
	return a - b < 1e-9 && b - a < 1e-9;
}

static void test_compute_wrr(void)
{
	static const int w[] = { 2, 3 };
	struct watch_history h;
	struct watch_totals tot;
	struct fake f;

	fake_init(&f, "wrr", 2, w);
	watch_history_init(&h, watch_window_reads(1000));
	f.t.t = 100;
	CHECK(!watch_history_add(&h, &f.t), "sample 1 added");
	CHECK(!watch_history_ready(&h), "one sample: no frame yet (window of 2)");
	f.t.t = 101;
	fake_traffic(&f, 0, 8, 5);
	fake_traffic(&f, 1, 12, 5);
	CHECK(!watch_history_add(&h, &f.t), "sample 2 added");
	CHECK(watch_history_ready(&h), "two samples: the window is there");
	f.t.t = 102;
	fake_traffic(&f, 0, 8, 5);
	fake_traffic(&f, 1, 12, 5);
	watch_compute(&f.t, &h, &tot);
	CHECK(f.sv.r.known && near(f.sv.r.cps, 20), "service conn/s over 2 s: 40/2 (got %g)", f.sv.r.cps);
	CHECK(near(f.d[0].r.cps, 8) && near(f.d[1].r.cps, 12), "server conn/s 8 and 12 (got %g %g)",
	      f.d[0].r.cps, f.d[1].r.cps);
	CHECK(near(f.d[0].r.outbps, 8 * 5 * 300), "server out bytes/s (got %g)", f.d[0].r.outbps);
	CHECK(f.sv.new_conns == 40, "service new conns 40 (got %llu)", (unsigned long long)f.sv.new_conns);
	CHECK(near(f.d[0].share, 0.4) && near(f.d[1].share, 0.6), "shares 40/60 (got %g %g)",
	      f.d[0].share, f.d[1].share);
	CHECK(near(f.d[0].target, 0.4) && near(f.d[1].target, 0.6), "wrr targets 2/5 3/5 (got %g %g)",
	      f.d[0].target, f.d[1].target);
	CHECK(!f.d[0].flags && !f.d[1].flags, "no flags on a fair split (got %#x %#x)",
	      f.d[0].flags, f.d[1].flags);
	CHECK(tot.nsvc == 1 && tot.ndest == 2 && near(tot.r.cps, 20), "totals");

	/* the window slides: 8 + 0 against 12 + 30 */
	CHECK(!watch_history_add(&h, &f.t), "sample 3 added");
	f.t.t = 104;
	fake_traffic(&f, 1, 30, 5);
	watch_compute(&f.t, &h, &tot);
	CHECK(near(f.d[0].share, 8.0 / 50), "share over the window's two reads (got %g)", f.d[0].share);
	CHECK(f.d[0].flags == WATCH_F_SKEW && f.d[1].flags == WATCH_F_SKEW,
	      "16%% and 84%% against 40%% and 60%%: both SKEW (got %#x %#x)", f.d[0].flags, f.d[1].flags);
	watch_history_free(&h);

	/* a window of one read from here on */
	watch_history_init(&h, 1);
	CHECK(!watch_history_add(&h, &f.t), "sample added");
	f.t.t = 106;
	fake_traffic(&f, 1, 30, 5);
	watch_compute(&f.t, &h, &tot);
	CHECK(f.d[0].flags == (WATCH_F_STARVED | WATCH_F_SKEW),
	      "weight 2 and no new conn out of 30: STARVED (and 0%% is SKEW) (got %#x)",
	      f.d[0].flags);
	CHECK(f.d[1].flags == WATCH_F_SKEW, "60%% target, got 100%% of 30: SKEW (got %#x)", f.d[1].flags);
	CHECK(!watch_history_add(&h, &f.t), "sample added");
	f.t.t = 108;
	/* server 0 refuses its connections: one reply packet each */
	fake_traffic(&f, 0, 8, 1);
	fake_traffic(&f, 1, 12, 5);
	watch_compute(&f.t, &h, &tot);
	CHECK(f.d[0].flags == WATCH_F_NOREPLY, "one reply packet per conn against 5: NOREPLY (got %#x)",
	      f.d[0].flags);
	CHECK(!f.d[1].flags, "the serving one: no flag (got %#x)", f.d[1].flags);
	watch_history_free(&h);
}

static void test_compute_changes(void)
{
	static const int w[] = { 1, 1, 0 };
	struct watch_history h;
	struct watch_totals tot;
	struct fake f;

	fake_init(&f, "rr", 2, w);
	watch_history_init(&h, 1);
	f.t.t = 10;
	fake_traffic(&f, 0, 100, 5);
	watch_history_add(&h, &f.t);
	/* server 0 re-created (counters back to less), server 2 added with weight 0 */
	f.d[0].d.stats.conns = 3;
	f.sv.ndest = 3;
	f.t.t = 12;
	fake_traffic(&f, 1, 4, 5);
	watch_compute(&f.t, &h, &tot);
	CHECK(!f.d[0].r.known && f.d[0].share < 0, "counters went back: no figures");
	CHECK(!f.d[2].r.known, "a new server: no figures yet");
	CHECK(f.d[1].r.known && near(f.d[1].r.cps, 2), "the unchanged one: 4 conns / 2 s (got %g)", f.d[1].r.cps);
	CHECK(near(f.d[0].target, 0.5) && near(f.d[1].target, 0.5) && near(f.d[2].target, 0),
	      "rr: even targets between weights > 0, 0 for weight 0 (got %g %g %g)",
	      f.d[0].target, f.d[1].target, f.d[2].target);
	watch_history_add(&h, &f.t);
	f.t.t = 14;
	watch_compute(&f.t, &h, &tot);
	CHECK(f.d[0].r.known && f.d[2].r.known, "figures from the next read on");
	watch_history_free(&h);

	fake_init(&f, "wlc", 2, w);
	f.sv.s.flags = 0;
	watch_history_init(&h, 1);
	watch_history_add(&h, &f.t);
	f.t.t = 2;
	watch_compute(&f.t, &h, &tot);
	CHECK(f.d[0].target < 0 && f.d[1].target < 0, "wlc: no target");
	fake_init(&f, "wrr", 2, w);
	f.sv.s.flags = IP_VS_SVC_F_PERSISTENT;
	f.t.t = 3;
	watch_compute(&f.t, &h, &tot);
	CHECK(f.d[0].target < 0, "persistent wrr: no target (clients are scheduled)");
	watch_history_free(&h);
}

static void test_render(void)
{
	static const int w[] = { 2, 3 };
	struct watch_frame_info fi = { "12:34:56", 1, 2 };
	struct watch_history h;
	struct watch_totals tot;
	struct fake f;
	char *text, *line, *save = NULL;
	unsigned int lines = 0, longest = 0;

	fake_init(&f, "wrr", 2, w);
	watch_history_init(&h, 1);
	watch_history_add(&h, &f.t);
	f.t.t = 2;
	fake_traffic(&f, 0, 40, 5);
	fake_traffic(&f, 1, 60, 5);
	watch_compute(&f.t, &h, &tot);

	text = watch_render(&f.t, &tot, &fi, FMT_NUMERIC, 0, 0);
	CHECK(text && !strchr(text, '\033'), "plain frame: no escape sequence");
	CHECK(text && !strncmp(text, "12:34:56  every 1s over 2s  conn/s 50.0  in 250 pkt/s 20.0KB/s  out 250 pkt/s 75.0KB/s  services 1 servers 2 active 0 inactive 0\n",
			       strlen("12:34:56  every 1s over 2s  conn/s 50.0  in 250 pkt/s 20.0KB/s  out 250 pkt/s 75.0KB/s  services 1 servers 2 active 0 inactive 0\n")),
	      "header: time, interval, window, totals (got %.120s)", text ? text : "");
	CHECK(text && strstr(text, "\nProt LocalAddress:Port  Sched Weight Active InAct Conn/s Share Target InPkt/s OutPkt/s InB/s OutB/s Flags\n"
				    "  -> RemoteAddress:Port Fwd\n"
				    "TCP  10.0.0.1:80        wrr               0     0   50.0                  250      250 20.0K  75.0K\n"
				    "  -> 192.168.1.2:80     Masq       2      0     0   20.0 40.0%  40.0%     100      100  8000  30.0K\n"),
	      "titles, service and server lines (got %s)", text ? text : "");
	free(text);

	text = watch_render(&f.t, &tot, &fi, FMT_NUMERIC, 80, 0);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lines++;
		if (strlen(line) > longest)
			longest = (unsigned int)strlen(line);
	}
	CHECK(lines == 6 && longest <= 80, "80 columns: 6 lines, none wider (got %u, %u)", lines, longest);
	free(text);
	text = watch_render(&f.t, &tot, &fi, FMT_NUMERIC, 80, 0);
	CHECK(text && strstr(text, "Share Target Flags") && !strstr(text, "InPkt/s"),
	      "80 columns keep shares and flags, drop packet rates (got %s)", text ? text : "");
	free(text);
	text = watch_render(&f.t, &tot, &fi, FMT_NUMERIC | FMT_EXACT, 0, 0);
	CHECK(text && strstr(text, "  -> 192.168.1.2:80     Masq       2      0     0   20.0 40.0%  40.0%     100      100  8000  30000\n"),
	      "--exact: rates not scaled (got %s)", text ? text : "");
	free(text);
	text = watch_render(&f.t, &tot, &fi, FMT_NUMERIC, 0, 4);
	CHECK(text && strstr(text, "\n... 3 more lines\n") && !strstr(text, "192.168.1.3"),
	      "4 lines at most: the rest counted (got %s)", text ? text : "");
	free(text);
	watch_history_free(&h);
}

int main(void)
{
	test_parse();
	test_window();
	test_fmt_rate();
	test_compute_wrr();
	test_compute_changes();
	test_render();
	UNIT_EXIT();
}
