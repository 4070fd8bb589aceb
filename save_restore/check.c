/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading -R's input: every line split and run through the command line
 * parser, one line at a time.  Nothing here touches the kernel, so the
 * first pass finds a bad input before anything changes.
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

		if (argv[i][0] != '-' || (argv[i][1] != 'f' && argv[i][1] != '-') ||
		    (strcmp(argv[i], "-f") && strcmp(argv[i], "--fwmark-service")))
			continue;
		if (argv[i + 1][0] != '-')
			return;
		errno = 0;
		mark = strtoll(argv[i + 1], &end, 10);
		if (errno || *end || mark >= 0 || mark < -2147483648LL)
			return;
		snprintf(buf, len, "%llu", (unsigned long long)(mark + 4294967296LL));
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
	if (cl->options & OPT(NETNS))
		return "--netns and --all-netns go on the command line, not in a restore input";
	return NULL;
}

/* A good line.  One naming a module the kernel lacks is still handed on,
 * so that the lines after it are judged on the table the file means
 * (no "Service not defined" for its servers). */
static void take_line(struct restore_reader *r, unsigned long line,
		      const struct ipvs_cmdline *cl)
{
	if (r->modules &&
	    module_check_line(r->modules, r->err, r->name, line, cl))
		r->bad_lines++;
	if (r->fn)
		r->fn(r->arg, line, cl);
}

/* A line is bad (why says how) or good. */
static void judge_line(struct restore_reader *r, unsigned long line,
		       const struct ipvs_cmdline *cl, const char *why)
{
	if (why) {
		restore_report(r->err, r->name, line, why);
		r->bad_lines++;
	} else {
		take_line(r, line, cl);
	}
}

int restore_read(FILE *in, struct restore_reader *r)
{
	struct cli_status *st = malloc(sizeof(*st));
	struct ipvs_cmdline cl;
	char *buf = NULL, **argv = NULL, mark[16], scoped[512];
	size_t bufcap = 0, argcap = 0;
	unsigned long line = 0;
	ssize_t n;

	if (!st) {
		fprintf(r->err, "%s\n", strerror(ENOMEM));
		return RESTORE_EXIT_SYNTAX;
	}
	while ((n = getline(&buf, &bufcap, in)) >= 0) {
		const char *why = NULL;
		int argc;

		line++;
		if (n > 0 && buf[n - 1] == '\n')
			n--;
		if (cmdline_parse_rule(buf, (size_t)n, &cl)) {
			why = restore_scope_line(r, line, &cl, scoped, sizeof(scoped));
			judge_line(r, line, &cl, why);
			continue;
		}
		argc = restore_split(buf, (size_t)n, r->argv0, &argv, &argcap, &why);
		if (argc == 1 || (argc > 1 && argv[1][0] == '#'))
			continue;	/* empty line or comment */
		if (argc > 1) {
			unsigned_fwmark(argc, argv, mark, sizeof(mark));
			why = check_words(argc, argv, &cl, st);
			if (!why)
				why = restore_scope_line(r, line, &cl, scoped,
							 sizeof(scoped));
			free(cl.scope);	/* a listing's: no use here */
			cl.scope = NULL;
			if (why && !*why)
				continue;	/* the file's --scope line */
		}
		judge_line(r, line, &cl, why);
	}
	if (ferror(in)) {
		fprintf(r->err, "%s%s%s\n", r->name ? r->name : "",
			r->name ? ": " : "", strerror(errno));
		r->bad_lines++;
	}
	free(buf);
	free(argv);
	free(st);
	return r->bad_lines ? RESTORE_EXIT_SYNTAX : 0;
}
