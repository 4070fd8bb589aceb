/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --check=dr:VIP, tun:VIP, nat:DIRECTOR on a real server: what its side
 * of the forwarding method needs (the tutorials' set-ups, checked).
 */
#include <net/if_arp.h>
#include <stdio.h>
#include <string.h>

#include "live/check_int.h"

static long conf_max(const char *dev, const char *key)
{
	char name[96];
	long all, one;

	snprintf(name, sizeof(name), "net.ipv4.conf.all.%s", key);
	all = sys_sysctl(name);
	snprintf(name, sizeof(name), "net.ipv4.conf.%s.%s", dev, key);
	one = sys_sysctl(name);
	return all > one ? all : one;
}

/* DR: every interface that is up, but lo and the one holding the VIP,
 * must neither answer ARP for the VIP nor use it as a source in ARP. */
static void check_arp(const char *vip_dev, struct check_report *r)
{
	struct if_nameindex *all = if_nameindex(), *i;
	char bad[128] = "";
	size_t n = 0;

	for (i = all; i && i->if_index; i++) {
		int flags = sys_iface_flags(i->if_name);

		if (flags < 0 || !(flags & IFF_UP) || (flags & IFF_LOOPBACK) ||
		    !strcmp(i->if_name, vip_dev))
			continue;
		if (conf_max(i->if_name, "arp_ignore") >= 1 &&
		    conf_max(i->if_name, "arp_announce") >= 2)
			continue;
		n += (size_t)snprintf(bad + n, n < sizeof(bad) ? sizeof(bad) - n : 0,
				      "%s%s", n ? ", " : "", i->if_name);
		if (n >= sizeof(bad))
			n = sizeof(bad) - 1;
	}
	if (all)
		if_freenameindex(all);
	if (!bad[0])
		return;
	check_add(r, "dr-arp", "this real server",
		  "sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2",
		  "%s may answer ARP requests for the VIP or announce it (arp_ignore must be 1, arp_announce 2): clients would reach this server instead of the director",
		  bad);
}

static void check_dr(const struct ipvs_dest *d, const char *vip,
		     struct check_report *r)
{
	char dev[IFNAMSIZ], driver[32], fix[160];
	int flags;

	if (!sys_addr_iface(d->af, &d->addr, dev)) {
		snprintf(fix, sizeof(fix), "ip addr add %s/%d dev lo", vip,
			 d->af == AF_INET6 ? 128 : 32);
		check_add(r, "dr-vip", "this real server", fix,
			  "the VIP %s is not an address of this server: it drops the packets the director routes to it",
			  vip);
		dev[0] = '\0';
	} else {
		flags = sys_iface_flags(dev);
		sys_iface_driver(dev, driver, sizeof(driver));
		if (!(flags & IFF_LOOPBACK) && strcmp(driver, "dummy")) {
			snprintf(fix, sizeof(fix), "ip addr del %s/%d dev %s; ip addr add %s/%d dev lo",
				 vip, d->af == AF_INET6 ? 128 : 32, dev, vip,
				 d->af == AF_INET6 ? 128 : 32);
			check_add(r, "dr-vip-iface", "this real server", fix,
				  "the VIP %s is on %s, an interface on the network: put it on lo or a dummy interface",
				  vip, dev);
		}
	}
	if (d->af == AF_INET)
		check_arp(dev, r);
}

static int is_tunnel_type(int type)
{
	return type == ARPHRD_TUNNEL || type == ARPHRD_TUNNEL6 ||
	       type == ARPHRD_IPGRE || type == 823 /* ARPHRD_IP6GRE */;
}

/* The first tunnel device that is up (name, IFNAMSIZ bytes), or 0. */
static int tunnel_up(char *name)
{
	struct if_nameindex *all = if_nameindex(), *i;
	int found = 0;

	for (i = all; i && i->if_index && !found; i++) {
		int flags = sys_iface_flags(i->if_name);

		if (flags < 0 || !(flags & IFF_UP) ||
		    !is_tunnel_type(sys_iface_type(i->if_name)))
			continue;
		snprintf(name, IFNAMSIZ, "%s", i->if_name);
		found = 1;
	}
	if (all)
		if_freenameindex(all);
	return found;
}

/* The director sends IP in IP (or GRE, GUE) to the real server: a tunnel
 * device must be up to take it in, the VIP must be local (on the tunnel
 * device or lo), and reverse path filtering off for the tunnel, whose
 * packets come from clients it has no route to through it. */
static void check_tun(const struct ipvs_dest *d, const char *vip,
		      struct check_report *r)
{
	char dev[IFNAMSIZ], tun[IFNAMSIZ], fix[192];
	int plen = d->af == AF_INET6 ? 128 : 32;

	if (!sys_addr_iface(d->af, &d->addr, dev)) {
		snprintf(fix, sizeof(fix), "ip addr add %s/%d dev tunl0", vip, plen);
		check_add(r, "tun-vip", "this real server", fix,
			  "the VIP %s is not an address of this server: it drops the packets the tunnel brings",
			  vip);
	} else if (is_tunnel_type(sys_iface_type(dev)) &&
		   !(sys_iface_flags(dev) & IFF_UP)) {
		snprintf(fix, sizeof(fix), "ip link set %s up", dev);
		check_add(r, "tun-down", "this real server", fix,
			  "the tunnel device %s holding the VIP is down", dev);
	}
	if (!tunnel_up(tun)) {
		check_add(r, "tun-device", "this real server",
			  "modprobe ipip; ip link set tunl0 up",
			  "no tunnel device is up: the director's encapsulated packets are not taken in");
		return;
	}
	if (d->af == AF_INET && conf_max(tun, "rp_filter") > 0) {
		snprintf(fix, sizeof(fix), "sysctl -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.%s.rp_filter=0",
			 tun);
		check_add(r, "tun-rp-filter", "this real server", fix,
			  "reverse path filtering is on for %s: the decapsulated packets, from clients routed elsewhere, are dropped",
			  tun);
	}
}

static void check_nat_gateway(const struct ipvs_dest *d, const char *director,
			      struct check_report *r)
{
	char dev[IFNAMSIZ], fix[128], gw[INET6_ADDRSTRLEN + 2];
	union ipvs_addr via;

	snprintf(fix, sizeof(fix), "ip%s route replace default via %s",
		 d->af == AF_INET6 ? " -6" : "", director);
	if (!sys_default_gateway(d->af, &via, dev)) {
		check_add(r, "nat-gateway", "this real server", fix,
			  "no default route: replies to clients do not go back through the director %s, which must rewrite them",
			  director);
		return;
	}
	if (!memcmp(&via, &d->addr, d->af == AF_INET6 ? 16 : 4))
		return;
	check_addr(gw, sizeof(gw), d->af, &via, 0);
	check_add(r, "nat-gateway", "this real server", fix,
		  "the default route goes through %s, not the director %s: replies to clients bypass it and are dropped",
		  gw, director);
}

void check_real_server(const struct ipvs_cmdline *cl, struct check_report *r)
{
	const struct ipvs_dest *d = &cl->dest;
	char a[INET6_ADDRSTRLEN + 2];

	check_addr(a, sizeof(a), d->af, &d->addr, 0);
	switch (d->conn_flags & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_DROUTE:
		check_dr(d, a, r);
		break;
	case IP_VS_CONN_F_TUNNEL:
		check_tun(d, a, r);
		break;
	default:
		check_nat_gateway(d, a, r);
		break;
	}
}
