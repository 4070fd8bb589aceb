/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libipvs request builders: every attribute is parsed back without a
 * policy and checked for type, exact size, byte order and value, and
 * for its absence where the kernel must not see it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

#include "ipvs.h"
#include "unit.h"

#define FAMILY 0x1c

static int is_u8(struct nlattr *a, uint8_t v)
{
	return a && nla_len(a) == 1 && nla_get_u8(a) == v;
}

static int is_u16(struct nlattr *a, uint16_t v)
{
	return a && nla_len(a) == 2 && nla_get_u16(a) == v;
}

static int is_u32(struct nlattr *a, uint32_t v)
{
	return a && nla_len(a) == 4 && nla_get_u32(a) == v;
}

static int is_bytes(struct nlattr *a, const void *p, int len)
{
	return a && nla_len(a) == len && memcmp(nla_data(a), p, len) == 0;
}

/* Ports go out in network order: check the bytes, not a conversion. */
static int is_be16(struct nlattr *a, uint16_t host)
{
	uint8_t b[2] = { host >> 8, host & 0xff };

	return is_bytes(a, b, 2);
}

static int is_str(struct nlattr *a, const char *s)
{
	return is_bytes(a, s, (int)strlen(s) + 1);
}

static int count_attrs(struct nlattr *head, int len)
{
	struct nlattr *pos;
	int rem, n = 0;

	nla_for_each_attr(pos, head, len, rem)
		n++;
	return rem == 0 ? n : -1;
}

/* Parse a request's single nest of type nest_type into tb; returns the
 * number of attributes inside, or -1. */
static int open_nest(struct nl_msg *msg, int nest_type, struct nlattr **tb,
		     int max)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *top[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *nest;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	if (genlmsg_parse(nlh, 0, top, IPVS_CMD_ATTR_MAX, NULL) < 0 ||
	    count_attrs(genlmsg_attrdata(nlmsg_data(nlh), 0),
			genlmsg_attrlen(nlmsg_data(nlh), 0)) != 1)
		return -1;
	nest = top[nest_type];
	if (!nest || nla_parse_nested(tb, max, nest, NULL) < 0)
		return -1;
	return count_attrs(nla_data(nest), nla_len(nest));
}

static void test_msg_new(void)
{
	struct nl_msg *msg = ipvs_msg_new(FAMILY, IPVS_CMD_GET_SERVICE, NLM_F_DUMP);
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(nlh);

	CHECK(nlh->nlmsg_type == FAMILY, "msg_new: nlmsg_type is the family id");
	CHECK((nlh->nlmsg_flags & (NLM_F_REQUEST | NLM_F_DUMP)) ==
	      (NLM_F_REQUEST | NLM_F_DUMP), "msg_new: REQUEST and DUMP flags");
	CHECK(g->cmd == IPVS_CMD_GET_SERVICE && g->version == IPVS_GENL_VERSION,
	      "msg_new: genl cmd and version %d", IPVS_GENL_VERSION);
	CHECK(nlh->nlmsg_len == NLMSG_LENGTH(GENL_HDRLEN),
	      "msg_new: no attributes yet");
	nlmsg_free(msg);
}

static struct ipvs_service svc_v4(void)
{
	struct ipvs_service s = { .af = AF_INET, .protocol = IPPROTO_TCP,
				  .port = 80, .sched_name = "wlc" };

	inet_pton(AF_INET, "10.0.0.1", &s.addr.v4);
	return s;
}

static const struct svc_case {
	const char *name;
	int af;
	const char *addr;
	uint16_t protocol, port;
	uint32_t fwmark;
	const char *sched, *pe;
	uint32_t flags, timeout, netmask;
} svc_cases[] = {
	{ "v4 tcp", AF_INET, "10.0.0.1", IPPROTO_TCP, 80, 0, "wlc", "", 0, 0,
	  0xffffffff },
	{ "v6 udp persistent", AF_INET6, "2001:db8::1", IPPROTO_UDP, 53, 0,
	  "rr", "", IP_VS_SVC_F_PERSISTENT, 300, 128 },
	{ "v4 sctp pe sip", AF_INET, "192.168.1.2", IPPROTO_SCTP, 5060, 0,
	  "sh", "sip", IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET, 3600,
	  0x00ffffff /* 255.255.255.0 as the kernel stores it */ },
	{ "v4 fwmark", AF_INET, NULL, 0, 0, 7, "sh", "",
	  IP_VS_SVC_F_SCHED_SH_FALLBACK | IP_VS_SVC_F_SCHED_SH_PORT, 0,
	  0xffffffff },
	{ "v6 fwmark max", AF_INET6, NULL, 0, 0, 0xffffffff, "mh", "",
	  IP_VS_SVC_F_SCHED1, 60, 64 },
	{ "v4 udp port 65535", AF_INET, "255.255.255.255", IPPROTO_UDP, 65535,
	  0, "none", "", IP_VS_SVC_F_HASHED, 1, 0 },
};

static struct ipvs_service make_svc(const struct svc_case *c)
{
	struct ipvs_service s = { .af = c->af, .protocol = c->protocol,
				  .port = c->port, .fwmark = c->fwmark,
				  .flags = c->flags, .timeout = c->timeout,
				  .netmask = c->netmask };

	if (c->addr)
		inet_pton(c->af, c->addr, &s.addr);
	strcpy(s.sched_name, c->sched);
	strcpy(s.pe_name, c->pe);
	return s;
}

/* The identifying attributes; returns how many there should be. */
static int check_svc_id(const struct svc_case *c, const struct ipvs_service *s,
			struct nlattr **a, const char *what)
{
	CHECK(is_u16(a[IPVS_SVC_ATTR_AF], c->af), "%s %s: AF u16", what, c->name);
	if (c->fwmark) {
		CHECK(is_u32(a[IPVS_SVC_ATTR_FWMARK], c->fwmark) &&
		      !a[IPVS_SVC_ATTR_PROTOCOL] && !a[IPVS_SVC_ATTR_ADDR] &&
		      !a[IPVS_SVC_ATTR_PORT],
		      "%s %s: FWMARK u32, no protocol/addr/port", what, c->name);
		return 2;
	}
	CHECK(!a[IPVS_SVC_ATTR_FWMARK] &&
	      is_u16(a[IPVS_SVC_ATTR_PROTOCOL], c->protocol),
	      "%s %s: PROTOCOL u16, no FWMARK", what, c->name);
	CHECK(is_bytes(a[IPVS_SVC_ATTR_ADDR], &s->addr, 16),
	      "%s %s: ADDR is the 16-byte union", what, c->name);
	CHECK(is_be16(a[IPVS_SVC_ATTR_PORT], c->port),
	      "%s %s: PORT %u in network order", what, c->name, c->port);
	return 4;
}

static void test_service(const struct svc_case *c)
{
	struct ipvs_service s = make_svc(c);
	struct nl_msg *msg = ipvs_msg_new(FAMILY, IPVS_CMD_NEW_SERVICE, 0);
	struct nlattr *a[IPVS_SVC_ATTR_MAX + 1];
	struct ip_vs_flags fl = { c->flags, ~0U };
	int n, want, err;

	err = ipvs_put_service(msg, &s);
	CHECK(err == 0, "service %s: put", c->name);
	n = open_nest(msg, IPVS_CMD_ATTR_SERVICE, a, IPVS_SVC_ATTR_MAX);
	want = check_svc_id(c, &s, a, "service");
	CHECK(is_str(a[IPVS_SVC_ATTR_SCHED_NAME], c->sched),
	      "service %s: SCHED_NAME \"%s\" NUL-terminated", c->name, c->sched);
	if (c->pe[0])
		CHECK(is_str(a[IPVS_SVC_ATTR_PE_NAME], c->pe),
		      "service %s: PE_NAME \"%s\"", c->name, c->pe);
	else
		CHECK(!a[IPVS_SVC_ATTR_PE_NAME], "service %s: no PE_NAME", c->name);
	CHECK(is_bytes(a[IPVS_SVC_ATTR_FLAGS], &fl, 8),
	      "service %s: FLAGS {0x%x, mask ~0}", c->name, c->flags);
	CHECK(is_u32(a[IPVS_SVC_ATTR_TIMEOUT], c->timeout) &&
	      is_u32(a[IPVS_SVC_ATTR_NETMASK], c->netmask),
	      "service %s: TIMEOUT and NETMASK u32 as given", c->name);
	want += 4 + (c->pe[0] != 0);
	CHECK(n == want, "service %s: exactly %d attributes (got %d)", c->name,
	      want, n);
	nlmsg_free(msg);
}

static void test_service_key(const struct svc_case *c)
{
	struct ipvs_service s = make_svc(c);
	struct nl_msg *msg = ipvs_msg_new(FAMILY, IPVS_CMD_DEL_SERVICE, 0);
	struct nlattr *a[IPVS_SVC_ATTR_MAX + 1];
	int n, want, err;

	err = ipvs_put_service_key(msg, &s);
	CHECK(err == 0, "key %s: put", c->name);
	n = open_nest(msg, IPVS_CMD_ATTR_SERVICE, a, IPVS_SVC_ATTR_MAX);
	want = check_svc_id(c, &s, a, "key");
	CHECK(n == want && !a[IPVS_SVC_ATTR_SCHED_NAME] &&
	      !a[IPVS_SVC_ATTR_FLAGS] && !a[IPVS_SVC_ATTR_TIMEOUT],
	      "key %s: only the %d identifying attributes (got %d)", c->name,
	      want, n);
	nlmsg_free(msg);
}

static const struct dest_case {
	const char *name;
	int af;
	const char *addr;
	uint16_t port;
	uint32_t conn_flags, fwd;	/* given, expected on the wire */
	int32_t weight;
	uint32_t u, l;
	uint8_t tun_type;
	uint16_t tun_port, tun_flags;
} dest_cases[] = {
	{ "v4 masq", AF_INET, "10.1.0.1", 8080, IP_VS_CONN_F_MASQ,
	  IP_VS_CONN_F_MASQ, 1, 0, 0, 0, 0, 0 },
	{ "v4 droute extra flag bits", AF_INET, "10.1.0.2", 80,
	  IP_VS_CONN_F_DROUTE | IP_VS_CONN_F_NOOUTPUT | IP_VS_CONN_F_HASHED,
	  IP_VS_CONN_F_DROUTE, 100, 1000, 10, 0, 0, 0 },
	{ "v4 local", AF_INET, "127.0.0.1", 80, IP_VS_CONN_F_LOCALNODE,
	  IP_VS_CONN_F_LOCALNODE, 0, 0, 0, 0, 0, 0 },
	{ "v4 bypass", AF_INET, "10.1.0.3", 80, IP_VS_CONN_F_BYPASS,
	  IP_VS_CONN_F_BYPASS, 5, 0, 0, 0, 0, 0 },
	{ "v4 tunnel ipip", AF_INET, "10.1.0.4", 80, IP_VS_CONN_F_TUNNEL,
	  IP_VS_CONN_F_TUNNEL, 65535, 0, 0, IP_VS_CONN_F_TUNNEL_TYPE_IPIP,
	  0, 0 },
	{ "v4 tunnel gue csum", AF_INET, "10.1.0.5", 80, IP_VS_CONN_F_TUNNEL,
	  IP_VS_CONN_F_TUNNEL, 2, 0, 0, IP_VS_CONN_F_TUNNEL_TYPE_GUE, 6080,
	  IP_VS_TUNNEL_ENCAP_FLAG_CSUM },
	{ "v4 tunnel gre remcsum", AF_INET, "10.1.0.6", 80, IP_VS_CONN_F_TUNNEL,
	  IP_VS_CONN_F_TUNNEL, 3, 0, 0, IP_VS_CONN_F_TUNNEL_TYPE_GRE, 0,
	  IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM },
	{ "v6 masq", AF_INET6, "2001:db8::10", 443, IP_VS_CONN_F_MASQ,
	  IP_VS_CONN_F_MASQ, 7, 50, 40, 0, 0, 0 },
	{ "v6 dest in v4 service (tunnel)", AF_INET6, "fe80::1", 0,
	  IP_VS_CONN_F_TUNNEL, IP_VS_CONN_F_TUNNEL, 1, 0, 0, 0, 0, 0 },
	{ "af unset", 0, NULL, 1, IP_VS_CONN_F_MASQ, IP_VS_CONN_F_MASQ, 1, 0,
	  0, 0, 0, 0 },
};

static void test_dest(const struct dest_case *c)
{
	struct ipvs_dest d = { .af = c->af, .port = c->port,
			       .conn_flags = c->conn_flags, .weight = c->weight,
			       .u_threshold = c->u, .l_threshold = c->l,
			       .tun_type = c->tun_type, .tun_port = c->tun_port,
			       .tun_flags = c->tun_flags };
	struct nl_msg *msg = ipvs_msg_new(FAMILY, IPVS_CMD_NEW_DEST, 0);
	struct nlattr *a[IPVS_DEST_ATTR_MAX + 1];
	int n, want = 6, err;

	if (c->addr)
		inet_pton(c->af, c->addr, &d.addr);
	err = ipvs_put_dest(msg, &d);
	CHECK(err == 0, "dest %s: put", c->name);
	n = open_nest(msg, IPVS_CMD_ATTR_DEST, a, IPVS_DEST_ATTR_MAX);
	CHECK(is_bytes(a[IPVS_DEST_ATTR_ADDR], &d.addr, 16) &&
	      is_be16(a[IPVS_DEST_ATTR_PORT], c->port),
	      "dest %s: ADDR 16 bytes, PORT %u network order", c->name, c->port);
	CHECK(is_u32(a[IPVS_DEST_ATTR_FWD_METHOD], c->fwd),
	      "dest %s: FWD_METHOD 0x%x", c->name, c->fwd);
	CHECK(is_u32(a[IPVS_DEST_ATTR_WEIGHT], (uint32_t)c->weight) &&
	      is_u32(a[IPVS_DEST_ATTR_U_THRESH], c->u) &&
	      is_u32(a[IPVS_DEST_ATTR_L_THRESH], c->l),
	      "dest %s: WEIGHT, U_THRESH, L_THRESH u32", c->name);
	if (c->af) {
		CHECK(is_u16(a[IPVS_DEST_ATTR_ADDR_FAMILY], c->af),
		      "dest %s: ADDR_FAMILY u16", c->name);
		want++;
	} else {
		CHECK(!a[IPVS_DEST_ATTR_ADDR_FAMILY], "dest %s: no ADDR_FAMILY",
		      c->name);
	}
	if (c->tun_type) {
		CHECK(is_u8(a[IPVS_DEST_ATTR_TUN_TYPE], c->tun_type) &&
		      is_be16(a[IPVS_DEST_ATTR_TUN_PORT], c->tun_port) &&
		      is_u16(a[IPVS_DEST_ATTR_TUN_FLAGS], c->tun_flags),
		      "dest %s: TUN_TYPE u8, TUN_PORT be16, TUN_FLAGS u16",
		      c->name);
		want += 3;
	} else {
		CHECK(!a[IPVS_DEST_ATTR_TUN_TYPE] && !a[IPVS_DEST_ATTR_TUN_PORT] &&
		      !a[IPVS_DEST_ATTR_TUN_FLAGS],
		      "dest %s: no tunnel attributes", c->name);
	}
	CHECK(n == want, "dest %s: exactly %d attributes (got %d)", c->name,
	      want, n);
	nlmsg_free(msg);
}

static const struct daemon_case {
	const char *name;
	uint32_t state;
	const char *ifn;
	uint32_t syncid;
	uint16_t maxlen;
	int mcast_af;
	const char *group;
	uint16_t port;
	uint8_t ttl;
} daemon_cases[] = {
	{ "master minimal", IP_VS_STATE_MASTER, "eth0", 1, 0, 0, NULL, 0, 0 },
	{ "backup v4 group", IP_VS_STATE_BACKUP, "bond0.100", 255, 1472,
	  AF_INET, "224.0.0.81", 8848, 2 },
	{ "master v6 group", IP_VS_STATE_MASTER, "enp0s31f6", 0, 1400,
	  AF_INET6, "ff02::1:2", 0, 1 },
};

static void test_daemon(const struct daemon_case *c)
{
	struct ipvs_daemon d = { .state = c->state, .syncid = c->syncid,
				 .sync_maxlen = c->maxlen,
				 .mcast_af = c->mcast_af, .mcast_port = c->port,
				 .mcast_ttl = c->ttl };
	struct nl_msg *msg = ipvs_msg_new(FAMILY, IPVS_CMD_NEW_DAEMON, 0);
	struct nlattr *a[IPVS_DAEMON_ATTR_MAX + 1];
	int n, want = 3, err;

	strcpy(d.mcast_ifn, c->ifn);
	if (c->group)
		inet_pton(c->mcast_af, c->group, &d.mcast_group);
	err = ipvs_put_daemon(msg, &d);
	CHECK(err == 0, "daemon %s: put", c->name);
	n = open_nest(msg, IPVS_CMD_ATTR_DAEMON, a, IPVS_DAEMON_ATTR_MAX);
	CHECK(is_u32(a[IPVS_DAEMON_ATTR_STATE], c->state) &&
	      is_str(a[IPVS_DAEMON_ATTR_MCAST_IFN], c->ifn) &&
	      is_u32(a[IPVS_DAEMON_ATTR_SYNC_ID], c->syncid),
	      "daemon %s: STATE, MCAST_IFN, SYNC_ID", c->name);
	CHECK(c->maxlen ? is_u16(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN], c->maxlen)
			: !a[IPVS_DAEMON_ATTR_SYNC_MAXLEN],
	      "daemon %s: SYNC_MAXLEN u16 only when set", c->name);
	CHECK(c->mcast_af == AF_INET ?
	      is_bytes(a[IPVS_DAEMON_ATTR_MCAST_GROUP], &d.mcast_group.v4, 4) &&
	      !a[IPVS_DAEMON_ATTR_MCAST_GROUP6] :
	      c->mcast_af == AF_INET6 ?
	      is_bytes(a[IPVS_DAEMON_ATTR_MCAST_GROUP6], &d.mcast_group.v6, 16) &&
	      !a[IPVS_DAEMON_ATTR_MCAST_GROUP] :
	      !a[IPVS_DAEMON_ATTR_MCAST_GROUP] && !a[IPVS_DAEMON_ATTR_MCAST_GROUP6],
	      "daemon %s: the group attribute of its family", c->name);
	/* Host order: the kernel htons() the port itself. */
	CHECK(c->port ? is_u16(a[IPVS_DAEMON_ATTR_MCAST_PORT], c->port)
		      : !a[IPVS_DAEMON_ATTR_MCAST_PORT],
	      "daemon %s: MCAST_PORT u16 host order only when set", c->name);
	CHECK(c->ttl ? is_u8(a[IPVS_DAEMON_ATTR_MCAST_TTL], c->ttl)
		     : !a[IPVS_DAEMON_ATTR_MCAST_TTL],
	      "daemon %s: MCAST_TTL u8 only when set", c->name);
	want += (c->maxlen != 0) + (c->mcast_af != 0) + (c->port != 0) +
		(c->ttl != 0);
	CHECK(n == want, "daemon %s: exactly %d attributes (got %d)", c->name,
	      want, n);
	nlmsg_free(msg);
}

static void test_timeouts(void)
{
	static const struct ipvs_timeouts cases[] = {
		{ 900, 120, 300 }, { 900, 0, 0 }, { 0, 0, 5 }, { 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ipvs_timeouts *t = &cases[i];
		struct nl_msg *msg = ipvs_msg_new(FAMILY, IPVS_CMD_SET_CONFIG, 0);
		struct nlmsghdr *nlh = nlmsg_hdr(msg);
		struct nlattr *a[IPVS_CMD_ATTR_MAX + 1];
		int n, err;

		err = ipvs_put_timeouts(msg, t);
		CHECK(err == 0, "timeouts %zu: put", i);
		genlmsg_parse(nlh, 0, a, IPVS_CMD_ATTR_MAX, NULL);
		n = count_attrs(genlmsg_attrdata(nlmsg_data(nlh), 0),
				genlmsg_attrlen(nlmsg_data(nlh), 0));
		CHECK((t->tcp ? is_u32(a[IPVS_CMD_ATTR_TIMEOUT_TCP], t->tcp)
			      : !a[IPVS_CMD_ATTR_TIMEOUT_TCP]) &&
		      (t->tcp_fin ? is_u32(a[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN], t->tcp_fin)
				  : !a[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]) &&
		      (t->udp ? is_u32(a[IPVS_CMD_ATTR_TIMEOUT_UDP], t->udp)
			      : !a[IPVS_CMD_ATTR_TIMEOUT_UDP]) &&
		      n == (t->tcp != 0) + (t->tcp_fin != 0) + (t->udp != 0),
		      "timeouts %d/%d/%d: non-zero ones as top-level u32", t->tcp,
		      t->tcp_fin, t->udp);
		nlmsg_free(msg);
	}
}

/* A dest command carries the service key and the dest, in that order. */
static void test_dest_command(void)
{
	struct ipvs_service s = svc_v4();
	struct ipvs_dest d = { .af = AF_INET, .port = 80, .weight = 1 };
	struct nl_msg *msg = ipvs_msg_new(FAMILY, IPVS_CMD_NEW_DEST, 0);
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *first;

	int err = ipvs_put_service_key(msg, &s);

	if (!err)
		err = ipvs_put_dest(msg, &d);
	CHECK(err == 0, "dest command: key and dest put");
	first = genlmsg_attrdata(nlmsg_data(nlh), 0);
	CHECK(count_attrs(first, genlmsg_attrlen(nlmsg_data(nlh), 0)) == 2 &&
	      nla_type(first) == IPVS_CMD_ATTR_SERVICE &&
	      nla_type(nla_next(first, &(int){ nla_len(first) + NLA_HDRLEN })) ==
	      IPVS_CMD_ATTR_DEST,
	      "dest command: SERVICE nest then DEST nest");
	nlmsg_free(msg);
}

/* A full message fails cleanly and loses no earlier content. */
static void test_overflow(void)
{
	struct ipvs_service s = svc_v4();
	struct ipvs_dest d = { .af = AF_INET6, .tun_type = 1 };
	struct ipvs_daemon dm = { .mcast_ifn = "eth0", .mcast_af = AF_INET6,
				  .mcast_port = 1, .sync_maxlen = 1, .mcast_ttl = 1 };
	struct nl_msg *msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN + 60);
	uint32_t len;
	int err;

	genlmsg_put(msg, 0, 0, FAMILY, 0, 0, IPVS_CMD_NEW_SERVICE, 1);
	len = nlmsg_hdr(msg)->nlmsg_len;
	err = ipvs_put_service(msg, &s);
	CHECK(err == -EMSGSIZE && nlmsg_hdr(msg)->nlmsg_len == len,
	      "overflow: service -EMSGSIZE, nest cancelled");
	err = ipvs_put_dest(msg, &d);
	CHECK(err == -EMSGSIZE && nlmsg_hdr(msg)->nlmsg_len == len,
	      "overflow: dest -EMSGSIZE, nest cancelled");
	err = ipvs_put_daemon(msg, &dm);
	CHECK(err == -EMSGSIZE && nlmsg_hdr(msg)->nlmsg_len == len,
	      "overflow: daemon -EMSGSIZE, nest cancelled");
	err = ipvs_put_service_key(msg, &s);
	CHECK(err == 0, "overflow: the smaller key still fits");
	nlmsg_free(msg);
}

int main(void)
{
	test_msg_new();
	for (size_t i = 0; i < sizeof(svc_cases) / sizeof(svc_cases[0]); i++) {
		test_service(&svc_cases[i]);
		test_service_key(&svc_cases[i]);
	}
	for (size_t i = 0; i < sizeof(dest_cases) / sizeof(dest_cases[0]); i++)
		test_dest(&dest_cases[i]);
	for (size_t i = 0; i < sizeof(daemon_cases) / sizeof(daemon_cases[0]); i++)
		test_daemon(&daemon_cases[i]);
	test_timeouts();
	test_dest_command();
	test_overflow();
	UNIT_EXIT();
}
