/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One writer at a time: every command that changes the table holds an
 * exclusive lock on a file under /run for as long as it runs, so that two
 * applies (a timer and a person, two configuration-management runs) never
 * interleave their changes.  Reads take no lock and never wait.
 *
 * IPVS tables are per network namespace, so is the lock: its file is
 * /run/ipvsadm.NETNS.lock, NETNS the inode of /proc/self/ns/net.  Writers
 * of different namespaces (containers, the test suite's namespaces) never
 * wait for each other.
 */
#ifndef CLI_LOCK_H
#define CLI_LOCK_H

#include "cli/cmd.h"

#define LOCK_WAIT_DEFAULT 10	/* seconds, without --wait */

/* 1 when cl changes the table (and so takes the lock). */
int cmd_changes_table(const struct ipvs_cmdline *cl);

/* Take the lock for cl's command, waiting up to --wait=SECONDS (default
 * LOCK_WAIT_DEFAULT; 0 fails at once).  Returns 0 when held (or when
 * there is no /run to lock in, as for a user who may not write there:
 * the kernel then refuses the change anyway), or 2 after saying on stderr
 * which process holds it. */
int table_lock(const struct ipvs_cmdline *cl);

/* Let the next writer in (a drain that only waits now). */
void table_unlock(void);

#endif
