/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Setting the IPVS settings (net.ipv4.vs.*) of this network namespace:
 * every value checked before any is written, and all or nothing.
 */
#ifndef CLI_SYSCTL_SET_H
#define CLI_SYSCTL_SET_H

#include <stddef.h>

#include "cli/cmd.h"

struct sysctl_assign {
	char name[IPVS_SYSCTL_NAME_LEN];
	char value[IPVS_SYSCTL_VALUE_LEN];	/* as it will be written */
};

/*
 * "NAME=VALUE" checked: NAME a key this kernel has, VALUE of its type and
 * range (print/sysctl_keys.c; a key of a newer kernel that the table does
 * not know is left to the kernel to check).  Returns 0 with a filled, or
 * -1 with the reason in msg.
 */
int sysctl_assign_parse(const char *word, struct sysctl_assign *a,
			char *msg, size_t len);

/*
 * Write the n settings in order.  When one is refused, those already
 * written get their values back and -1 is returned with the reason in
 * msg.  old[] (n entries, or NULL) receives the values before.
 */
int sysctl_assign_all(const struct sysctl_assign *a, size_t n,
		      struct sysctl_assign *old, char *msg, size_t len);

/* The settings of a --sysctl command line, each checked as above:
 * 0 with *out (free it; n entries, none for a listing), or -1 with the
 * reason of the first bad one in msg (*out still to free). */
int sysctl_cmdline_settings(const struct ipvs_cmdline *cl,
			    struct sysctl_assign **out, size_t *n,
			    char *msg, size_t len);

/* --sysctl: the listing, or with NAME=VALUE words the settings written.
 * Returns the exit status (2 bad input, 255 the kernel refused). */
int sysctl_run(const struct ipvs_cmdline *cl);

#endif
