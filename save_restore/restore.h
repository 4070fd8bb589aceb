/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R: read rules (the -S format) and apply them.
 */
#ifndef SAVE_RESTORE_RESTORE_H
#define SAVE_RESTORE_RESTORE_H

#include <stdio.h>
#include "cli/cmd.h"

/*
 * Runs a line that is not a change of the table (a listing, --drain):
 * the caller's dispatcher (ipvsadm.c), so that restore needs nothing
 * of the parts above it.  Returns the line's exit status.
 */
typedef int (*restore_exec_fn)(struct ipvs_sock *s,
			       const struct ipvs_cmdline *cl);

/*
 * Read every line of in, check them all, and only when all are good
 * apply them over s, in order; run executes the lines that are not
 * requests.  name is the input's name for messages (NULL for stdin).
 * Returns the exit status.
 */
int restore_run(struct ipvs_sock *s, FILE *in, const char *name,
		restore_exec_fn run);

/* -R --test: check everything, including that the kernel has every
 * scheduler and persistence engine named, and that every rule is inside
 * scope (the command line's --scope, or NULL); change nothing. */
int restore_test(FILE *in, const char *name, const struct ipvs_scope *scope);

#endif
