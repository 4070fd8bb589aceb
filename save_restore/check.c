/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The first pass of -R: read every line, split it, run it through the
 * command line parser and keep the parsed form.  Nothing here touches the
 * kernel, so a bad input is found before anything changes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "save_restore/restore_int.h"

void restore_report(FILE *err, const char *name, unsigned long line,
		    const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");

		if (name)
			fprintf(err, "%s:", name);
		fprintf(err, "%lu: %.*s\n", line, (int)n, text);
		text += n;
		if (*text == '\n')
			text++;
	}
}

static int plan_add(struct restore_plan *plan, unsigned long line,
		    const struct ipvs_cmdline *cl)
{
	if (plan->len == plan->cap) {
		size_t cap = plan->cap ? plan->cap * 2 : 64;
		struct restore_cmd *grown;

		grown = realloc(plan->cmd, cap * sizeof(*grown));
		if (!grown)
			return -1;
		plan->cmd = grown;
		plan->cap = cap;
	}
	plan->cmd[plan->len].line = line;
	plan->cmd[plan->len].cl = *cl;
	plan->len++;
	return 0;
}

void restore_plan_free(struct restore_plan *plan)
{
	free(plan->cmd);
	memset(plan, 0, sizeof(*plan));
}

/*
 * The reference's -S prints a fwmark of 2^31 or more as a negative number
 * ("-f -1") that its own parser then refuses.  Read such a word after -f
 * as the mark it stands for, so every file the reference wrote restores.
 * buf (at least 11 bytes) holds the rewritten word.
 */
static void unsigned_fwmark(int argc, char **argv, char *buf, size_t len)
{
	int i;

	for (i = 1; i + 1 < argc; i++) {
		char *end;
		long long mark;

		if (strcmp(argv[i], "-f") && strcmp(argv[i], "--fwmark-service"))
			continue;
		if (argv[i + 1][0] != '-')
			return;
		errno = 0;
		mark = strtoll(argv[i + 1], &end, 10);
		if (errno || *end || mark >= 0 || mark < -2147483648LL)
			return;
		snprintf(buf, len, "%llu", mark + 4294967296LL);
		argv[i + 1] = buf;
		return;
	}
}

/* Parse one line already split into argv; returns the error text or NULL. */
static const char *check_words(int argc, char **argv, struct ipvs_cmdline *cl,
			       struct cli_status *st)
{
	memset(cl, 0, sizeof(*cl));
	if (cmdline_parse(argc, argv, cl, st) < 0) {
		if (st->exit_status == 0)
			return "help and version requests are not rules";
		return st->text;
	}
	if (cl->cmd == CMD_RESTORE)
		return "a restore input cannot restore (-R)";
	return NULL;
}

int restore_check(FILE *in, const char *name, const char *argv0,
		  struct restore_plan *plan, FILE *err)
{
	struct cli_status *st = malloc(sizeof(*st));
	struct ipvs_cmdline cl;
	char *buf = NULL, **argv = NULL, mark[16];
	size_t bufcap = 0, argcap = 0;
	unsigned long line = 0;
	ssize_t n;

	if (!st) {
		fprintf(err, "%s\n", strerror(ENOMEM));
		return RESTORE_EXIT_SYNTAX;
	}
	while ((n = getline(&buf, &bufcap, in)) >= 0) {
		const char *why = NULL;
		int argc;

		line++;
		if (n > 0 && buf[n - 1] == '\n')
			n--;
		argc = restore_split(buf, (size_t)n, argv0, &argv, &argcap, &why);
		if (argc == 1 || (argc > 1 && argv[1][0] == '#'))
			continue;	/* empty line or comment */
		if (argc > 1) {
			unsigned_fwmark(argc, argv, mark, sizeof(mark));
			why = check_words(argc, argv, &cl, st);
		}
		if (!why && plan_add(plan, line, &cl) < 0)
			why = strerror(ENOMEM);
		if (why) {
			restore_report(err, name, line, why);
			plan->bad_lines++;
		}
	}
	if (ferror(in)) {
		fprintf(err, "%s%s%s\n", name ? name : "", name ? ": " : "",
			strerror(errno));
		plan->bad_lines++;
	}
	free(buf);
	free(argv);
	free(st);
	return plan->bad_lines ? RESTORE_EXIT_SYNTAX : 0;
}
