/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R: read rules (the -S format) and apply them.
 */
#ifndef SAVE_RESTORE_RESTORE_H
#define SAVE_RESTORE_RESTORE_H

#include <stdio.h>
#include "libipvs/ipvs.h"

/*
 * Read every line of in, check them all, and only when all are good
 * apply them over s.  name is the input's name for messages (NULL for
 * stdin).  Returns the exit status.
 */
int restore_run(struct ipvs_sock *s, FILE *in, const char *name);

/* -R --test: check everything, including that the kernel has every
 * scheduler and persistence engine named, and change nothing. */
int restore_test(FILE *in, const char *name);

#endif
