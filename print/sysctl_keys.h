/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What ipvsadm knows of each IPVS setting (net.ipv4.vs.*) of kernels 5.10
 * to 6.12: its type, the values the kernel accepts, its default and what
 * it does, from the kernel's Documentation/networking/ipvs-sysctl.rst and
 * net/netfilter/ipvs/ip_vs_ctl.c.  The listing, the setter and the rules
 * files all read this one table.
 */
#ifndef PRINT_SYSCTL_KEYS_H
#define PRINT_SYSCTL_KEYS_H

#include <stddef.h>

enum sysctl_type {
	SYSCTL_BOOL,		/* 0 or 1 */
	SYSCTL_INT,		/* an integer from min to max */
	SYSCTL_POW2,		/* a power of two from min to max */
	SYSCTL_SECONDS,		/* seconds (jiffies inside the kernel) */
	SYSCTL_PAIR,		/* two integers "A B": 0 <= A < B, or B = 0 */
	SYSCTL_CPULIST,		/* a CPU list such as 0-3,6 */
};

struct sysctl_key {
	const char *name;
	enum sysctl_type type;
	long min, max;
	const char *dflt;	/* as the kernel prints it; NULL: depends on the machine */
	const char *since;	/* first kernel with the key; NULL: 5.10 or older */
	const char *meaning;	/* one line */
};

/* The key of that name, or NULL for one the table does not know. */
const struct sysctl_key *sysctl_key_find(const char *name);
/* The whole table, sorted by name. */
const struct sysctl_key *sysctl_key_table(size_t *len);

/* The values a key takes, in words ("0 or 1", "integer 0..3"). */
const char *sysctl_key_range(const struct sysctl_key *k, char *buf, size_t len);

/*
 * Check value against k's type and range.  Returns 0 with the text to
 * write in norm (a pair's comma becomes a space), or -1 with the reason
 * in why.
 */
int sysctl_value_check(const struct sysctl_key *k, const char *value,
		       char *norm, size_t normlen, char *why, size_t whylen);

/* Two values the same for the kernel (spaces and tabs alike). */
int sysctl_same_value(const char *a, const char *b);

/* 1 when value is k's default, 0 when not, -1 when the default depends
 * on the machine or k is NULL (a key the table does not know). */
int sysctl_is_default(const struct sysctl_key *k, const char *value);

#endif
