/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside --check: the findings as they are found, and the two sides
 * that find them.
 */
#ifndef LIVE_CHECK_INT_H
#define LIVE_CHECK_INT_H

#include "save_restore/apply.h"
#include "live/check_sys.h"

#define CHECK_MAX_FINDINGS 256

struct check_finding {
	char id[24];		/* a stable name: "nat-ip-forward"... */
	char where[128];		/* "TCP 10.0.0.1:80 -> 10.0.1.1:80", "this host" */
	char problem[320];
	char fix[256];
};

struct check_report {
	struct check_finding *f;
	size_t len, dropped;
	size_t services;	/* checked */
};

/* Add a finding, once per id and where. */
void check_add(struct check_report *r, const char *id, const char *where,
	       const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* "203.0.113.10" or "[fd00::1]" (with brackets when bracket). */
void check_addr(char *buf, size_t len, int af, const union ipvs_addr *a,
		int bracket);

/* The director's side for every service of t (the kernel's table or a
 * rules file's). */
void check_director(struct apply_table *t, struct check_report *r);

/* A real server's side: cl's dest holds the method and address. */
void check_real_server(const struct ipvs_cmdline *cl, struct check_report *r);

#endif
