/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SAVE_RESTORE_SAVE_STATE_H
#define SAVE_RESTORE_SAVE_STATE_H

#include "libipvs/ipvs.h"

/* -S --sysctl: services, timeouts, sync daemons and settings as rules
 * lines on stdout (format: -S's, e.g. FMT_NUMERIC).  Returns the exit
 * status. */
int save_state(struct ipvs_sock *s, unsigned int format);

#endif
