/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --apply without a kernel: tables built in memory from rules text
 * (the live one dressed as the kernel reports it), their difference as
 * rules lines, and that replaying the difference on the live table gives
 * the wanted one (so a second apply finds nothing).
 */
#include <stdlib.h>
#include <string.h>

#include "save_restore/apply.h"
#include "unit.h"

static char errors[4096];

/* A table from rules text; returns the number of refused lines (-2 when
 * a line does not even parse).  errors holds what was reported. */
static int table_from(const char *rules, struct apply_table *t)
{
	FILE *in = fmemopen((void *)rules, strlen(rules), "r");
	FILE *err = fmemopen(errors, sizeof(errors), "w");
	int r;

	memset(errors, 0, sizeof(errors));
	r = apply_table_read(t, in, NULL, err, NULL);
	fclose(in);
	fclose(err);
	return r;
}

/* What the kernel adds or drops when it reports a table: the "hashed"
 * flag, no protocol for fwmark services, daemons known to be stopped. */
static void as_kernel_reports(struct apply_table *t)
{
	size_t i;

	for (i = 0; i < t->len; i++) {
		t->svc[i].svc.flags |= IP_VS_SVC_F_HASHED;
		if (t->svc[i].svc.fwmark)
			t->svc[i].svc.protocol = 0;
	}
	for (i = 0; i < 2; i++)
		if (t->daemon_want[i] != DAEMON_RUNNING)
			t->daemon_want[i] = DAEMON_STOPPED;
}

/* The difference as text, one change a line. */
static void diff_text(struct apply_table *live,
		      struct apply_table *want, char *out, size_t len)
{
	struct apply_changes c = { 0 };
	char line[1024];
	size_t i, n = 0;

	out[0] = '\0';
	if (apply_diff(live, want, &c)) {
		snprintf(out, len, "out of memory");
		return;
	}
	for (i = 0; i < c.len && n < len; i++) {
		apply_format(line, sizeof(line), &c.cl[i]);
		n += (size_t)snprintf(out + n, len - n, "%s\n", line);
	}
	apply_changes_free(&c);
}

static const char base[] =
	"-A -t 203.0.113.10:80 -s rr\n"
	"-a -t 203.0.113.10:80 -r 10.0.1.11:80 -m -w 1\n"
	"-a -t 203.0.113.10:80 -r 10.0.1.12:80 -m -w 1\n"
	"-A -t 203.0.113.10:443 -s sh -p 300 -M 255.255.255.0\n"
	"-a -t 203.0.113.10:443 -r 10.0.1.11:443 -m -x 100 -y 10\n"
	"-A -u [fd00:1::10]:53 -s wlc\n"
	"-a -u [fd00:1::10]:53 -r [fd00:2::11]:53 -i --tun-type gue --tun-port 6080 --tun-csum\n"
	"-A -f 7 -6 -s sh -b sh-port\n"
	"-a -f 7 -6 -r [fd00:2::12]:0 -g -w 5\n";

static const struct {
	const char *name, *live, *want, *changes;
} cases[] = {
	{ "the same table: nothing", base, base, "" },
	{ "the same rules in other words and order: nothing", base,
	  "-A -f 7 -6 -s sh -b sh-port\n"
	  "-a -f 7 -6 -r fd00:2::12\n-e -f 7 -6 -r fd00:2::12 -w 5\n"
	  "-A -u [fd00:1::10]:53\n"
	  "-a -u [fd00:1::10]:53 -r [fd00:2::11]:53 -i --tun-type gue --tun-port 6080 --tun-csum\n"
	  "-A -t 203.0.113.10:443 -s sh -p 300 -M 255.255.255.0\n"
	  "-a -t 203.0.113.10:443 -r 10.0.1.11 -m -y 10 -x 100\n"
	  "ipvsadm -A -t 203.0.113.10:80 -s rr\n"
	  "-a -t 203.0.113.10:80 -r 10.0.1.12 -m\n-a -t 203.0.113.10:80 -r 10.0.1.11 -m\n", "" },
	{ "an empty table from an empty file", "", "# nothing\n", "" },
	{ "everything from nothing", "", "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 2\n",
	  "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 2\n" },
	{ "nothing from everything: services only, no -d first",
	  "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1 -m\n-A -f 3 -s rr\n", "",
	  "-D -t 10.0.0.1:80\n-D -f 3\n" },
	{ "weight, scheduler, a new server, a gone server, a gone service", base,
	  "-A -t 203.0.113.10:80 -s wrr\n"
	  "-a -t 203.0.113.10:80 -r 10.0.1.11:80 -m -w 3\n"
	  "-a -t 203.0.113.10:80 -r 10.0.1.13:80 -m -w 1\n"
	  "-A -u [fd00:1::10]:53 -s wlc\n"
	  "-a -u [fd00:1::10]:53 -r [fd00:2::11]:53 -i --tun-type gue --tun-port 6080 --tun-csum\n"
	  "-A -f 7 -6 -s sh -b sh-port\n"
	  "-a -f 7 -6 -r [fd00:2::12]:0 -g -w 5\n",
	  "-E -t 203.0.113.10:80 -s wrr\n"
	  "-e -t 203.0.113.10:80 -r 10.0.1.11:80 -m -w 3\n"
	  "-a -t 203.0.113.10:80 -r 10.0.1.13:80 -m -w 1\n"
	  "-d -t 203.0.113.10:80 -r 10.0.1.12:80\n"
	  "-D -t 203.0.113.10:443\n" },
	{ "persistence timeout and mask are -E; thresholds off are -e",
	  "-A -t 10.0.0.1:443 -s sh -p 300 -M 255.255.255.0\n-a -t 10.0.0.1:443 -r 10.0.1.1 -m -x 100 -y 10\n",
	  "-A -t 10.0.0.1:443 -s sh -p 60\n-a -t 10.0.0.1:443 -r 10.0.1.1 -m\n",
	  "-E -t 10.0.0.1:443 -s sh -p 60\n-e -t 10.0.0.1:443 -r 10.0.1.1:443 -m -w 1\n" },
	{ "a mask without persistence makes no difference",
	  "-A -t 10.0.0.1:80 -s rr -M 255.255.0.0\n", "-A -t 10.0.0.1:80 -s rr\n", "" },
	{ "forwarding and tunnel settings are -e",
	  "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1 -i --tun-type gue --tun-port 6080\n-a -t 10.0.0.1:80 -r 10.0.1.2 -g\n",
	  "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1 -i --tun-type gue --tun-port 6081\n-a -t 10.0.0.1:80 -r 10.0.1.2 -m\n",
	  "-e -t 10.0.0.1:80 -r 10.0.1.1:80 -i -w 1 --tun-type gue --tun-port 6081 --tun-nocsum\n"
	  "-e -t 10.0.0.1:80 -r 10.0.1.2:80 -m -w 1\n" },
	{ "a NAT server on another port is another server",
	  "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1:8080 -m\n",
	  "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1:8081 -m\n",
	  "-a -t 10.0.0.1:80 -r 10.0.1.1:8081 -m -w 1\n-d -t 10.0.0.1:80 -r 10.0.1.1:8080\n" },
	{ "-D, -d, -E and -C in the file are replayed",
	  "-A -t 10.0.0.1:80 -s rr\n",
	  "-A -t 10.0.0.9:80\n-C\n-A -t 10.0.0.1:80 -s wlc\n-E -t 10.0.0.1:80 -s rr\n"
	  "-A -t 10.0.0.2:80 -s rr\n-D -t 10.0.0.2:80\n"
	  "-a -t 10.0.0.1:80 -r 10.0.1.1\n-a -t 10.0.0.1:80 -r 10.0.1.2\n-d -t 10.0.0.1:80 -r 10.0.1.1\n"
	  "-L -n\n-Z\n",
	  "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1\n" },
	{ "timeouts: only what the file sets, and only when it differs",
	  "--set 900 120 300\n", "--set 900 0 60\n", "--set 900 0 60\n" },
	{ "timeouts already as the file says: nothing",
	  "--set 900 120 300\n", "--set 900 120 0\n", "" },
	{ "a daemon to start, one to stop",
	  "--start-daemon backup --mcast-interface eth1 --syncid 3\n",
	  "--start-daemon master --mcast-interface eth0 --syncid 2 --mcast-port 8849\n--stop-daemon backup\n",
	  "--start-daemon master --mcast-interface eth0 --syncid 2 --mcast-port 8849\n--stop-daemon backup\n" },
	{ "a daemon running as the file says: nothing; stopped and to stop: nothing",
	  "--start-daemon master --mcast-interface eth0 --syncid 2\n",
	  "--start-daemon master --syncid 2\n--stop-daemon backup\n", "" },
	{ "a daemon with another syncid is restarted",
	  "--start-daemon master --mcast-interface eth0 --syncid 2\n",
	  "--start-daemon master --syncid 3\n",
	  "--stop-daemon master\n--start-daemon master --mcast-interface eth0 --syncid 3\n" },
};

/* Replay the change lines on live: the result must be want. */
static int replays_to(const char *live_rules,
		      const char *changes, struct apply_table *want)
{
	struct apply_table t = { 0 };
	char again[8192];
	size_t lr = strlen(live_rules), lc = strlen(changes);
	char *both = malloc(lr + lc + 1);
	int r;

	memcpy(both, live_rules, lr);
	memcpy(both + lr, changes, lc + 1);
	r = table_from(both, &t);
	free(both);
	if (r != 0) {
		apply_table_free(&t);
		return 0;
	}
	as_kernel_reports(&t);
	diff_text(&t, want, again, sizeof(again));
	apply_table_free(&t);
	return again[0] == '\0';
}

static void test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct apply_table live = { 0 }, want = { 0 };
		char got[8192];
		int rl = table_from(cases[i].live, &live);
		int rw;

		as_kernel_reports(&live);
		rw = table_from(cases[i].want, &want);
		diff_text(&live, &want, got, sizeof(got));
		CHECK(rl == 0 && rw == 0 && !strcmp(got, cases[i].changes),
		      "%s: got \"%.900s\" (tables %d %d, %.200s)", cases[i].name, got,
		      rl, rw, errors);
		CHECK(replays_to(cases[i].live, got, &want),
		      "%s: the change lines turn live into want", cases[i].name);
		apply_table_free(&live);
		apply_table_free(&want);
	}
}

/* The undo of every change of diff(live, want), as text. */
static void inverse_text(struct apply_table *live, struct apply_table *want,
			 char *out, size_t len)
{
	struct apply_changes c = { 0 }, undo = { 0 };
	unsigned char done[256];
	size_t *origin = NULL, i, n = 0;
	char line[1024];

	out[0] = '\0';
	memset(done, 1, sizeof(done));
	if (apply_diff(live, want, &c) || c.len > sizeof(done) ||
	    apply_inverse(live, &c, done, &undo, &origin)) {
		snprintf(out, len, "out of memory");
	}
	for (i = 0; i < undo.len && n < len; i++) {
		apply_format(line, sizeof(line), &undo.cl[i]);
		n += (size_t)snprintf(out + n, len - n, "%s [%zu]\n", line, origin[i]);
	}
	free(origin);
	apply_changes_free(&undo);
	apply_changes_free(&c);
}

/* Strip the " [N]" origins off inverse_text's lines. */
static void without_origins(char *text)
{
	char *r = text, *w = text;

	while (*r) {
		if (r[0] == ' ' && r[1] == '[') {
			while (*r && *r != '\n')
				r++;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

/* Every case: live, then the changes, then their undo, is live again. */
static void test_inverse_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct apply_table live = { 0 }, want = { 0 }, back = { 0 };
		char changes[8192], undo[8192], all[20000], again[8192];

		table_from(cases[i].live, &live);
		as_kernel_reports(&live);
		table_from(cases[i].want, &want);
		diff_text(&live, &want, changes, sizeof(changes));
		inverse_text(&live, &want, undo, sizeof(undo));
		without_origins(undo);
		snprintf(all, sizeof(all), "%s%s%s", cases[i].live, changes, undo);
		CHECK(table_from(all, &back) == 0, "%s: the undo replays (%.300s)",
		      cases[i].name, errors);
		as_kernel_reports(&back);
		diff_text(&back, &live, again, sizeof(again));
		CHECK(!strcmp(again, ""), "%s: changes then undo give live back, left \"%.600s\"",
		      cases[i].name, again);
		apply_table_free(&live);
		apply_table_free(&want);
		apply_table_free(&back);
	}
}

/* The undo of each kind of change, exactly: last change first, each line
 * naming the change it undoes. */
static void test_inverse_kinds(void)
{
	struct apply_table live = { 0 }, want = { 0 };
	char got[4096];
	static const char expect[] =
		"--start-daemon master --mcast-interface eth1 --syncid 3 [8]\n"
		"--set 900 120 300 [7]\n"
		"-A -t 10.0.0.3:80 -s sh -p 300 [6]\n"
		"-a -t 10.0.0.3:80 -r 10.0.1.5:80 -g -w 2 [6]\n"
		"-a -t 10.0.0.1:80 -r 10.0.1.2:80 -m -w 1 -x 50 [5]\n"
		"-d -t 10.0.0.2:80 -r 10.0.1.4:80 [4]\n"
		"-d -t 10.0.0.1:80 -r 10.0.1.3:80 [3]\n"
		"-e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1 [2]\n"
		"-D -t 10.0.0.2:80 [1]\n"
		"-E -t 10.0.0.1:80 -s rr [0]\n";

	table_from("-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1 -m\n"
		   "-a -t 10.0.0.1:80 -r 10.0.1.2 -m -x 50\n"
		   "-A -t 10.0.0.3:80 -s sh -p 300\n-a -t 10.0.0.3:80 -r 10.0.1.5 -w 2\n"
		   "--set 900 120 300\n"
		   "--start-daemon master --mcast-interface eth1 --syncid 3\n", &live);
	as_kernel_reports(&live);
	table_from("-A -t 10.0.0.1:80 -s wrr\n-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 4\n"
		   "-a -t 10.0.0.1:80 -r 10.0.1.3 -m\n"
		   "-A -t 10.0.0.2:80 -s rr\n-a -t 10.0.0.2:80 -r 10.0.1.4\n"
		   "--set 60 0 0\n--stop-daemon master\n", &want);
	inverse_text(&live, &want, got, sizeof(got));
	CHECK(!strcmp(got, expect), "the undo of every kind of change: got \"%.1500s\"", got);
	apply_table_free(&live);
	apply_table_free(&want);
}

/* The kernel calls a server at a local address "Local" whatever it was
 * given: no change for that. */
static void test_localnode(void)
{
	struct apply_table live = { 0 }, want = { 0 };
	char got[1024];

	table_from("-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 127.0.0.1 -w 2\n", &live);
	live.svc[0].dest[0].conn_flags = IP_VS_CONN_F_LOCALNODE;
	as_kernel_reports(&live);
	table_from("-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 127.0.0.1 -w 2\n", &want);
	diff_text(&live, &want, got, sizeof(got));
	CHECK(!strcmp(got, ""), "a Local server is as the file's -g one: got \"%s\"", got);
	want.svc[0].dest[0].weight = 3;
	diff_text(&live, &want, got, sizeof(got));
	CHECK(!strcmp(got, "-e -t 10.0.0.1:80 -r 127.0.0.1:80 -g -w 3\n"),
	      "but its weight still counts: got \"%s\"", got);
	apply_table_free(&live);
	apply_table_free(&want);
}

static const struct {
	const char *rules, *report;
	int refused;
} bad_files[] = {
	{ "-a -t 10.0.0.1:80 -r 10.0.1.1\n", "1: Service not defined\n", 1 },
	{ "-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80 -s rr\n", "2: Service already exists\n", 1 },
	{ "-A -t 10.0.0.1:80\n-a -t 10.0.0.1:80 -r 10.0.1.1\n-a -t 10.0.0.1:80 -r 10.0.1.1 -w 2\n",
	  "3: Destination already exists\n", 1 },
	{ "-A -t 10.0.0.1:80\n-e -t 10.0.0.1:80 -r 10.0.1.1\n-d -t 10.0.0.1:80 -r 10.0.1.1\n",
	  "2: No such destination\n3: No such destination\n", 2 },
	{ "-E -t 10.0.0.1:80 -s rr\n-D -t 10.0.0.1:80\n",
	  "1: No such service\n2: No such service\n", 2 },
	{ "--start-daemon master\n--start-daemon master --syncid 2\n",
	  "2: Daemon has already run\n", 1 },
};

static void test_bad_files(void)
{
	size_t i;

	for (i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
		struct apply_table t = { 0 };
		int r = table_from(bad_files[i].rules, &t);

		CHECK(r == bad_files[i].refused && !strcmp(errors, bad_files[i].report),
		      "a file the kernel would refuse: \"%.300s\" refused %d, reported \"%.300s\"",
		      bad_files[i].rules, r, errors);
		apply_table_free(&t);
	}
}

/* Hundreds of services and servers, with deletions between lookups: the
 * indexes are grown and rebuilt on the way. */
static void test_many(void)
{
	struct apply_table live = { 0 }, want = { 0 };
	size_t cap = 300 * 200, n = 0, m = 0, i;
	char *all = malloc(cap), *some = malloc(cap), *expect = malloc(cap);
	char *got = malloc(cap);

	expect[0] = '\0';
	for (i = 0; i < 300; i++) {
		n += (size_t)snprintf(all + n, cap - n,
			"-A -t 10.1.%zu.%zu:80 -s rr\n-a -t 10.1.%zu.%zu:80 -r 10.2.0.1 -m\n"
			"-a -t 10.1.%zu.%zu:80 -r 10.2.0.2 -m\n",
			i / 100, i % 100, i / 100, i % 100, i / 100, i % 100);
		m += (size_t)snprintf(some + m, cap - m,
			"-A -t 10.1.%zu.%zu:80 -s rr\n-a -t 10.1.%zu.%zu:80 -r 10.2.0.1 -m\n"
			"-a -t 10.1.%zu.%zu:80 -r 10.2.0.2 -m\n%s",
			i / 100, i % 100, i / 100, i % 100, i / 100, i % 100,
			i % 3 ? "" : "-d -t 10.1.0.0:80 -r 10.2.0.1\n-a -t 10.1.0.0:80 -r 10.2.0.1 -m\n");
	}
	/* every third service of "some" goes again, after its servers */
	for (i = 0; i < 300; i += 3)
		m += (size_t)snprintf(some + m, cap - m, "-D -t 10.1.%zu.%zu:80\n",
				      i / 100, i % 100);
	for (i = 0; i < 300; i += 3)
		snprintf(expect + strlen(expect), cap - strlen(expect),
			 "-D -t 10.1.%zu.%zu:80\n", i / 100, i % 100);
	CHECK(table_from(all, &live) == 0 && table_from(some, &want) == 0,
	      "300 services: both tables built (%.200s)", errors);
	as_kernel_reports(&live);
	diff_text(&live, &want, got, cap);
	CHECK(!strcmp(got, expect), "300 services, 100 gone: exactly 100 -D (got %zu bytes)",
	      strlen(got));
	apply_table_free(&live);
	apply_table_free(&want);
	free(all);
	free(some);
	free(expect);
	free(got);
}

/* A service with more servers than a search runs through without an
 * index: the servers' index is built, dropped by a -d and built again. */
static void test_many_servers(void)
{
	struct apply_table live = { 0 }, want = { 0 };
	char all[8192], some[8192], expect[4096], got[4096];
	size_t n = 0, m = 0, e = 0, i;

	n += (size_t)snprintf(all, sizeof(all), "-A -t 10.0.0.1:80 -s rr\n");
	m += (size_t)snprintf(some, sizeof(some), "-A -t 10.0.0.1:80 -s rr\n");
	for (i = 0; i < 60; i++) {
		n += (size_t)snprintf(all + n, sizeof(all) - n,
				      "-a -t 10.0.0.1:80 -r 10.0.2.%zu -m\n", i);
		if (i % 7 == 0)
			continue;	/* gone from the file */
		m += (size_t)snprintf(some + m, sizeof(some) - m,
				      "-a -t 10.0.0.1:80 -r 10.0.2.%zu -m -w %d\n",
				      i, i == 30 ? 5 : 1);
	}
	m += (size_t)snprintf(some + m, sizeof(some) - m,
			      "-d -t 10.0.0.1:80 -r 10.0.2.31\n"
			      "-a -t 10.0.0.1:80 -r 10.0.2.31 -m\n"
			      "-a -t 10.0.0.1:80 -r 10.0.2.99 -m\n");
	e += (size_t)snprintf(expect, sizeof(expect),
			      "-e -t 10.0.0.1:80 -r 10.0.2.30:80 -m -w 5\n"
			      "-a -t 10.0.0.1:80 -r 10.0.2.99:80 -m -w 1\n");
	for (i = 0; i < 60; i += 7)
		e += (size_t)snprintf(expect + e, sizeof(expect) - e,
				      "-d -t 10.0.0.1:80 -r 10.0.2.%zu:80\n", i);
	CHECK(table_from(all, &live) == 0 && table_from(some, &want) == 0,
	      "60 servers: both tables built (%.200s)", errors);
	as_kernel_reports(&live);
	diff_text(&live, &want, got, sizeof(got));
	CHECK(!strcmp(got, expect), "60 servers, 9 gone, 1 new, 1 edited: got \"%.900s\"", got);
	apply_table_free(&live);
	apply_table_free(&want);
}

int main(void)
{
	test_many();
	test_many_servers();
	test_cases();
	test_inverse_cases();
	test_inverse_kinds();
	test_localnode();
	test_bad_files();
	UNIT_EXIT();
}
