/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reply decoders: one IPVS generic netlink reply in, one struct out.
 * Every attribute is length-checked by an exact policy before it is read,
 * so a malformed or truncated reply yields -EINVAL, never an overread.
 * On failure the output struct is left untouched.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <arpa/inet.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

#include "ipvs.h"

#define EXACT(t, n)	{ .type = (t), .minlen = (n), .maxlen = (n) }
#define U8		EXACT(NLA_U8, 1)
#define U16		EXACT(NLA_U16, 2)
#define U32		EXACT(NLA_U32, 4)
#define U64		EXACT(NLA_U64, 8)
#define ADDR		EXACT(NLA_UNSPEC, sizeof(union ipvs_addr))
#define STR(max)	{ .type = NLA_STRING, .maxlen = (max) }
#define NEST		{ .type = NLA_NESTED }

static const struct nla_policy cmd_policy[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_SERVICE]		= NEST,
	[IPVS_CMD_ATTR_DEST]		= NEST,
	[IPVS_CMD_ATTR_DAEMON]		= NEST,
	[IPVS_CMD_ATTR_TIMEOUT_TCP]	= U32,
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]	= U32,
	[IPVS_CMD_ATTR_TIMEOUT_UDP]	= U32,
};

static const struct nla_policy info_policy[IPVS_INFO_ATTR_MAX + 1] = {
	[IPVS_INFO_ATTR_VERSION]	= U32,
	[IPVS_INFO_ATTR_CONN_TAB_SIZE]	= U32,
};

static const struct nla_policy svc_policy[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF]		= U16,
	[IPVS_SVC_ATTR_PROTOCOL]	= U16,
	[IPVS_SVC_ATTR_ADDR]		= ADDR,
	[IPVS_SVC_ATTR_PORT]		= U16,
	[IPVS_SVC_ATTR_FWMARK]		= U32,
	[IPVS_SVC_ATTR_SCHED_NAME]	= STR(IP_VS_SCHEDNAME_MAXLEN),
	[IPVS_SVC_ATTR_FLAGS]		= EXACT(NLA_UNSPEC, sizeof(struct ip_vs_flags)),
	[IPVS_SVC_ATTR_TIMEOUT]		= U32,
	[IPVS_SVC_ATTR_NETMASK]		= U32,
	[IPVS_SVC_ATTR_STATS]		= NEST,
	[IPVS_SVC_ATTR_PE_NAME]		= STR(IP_VS_PENAME_MAXLEN),
	[IPVS_SVC_ATTR_STATS64]		= NEST,
};

static const struct nla_policy dest_policy[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_ADDR]		= ADDR,
	[IPVS_DEST_ATTR_PORT]		= U16,
	[IPVS_DEST_ATTR_FWD_METHOD]	= U32,
	[IPVS_DEST_ATTR_WEIGHT]		= U32,
	[IPVS_DEST_ATTR_U_THRESH]	= U32,
	[IPVS_DEST_ATTR_L_THRESH]	= U32,
	[IPVS_DEST_ATTR_ACTIVE_CONNS]	= U32,
	[IPVS_DEST_ATTR_INACT_CONNS]	= U32,
	[IPVS_DEST_ATTR_PERSIST_CONNS]	= U32,
	[IPVS_DEST_ATTR_STATS]		= NEST,
	[IPVS_DEST_ATTR_ADDR_FAMILY]	= U16,
	[IPVS_DEST_ATTR_STATS64]	= NEST,
	[IPVS_DEST_ATTR_TUN_TYPE]	= U8,
	[IPVS_DEST_ATTR_TUN_PORT]	= U16,
	[IPVS_DEST_ATTR_TUN_FLAGS]	= U16,
};

static const struct nla_policy daemon_policy[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE]	= U32,
	[IPVS_DAEMON_ATTR_MCAST_IFN]	= STR(IP_VS_IFNAME_MAXLEN),
	[IPVS_DAEMON_ATTR_SYNC_ID]	= U32,
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN]	= U16,
	[IPVS_DAEMON_ATTR_MCAST_GROUP]	= EXACT(NLA_UNSPEC, sizeof(struct in_addr)),
	[IPVS_DAEMON_ATTR_MCAST_GROUP6]	= EXACT(NLA_UNSPEC, sizeof(struct in6_addr)),
	[IPVS_DAEMON_ATTR_MCAST_PORT]	= U16,
	[IPVS_DAEMON_ATTR_MCAST_TTL]	= U8,
};

/* The kernel's old STATS nest mixes u32 counters and u64 byte counts. */
static const struct nla_policy stats_policy[IPVS_STATS_ATTR_MAX + 1] = {
	[IPVS_STATS_ATTR_CONNS]		= U32,
	[IPVS_STATS_ATTR_INPKTS]	= U32,
	[IPVS_STATS_ATTR_OUTPKTS]	= U32,
	[IPVS_STATS_ATTR_INBYTES]	= U64,
	[IPVS_STATS_ATTR_OUTBYTES]	= U64,
	[IPVS_STATS_ATTR_CPS]		= U32,
	[IPVS_STATS_ATTR_INPPS]		= U32,
	[IPVS_STATS_ATTR_OUTPPS]	= U32,
	[IPVS_STATS_ATTR_INBPS]		= U32,
	[IPVS_STATS_ATTR_OUTBPS]	= U32,
};

static const struct nla_policy stats64_policy[IPVS_STATS_ATTR_MAX + 1] = {
	[IPVS_STATS_ATTR_CONNS]		= U64,
	[IPVS_STATS_ATTR_INPKTS]	= U64,
	[IPVS_STATS_ATTR_OUTPKTS]	= U64,
	[IPVS_STATS_ATTR_INBYTES]	= U64,
	[IPVS_STATS_ATTR_OUTBYTES]	= U64,
	[IPVS_STATS_ATTR_CPS]		= U64,
	[IPVS_STATS_ATTR_INPPS]		= U64,
	[IPVS_STATS_ATTR_OUTPPS]	= U64,
	[IPVS_STATS_ATTR_INBPS]		= U64,
	[IPVS_STATS_ATTR_OUTBPS]	= U64,
};

/* One attribute against its policy, checked as libnl's nla_parse() would:
 * at least the policy's minlen (or its type's size), at most its maxlen,
 * a string NUL-terminated. */
static int attr_fits(const struct nlattr *a, const struct nla_policy *pt)
{
	static const uint16_t type_min[NLA_TYPE_MAX + 1] = {
		[NLA_U8] = 1, [NLA_U16] = 2, [NLA_U32] = 4, [NLA_U64] = 8,
		[NLA_STRING] = 1,
	};
	int len = a->nla_len - NLA_HDRLEN;
	int min = pt->minlen ? pt->minlen :
		  pt->type <= NLA_TYPE_MAX ? type_min[pt->type] : 0;

	if (len < min || (pt->maxlen && len > pt->maxlen))
		return 0;
	return pt->type != NLA_STRING ||
	       ((const char *)a + NLA_HDRLEN)[len - 1] == '\0';
}

/* Index the attributes in [head, head + len) by type, each checked
 * against policy; types above max are skipped, the last of a repeated
 * type wins.  This is nla_parse() in one pass, and stricter: bytes left
 * over that do not form an attribute mean a truncated or corrupt
 * container, so they are an error (only the last attribute's alignment
 * padding may be missing).  A listing decodes some 40 attributes per
 * real server: this walk is most of its user time. */
static int parse_exact(struct nlattr **tb, int max, struct nlattr *head,
		       int len, const struct nla_policy *policy)
{
	for (int i = 0; i <= max; i++)
		tb[i] = NULL;
	while (len >= NLA_HDRLEN) {
		int type = head->nla_type & NLA_TYPE_MASK;

		if (head->nla_len < NLA_HDRLEN || head->nla_len > len)
			return -EINVAL;
		if (type <= max) {
			if (!attr_fits(head, &policy[type]))
				return -EINVAL;
			tb[type] = head;
		}
		len -= NLA_ALIGN(head->nla_len);
		head = (struct nlattr *)((char *)head + NLA_ALIGN(head->nla_len));
	}
	return len > 0 ? -EINVAL : 0;
}

/* Readers of attributes that the policy already sized. */
static const void *payload(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static uint8_t get_u8(const struct nlattr *a)
{
	return *(const uint8_t *)payload(a);
}

static uint16_t get_u16(const struct nlattr *a)
{
	uint16_t v;

	memcpy(&v, payload(a), sizeof(v));
	return v;
}

static uint32_t get_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, payload(a), sizeof(v));
	return v;
}

static uint64_t get_u64(const struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, payload(a), sizeof(v));	/* may be 4-aligned only */
	return v;
}

static int parse_nest(struct nlattr **tb, int max, struct nlattr *nest,
		      const struct nla_policy *policy)
{
	if (!nest)
		return -EINVAL;
	return parse_exact(tb, max, (struct nlattr *)payload(nest),
			   nest->nla_len - NLA_HDRLEN, policy);
}

/* Check the generic netlink header and the reply command, then parse the
 * top-level attributes. */
static int parse_reply(struct nlmsghdr *nlh, uint8_t cmd, struct nlattr **tb,
		       int max, const struct nla_policy *policy)
{
	struct genlmsghdr *ghdr;

	if (!nlh || nlh->nlmsg_len < NLMSG_HDRLEN || !genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	ghdr = nlmsg_data(nlh);
	if (ghdr->cmd != cmd)
		return -EINVAL;
	return parse_exact(tb, max, genlmsg_attrdata(ghdr, 0),
			   genlmsg_attrlen(ghdr, 0), policy);
}

static int have_all(struct nlattr **tb, const int *types, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!tb[types[i]])
			return 0;
	return 1;
}

/* The policy fixed each attribute's size: 4 or 8 bytes. */
static uint64_t get_counter(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN == 8 ? get_u64(a) : get_u32(a);
}

static int decode_stats(struct nlattr *nest, const struct nla_policy *policy,
			struct ipvs_stats *st)
{
	struct nlattr *tb[IPVS_STATS_ATTR_MAX + 1];
	uint64_t *field[IPVS_STATS_ATTR_MAX + 1] = {
		[IPVS_STATS_ATTR_CONNS] = &st->conns,
		[IPVS_STATS_ATTR_INPKTS] = &st->inpkts,
		[IPVS_STATS_ATTR_OUTPKTS] = &st->outpkts,
		[IPVS_STATS_ATTR_INBYTES] = &st->inbytes,
		[IPVS_STATS_ATTR_OUTBYTES] = &st->outbytes,
		[IPVS_STATS_ATTR_CPS] = &st->cps,
		[IPVS_STATS_ATTR_INPPS] = &st->inpps,
		[IPVS_STATS_ATTR_OUTPPS] = &st->outpps,
		[IPVS_STATS_ATTR_INBPS] = &st->inbps,
		[IPVS_STATS_ATTR_OUTBPS] = &st->outbps,
	};

	if (parse_nest(tb, IPVS_STATS_ATTR_MAX, nest, policy))
		return -EINVAL;
	for (int i = 0; i <= IPVS_STATS_ATTR_MAX; i++)
		if (field[i] && tb[i])
			*field[i] = get_counter(tb[i]);
	return 0;
}

/* STATS64 (Linux 4.1+) does not wrap, so its values win over those of
 * STATS, which older kernels send alone.  Both are validated: a malformed
 * nest means a malformed reply even when its values are not needed. */
static int decode_any_stats(struct nlattr *s64, struct nlattr *s32,
			    struct ipvs_stats *st)
{
	if (s32 && decode_stats(s32, stats_policy, st))
		return -EINVAL;
	if (s64 && decode_stats(s64, stats64_policy, st))
		return -EINVAL;
	return 0;
}

static int decode_service_id(struct nlattr **a, struct ipvs_service *svc)
{
	static const int need_ip[] = {
		IPVS_SVC_ATTR_PROTOCOL, IPVS_SVC_ATTR_ADDR, IPVS_SVC_ATTR_PORT,
	};

	svc->af = get_u16(a[IPVS_SVC_ATTR_AF]);
	if (a[IPVS_SVC_ATTR_FWMARK]) {
		svc->fwmark = get_u32(a[IPVS_SVC_ATTR_FWMARK]);
		return 0;
	}
	if (!have_all(a, need_ip, sizeof(need_ip) / sizeof(need_ip[0])))
		return -EINVAL;
	svc->protocol = get_u16(a[IPVS_SVC_ATTR_PROTOCOL]);
	memcpy(&svc->addr, payload(a[IPVS_SVC_ATTR_ADDR]), sizeof(svc->addr));
	svc->port = ntohs(get_u16(a[IPVS_SVC_ATTR_PORT]));
	return 0;
}

int ipvs_decode_service(struct nlmsghdr *nlh, struct ipvs_service *out)
{
	static const int need[] = {
		IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_SCHED_NAME, IPVS_SVC_ATTR_FLAGS,
		IPVS_SVC_ATTR_TIMEOUT, IPVS_SVC_ATTR_NETMASK,
	};
	struct nlattr *cmd[IPVS_CMD_ATTR_MAX + 1], *a[IPVS_SVC_ATTR_MAX + 1];
	struct ipvs_service svc = { 0 };
	struct ip_vs_flags flags;

	if (parse_reply(nlh, IPVS_CMD_NEW_SERVICE, cmd, IPVS_CMD_ATTR_MAX,
			cmd_policy) ||
	    parse_nest(a, IPVS_SVC_ATTR_MAX, cmd[IPVS_CMD_ATTR_SERVICE],
		       svc_policy) ||
	    !have_all(a, need, sizeof(need) / sizeof(need[0])) ||
	    decode_service_id(a, &svc) ||
	    decode_any_stats(a[IPVS_SVC_ATTR_STATS64], a[IPVS_SVC_ATTR_STATS],
			     &svc.stats))
		return -EINVAL;
	nla_strlcpy(svc.sched_name, a[IPVS_SVC_ATTR_SCHED_NAME],
		    sizeof(svc.sched_name));
	if (a[IPVS_SVC_ATTR_PE_NAME])
		nla_strlcpy(svc.pe_name, a[IPVS_SVC_ATTR_PE_NAME],
			    sizeof(svc.pe_name));
	memcpy(&flags, payload(a[IPVS_SVC_ATTR_FLAGS]), sizeof(flags));
	svc.flags = flags.flags;
	svc.timeout = get_u32(a[IPVS_SVC_ATTR_TIMEOUT]);
	/* Kept as the kernel sends it: network order for IPv4 masks. */
	svc.netmask = get_u32(a[IPVS_SVC_ATTR_NETMASK]);
	*out = svc;
	return 0;
}

/* Tunnel attributes and the family are newer than the rest: optional. */
static void decode_dest_optional(struct nlattr **a, struct ipvs_dest *dest)
{
	if (a[IPVS_DEST_ATTR_ADDR_FAMILY])
		dest->af = get_u16(a[IPVS_DEST_ATTR_ADDR_FAMILY]);
	if (a[IPVS_DEST_ATTR_TUN_TYPE])
		dest->tun_type = get_u8(a[IPVS_DEST_ATTR_TUN_TYPE]);
	if (a[IPVS_DEST_ATTR_TUN_PORT])
		dest->tun_port = ntohs(get_u16(a[IPVS_DEST_ATTR_TUN_PORT]));
	if (a[IPVS_DEST_ATTR_TUN_FLAGS])
		dest->tun_flags = get_u16(a[IPVS_DEST_ATTR_TUN_FLAGS]);
}

/* dest->af stays 0 when the kernel (pre-3.18) does not send the family;
 * the caller then knows it is the service's family. */
int ipvs_decode_dest(struct nlmsghdr *nlh, struct ipvs_dest *out)
{
	static const int need[] = {
		IPVS_DEST_ATTR_ADDR, IPVS_DEST_ATTR_PORT,
		IPVS_DEST_ATTR_FWD_METHOD, IPVS_DEST_ATTR_WEIGHT,
		IPVS_DEST_ATTR_U_THRESH, IPVS_DEST_ATTR_L_THRESH,
		IPVS_DEST_ATTR_ACTIVE_CONNS, IPVS_DEST_ATTR_INACT_CONNS,
		IPVS_DEST_ATTR_PERSIST_CONNS,
	};
	struct nlattr *cmd[IPVS_CMD_ATTR_MAX + 1], *a[IPVS_DEST_ATTR_MAX + 1];
	struct ipvs_dest dest = { 0 };

	if (parse_reply(nlh, IPVS_CMD_NEW_DEST, cmd, IPVS_CMD_ATTR_MAX,
			cmd_policy) ||
	    parse_nest(a, IPVS_DEST_ATTR_MAX, cmd[IPVS_CMD_ATTR_DEST],
		       dest_policy) ||
	    !have_all(a, need, sizeof(need) / sizeof(need[0])) ||
	    decode_any_stats(a[IPVS_DEST_ATTR_STATS64], a[IPVS_DEST_ATTR_STATS],
			     &dest.stats))
		return -EINVAL;
	memcpy(&dest.addr, payload(a[IPVS_DEST_ATTR_ADDR]), sizeof(dest.addr));
	dest.port = ntohs(get_u16(a[IPVS_DEST_ATTR_PORT]));
	dest.conn_flags = get_u32(a[IPVS_DEST_ATTR_FWD_METHOD]);
	dest.weight = (int32_t)get_u32(a[IPVS_DEST_ATTR_WEIGHT]);
	dest.u_threshold = get_u32(a[IPVS_DEST_ATTR_U_THRESH]);
	dest.l_threshold = get_u32(a[IPVS_DEST_ATTR_L_THRESH]);
	dest.active_conns = get_u32(a[IPVS_DEST_ATTR_ACTIVE_CONNS]);
	dest.inact_conns = get_u32(a[IPVS_DEST_ATTR_INACT_CONNS]);
	dest.persist_conns = get_u32(a[IPVS_DEST_ATTR_PERSIST_CONNS]);
	decode_dest_optional(a, &dest);
	*out = dest;
	return 0;
}

/* Multicast settings exist since Linux 4.3: optional. */
static void decode_daemon_mcast(struct nlattr **a, struct ipvs_daemon *d)
{
	if (a[IPVS_DAEMON_ATTR_SYNC_MAXLEN])
		d->sync_maxlen = get_u16(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (a[IPVS_DAEMON_ATTR_MCAST_GROUP]) {
		d->mcast_af = AF_INET;
		nla_memcpy(&d->mcast_group.v4, a[IPVS_DAEMON_ATTR_MCAST_GROUP],
			   sizeof(d->mcast_group.v4));
	} else if (a[IPVS_DAEMON_ATTR_MCAST_GROUP6]) {
		d->mcast_af = AF_INET6;
		nla_memcpy(&d->mcast_group.v6, a[IPVS_DAEMON_ATTR_MCAST_GROUP6],
			   sizeof(d->mcast_group.v6));
	}
	if (a[IPVS_DAEMON_ATTR_MCAST_PORT])
		d->mcast_port = get_u16(a[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (a[IPVS_DAEMON_ATTR_MCAST_TTL])
		d->mcast_ttl = get_u8(a[IPVS_DAEMON_ATTR_MCAST_TTL]);
}

int ipvs_decode_daemon(struct nlmsghdr *nlh, struct ipvs_daemon *out)
{
	static const int need[] = {
		IPVS_DAEMON_ATTR_STATE, IPVS_DAEMON_ATTR_MCAST_IFN,
		IPVS_DAEMON_ATTR_SYNC_ID,
	};
	struct nlattr *cmd[IPVS_CMD_ATTR_MAX + 1], *a[IPVS_DAEMON_ATTR_MAX + 1];
	struct ipvs_daemon d = { 0 };

	if (parse_reply(nlh, IPVS_CMD_NEW_DAEMON, cmd, IPVS_CMD_ATTR_MAX,
			cmd_policy) ||
	    parse_nest(a, IPVS_DAEMON_ATTR_MAX, cmd[IPVS_CMD_ATTR_DAEMON],
		       daemon_policy) ||
	    !have_all(a, need, sizeof(need) / sizeof(need[0])))
		return -EINVAL;
	d.state = get_u32(a[IPVS_DAEMON_ATTR_STATE]);
	nla_strlcpy(d.mcast_ifn, a[IPVS_DAEMON_ATTR_MCAST_IFN],
		    sizeof(d.mcast_ifn));
	d.syncid = get_u32(a[IPVS_DAEMON_ATTR_SYNC_ID]);
	decode_daemon_mcast(a, &d);
	*out = d;
	return 0;
}

/* A kernel built without TCP or UDP support omits that protocol's
 * timeouts; they decode as 0. */
int ipvs_decode_timeouts(struct nlmsghdr *nlh, struct ipvs_timeouts *out)
{
	struct nlattr *a[IPVS_CMD_ATTR_MAX + 1];
	struct ipvs_timeouts t = { 0 };

	if (parse_reply(nlh, IPVS_CMD_SET_CONFIG, a, IPVS_CMD_ATTR_MAX,
			cmd_policy))
		return -EINVAL;
	if (a[IPVS_CMD_ATTR_TIMEOUT_TCP])
		t.tcp = (int32_t)get_u32(a[IPVS_CMD_ATTR_TIMEOUT_TCP]);
	if (a[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN])
		t.tcp_fin = (int32_t)get_u32(a[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	if (a[IPVS_CMD_ATTR_TIMEOUT_UDP])
		t.udp = (int32_t)get_u32(a[IPVS_CMD_ATTR_TIMEOUT_UDP]);
	*out = t;
	return 0;
}

int ipvs_decode_info(struct nlmsghdr *nlh, struct ipvs_info *out)
{
	struct nlattr *a[IPVS_INFO_ATTR_MAX + 1];

	if (parse_reply(nlh, IPVS_CMD_SET_INFO, a, IPVS_INFO_ATTR_MAX,
			info_policy) ||
	    !a[IPVS_INFO_ATTR_VERSION] || !a[IPVS_INFO_ATTR_CONN_TAB_SIZE])
		return -EINVAL;
	out->version = get_u32(a[IPVS_INFO_ATTR_VERSION]);
	out->conn_tab_size = get_u32(a[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
	return 0;
}
