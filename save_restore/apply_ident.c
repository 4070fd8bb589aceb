/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --apply / -R --diff: when two records are the same service or real
 * server, and when their settings are the same as the kernel keeps them.
 * The file's lines are parsed with the reference's defaults (-w 1, -g,
 * wlc, 255.255.255.255) and the kernel reports what it was given, so
 * applying the same file twice finds nothing to change the second time.
 */
#include <string.h>

#include "save_restore/apply_int.h"

/* ---- identities and settings ---- */

int apply_same_addr(int af, const union ipvs_addr *a, const union ipvs_addr *b)
{
	return !memcmp(a, b, af == AF_INET6 ? 16 : 4);
}

/* af + protocol/address/port, or af + fwmark. */
int apply_same_service(const struct apply_service *a,
			const struct apply_service *b)
{
	if (a->af != b->af || a->fwmark != b->fwmark)
		return 0;
	if (a->fwmark)
		return 1;
	return a->protocol == b->protocol && a->port == b->port &&
	       apply_same_addr(a->af, &a->addr, &b->addr);
}

int apply_same_dest(const struct apply_dest *a, const struct apply_dest *b)
{
	return a->af == b->af && a->port == b->port &&
	       apply_same_addr(a->af, &a->addr, &b->addr);
}

/* What -E sets.  The kernel adds "hashed" to the flags it reports; the
 * timeout and mask only matter for a persistent service. */
int apply_same_svc_settings(const struct apply_service *a,
			     const struct apply_service *b)
{
	uint32_t fa = a->flags & ~(uint32_t)IP_VS_SVC_F_HASHED;
	uint32_t fb = b->flags & ~(uint32_t)IP_VS_SVC_F_HASHED;

	if (fa != fb || strcmp(a->sched_name, b->sched_name) ||
	    strcmp(a->pe_name, b->pe_name))
		return 0;
	if (!(fa & IP_VS_SVC_F_PERSISTENT))
		return 1;
	return a->timeout == b->timeout && a->netmask == b->netmask;
}

/* What -e sets.  The kernel makes every server at a local address
 * "Local", whatever method it was given: that is no difference. */
int apply_same_dest_settings(const struct apply_dest *a,
			      const struct apply_dest *b)
{
	uint32_t fa = a->conn_flags & IP_VS_CONN_F_FWD_MASK;
	uint32_t fb = b->conn_flags & IP_VS_CONN_F_FWD_MASK;

	if (a->weight != b->weight || a->u_threshold != b->u_threshold ||
	    a->l_threshold != b->l_threshold)
		return 0;
	if (fa == IP_VS_CONN_F_LOCALNODE || fb == IP_VS_CONN_F_LOCALNODE)
		return 1;
	if (fa != fb)
		return 0;
	if (fa != IP_VS_CONN_F_TUNNEL || a->tun_type != b->tun_type)
		return fa != IP_VS_CONN_F_TUNNEL;
	if (a->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_IPIP)
		return 1;
	return a->tun_port == b->tun_port && a->tun_flags == b->tun_flags;
}

/* A running daemon is as wanted when what the file gave matches; what it
 * left out is the kernel's default, whatever that is. */
int apply_same_daemon(const struct ipvs_daemon *live,
		       const struct ipvs_daemon *want)
{
	if (strcmp(live->mcast_ifn, want->mcast_ifn) ||
	    live->syncid != want->syncid)
		return 0;
	if (want->sync_maxlen && want->sync_maxlen != live->sync_maxlen)
		return 0;
	if (want->mcast_port && want->mcast_port != live->mcast_port)
		return 0;
	if (want->mcast_ttl && want->mcast_ttl != live->mcast_ttl)
		return 0;
	if (want->mcast_af && (want->mcast_af != live->mcast_af ||
			       !apply_same_addr(want->mcast_af, &want->mcast_group,
					  &live->mcast_group)))
		return 0;
	return 1;
}

/* ---- records ---- */

/* The fields a table's record shares with the library's, copied either
 * way; the rest of the target is zero. */
#define COPY_SERVICE(to, from) do {					\
	memset(&(to), 0, sizeof(to));					\
	(to).af = (from)->af;						\
	(to).protocol = (from)->protocol;				\
	(to).port = (from)->port;					\
	(to).fwmark = (from)->fwmark;					\
	(to).addr = (from)->addr;					\
	(to).flags = (from)->flags;					\
	(to).timeout = (from)->timeout;					\
	(to).netmask = (from)->netmask;					\
	memcpy((to).sched_name, (from)->sched_name, sizeof((to).sched_name)); \
	memcpy((to).pe_name, (from)->pe_name, sizeof((to).pe_name));	\
} while (0)

#define COPY_DEST(to, from) do {					\
	memset(&(to), 0, sizeof(to));					\
	(to).af = (from)->af;						\
	(to).port = (from)->port;					\
	(to).addr = (from)->addr;					\
	(to).conn_flags = (from)->conn_flags;				\
	(to).weight = (from)->weight;					\
	(to).u_threshold = (from)->u_threshold;				\
	(to).l_threshold = (from)->l_threshold;				\
	(to).tun_port = (from)->tun_port;				\
	(to).tun_flags = (from)->tun_flags;				\
	(to).tun_type = (from)->tun_type;				\
} while (0)

struct apply_service apply_service_of(const struct ipvs_service *svc)
{
	struct apply_service s;

	COPY_SERVICE(s, svc);
	return s;
}

struct apply_dest apply_dest_of(const struct ipvs_dest *dest)
{
	struct apply_dest d;

	COPY_DEST(d, dest);
	return d;
}

struct ipvs_service apply_service_full(const struct apply_service *svc)
{
	struct ipvs_service s;

	COPY_SERVICE(s, svc);
	return s;
}

struct ipvs_dest apply_dest_full(const struct apply_dest *dest)
{
	struct ipvs_dest d;

	COPY_DEST(d, dest);
	return d;
}
