/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A scope: the services one owner of the table (a rules file, a boot
 * service) declares its own, so that -R --apply and --diff leave every
 * other owner's services alone (kube-proxy, keepalived, another file).
 *
 *   SCOPE := ITEM[,ITEM...]
 *   ITEM  := [tcp:|udp:|sctp:]ADDRESS[/PREFIX][:PORT[-PORT]]
 *          | fwmark:MARK[-MARK]
 *          | listed
 * ADDRESS is an IPv4 address, an IPv6 one in brackets ([2001:db8::]) or
 * "*" (any address of either family); a missing protocol or port means
 * any.  "listed" covers exactly the services the rules file lists.
 */
#ifndef CLI_SCOPE_H
#define CLI_SCOPE_H

#include <stddef.h>
#include <stdint.h>
#include "libipvs/ipvs.h"

#define SCOPE_MAX_ITEMS 32

struct scope_item {
	int fwmark;			/* 1: marks mark_lo..mark_hi */
	uint16_t protocol;		/* 0: any */
	uint16_t af;			/* 0: any address */
	uint8_t prefix;			/* bits of addr that must match */
	union ipvs_addr addr;
	uint16_t port_lo, port_hi;	/* host order */
	uint32_t mark_lo, mark_hi;
};

struct ipvs_scope {
	size_t len;
	int listed;			/* "listed" was one of the items */
	struct scope_item item[SCOPE_MAX_ITEMS];
	char text[256];			/* as written, for messages */
};

/* Parse text into sc.  0, or -1 with why (len bytes) saying what is
 * wrong in words. */
int scope_parse(const char *text, struct ipvs_scope *sc, char *why,
		size_t len);

/* 1 when an item of sc covers svc ("listed" covers nothing here: the
 * caller knows the file's services). */
int scope_covers(const struct ipvs_scope *sc, const struct ipvs_service *svc);

#endif
