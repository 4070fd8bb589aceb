/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running a parsed command line against the kernel.
 */
#ifndef CLI_EXEC_H
#define CLI_EXEC_H

#include "cli/cmd.h"

/*
 * The netlink request of a command that changes the kernel (ADD, EDIT,
 * DEL, FLUSH, ZERO, ADDDEST, EDITDEST, DELDEST, TIMEOUT, STARTDAEMON,
 * STOPDAEMON), ready to send alone or queue in a batch.  NULL for other
 * commands or when out of memory.
 */
struct nl_msg *cmdline_request(int family, const struct ipvs_cmdline *cl);

/*
 * Run one parsed command line and print what the reference prints
 * (listings, or the kernel's error).  Returns the exit status.
 * A listing is printed once (--watch is ignored here).  -R and --drain
 * are not for this function: their code lives in the parts above the
 * command line (save_restore/, live/), and ipvsadm.c runs them.
 */
int cmdline_exec(struct ipvs_sock *s, const struct ipvs_cmdline *cl);

#endif
