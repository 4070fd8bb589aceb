/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Addresses and ports as the listings show them: numeric with -n,
 * else host names (gethostbyaddr) and service names (getservbyport).
 */
#ifndef PRINT_RESOLVE_H
#define PRINT_RESOLVE_H

#include <stddef.h>
#include <stdint.h>
#include "libipvs/ipvs.h"

/* "addr:port", IPv6 addresses in brackets, cut to len - 1 characters
 * (the reference uses 60 bytes).  format: FMT_NUMERIC or not.
 * Returns buf. */
char *fmt_addrport(char *buf, size_t len, int af, const union ipvs_addr *addr,
		   uint16_t port, uint16_t proto, unsigned int format);

#endif
