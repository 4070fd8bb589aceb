/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Listings: -L/-l with every option, -S (rules), -c, --timeout, --daemon.
 * Each returns the process exit status and prints its own errors, with the
 * reference's text and status.
 */
#ifndef CLI_LIST_H
#define CLI_LIST_H

#include "cli/cmd.h"

/* -L without a service, and -S (format has FMT_RULE). */
int list_all(struct ipvs_sock *s, unsigned int format);
/* -L -t/-u/--sctp-service/-f: one service. */
int list_service(struct ipvs_sock *s, const struct ipvs_service *key,
		 unsigned int format);
/* -L -c: the connection table from /proc. */
int list_connections(unsigned int format);
/* -L --timeout */
int list_timeouts(struct ipvs_sock *s);
/* -L --daemon */
int list_daemons(struct ipvs_sock *s);

#endif
