/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --check: what must be true around the table for it to work, checked on
 * this host, each problem said in plain words with the command that
 * fixes it.
 *   ipvsadm --check                 the director, for the kernel's table
 *   ipvsadm -R --check < RULES      the director, for a rules file's
 *   ipvsadm --check=dr:VIP          a real server's side (also tun:VIP,
 *                                   nat:DIRECTOR-ADDRESS)
 * Exit status 0 when all is well, 1 with findings, 2 for a bad input;
 * --json gives the findings as one JSON object.
 */
#ifndef LIVE_CHECK_H
#define LIVE_CHECK_H

#include <stdio.h>
#include "cli/cmd.h"

/* rules: the rules file to check (-R --check), or NULL for the kernel's
 * table over s (or for a real server's side, which needs neither). */
int check_run(struct ipvs_sock *s, const struct ipvs_cmdline *cl, FILE *rules);

#endif
