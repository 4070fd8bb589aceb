/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command line without a kernel: every row is argv and what the
 * reference 1.31 did with it (recorded in the lab).  Where the reference
 * stopped in its option parser, cmdline_parse must stop with the same
 * text and exit status; where it went on to the kernel, cmdline_parse
 * must accept the line.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "unit.h"

struct cmdline_case {
	int argc;
	const char *argv[24];
	int stops;		/* the reference stopped while parsing */
	int status;		/* its exit status */
	const char *text;	/* what it printed when it stopped */
};

static const struct cmdline_case cases[] = {
#include "cmdline_cases.inc"
};

/* Options of this ipvsadm only: -R --apply / --diff with --drain, --json. */
static const struct cmdline_case own_cases[] = {
	{ 4, { "ipvsadm", "-R", "--apply", "--drain" }, 0, 0, "" },
	{ 4, { "ipvsadm", "-R", "--apply", "--drain=2" }, 0, 0, "" },
	{ 4, { "ipvsadm", "-R", "--diff", "--json" }, 0, 0, "" },
	{ 4, { "ipvsadm", "-R", "--diff", "--pretty" }, 0, 0, "" },
	{ 4, { "ipvsadm", "-R", "--apply", "--drain=soon" }, 1, 2,
	  "invalid drain timeout `soon' specified\n" },
	{ 4, { "ipvsadm", "-R", "--apply", "--drain=-1" }, 1, 2,
	  "invalid drain timeout `-1' specified\n" },
	{ 4, { "ipvsadm", "-R", "--diff", "--apply" }, 1, 2,
	  "The option 'diff' conflicts with the 'apply' option in the 'restore' command\n" },
	{ 4, { "ipvsadm", "-R", "--apply", "--json" }, 1, 2,
	  "option --json goes with -R --diff (the change set as JSON)\n" },
	{ 3, { "ipvsadm", "-R", "--json" }, 1, 2,
	  "option --json goes with -R --diff (the change set as JSON)\n" },
	{ 3, { "ipvsadm", "-R", "--drain=5" }, 1, 2,
	  "option --drain goes with -R --apply (the servers it removes are drained)\n" },
	{ 4, { "ipvsadm", "-R", "--diff", "--drain" }, 1, 2,
	  "option --drain goes with -R --apply (the servers it removes are drained)\n" },
	{ 5, { "ipvsadm", "-R", "--apply", "--drain", "--drain=3" }, 1, 2,
	  "multiple 'drain' options specified\n" },
	{ 3, { "ipvsadm", "-A", "--drain" }, 1, 2,
	  "multiple commands specified\n" },
};

static void join(char *buf, size_t len, const struct cmdline_case *c)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 1; i < c->argc && n + 1 < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i > 1 ? " " : "",
				      c->argv[i]);
}

/* The message on one line, so each check stays one line of output. */
static const char *one_line(const char *text)
{
	static char buf[256];
	size_t i;

	for (i = 0; text[i] && i + 1 < sizeof(buf); i++)
		buf[i] = text[i] == '\n' ? '|' : text[i];
	buf[i] = '\0';
	return buf;
}

/* One row: accepted, or refused with the row's status and text.  LIKE
 * names whose behaviour the row records, in the test's name. */
static void check_case(const struct cmdline_case *c, const char *like)
{
	struct ipvs_cmdline cl;
	struct cli_status st;
	char name[512];
	int rc;

	join(name, sizeof(name), c);
	rc = cmdline_parse(c->argc, (char **)c->argv, &cl, &st);
	if (!c->stops) {
		CHECK(rc == 0, "accepts: %s%s%s", name, rc ? " -> " : "",
		      rc ? one_line(st.text) : "");
		return;
	}
	CHECK(rc != 0 && st.exit_status == c->status && !strcmp(st.text, c->text),
	      "rejects%s (%d): %s%s%s", like, c->status, name,
	      rc ? " -> " : " -> accepted", rc ? one_line(st.text) : "");
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(own_cases) / sizeof(own_cases[0]); i++)
		check_case(&own_cases[i], "");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i], " like the reference");
	UNIT_EXIT();
}
