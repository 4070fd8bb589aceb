/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What --check reads of the host around the table, each a plain question:
 * a sysctl, a local address, the route to an address, an interface's
 * state, a loaded module.  Read from /proc, /sys and ioctls of this
 * network namespace, with no program run.
 */
#ifndef LIVE_CHECK_SYS_H
#define LIVE_CHECK_SYS_H

#include <net/if.h>
#include "libipvs/ipvs.h"

/* A sysctl by its dotted name ("net.ipv4.ip_forward"), or -1 when it
 * does not exist (for a name with an interface, a missing interface). */
long sys_sysctl(const char *name);

/* The interface holding address addr (name, IFNAMSIZ bytes): 1, or 0
 * when no interface of this namespace holds it. */
int sys_addr_iface(int af, const union ipvs_addr *addr, char *name);

struct sys_route {
	int found;			/* a route matched */
	int via_gateway;		/* through a gateway, not on a link */
	union ipvs_addr gateway;
	char dev[IFNAMSIZ];
	unsigned int prefix;		/* of the route that matched */
};

/* The main table's route to addr, as /proc/net/route and
 * /proc/net/ipv6_route show it (longest prefix first). */
void sys_route_to(int af, const union ipvs_addr *addr, struct sys_route *r);

/* The default route's gateway (af's), or 0 when there is none. */
int sys_default_gateway(int af, union ipvs_addr *gw, char *dev);

/* An interface's flags (IFF_UP...), or -1 when it does not exist. */
int sys_iface_flags(const char *name);
/* Its ARPHRD_* type (/sys/class/net/NAME/type), or -1. */
int sys_iface_type(const char *name);
/* Its driver as ethtool names it ("dummy", "veth"), or "" (len bytes). */
void sys_iface_driver(const char *name, char *driver, size_t len);

/* 1 when module NAME is loaded or built in (/sys/module/NAME). */
int sys_module_loaded(const char *name);

#endif
