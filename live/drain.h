/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef LIVE_DRAIN_H
#define LIVE_DRAIN_H

#include <stddef.h>

#include "cli/cmd.h"

/* --drain: weight 0, wait until the server has no active connection (at
 * most cl->drain_timeout seconds), then delete it.  Returns the exit
 * status: 0 done, 1 timed out (the server stays with weight 0), 255 the
 * kernel refused. */
int drain_run(struct ipvs_sock *s, const struct ipvs_cmdline *cl);

/* The same for the n servers of cl[] (CMD_DRAIN command lines) at once,
 * within cl[0].drain_timeout seconds: each is deleted as soon as it has
 * no active connection.  The same exit statuses (1: some are left with
 * weight 0, each named on stderr). */
int drain_many(struct ipvs_sock *s, const struct ipvs_cmdline *cl, size_t n);

#endif
