/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside -R --apply / --diff: what its files share and nothing outside
 * save_restore/ calls.  apply_ident.c says when two records are the same
 * one or set the same; apply_table.c keeps the tables; apply_replay.c,
 * apply_diff.c and apply_undo.c change or compare them.
 */
#ifndef SAVE_RESTORE_APPLY_INT_H
#define SAVE_RESTORE_APPLY_INT_H

#include "save_restore/apply.h"

/* Identities: af + protocol/address/port or af + fwmark for a service,
 * af + address/port for a real server. */
int apply_same_addr(int af, const union ipvs_addr *a, const union ipvs_addr *b);
int apply_same_service(const struct apply_service *a,
		       const struct apply_service *b);
int apply_same_dest(const struct apply_dest *a, const struct apply_dest *b);

/* Settings as the kernel keeps them: what -E, -e and --start-daemon set. */
int apply_same_svc_settings(const struct apply_service *a,
			    const struct apply_service *b);
int apply_same_dest_settings(const struct apply_dest *a,
			     const struct apply_dest *b);
int apply_same_daemon(const struct ipvs_daemon *live,
		      const struct ipvs_daemon *want);

/* A table's service or server with key's identity, or NULL (also for a
 * NULL service). */
struct apply_svc *table_find_svc(struct apply_table *t,
				 const struct apply_service *key);
struct apply_dest *table_find_dest(struct apply_svc *as,
				   const struct apply_dest *key);
/* Append a server to a service: 0 or -1 when out of memory. */
int table_add_dest(struct apply_svc *as, const struct apply_dest *dest);
void table_del_dest(struct apply_svc *as, struct apply_dest *d);
void table_del_svc(struct apply_table *t, struct apply_svc *as);
void table_clear(struct apply_table *t);

/* Append a change: 0, or -1 when out of memory. */
int apply_push(struct apply_changes *out, enum ipvs_cmd cmd,
	       const struct apply_service *svc, const struct apply_dest *dest,
	       enum apply_kind kind);

/* The fleet's canonical order (apply_order.c).  The scheduler builds its
 * lookup from the kernel's list order. */
int apply_order_matters(const char *sched);
/* The index in w->dest (oldest first) from which w's servers must be
 * added (again) for the live service l to end in the order and with the
 * hidden weights a fresh load gives: w->ndest when none need be, -1 when
 * out of memory.  l may be NULL (a new service: none). */
long apply_reseat_from(struct apply_svc *l, struct apply_svc *w);
/* The reseat itself: w->dest[from..], oldest first, each deleted (when
 * live) and added again at once. */
int apply_push_reseat(struct apply_svc *l, struct apply_svc *w, size_t from,
		      struct apply_changes *out);

#endif
