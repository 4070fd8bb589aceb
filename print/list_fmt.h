/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pure formatting pieces of the listings: no kernel, no stdout.
 * Kept apart so the unit tests can check them byte for byte.
 */
#ifndef PRINT_LIST_FMT_H
#define PRINT_LIST_FMT_H

#include <stddef.h>
#include <stdint.h>
#include "libipvs/ipvs.h"

/* Room the reference gives one "address:port" text (59 chars + NUL). */
#define ADDRPORT_LEN 60

/* "Masq", "Local", "Tunnel", "Route" for -L; "-m", "-i", "-g" for -S. */
const char *fwd_name(uint32_t conn_flags);
const char *fwd_switch(uint32_t conn_flags);

/* "TCP"/"UDP"/"SCTP" and the -S options "-t"/"-u"/"--sctp-service". */
const char *proto_name(uint16_t protocol);
const char *proto_switch(uint16_t protocol);

/* The scheduler flags as the reference words them ("sh-fallback,sh-port",
 * "flag-1,flag-3"...); empty when the service has none. */
void fmt_sched_flags(char *buf, size_t len, const char *sched, uint32_t flags);
int svc_has_sched_flags(uint32_t flags);

/* A counter in a 9-character column: K/M/G/T scaled, or exact with
 * FMT_EXACT.  Returns the length written (buf should have 32 bytes). */
int fmt_largenum(char *buf, size_t len, unsigned long long v,
		 unsigned int format);

/* The TunnelInfo column of -L --tun-info ("n/a" for non-tunnels). */
void fmt_tun_info(char *buf, size_t len, const struct ipvs_dest *d);
/* "ipip", "gue", "gre" (--tun-type), or "unknown". */
const char *tun_type_name(unsigned int type);
/* The checksum option of -S ("--tun-csum"...). */
const char *tun_csum_switch(uint16_t tun_flags);

/* One line of /proc/net/ip_vs_conn, as the reference reads it. */
struct conn_line {
	int fields;			/* sscanf's count, -1 for none */
	char protocol[16];
	uint16_t proto;			/* IPPROTO_* or 0 */
	uint16_t af;			/* of the client and virtual addresses */
	uint16_t daf;			/* of the destination (tunnels mix them) */
	union ipvs_addr caddr, vaddr, daddr;
	uint16_t cport, vport, dport;
	char state[32];
	int expires;
	char pe_name[64];
	char pe_data[512];
};
/* Returns 0, or -1 when the line holds nothing at all. */
int conn_parse_line(const char *line, struct conn_line *c);
/* "mm:ss" of the expire column. */
void fmt_expire(char *buf, size_t len, int expires);

#endif
