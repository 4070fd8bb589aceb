/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Request builders: turn the structs of ipvs.h into IPVS generic netlink
 * attributes exactly as net/netfilter/ipvs/ip_vs_ctl.c parses them.
 * No I/O here, so every byte is unit-testable.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

#include "ipvs.h"

/* The kernel's policy wants the whole union nf_inet_addr (16 bytes)
 * for addresses of either family. */
#define IPVS_ADDR_LEN sizeof(union ipvs_addr)

/* Room for the biggest request (a real server with a service key and
 * every tunnel attribute is about 300 bytes).  libnl's default is a
 * page: a batch of 256 queued requests would hold 1 MiB. */
#define IPVS_MSG_SIZE 512

struct nl_msg *ipvs_msg_new(int family, uint8_t cmd, int nlm_flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(IPVS_MSG_SIZE);

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			 nlm_flags | NLM_F_REQUEST, cmd, IPVS_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* The identifying attributes, shared by the key and the full service. */
static int put_service_id(struct nl_msg *msg, const struct ipvs_service *svc)
{
	if (nla_put_u16(msg, IPVS_SVC_ATTR_AF, svc->af))
		return -EMSGSIZE;
	if (svc->fwmark)
		return nla_put_u32(msg, IPVS_SVC_ATTR_FWMARK, svc->fwmark) ?
			-EMSGSIZE : 0;
	if (nla_put_u16(msg, IPVS_SVC_ATTR_PROTOCOL, svc->protocol) ||
	    nla_put(msg, IPVS_SVC_ATTR_ADDR, IPVS_ADDR_LEN, &svc->addr) ||
	    nla_put_u16(msg, IPVS_SVC_ATTR_PORT, htons(svc->port)))
		return -EMSGSIZE;
	return 0;
}

/* The settable part: the kernel requires all of these for NEW/SET_SERVICE
 * except the PE name, whose absence means "no persistence engine". */
static int put_service_settings(struct nl_msg *msg,
				const struct ipvs_service *svc)
{
	/* mask ~0: the flags given replace all of the service's flags */
	struct ip_vs_flags flags = { .flags = svc->flags, .mask = ~0U };

	if (nla_put_string(msg, IPVS_SVC_ATTR_SCHED_NAME, svc->sched_name))
		return -EMSGSIZE;
	if (svc->pe_name[0] &&
	    nla_put_string(msg, IPVS_SVC_ATTR_PE_NAME, svc->pe_name))
		return -EMSGSIZE;
	if (nla_put(msg, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags) ||
	    nla_put_u32(msg, IPVS_SVC_ATTR_TIMEOUT, svc->timeout) ||
	    nla_put_u32(msg, IPVS_SVC_ATTR_NETMASK, svc->netmask))
		return -EMSGSIZE;
	return 0;
}

static int end_nest(struct nl_msg *msg, struct nlattr *nest, int err)
{
	if (err) {
		nla_nest_cancel(msg, nest);
		return err;
	}
	return nla_nest_end(msg, nest) ? -EMSGSIZE : 0;
}

int ipvs_put_service_key(struct nl_msg *msg, const struct ipvs_service *svc)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_SERVICE);

	if (!nest)
		return -EMSGSIZE;
	return end_nest(msg, nest, put_service_id(msg, svc));
}

int ipvs_put_service(struct nl_msg *msg, const struct ipvs_service *svc)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_SERVICE);
	int err;

	if (!nest)
		return -EMSGSIZE;
	err = put_service_id(msg, svc);
	if (!err)
		err = put_service_settings(msg, svc);
	return end_nest(msg, nest, err);
}

/* Tunnel attributes exist since Linux 5.2 (GUE) / 5.3 (GRE); they are only
 * sent for a non-IPIP tunnel type so that older kernels see nothing new. */
static int put_dest_tunnel(struct nl_msg *msg, const struct ipvs_dest *dest)
{
	if (!dest->tun_type)
		return 0;
	if (nla_put_u8(msg, IPVS_DEST_ATTR_TUN_TYPE, dest->tun_type) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_TUN_PORT, htons(dest->tun_port)) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_TUN_FLAGS, dest->tun_flags))
		return -EMSGSIZE;
	return 0;
}

static int put_dest_attrs(struct nl_msg *msg, const struct ipvs_dest *dest)
{
	if (nla_put(msg, IPVS_DEST_ATTR_ADDR, IPVS_ADDR_LEN, &dest->addr) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_PORT, htons(dest->port)) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_FWD_METHOD,
			dest->conn_flags & IP_VS_CONN_F_FWD_MASK) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_WEIGHT, (uint32_t)dest->weight) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_U_THRESH, dest->u_threshold) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_L_THRESH, dest->l_threshold))
		return -EMSGSIZE;
	/* Absent family: the kernel uses the service's (pre-3.18 behaviour). */
	if (dest->af && nla_put_u16(msg, IPVS_DEST_ATTR_ADDR_FAMILY, dest->af))
		return -EMSGSIZE;
	return put_dest_tunnel(msg, dest);
}

int ipvs_put_dest(struct nl_msg *msg, const struct ipvs_dest *dest)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DEST);

	if (!nest)
		return -EMSGSIZE;
	return end_nest(msg, nest, put_dest_attrs(msg, dest));
}

static int put_daemon_mcast(struct nl_msg *msg, const struct ipvs_daemon *d)
{
	if (d->mcast_af == AF_INET &&
	    nla_put(msg, IPVS_DAEMON_ATTR_MCAST_GROUP, sizeof(d->mcast_group.v4),
		    &d->mcast_group.v4))
		return -EMSGSIZE;
	if (d->mcast_af == AF_INET6 &&
	    nla_put(msg, IPVS_DAEMON_ATTR_MCAST_GROUP6,
		    sizeof(d->mcast_group.v6), &d->mcast_group.v6))
		return -EMSGSIZE;
	/* The kernel takes the port in host order (it htons()es it itself). */
	if (d->mcast_port &&
	    nla_put_u16(msg, IPVS_DAEMON_ATTR_MCAST_PORT, d->mcast_port))
		return -EMSGSIZE;
	if (d->mcast_ttl &&
	    nla_put_u8(msg, IPVS_DAEMON_ATTR_MCAST_TTL, d->mcast_ttl))
		return -EMSGSIZE;
	return 0;
}

/* Zero optional fields stay absent so that the kernel applies its
 * defaults and pre-4.3 kernels, which lack them, are not confused. */
static int put_daemon_attrs(struct nl_msg *msg, const struct ipvs_daemon *d)
{
	if (nla_put_u32(msg, IPVS_DAEMON_ATTR_STATE, d->state) ||
	    nla_put_string(msg, IPVS_DAEMON_ATTR_MCAST_IFN, d->mcast_ifn) ||
	    nla_put_u32(msg, IPVS_DAEMON_ATTR_SYNC_ID, d->syncid))
		return -EMSGSIZE;
	if (d->sync_maxlen &&
	    nla_put_u16(msg, IPVS_DAEMON_ATTR_SYNC_MAXLEN, d->sync_maxlen))
		return -EMSGSIZE;
	return put_daemon_mcast(msg, d);
}

int ipvs_put_daemon(struct nl_msg *msg, const struct ipvs_daemon *d)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DAEMON);

	if (!nest)
		return -EMSGSIZE;
	return end_nest(msg, nest, put_daemon_attrs(msg, d));
}

/* A timeout left at 0 is not sent: the kernel keeps absent ones. */
int ipvs_put_timeouts(struct nl_msg *msg, const struct ipvs_timeouts *t)
{
	if (t->tcp &&
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP, (uint32_t)t->tcp))
		return -EMSGSIZE;
	if (t->tcp_fin &&
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, (uint32_t)t->tcp_fin))
		return -EMSGSIZE;
	if (t->udp &&
	    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_UDP, (uint32_t)t->udp))
		return -EMSGSIZE;
	return 0;
}
