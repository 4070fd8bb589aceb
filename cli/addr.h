/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef CLI_ADDR_H
#define CLI_ADDR_H

#include <stddef.h>
#include <stdint.h>
#include "libipvs/ipvs.h"

/* A number in [min, max] written in decimal, or -1. */
long parse_number(const char *s, long min, long max);

#define SERVICE_NONE 0
#define SERVICE_ADDR 1
#define SERVICE_PORT 2

struct service_addr {
	uint16_t af;
	union ipvs_addr addr;
	uint16_t port;		/* host order; untouched without a port */
};

/* Returns SERVICE_NONE, or SERVICE_ADDR with SERVICE_PORT if a port was
 * given; port names are looked up for protocol. */
int parse_service_addr(const char *text, uint16_t protocol,
		       struct service_addr *out);
int parse_fwmark(const char *text, uint32_t *mark);
/* An IPv4 mask in inet_aton form; *mask in network order. */
int parse_ipv4_netmask(const char *text, uint32_t *mask);
/* Comma-separated -b flags for scheduler sched.  On error, bad holds the
 * offending word and *incompatible tells whether it is a known flag of
 * another scheduler. */
int parse_sched_flags(const char *sched, const char *text, uint32_t *flags,
		      char *bad, size_t badlen, int *incompatible);
int parse_tun_type(const char *text);

#endif
