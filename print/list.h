/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Listings: -L/-l with every option, -S (rules), -c, --timeout, --daemon.
 * Each returns the process exit status and prints its own errors, with the
 * reference's text and status.
 *
 *   list.c         services and real servers (text, rules, JSON)
 *   list_conn.c    -c, from /proc/net/ip_vs_conn
 *   list_config.c  --timeout, --daemon
 */
#ifndef PRINT_LIST_H
#define PRINT_LIST_H

#include "libipvs/ipvs.h"
#include "print/format.h"

/* -L without a service, and -S (format has FMT_RULE). */
int list_all(struct ipvs_sock *s, unsigned int format);
/* -L -t/-u/--sctp-service/-f: one service. */
int list_service(struct ipvs_sock *s, const struct ipvs_service *key,
		 unsigned int format);
/*
 * The listing layer for other views (the live view): one service entry,
 * text or JSON, from an already dumped list of its real servers (sorted
 * here unless FMT_NOSORT).  The hooks, when set, add members of their own
 * to the service's object (after its listing members, before "servers")
 * and to each real server's object (i indexes dl after sorting).
 */
struct list_hooks {
	void (*service)(void *arg, const struct ipvs_service *se);
	void (*dest)(void *arg, const struct ipvs_service *se, size_t i);
	void *arg;
};
void list_print_service(const struct ipvs_service *se, struct ipvs_dest_list *dl,
			unsigned int format, const struct list_hooks *hooks);
/* The listings' order (the reference's, quirks included). */
void list_sort_services(struct ipvs_service_list *sl);
void list_sort_dests(struct ipvs_dest_list *dl);

/* The reference's words for a kernel error of a listing. */
const char *list_strerror(int err);

/* -L -c: the connection table from /proc. */
int list_connections(unsigned int format);
/* -L -c --query: the entries q keeps, or their counts (CQ_COUNT). */
struct conn_query;
struct conn_counts;
int list_conn_query(unsigned int format, const struct conn_query *q);
/* The counts' table or JSON (list_conn_count.c); returns 0 or 1. */
int print_conn_counts(const struct conn_counts *cc, unsigned int format);
/* -L --metrics: every service, real server and sync daemon in the
 * Prometheus text format (list_metrics.c). */
int list_metrics(struct ipvs_sock *s);
/* -L --timeout */
int list_timeouts(struct ipvs_sock *s);
/* -L --daemon */
int list_daemons(struct ipvs_sock *s);

/* --sysctl: the IPVS settings of this network namespace (text or JSON). */
int list_sysctl(unsigned int format);

#endif
