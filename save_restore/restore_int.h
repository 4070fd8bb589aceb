/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside -R: the pieces of restore.c that unit tests drive without a
 * kernel.  -R reads its input once, a line at a time: restore_read()
 * checks every line and hands each good command to a callback, which
 * compiles it into a spool that is sent only if every line was good.
 */
#ifndef SAVE_RESTORE_RESTORE_INT_H
#define SAVE_RESTORE_RESTORE_INT_H

#include <stdio.h>
#include "cli/cmd.h"

/* The longest word a line may hold: the reference's buffer is 4096 bytes
 * with the terminating NUL, and it overruns it on a longer word. */
#define RESTORE_MAX_WORD 4095

/* Exit statuses: a bad input, like the reference's parse errors, and a
 * kernel refusal, like the reference's failed command (-1). */
#define RESTORE_EXIT_SYNTAX 2
#define RESTORE_EXIT_KERNEL 255

/* Split line (len bytes, modified in place) into words separated by
 * blanks (space, tab, CR, VT, FF), dropping every word "ipvsadm" like the
 * reference.  line must have room for a NUL at line[len].  *argv is grown
 * with realloc and gets first as its element 0, then the words, then
 * NULL; *cap is its size.
 * Returns the number of elements (at least 1), or -1 with *why set:
 * a word of more than RESTORE_MAX_WORD bytes, a NUL byte, no memory. */
int restore_split(char *line, size_t len, const char *first,
		  char ***argv, size_t *cap, const char **why);

/* Called with every good command of the input, in order, and the number
 * of its line. */
typedef void (*restore_cmd_fn)(void *arg, unsigned long line,
			       const struct ipvs_cmdline *cl);

struct restore_reader {
	const char *name;	/* the input's name in reports, or NULL */
	const char *argv0;	/* the program name the parser's messages use */
	FILE *err;		/* where bad lines are reported */
	restore_cmd_fn fn;	/* NULL: only check */
	void *arg;
	unsigned long bad_lines;	/* lines reported as errors */
	struct module_check *modules;	/* non-NULL: a line naming a scheduler
					 * or persistence engine the kernel
					 * lacks is a bad line too */
	/* Scopes (cli/scope.h): outer is the command line's --scope (or
	 * NULL); scope the file's own --scope line, once read (the caller
	 * frees it).  A rule outside either is a bad line. */
	const struct ipvs_scope *outer;
	struct ipvs_scope *scope;
	unsigned long scope_line;	/* the line that declared scope */
	unsigned long rules;		/* good lines so far */
};

/* The scope's word on a good line cl of r's input: NULL when it may
 * stand, or why not (in buf).  A --scope line becomes r->scope (taken
 * from cl) and returns "" to say the line is not a rule to run. */
const char *restore_scope_line(struct restore_reader *r, unsigned long line,
			       struct ipvs_cmdline *cl, char *buf, size_t len);

/* Read all of in, one line at a time: split it, parse it, report a bad
 * line to r->err as "LINE: message" (or "NAME:LINE: message") and hand a
 * good one to r->fn.  Memory does not grow with the input.  Returns 0
 * when every line is good, else an exit status. */
int restore_read(FILE *in, struct restore_reader *r);

/* Print "LINE: " or "NAME:LINE: " and then text, prefixing each of its
 * lines the same way; adds a final newline when text lacks one. */
void restore_report(FILE *err, const char *name, unsigned long line,
		    const char *text);

/* 1 when the kernel has module PREFIX NAME ("ip_vs_" "rr") loaded, built
 * in or loadable; 0 otherwise (and for names no module can have). */
int ipvs_module_available(const char *prefix, const char *name);
/* The names already looked up, each looked up once however many lines
 * use it.  Starts zeroed; module_check_free() when done. */
struct module_check {
	struct module_seen *seen;
	size_t nseen;
};
/* For -A and -E lines: report to err, as restore_read reports a bad line,
 * the scheduler and the persistence engine of cl the kernel lacks.
 * Returns how many it lacks. */
unsigned long module_check_line(struct module_check *mc, FILE *err,
				const char *name, unsigned long line,
				const struct ipvs_cmdline *cl);
void module_check_free(struct module_check *mc);

/* -R --test: check the input like -R, and that every scheduler and
 * persistence engine it names is available; change nothing.  Reports
 * every problem to err with its line number; returns the exit status. */
int restore_dry_run(FILE *in, const char *name, FILE *err,
		    const struct ipvs_scope *scope);

#endif
