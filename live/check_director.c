/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --check on the director: for each service, what its scheduler, its
 * forwarding methods and the IPVS settings need from this host.
 */
#include <stdio.h>
#include <string.h>

#include "live/check_int.h"
#include "print/list_fmt.h"
#include "save_restore/restore_int.h"

static void service_name(char *buf, size_t len, const struct apply_service *s)
{
	char a[INET6_ADDRSTRLEN + 2];

	if (s->fwmark) {
		snprintf(buf, len, "FWM %u%s", s->fwmark,
			 s->af == AF_INET6 ? " IPv6" : "");
		return;
	}
	check_addr(a, sizeof(a), s->af, &s->addr, 1);
	snprintf(buf, len, "%s %s:%u",
		 s->protocol == IPPROTO_UDP ? "UDP" :
		 s->protocol == IPPROTO_SCTP ? "SCTP" : "TCP", a, s->port);
}

static void check_modules(const struct apply_service *s, const char *where,
			  struct check_report *r)
{
	char fix[96];

	if (!ipvs_module_available("ip_vs_", s->sched_name)) {
		snprintf(fix, sizeof(fix), "modprobe ip_vs_%s", s->sched_name);
		check_add(r, "scheduler-module", where, fix,
			  "the scheduler '%s' is not in this kernel (no module ip_vs_%s)",
			  s->sched_name, s->sched_name);
	}
	if (s->pe_name[0] && !ipvs_module_available("ip_vs_pe_", s->pe_name)) {
		snprintf(fix, sizeof(fix), "modprobe ip_vs_pe_%s", s->pe_name);
		check_add(r, "pe-module", where, fix,
			  "the persistence engine '%s' is not in this kernel (no module ip_vs_pe_%s)",
			  s->pe_name, s->pe_name);
	}
}

/* The VIP must be an address of the director: IPVS takes packets on
 * their way in to a local address. */
static void check_vip(const struct apply_service *s, const char *where,
		      struct check_report *r)
{
	static const union ipvs_addr any;
	char dev[IFNAMSIZ], a[INET6_ADDRSTRLEN + 2], fix[160];
	struct sys_route rt;

	if (s->fwmark || !memcmp(&s->addr, &any, sizeof(any)) ||
	    sys_addr_iface(s->af, &s->addr, dev))
		return;
	sys_route_to(s->af, &s->addr, &rt);
	check_addr(a, sizeof(a), s->af, &s->addr, 0);
	snprintf(fix, sizeof(fix), "ip addr add %s/%d dev %s", a,
		 s->af == AF_INET6 ? 128 : 32, rt.found ? rt.dev : "IFACE");
	check_add(r, "vip-missing", where, fix,
		  "the virtual address %s is not an address of this director: packets for it never reach IPVS",
		  a);
}

/* The service as ipvsadm's options name it: "-t 10.0.0.1:80", "-f 5". */
static void service_switch(char *buf, size_t len, const struct apply_service *s)
{
	char a[INET6_ADDRSTRLEN + 2];

	if (s->fwmark) {
		snprintf(buf, len, "-f %u%s", s->fwmark, s->af == AF_INET6 ? " -6" : "");
		return;
	}
	check_addr(a, sizeof(a), s->af, &s->addr, 1);
	snprintf(buf, len, "%s %s:%u", s->protocol == IPPROTO_UDP ? "-u" :
		 s->protocol == IPPROTO_SCTP ? "--sctp-service" : "-t", a, s->port);
}

static void check_available(const struct apply_svc *as, const char *where,
			    struct check_report *r)
{
	char sw[80], a[INET6_ADDRSTRLEN + 2], fix[192];
	size_t k;

	for (k = 0; k < as->ndest; k++)
		if (as->dest[k].weight > 0)
			return;
	service_switch(sw, sizeof(sw), &as->svc);
	if (!as->ndest) {
		snprintf(fix, sizeof(fix), "ipvsadm -a %s -r SERVER -g (or -m, -i)", sw);
		check_add(r, "no-real-server", where, fix,
			  "the service has no real server: every new connection is refused");
		return;
	}
	check_addr(a, sizeof(a), as->dest[0].af, &as->dest[0].addr, 1);
	snprintf(fix, sizeof(fix), "ipvsadm -e %s -r %s:%u %s -w 1 (or add a server with -a)",
		 sw, a, as->dest[0].port, fwd_switch(as->dest[0].conn_flags));
	check_add(r, "no-real-server", where, fix,
		  "every real server has weight 0: no new connection can be scheduled");
}

/* Settings of the host that work against this service. */
static void check_settings(const struct apply_svc *as, const char *where,
			   struct check_report *r)
{
	const struct apply_service *s = &as->svc;
	int draining = 0, dr = 0;
	size_t k;

	for (k = 0; k < as->ndest; k++) {
		draining |= as->dest[k].weight == 0;
		dr |= (as->dest[k].conn_flags & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_DROUTE;
	}
	if (!strcmp(s->sched_name, "mh") && s->protocol != IPPROTO_UDP &&
	    sys_sysctl("net.ipv4.vs.sloppy_tcp") == 0)
		check_add(r, "mh-sloppy-tcp", where, "sysctl -w net.ipv4.vs.sloppy_tcp=1",
			  "mh keeps a client on its server across the directors of a fleet, but with sloppy_tcp off a director drops a connection it did not see start (after a failover or an ECMP change)");
	if (draining && (s->flags & IP_VS_SVC_F_PERSISTENT) &&
	    sys_sysctl("net.ipv4.vs.expire_quiescent_template") == 0)
		check_add(r, "drain-templates", where,
			  "sysctl -w net.ipv4.vs.expire_quiescent_template=1",
			  "a server of weight 0 never drains: the persistence templates keep sending known clients to it (expire_quiescent_template is 0)");
	if (draining && dr && !(sys_sysctl("net.ipv4.vs.conn_reuse_mode") & 2))
		check_add(r, "dr-conn-reuse", where,
			  "sysctl -w net.ipv4.vs.conn_reuse_mode=2",
			  "with direct routing the director sees a connection end in FIN_WAIT, never TIME_WAIT, so with conn_reuse_mode 0 or 1 a client reusing its port stays on a server of weight 0");
}

static void check_link(const struct apply_dest *d, const char *where,
		       const char *method, struct check_report *r)
{
	char a[INET6_ADDRSTRLEN + 2], gw[INET6_ADDRSTRLEN + 2], dev[IFNAMSIZ];
	char fix[192];
	struct sys_route rt;

	if (sys_addr_iface(d->af, &d->addr, dev))
		return;		/* the director itself */
	check_addr(a, sizeof(a), d->af, &d->addr, 0);
	sys_route_to(d->af, &d->addr, &rt);
	if (rt.found && !rt.via_gateway)
		return;
	snprintf(fix, sizeof(fix), "ip addr add ADDRESS/PREFIX dev IFACE (an address of the director on %s's network)", a);
	if (!rt.found) {
		check_add(r, "real-server-route", where, fix,
			  "no route to the real server %s: %s needs it on a network of the director",
			  a, method);
		return;
	}
	check_addr(gw, sizeof(gw), d->af, &rt.gateway, 0);
	check_add(r, "real-server-route", where, fix,
		  "the real server %s is behind the gateway %s, not on a network of the director: %s needs it directly connected",
		  a, gw, method);
}

static void check_nat(const struct apply_service *s, const struct apply_dest *d,
		      const char *where, struct check_report *r)
{
	int v6 = d->af == AF_INET6;

	if (sys_sysctl(v6 ? "net.ipv6.conf.all.forwarding" : "net.ipv4.ip_forward") == 0)
		check_add(r, "nat-ip-forward", "this director",
			  v6 ? "sysctl -w net.ipv6.conf.all.forwarding=1"
			     : "sysctl -w net.ipv4.ip_forward=1",
			  "%s forwarding is off: the real servers' replies to NAT services are not sent on to the clients",
			  v6 ? "IPv6" : "IPv4");
	check_link(d, where, "NAT (its replies must come back through this director)", r);
	if (!s->fwmark && s->port == 21 && s->protocol == IPPROTO_TCP &&
	    !sys_module_loaded("ip_vs_ftp"))
		check_add(r, "nat-ftp", where, "modprobe ip_vs_ftp",
			  "an FTP service through NAT needs ip_vs_ftp to track and rewrite its data connections");
}

void check_director(struct apply_table *t, struct check_report *r)
{
	char svc[64], where[128], a[INET6_ADDRSTRLEN + 2];
	size_t i, k;

	for (i = 0; i < t->len; i++) {
		const struct apply_svc *as = &t->svc[i];

		r->services++;
		service_name(svc, sizeof(svc), &as->svc);
		check_modules(&as->svc, svc, r);
		check_vip(&as->svc, svc, r);
		check_available(as, svc, r);
		check_settings(as, svc, r);
		for (k = 0; k < as->ndest; k++) {
			const struct apply_dest *d = &as->dest[k];

			check_addr(a, sizeof(a), d->af, &d->addr, 1);
			snprintf(where, sizeof(where), "%s -> %s", svc, a);
			switch (d->conn_flags & IP_VS_CONN_F_FWD_MASK) {
			case IP_VS_CONN_F_MASQ:
				check_nat(&as->svc, d, where, r);
				break;
			case IP_VS_CONN_F_DROUTE:
				check_link(d, where, "direct routing (frames go to its MAC address)", r);
				break;
			default:
				break;
			}
		}
	}
}
