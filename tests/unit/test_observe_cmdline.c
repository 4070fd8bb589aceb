/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command line of --query, --netns, --all-netns and --metrics: which
 * lines parse, which stop with which text and status; and where a
 * --netns value points.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/netns.h"
#include "unit.h"

struct observe_case {
	int argc;
	const char *argv[12];
	int status;		/* -1: parses */
	const char *text;	/* the start of the message when it stops */
};

static const struct observe_case cases[] = {
	{ 5, { "ipvsadm", "-L", "-c", "-t", "10.0.0.1:80" }, 2,
	  "The option 'service-address' conflicts with the 'connection' option in the 'list' command\n" },
	{ 6, { "ipvsadm", "-L", "-c", "--query", "-t", "10.0.0.1:80" }, -1, NULL },
	{ 5, { "ipvsadm", "-L", "--query", "-f", "5" }, -1, NULL },
	{ 7, { "ipvsadm", "-L", "-c", "--query=count", "-t", "10.0.0.1:80", "-r" }, 255, NULL },
	{ 8, { "ipvsadm", "-L", "-n", "--query=client=10.0.0.0/8", "-t", "10.0.0.1:80", "-r", "10.1.1.1" }, -1, NULL },
	{ 4, { "ipvsadm", "-L", "--query=state=x,count", "--json" }, -1, NULL },
	{ 5, { "ipvsadm", "-L", "-c", "-r", "10.1.1.1" }, 2, "Illegal 'real-server' option" },
	{ 3, { "ipvsadm", "-L", "--query=nope" }, 2, "illegal --query term `nope'" },
	{ 4, { "ipvsadm", "-L", "--query", "--stats" }, 2, "option --query lists connection entries" },
	{ 4, { "ipvsadm", "-L", "--query", "--metrics" }, 2, "option --query lists" },
	{ 4, { "ipvsadm", "-A", "--query", "-t" }, 255, NULL },
	{ 5, { "ipvsadm", "-A", "-t", "10.0.0.1:80", "--query" }, 2, "Illegal 'query' option with the 'add-service' command\n" },
	{ 3, { "ipvsadm", "-L", "--metrics" }, -1, NULL },
	{ 4, { "ipvsadm", "-L", "--metrics", "-c" }, 2, "option --metrics prints" },
	{ 4, { "ipvsadm", "-L", "--metrics", "--json" }, 2, "option --metrics prints" },
	{ 5, { "ipvsadm", "-L", "--metrics", "-t", "10.0.0.1:80" }, 2, "option --metrics prints" },
	{ 4, { "ipvsadm", "--netns", "blue", "-L" }, -1, NULL },
	{ 5, { "ipvsadm", "-A", "-t", "10.0.0.1:80", "--netns=/run/netns/x" }, -1, NULL },
	{ 3, { "ipvsadm", "--netns", "blue" }, 255, "Try `ipvsadm -h'" },
	{ 4, { "ipvsadm", "-L", "--netns", "" }, 2, "illegal --netns `'" },
	{ 5, { "ipvsadm", "-L", "--netns", "a", "--all-netns" }, 2, "multiple 'netns' options specified\n" },
	{ 3, { "ipvsadm", "--all-netns", "-S" }, -1, NULL },
	{ 5, { "ipvsadm", "-L", "-n", "-c", "--all-netns" }, -1, NULL },
	{ 5, { "ipvsadm", "-A", "-t", "10.0.0.1:80", "--all-netns" }, 2, "option --all-netns goes with -L or -S" },
	{ 4, { "ipvsadm", "-L", "--all-netns", "--json" }, 2, "option --all-netns heads" },
	{ 4, { "ipvsadm", "-L", "--all-netns", "--metrics" }, 2, "option --all-netns heads" },
};

static void check_case(const struct observe_case *c)
{
	struct ipvs_cmdline cl;
	struct cli_status st;
	char line[256] = "";
	int i, rc;

	for (i = 1; i < c->argc; i++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), " %s", c->argv[i]);
	rc = cmdline_parse(c->argc, (char **)c->argv, &cl, &st);
	if (c->status < 0) {
		CHECK(rc == 0, "ipvsadm%s parses (%.300s)", line, st.text);
		return;
	}
	CHECK(rc != 0 && st.exit_status == c->status, "ipvsadm%s stops with status %d (%d)",
	      line, c->status, st.exit_status);
	if (c->text)
		CHECK(!strncmp(st.text, c->text, strlen(c->text)),
		      "ipvsadm%s says %s (%.300s)", line, c->text, st.text);
}

static void check_path(const char *spec, const char *want)
{
	char path[256];

	netns_path(spec, path, sizeof(path));
	CHECK(!strcmp(path, want), "--netns %s is %s (%s)", spec, want, path);
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i]);
	check_path("blue", NETNS_RUN_DIR "/blue");
	check_path("/var/run/docker/netns/ingress_sbox", "/var/run/docker/netns/ingress_sbox");
	check_path("./x", "./x");
	check_path("4242", "/proc/4242/ns/net");
	check_path("42a", NETNS_RUN_DIR "/42a");
	UNIT_EXIT();
}
