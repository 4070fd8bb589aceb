/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IPVS settings without a kernel: every value against its key's type
 * and range (a table of cases), the key table itself, the command line's
 * --sysctl forms, and setting in a folder standing in for
 * /proc/sys/net/ipv4/vs: unknown keys, keys of another kernel, and all or
 * nothing when a write fails midway.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/sysctl_set.h"
#include "print/sysctl_keys.h"
#include "unit.h"

static const struct {
	const char *key, *value;
	int ok;
	const char *norm;	/* what is written, when ok */
} cases[] = {
	{ "expire_nodest_conn", "1", 1, "1" },
	{ "expire_nodest_conn", "0", 1, "0" },
	{ "expire_nodest_conn", "2", 0, NULL },
	{ "expire_nodest_conn", "-1", 0, NULL },
	{ "expire_nodest_conn", "", 0, NULL },
	{ "expire_nodest_conn", " 1", 0, NULL },
	{ "expire_nodest_conn", "1x", 0, NULL },
	{ "expire_nodest_conn", "01", 1, "1" },
	{ "drop_entry", "3", 1, "3" },
	{ "drop_entry", "4", 0, NULL },
	{ "secure_tcp", "3", 1, "3" },
	{ "conn_reuse_mode", "2", 1, "2" },
	{ "conn_reuse_mode", "4", 0, NULL },
	{ "est_nice", "-20", 1, "-20" },
	{ "est_nice", "19", 1, "19" },
	{ "est_nice", "20", 0, NULL },
	{ "est_nice", "-21", 0, NULL },
	{ "sync_ports", "1", 1, "1" },
	{ "sync_ports", "8", 1, "8" },
	{ "sync_ports", "3", 0, NULL },
	{ "sync_ports", "0", 0, NULL },
	{ "sync_threshold", "3 50", 1, "3 50" },
	{ "sync_threshold", "3,50", 1, "3 50" },
	{ "sync_threshold", "3\t50", 1, "3 50" },
	{ "sync_threshold", "5 0", 1, "5 0" },
	{ "sync_threshold", "50 3", 0, NULL },
	{ "sync_threshold", "3 3", 0, NULL },
	{ "sync_threshold", "3", 0, NULL },
	{ "sync_threshold", "3,", 0, NULL },
	{ "sync_threshold", ",3", 0, NULL },
	{ "sync_threshold", "-1 5", 0, NULL },
	{ "est_cpulist", "0-3,6", 1, "0-3,6" },
	{ "est_cpulist", "0", 1, "0" },
	{ "est_cpulist", "0-", 0, NULL },
	{ "est_cpulist", "a", 0, NULL },
	{ "est_cpulist", "", 0, NULL },
	{ "lblc_expiration", "3600", 1, "3600" },
	{ "lblc_expiration", "99999999", 0, NULL },
	{ "amemthresh", "2147483647", 1, "2147483647" },
	{ "amemthresh", "2147483648", 0, NULL },
	{ "amemthresh", "99999999999999999999999", 0, NULL },
	{ "sync_qlen_max", "0", 0, NULL },
};

static void test_values(void)
{
	char norm[256], why[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct sysctl_key *k = sysctl_key_find(cases[i].key);
		int r;

		if (!k) {
			CHECK(0, "key %s in the table", cases[i].key);
			continue;
		}
		norm[0] = why[0] = '\0';
		r = sysctl_value_check(k, cases[i].value, norm, sizeof(norm),
				       why, sizeof(why));
		CHECK((r == 0) == cases[i].ok && (!cases[i].ok || !strcmp(norm, cases[i].norm)) &&
		      (cases[i].ok || why[0]),
		      "%s=%s: %s (%s)", cases[i].key, cases[i].value,
		      r ? "refused" : norm, why);
	}
}

/* Every key of the list, sorted, each default valid for itself. */
static void test_table(void)
{
	static const char *const expected[] = {
		"am_droprate", "amemthresh", "backup_only", "cache_bypass",
		"conn_reuse_mode", "conntrack", "debug_level", "drop_entry",
		"drop_packet", "est_cpulist", "est_nice", "expire_nodest_conn",
		"expire_quiescent_template", "ignore_tunneled", "lblc_expiration",
		"lblcr_expiration", "nat_icmp_send", "pmtu_disc", "run_estimation",
		"schedule_icmp", "secure_tcp", "sloppy_sctp", "sloppy_tcp",
		"snat_reroute", "sync_persist_mode", "sync_ports", "sync_qlen_max",
		"sync_refresh_period", "sync_retries", "sync_sock_size",
		"sync_threshold", "sync_version",
	};
	char norm[256], why[256];
	size_t n, i;
	const struct sysctl_key *t = sysctl_key_table(&n);

	CHECK(n == sizeof(expected) / sizeof(expected[0]), "table: %zu keys", n);
	for (i = 0; i < n && i < sizeof(expected) / sizeof(expected[0]); i++) {
		CHECK(!strcmp(t[i].name, expected[i]), "table[%zu] is %s", i, expected[i]);
		CHECK(t[i].meaning && strlen(t[i].meaning) < 80,
		      "%s: a meaning of one line", t[i].name);
		if (t[i].dflt)
			CHECK(!sysctl_value_check(&t[i], t[i].dflt, norm, sizeof(norm),
						  why, sizeof(why)) &&
			      sysctl_is_default(&t[i], t[i].dflt) == 1,
			      "%s: default %s is valid", t[i].name, t[i].dflt);
	}
	CHECK(sysctl_is_default(sysctl_key_find("sync_threshold"), "3\t50") == 1,
	      "the kernel's tab in a pair reads as the default");
	CHECK(sysctl_is_default(sysctl_key_find("sync_qlen_max"), "1000") == -1,
	      "a machine's default is unknown");
	CHECK(sysctl_is_default(NULL, "1") == -1, "an unknown key has no default");
}

static int parse(const char *line, struct ipvs_cmdline *cl, struct cli_status *st)
{
	static char buf[512];
	static char *argv[16];
	int argc = 0;
	char *w;

	snprintf(buf, sizeof(buf), "ipvsadm %s", line);
	for (w = strtok(buf, " "); w && argc < 15; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	return cmdline_parse(argc, argv, cl, st);
}

static void test_cmdline(void)
{
	struct ipvs_cmdline cl;
	struct cli_status st;

	CHECK(!parse("--sysctl", &cl, &st) && cl.cmd == CMD_SYSCTL, "--sysctl lists");
	CHECK(!parse("--sysctl --json", &cl, &st) && (cl.format & FMT_JSON), "--sysctl --json");
	CHECK(!parse("--sysctl a=1 b=2", &cl, &st) && cl.sysctl_argc == 4,
	      "--sysctl a=1 b=2 keeps its words");
	CHECK(parse("--sysctl foo", &cl, &st) && st.exit_status == 2 &&
	      !strcmp(st.text, "--sysctl takes settings as NAME=VALUE, not `foo'\n"),
	      "--sysctl foo: %.200s", st.text);
	CHECK(parse("--sysctl =1", &cl, &st) && st.exit_status == 2, "--sysctl =1");
	CHECK(!parse("-S --sysctl -n", &cl, &st) && cl.cmd == CMD_SAVE &&
	      (cl.options & OPT(SYSCTL)), "-S --sysctl");
	CHECK(parse("-L --sysctl", &cl, &st) && st.exit_status == 2 &&
	      !strcmp(st.text, "Illegal 'sysctl' option with the 'list' command\n"),
	      "-L --sysctl: %.200s", st.text);
	CHECK(parse("--sysctl -n", &cl, &st) && st.exit_status == 2, "--sysctl -n: %.200s", st.text);
	CHECK(parse("-S a=1", &cl, &st) && st.exit_status == 2, "-S takes no settings");
	CHECK(!parse("-R --apply --drain=5 --drain-expire", &cl, &st) &&
	      (cl.options & OPT(DRAIN_EXPIRE)), "-R --apply --drain --drain-expire");
	CHECK(parse("-R --apply --drain-expire", &cl, &st) && st.exit_status == 2 &&
	      !strcmp(st.text, "option --drain-expire goes with --drain\n"),
	      "--drain-expire without --drain: %.200s", st.text);
	CHECK(!parse("--drain=5 --drain-expire -t 1.2.3.4:80 -r 5.6.7.8", &cl, &st) &&
	      cl.cmd == CMD_DRAIN && (cl.options & OPT(DRAIN_EXPIRE)), "--drain --drain-expire");
}

/* A folder of keys standing in for /proc/sys/net/ipv4/vs. */
static char dir[] = "/tmp/test_sysctl.XXXXXX";

static void put(const char *name, const char *value)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%s\n", value);
		fclose(f);
	}
}

static void get(const char *name, char *value, size_t len)
{
	if (ipvs_sysctl_read(name, value, len))
		snprintf(value, len, "(unreadable)");
}

static void test_setting(void)
{
	struct sysctl_assign a[3], old[3];
	char msg[512], v[64], path[256];
	struct ipvs_sysctl_list l;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	ipvs_sysctl_set_dir(dir);
	put("expire_nodest_conn", "0");
	put("sync_threshold", "3\t50");
	put("sloppy_tcp", "0");
	CHECK(!ipvs_sysctl_dump(&l) && l.len == 3 && !strcmp(l.entry[0].name, "expire_nodest_conn") &&
	      !strcmp(l.entry[1].name, "sloppy_tcp") && !strcmp(l.entry[2].value, "3\t50"),
	      "dump: sorted, values without their newline");
	ipvs_sysctl_list_free(&l);

	CHECK(sysctl_assign_parse("run_estimation=0", &a[0], msg, sizeof(msg)) &&
	      strstr(msg, "no IPVS setting `run_estimation' in kernel ") &&
	      strstr(msg, "(it came with 5.16)"), "a key of a later kernel: %s", msg);
	CHECK(sysctl_assign_parse("nosuch=1", &a[0], msg, sizeof(msg)) &&
	      !strncmp(msg, "unknown IPVS setting `nosuch' (kernel ", 38), "unknown key: %s", msg);
	CHECK(sysctl_assign_parse("../x=1", &a[0], msg, sizeof(msg)), "no path out of the folder");
	CHECK(sysctl_assign_parse("sloppy_tcp=yes", &a[0], msg, sizeof(msg)) &&
	      !strcmp(msg, "IPVS setting sloppy_tcp: `yes' is not 0 or 1"), "bad value: %s", msg);

	CHECK(!sysctl_assign_parse("expire_nodest_conn=1", &a[0], msg, sizeof(msg)) &&
	      !sysctl_assign_parse("sync_threshold=4,40", &a[1], msg, sizeof(msg)) &&
	      !sysctl_assign_all(a, 2, old, msg, sizeof(msg)), "two settings written");
	get("sync_threshold", v, sizeof(v));
	CHECK(!strcmp(v, "4 40") && !strcmp(old[1].value, "3\t50"), "sync_threshold=%s, was %s", v, old[1].value);

	/* all or nothing: the third write fails (/dev/full), the two
	 * before get their values back */
	snprintf(path, sizeof(path), "%s/sloppy_tcp", dir);
	unlink(path);
	CHECK(!symlink("/dev/full", path), "sloppy_tcp -> /dev/full");
	CHECK(!sysctl_assign_parse("expire_nodest_conn=0", &a[0], msg, sizeof(msg)) &&
	      !sysctl_assign_parse("sync_threshold=5,50", &a[1], msg, sizeof(msg)) &&
	      !sysctl_assign_parse("sloppy_tcp=1", &a[2], msg, sizeof(msg)), "three good values");
	CHECK(sysctl_assign_all(a, 3, NULL, msg, sizeof(msg)) &&
	      strstr(msg, "the kernel refused IPVS setting sloppy_tcp=1"), "refused: %s", msg);
	get("expire_nodest_conn", v, sizeof(v));
	CHECK(!strcmp(v, "1"), "expire_nodest_conn put back: %s", v);
	get("sync_threshold", v, sizeof(v));
	CHECK(!strcmp(v, "4 40"), "sync_threshold put back: %s", v);

	unlink(path);
	snprintf(path, sizeof(path), "%s/expire_nodest_conn", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sync_threshold", dir);
	unlink(path);
	rmdir(dir);
	ipvs_sysctl_set_dir(NULL);
}

int main(void)
{
	test_values();
	test_table();
	test_cmdline();
	test_setting();
	UNIT_EXIT();
}
