/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libipvs reply decoders, fed with replies built the way
 * net/netfilter/ipvs/ip_vs_ctl.c builds them, and with broken ones:
 * a missing nest, each required attribute missing, each attribute with a
 * wrong length, and every truncation of a valid reply (each copied into
 * a buffer of exactly that size so that the sanitizers catch overreads).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

#include "ipvs.h"
#include "unit.h"

#define FAMILY 0x1c
#define NONE (-1)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* How to spoil a reply: leave out one attribute, or give one a 3-byte
 * payload, which fits no IPVS attribute (not even a string: no NUL). */
struct spoil {
	int omit, bad;
};

static const struct spoil CLEAN = { NONE, NONE };

static struct nl_msg *reply_new(uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 1, FAMILY, 0, NLM_F_MULTI, cmd, IPVS_GENL_VERSION);
	return m;
}

/* The kernel uses nla_nest_start_noflag(): no NLA_F_NESTED. */
static struct nlattr *nest(struct nl_msg *m, int type)
{
	struct nlattr *n = nla_nest_start(m, type);

	n->nla_type &= ~NLA_F_NESTED;
	return n;
}

/* 1 when the attribute was put normally; 0 when omitted or spoilt. */
static int put_ok(struct nl_msg *m, const struct spoil *sp, int type)
{
	if (sp->omit == type)
		return 0;
	if (sp->bad == type) {
		nla_put(m, type, 3, "bad");
		return 0;
	}
	return 1;
}

/* Counters are base + attribute type, so each lands in a known field. */
static void put_stats(struct nl_msg *m, int type, uint64_t base, int all64,
		      int pad)
{
	struct nlattr *n = nest(m, type);

	for (int i = IPVS_STATS_ATTR_CONNS; i <= IPVS_STATS_ATTR_OUTBPS; i++) {
		int wide = all64 || i == IPVS_STATS_ATTR_INBYTES ||
			   i == IPVS_STATS_ATTR_OUTBYTES;

		/* nla_put_u64_64bit() pads like this on some architectures */
		if (wide && pad)
			nla_put(m, IPVS_STATS_ATTR_PAD, 0, "");
		if (wide)
			nla_put_u64(m, i, base + i);
		else
			nla_put_u32(m, i, (uint32_t)(base + i));
	}
	nla_nest_end(m, n);
}

static int stats_are(const struct ipvs_stats *st, uint64_t base)
{
	return st->conns == base + 1 && st->inpkts == base + 2 &&
	       st->outpkts == base + 3 && st->inbytes == base + 4 &&
	       st->outbytes == base + 5 && st->cps == base + 6 &&
	       st->inpps == base + 7 && st->outpps == base + 8 &&
	       st->inbps == base + 9 && st->outbps == base + 10;
}

#define STATS32 1
#define STATS64 2
#define BASE32 1000
#define BASE64 5000000000ULL

static void put_svc_id(struct nl_msg *m, const struct ipvs_service *s,
		       const struct spoil *sp)
{
	if (put_ok(m, sp, IPVS_SVC_ATTR_AF))
		nla_put_u16(m, IPVS_SVC_ATTR_AF, s->af);
	if (s->fwmark) {
		if (put_ok(m, sp, IPVS_SVC_ATTR_FWMARK))
			nla_put_u32(m, IPVS_SVC_ATTR_FWMARK, s->fwmark);
		return;
	}
	if (put_ok(m, sp, IPVS_SVC_ATTR_PROTOCOL))
		nla_put_u16(m, IPVS_SVC_ATTR_PROTOCOL, s->protocol);
	if (put_ok(m, sp, IPVS_SVC_ATTR_ADDR))
		nla_put(m, IPVS_SVC_ATTR_ADDR, 16, &s->addr);
	if (put_ok(m, sp, IPVS_SVC_ATTR_PORT))
		nla_put_u16(m, IPVS_SVC_ATTR_PORT, htons(s->port));
}

static struct nl_msg *svc_reply(const struct ipvs_service *s, int stats,
				const struct spoil *sp)
{
	struct nl_msg *m = reply_new(IPVS_CMD_NEW_SERVICE);
	struct nlattr *n = nest(m, IPVS_CMD_ATTR_SERVICE);
	struct ip_vs_flags fl = { s->flags, ~0U };

	put_svc_id(m, s, sp);
	if (put_ok(m, sp, IPVS_SVC_ATTR_SCHED_NAME))
		nla_put_string(m, IPVS_SVC_ATTR_SCHED_NAME, s->sched_name);
	if (s->pe_name[0] && put_ok(m, sp, IPVS_SVC_ATTR_PE_NAME))
		nla_put_string(m, IPVS_SVC_ATTR_PE_NAME, s->pe_name);
	if (put_ok(m, sp, IPVS_SVC_ATTR_FLAGS))
		nla_put(m, IPVS_SVC_ATTR_FLAGS, sizeof(fl), &fl);
	if (put_ok(m, sp, IPVS_SVC_ATTR_TIMEOUT))
		nla_put_u32(m, IPVS_SVC_ATTR_TIMEOUT, s->timeout);
	if (put_ok(m, sp, IPVS_SVC_ATTR_NETMASK))
		nla_put_u32(m, IPVS_SVC_ATTR_NETMASK, s->netmask);
	if ((stats & STATS32) && put_ok(m, sp, IPVS_SVC_ATTR_STATS))
		put_stats(m, IPVS_SVC_ATTR_STATS, BASE32, 0, 0);
	if ((stats & STATS64) && put_ok(m, sp, IPVS_SVC_ATTR_STATS64))
		put_stats(m, IPVS_SVC_ATTR_STATS64, BASE64, 1, 1);
	nla_nest_end(m, n);
	return m;
}

static struct ipvs_service sample_svc(int af, uint32_t fwmark, const char *pe)
{
	struct ipvs_service s = { .af = af, .fwmark = fwmark,
				  .sched_name = "wlc",
				  .flags = IP_VS_SVC_F_PERSISTENT, .timeout = 360,
				  .netmask = af == AF_INET ? htonl(0xffffff00) : 64 };

	if (!fwmark) {
		s.protocol = IPPROTO_TCP;
		s.port = 443;
		inet_pton(af, af == AF_INET ? "10.2.3.4" : "2001:db8::42",
			  &s.addr);
	}
	strcpy(s.pe_name, pe);
	return s;
}

static int same_service(const struct ipvs_service *a,
			const struct ipvs_service *b)
{
	return a->af == b->af && a->protocol == b->protocol &&
	       memcmp(&a->addr, &b->addr, sizeof(a->addr)) == 0 &&
	       a->port == b->port && a->fwmark == b->fwmark &&
	       strcmp(a->sched_name, b->sched_name) == 0 &&
	       strcmp(a->pe_name, b->pe_name) == 0 && a->flags == b->flags &&
	       a->timeout == b->timeout && a->netmask == b->netmask;
}

/* Decode a spoilt service reply; the output must stay untouched. */
static int svc_fails(const struct ipvs_service *s, int stats,
		     const struct spoil *sp)
{
	struct nl_msg *m = svc_reply(s, stats, sp);
	struct ipvs_service out, before;
	int err;

	memset(&out, 0xa5, sizeof(out));
	before = out;
	err = ipvs_decode_service(nlmsg_hdr(m), &out);
	nlmsg_free(m);
	return err == -EINVAL && memcmp(&out, &before, sizeof(out)) == 0;
}

static void test_service_ok(void)
{
	static const struct {
		const char *name;
		int af;
		uint32_t fwmark;
		const char *pe;
		int stats;
		uint64_t base;
	} cases[] = {
		{ "v4 STATS only (old kernel)", AF_INET, 0, "", STATS32, BASE32 },
		{ "v6 STATS64 preferred", AF_INET6, 0, "", STATS32 | STATS64, BASE64 },
		{ "v4 fwmark pe sip STATS64 only", AF_INET, 9, "sip", STATS64, BASE64 },
		{ "v6 fwmark no stats", AF_INET6, 0xfffffffe, "", 0, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ipvs_service s = sample_svc(cases[i].af, cases[i].fwmark,
						   cases[i].pe);
		struct nl_msg *m = svc_reply(&s, cases[i].stats, &CLEAN);
		struct ipvs_service out;
		int err = ipvs_decode_service(nlmsg_hdr(m), &out);

		CHECK(err == 0, "service %s: decodes", cases[i].name);
		CHECK(err == 0 && same_service(&out, &s),
		      "service %s: every field as sent", cases[i].name);
		CHECK(err == 0 && (cases[i].stats ? stats_are(&out.stats, cases[i].base)
			: out.stats.conns == 0 && out.stats.outbps == 0),
		      "service %s: stats", cases[i].name);
		nlmsg_free(m);
	}
}

static void test_service_bad(void)
{
	static const int required[] = {
		IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_PROTOCOL, IPVS_SVC_ATTR_ADDR,
		IPVS_SVC_ATTR_PORT, IPVS_SVC_ATTR_SCHED_NAME,
		IPVS_SVC_ATTR_FLAGS, IPVS_SVC_ATTR_TIMEOUT, IPVS_SVC_ATTR_NETMASK,
	};
	struct ipvs_service s = sample_svc(AF_INET, 0, "sip");
	struct ipvs_service fw = sample_svc(AF_INET, 5, "");
	int both = STATS32 | STATS64;

	for (size_t i = 0; i < ARRAY_SIZE(required); i++)
		CHECK(svc_fails(&s, both, &(struct spoil){ required[i], NONE }),
		      "service: missing attribute %d -> -EINVAL, output untouched",
		      required[i]);
	CHECK(svc_fails(&fw, both, &(struct spoil){ IPVS_SVC_ATTR_FWMARK, NONE }),
	      "service: fwmark service without FWMARK -> -EINVAL");
	for (int t = IPVS_SVC_ATTR_AF; t <= IPVS_SVC_ATTR_STATS64; t++)
		CHECK(svc_fails(t == IPVS_SVC_ATTR_FWMARK ? &fw : &s, both,
				&(struct spoil){ NONE, t }),
		      "service: attribute %d with a 3-byte payload -> -EINVAL", t);
}

static struct nl_msg *copy_msg(const struct nlmsghdr *nlh, uint32_t len)
{
	struct nl_msg *m = nlmsg_alloc_size(len + NLMSG_HDRLEN);

	memcpy(nlmsg_hdr(m), nlh, len);
	return m;
}

static void test_service_corrupt(void)
{
	struct ipvs_service s = sample_svc(AF_INET6, 0, "");
	struct ipvs_service out;
	struct nl_msg *m = svc_reply(&s, STATS32 | STATS64, &CLEAN);
	struct nlmsghdr *nlh = nlmsg_hdr(m);
	struct nlattr *first;
	char longname[40];
	int err;

	/* A reply without the nest */
	struct nl_msg *empty = reply_new(IPVS_CMD_NEW_SERVICE);
	err = ipvs_decode_service(nlmsg_hdr(empty), &out);
	CHECK(err == -EINVAL, "service: no SERVICE nest -> -EINVAL");
	nlmsg_free(empty);

	/* The right attributes under the wrong command */
	struct nl_msg *wrong = copy_msg(nlh, nlh->nlmsg_len);
	((struct genlmsghdr *)nlmsg_data(nlmsg_hdr(wrong)))->cmd = IPVS_CMD_NEW_DEST;
	err = ipvs_decode_service(nlmsg_hdr(wrong), &out);
	CHECK(err == -EINVAL, "service: reply command NEW_DEST -> -EINVAL");

	/* An inner attribute claiming more bytes than its nest holds */
	first = nla_data(genlmsg_attrdata(nlmsg_data(nlmsg_hdr(wrong)), 0));
	((struct genlmsghdr *)nlmsg_data(nlmsg_hdr(wrong)))->cmd = IPVS_CMD_NEW_SERVICE;
	first->nla_len = 0x7fff;
	err = ipvs_decode_service(nlmsg_hdr(wrong), &out);
	CHECK(err == -EINVAL, "service: inner nla_len past the nest -> -EINVAL");
	first->nla_len = 2;
	err = ipvs_decode_service(nlmsg_hdr(wrong), &out);
	CHECK(err == -EINVAL, "service: inner nla_len below the header -> -EINVAL");
	nlmsg_free(wrong);

	/* A scheduler name longer than the kernel's buffer */
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	struct nl_msg *lm = reply_new(IPVS_CMD_NEW_SERVICE);
	struct nlattr *n = nest(lm, IPVS_CMD_ATTR_SERVICE);
	nla_put_u16(lm, IPVS_SVC_ATTR_AF, AF_INET);
	nla_put_u32(lm, IPVS_SVC_ATTR_FWMARK, 1);
	nla_put_string(lm, IPVS_SVC_ATTR_SCHED_NAME, longname);
	nla_put(lm, IPVS_SVC_ATTR_FLAGS, 8, &(struct ip_vs_flags){ 0, ~0U });
	nla_put_u32(lm, IPVS_SVC_ATTR_TIMEOUT, 0);
	nla_put_u32(lm, IPVS_SVC_ATTR_NETMASK, ~0U);
	nla_nest_end(lm, n);
	err = ipvs_decode_service(nlmsg_hdr(lm), &out);
	CHECK(err == -EINVAL, "service: 39-char scheduler name -> -EINVAL");
	nlmsg_free(lm);

	/* With NLA_F_NESTED set (libnl-style nests) it still decodes */
	struct nl_msg *flagged = copy_msg(nlh, nlh->nlmsg_len);
	((struct nlattr *)genlmsg_attrdata(nlmsg_data(nlmsg_hdr(flagged)), 0))
		->nla_type |= NLA_F_NESTED;
	err = ipvs_decode_service(nlmsg_hdr(flagged), &out);
	CHECK(err == 0 && same_service(&out, &s),
	      "service: NLA_F_NESTED on the nest is accepted");
	nlmsg_free(flagged);

	/* Every truncation, in a buffer of exactly the truncated size */
	int bad = 0;
	for (uint32_t cut = NLMSG_HDRLEN; cut < nlh->nlmsg_len; cut++) {
		struct nlmsghdr *t = malloc(cut);

		memcpy(t, nlh, cut);
		t->nlmsg_len = cut;
		if (ipvs_decode_service(t, &out) != -EINVAL)
			bad++;
		free(t);
	}
	CHECK(bad == 0, "service: all %u truncations -> -EINVAL (%d did not)",
	      nlh->nlmsg_len - NLMSG_HDRLEN, bad);

	/* A stats nest with a 32-bit counter where STATS64 wants 64 bits */
	struct nl_msg *sm = svc_reply(&s, 0, &CLEAN);
	struct nlattr *svcnest = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(sm)), 0);
	struct nlattr *st = nest(sm, IPVS_SVC_ATTR_STATS64);
	nla_put_u32(sm, IPVS_STATS_ATTR_CONNS, 1);
	nla_nest_end(sm, st);
	svcnest->nla_len += nla_total_size(nla_len(st));
	err = ipvs_decode_service(nlmsg_hdr(sm), &out);
	CHECK(err == -EINVAL, "service: u32 counter in STATS64 -> -EINVAL");
	nlmsg_free(sm);
	nlmsg_free(m);
}

/* ---- destinations ---- */

static struct ipvs_dest sample_dest(int af)
{
	struct ipvs_dest d = { .af = af, .port = 8080,
			       .conn_flags = IP_VS_CONN_F_TUNNEL, .weight = 42,
			       .u_threshold = 500, .l_threshold = 100,
			       .tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE,
			       .tun_port = 6081,
			       .tun_flags = IP_VS_TUNNEL_ENCAP_FLAG_CSUM,
			       .active_conns = 7, .inact_conns = 8,
			       .persist_conns = 9 };

	inet_pton(af, af == AF_INET ? "192.0.2.7" : "2001:db8::7", &d.addr);
	return d;
}

static void put_dest_attrs(struct nl_msg *m, const struct ipvs_dest *d,
			   const struct spoil *sp, int newer)
{
	const struct { int type, size; uint32_t v; } ints[] = {
		{ IPVS_DEST_ATTR_PORT, 2, htons(d->port) },
		{ IPVS_DEST_ATTR_FWD_METHOD, 4, d->conn_flags },
		{ IPVS_DEST_ATTR_WEIGHT, 4, (uint32_t)d->weight },
		{ IPVS_DEST_ATTR_TUN_TYPE, 1, d->tun_type },
		{ IPVS_DEST_ATTR_TUN_PORT, 2, htons(d->tun_port) },
		{ IPVS_DEST_ATTR_TUN_FLAGS, 2, d->tun_flags },
		{ IPVS_DEST_ATTR_U_THRESH, 4, d->u_threshold },
		{ IPVS_DEST_ATTR_L_THRESH, 4, d->l_threshold },
		{ IPVS_DEST_ATTR_ACTIVE_CONNS, 4, d->active_conns },
		{ IPVS_DEST_ATTR_INACT_CONNS, 4, d->inact_conns },
		{ IPVS_DEST_ATTR_PERSIST_CONNS, 4, d->persist_conns },
		{ IPVS_DEST_ATTR_ADDR_FAMILY, 2, d->af },
	};

	if (put_ok(m, sp, IPVS_DEST_ATTR_ADDR))
		nla_put(m, IPVS_DEST_ATTR_ADDR, 16, &d->addr);
	for (size_t i = 0; i < ARRAY_SIZE(ints); i++) {
		int t = ints[i].type;

		/* pre-3.18 kernels have no family, pre-5.2 no tunnel info */
		if (!newer && (t == IPVS_DEST_ATTR_ADDR_FAMILY ||
			       t == IPVS_DEST_ATTR_TUN_TYPE ||
			       t == IPVS_DEST_ATTR_TUN_PORT ||
			       t == IPVS_DEST_ATTR_TUN_FLAGS))
			continue;
		if (!put_ok(m, sp, t))
			continue;
		if (ints[i].size == 1)
			nla_put_u8(m, t, (uint8_t)ints[i].v);
		else if (ints[i].size == 2)
			nla_put_u16(m, t, (uint16_t)ints[i].v);
		else
			nla_put_u32(m, t, ints[i].v);
	}
}

static struct nl_msg *dest_reply(const struct ipvs_dest *d, int newer,
				 const struct spoil *sp)
{
	struct nl_msg *m = reply_new(IPVS_CMD_NEW_DEST);
	struct nlattr *n = nest(m, IPVS_CMD_ATTR_DEST);

	put_dest_attrs(m, d, sp, newer);
	if (put_ok(m, sp, IPVS_DEST_ATTR_STATS))
		put_stats(m, IPVS_DEST_ATTR_STATS, BASE32, 0, 0);
	if (newer && put_ok(m, sp, IPVS_DEST_ATTR_STATS64))
		put_stats(m, IPVS_DEST_ATTR_STATS64, BASE64, 1, 0);
	nla_nest_end(m, n);
	return m;
}

static int same_dest(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	return a->af == b->af &&
	       memcmp(&a->addr, &b->addr, sizeof(a->addr)) == 0 &&
	       a->port == b->port && a->conn_flags == b->conn_flags &&
	       a->weight == b->weight && a->u_threshold == b->u_threshold &&
	       a->l_threshold == b->l_threshold && a->tun_type == b->tun_type &&
	       a->tun_port == b->tun_port && a->tun_flags == b->tun_flags &&
	       a->active_conns == b->active_conns &&
	       a->inact_conns == b->inact_conns &&
	       a->persist_conns == b->persist_conns;
}

static int dest_fails(const struct ipvs_dest *d, const struct spoil *sp)
{
	struct nl_msg *m = dest_reply(d, 1, sp);
	struct ipvs_dest out, before;
	int err;

	memset(&out, 0x5a, sizeof(out));
	before = out;
	err = ipvs_decode_dest(nlmsg_hdr(m), &out);
	nlmsg_free(m);
	return err == -EINVAL && memcmp(&out, &before, sizeof(out)) == 0;
}

static void test_dest(void)
{
	static const int required[] = {
		IPVS_DEST_ATTR_ADDR, IPVS_DEST_ATTR_PORT,
		IPVS_DEST_ATTR_FWD_METHOD, IPVS_DEST_ATTR_WEIGHT,
		IPVS_DEST_ATTR_U_THRESH, IPVS_DEST_ATTR_L_THRESH,
		IPVS_DEST_ATTR_ACTIVE_CONNS, IPVS_DEST_ATTR_INACT_CONNS,
		IPVS_DEST_ATTR_PERSIST_CONNS,
	};
	struct ipvs_dest d4 = sample_dest(AF_INET), d6 = sample_dest(AF_INET6);
	struct ipvs_dest old = d4, out;
	struct nl_msg *m;
	int err;

	m = dest_reply(&d6, 1, &CLEAN);
	err = ipvs_decode_dest(nlmsg_hdr(m), &out);
	CHECK(err == 0 && same_dest(&out, &d6),
	      "dest v6 tunnel GUE: every field as sent");
	CHECK(err == 0 && stats_are(&out.stats, BASE64),
	      "dest v6: STATS64 preferred over STATS");
	nlmsg_free(m);

	/* An old kernel: no family, no tunnel fields, no STATS64 */
	old.af = 0;
	old.tun_type = 0;
	old.tun_port = 0;
	old.tun_flags = 0;
	m = dest_reply(&d4, 0, &CLEAN);
	err = ipvs_decode_dest(nlmsg_hdr(m), &out);
	CHECK(err == 0 && same_dest(&out, &old),
	      "dest from an old kernel: af 0 for the caller to fill, no tunnel");
	CHECK(err == 0 && stats_are(&out.stats, BASE32),
	      "dest from an old kernel: 32-bit STATS");
	nlmsg_free(m);

	for (size_t i = 0; i < ARRAY_SIZE(required); i++)
		CHECK(dest_fails(&d4, &(struct spoil){ required[i], NONE }),
		      "dest: missing attribute %d -> -EINVAL, output untouched",
		      required[i]);
	for (int t = IPVS_DEST_ATTR_ADDR; t <= IPVS_DEST_ATTR_TUN_FLAGS; t++)
		CHECK(dest_fails(&d4, &(struct spoil){ NONE, t }),
		      "dest: attribute %d with a 3-byte payload -> -EINVAL", t);

	m = reply_new(IPVS_CMD_NEW_DEST);
	err = ipvs_decode_dest(nlmsg_hdr(m), &out);
	CHECK(err == -EINVAL, "dest: no DEST nest -> -EINVAL");
	nlmsg_free(m);

	m = dest_reply(&d4, 1, &CLEAN);
	int bad = 0;
	for (uint32_t cut = NLMSG_HDRLEN; cut < nlmsg_hdr(m)->nlmsg_len; cut++) {
		struct nlmsghdr *t = malloc(cut);

		memcpy(t, nlmsg_hdr(m), cut);
		t->nlmsg_len = cut;
		if (ipvs_decode_dest(t, &out) != -EINVAL)
			bad++;
		free(t);
	}
	CHECK(bad == 0, "dest: every truncation -> -EINVAL (%d did not)", bad);
	nlmsg_free(m);
}

/* ---- daemons, timeouts, info ---- */

static struct nl_msg *daemon_reply(const struct ipvs_daemon *d,
				   const struct spoil *sp)
{
	struct nl_msg *m = reply_new(IPVS_CMD_NEW_DAEMON);
	struct nlattr *n = nest(m, IPVS_CMD_ATTR_DAEMON);

	if (put_ok(m, sp, IPVS_DAEMON_ATTR_STATE))
		nla_put_u32(m, IPVS_DAEMON_ATTR_STATE, d->state);
	if (put_ok(m, sp, IPVS_DAEMON_ATTR_MCAST_IFN))
		nla_put_string(m, IPVS_DAEMON_ATTR_MCAST_IFN, d->mcast_ifn);
	if (put_ok(m, sp, IPVS_DAEMON_ATTR_SYNC_ID))
		nla_put_u32(m, IPVS_DAEMON_ATTR_SYNC_ID, d->syncid);
	if (d->sync_maxlen && put_ok(m, sp, IPVS_DAEMON_ATTR_SYNC_MAXLEN)) {
		/* Linux 4.3+ sends all of these */
		nla_put_u16(m, IPVS_DAEMON_ATTR_SYNC_MAXLEN, d->sync_maxlen);
		if (put_ok(m, sp, IPVS_DAEMON_ATTR_MCAST_PORT))
			nla_put_u16(m, IPVS_DAEMON_ATTR_MCAST_PORT, d->mcast_port);
		if (put_ok(m, sp, IPVS_DAEMON_ATTR_MCAST_TTL))
			nla_put_u8(m, IPVS_DAEMON_ATTR_MCAST_TTL, d->mcast_ttl);
	}
	if (d->mcast_af == AF_INET6 && put_ok(m, sp, IPVS_DAEMON_ATTR_MCAST_GROUP6))
		nla_put(m, IPVS_DAEMON_ATTR_MCAST_GROUP6, 16, &d->mcast_group.v6);
	if (d->mcast_af == AF_INET && put_ok(m, sp, IPVS_DAEMON_ATTR_MCAST_GROUP))
		nla_put(m, IPVS_DAEMON_ATTR_MCAST_GROUP, 4, &d->mcast_group.v4);
	nla_nest_end(m, n);
	return m;
}

static int same_daemon(const struct ipvs_daemon *a, const struct ipvs_daemon *b)
{
	return a->state == b->state && strcmp(a->mcast_ifn, b->mcast_ifn) == 0 &&
	       a->syncid == b->syncid && a->sync_maxlen == b->sync_maxlen &&
	       a->mcast_af == b->mcast_af &&
	       memcmp(&a->mcast_group, &b->mcast_group, sizeof(a->mcast_group)) == 0 &&
	       a->mcast_port == b->mcast_port && a->mcast_ttl == b->mcast_ttl;
}

static void test_daemon(void)
{
	struct ipvs_daemon cases[3] = {
		{ .state = IP_VS_STATE_MASTER, .mcast_ifn = "eth0", .syncid = 3 },
		{ .state = IP_VS_STATE_BACKUP, .mcast_ifn = "eth1", .syncid = 200,
		  .sync_maxlen = 1472, .mcast_af = AF_INET, .mcast_port = 8848,
		  .mcast_ttl = 1 },
		{ .state = IP_VS_STATE_MASTER, .mcast_ifn = "veth-longname1",
		  .syncid = 0, .sync_maxlen = 1400, .mcast_af = AF_INET6,
		  .mcast_port = 9000, .mcast_ttl = 255 },
	};
	const char *names[3] = { "old kernel master", "backup v4 group",
				 "master v6 group" };
	struct ipvs_daemon out;
	struct nl_msg *m;
	int err;

	inet_pton(AF_INET, "239.1.2.3", &cases[1].mcast_group.v4);
	inet_pton(AF_INET6, "ff15::9", &cases[2].mcast_group.v6);
	for (int i = 0; i < 3; i++) {
		m = daemon_reply(&cases[i], &CLEAN);
		err = ipvs_decode_daemon(nlmsg_hdr(m), &out);
		CHECK(err == 0 && same_daemon(&out, &cases[i]),
		      "daemon %s: every field as sent", names[i]);
		nlmsg_free(m);
	}
	for (int t = IPVS_DAEMON_ATTR_STATE; t <= IPVS_DAEMON_ATTR_SYNC_ID; t++) {
		m = daemon_reply(&cases[1], &(struct spoil){ t, NONE });
		err = ipvs_decode_daemon(nlmsg_hdr(m), &out);
		CHECK(err == -EINVAL, "daemon: missing attribute %d -> -EINVAL", t);
		nlmsg_free(m);
	}
	for (int t = IPVS_DAEMON_ATTR_STATE; t <= IPVS_DAEMON_ATTR_MCAST_TTL; t++) {
		m = daemon_reply(t == IPVS_DAEMON_ATTR_MCAST_GROUP6 ? &cases[2]
								   : &cases[1],
				 &(struct spoil){ NONE, t });
		err = ipvs_decode_daemon(nlmsg_hdr(m), &out);
		CHECK(err == -EINVAL,
		      "daemon: attribute %d with a 3-byte payload -> -EINVAL", t);
		nlmsg_free(m);
	}
	m = reply_new(IPVS_CMD_NEW_DAEMON);
	err = ipvs_decode_daemon(nlmsg_hdr(m), &out);
	CHECK(err == -EINVAL, "daemon: no DAEMON nest -> -EINVAL");
	nlmsg_free(m);
}

static void test_timeouts(void)
{
	struct ipvs_timeouts t = { -1, -1, -1 };
	struct nl_msg *m = reply_new(IPVS_CMD_SET_CONFIG);
	int err;

	nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_TCP, 900);
	nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, 120);
	nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_UDP, 300);
	err = ipvs_decode_timeouts(nlmsg_hdr(m), &t);
	CHECK(err == 0 && t.tcp == 900 && t.tcp_fin == 120 && t.udp == 300,
	      "timeouts: tcp 900, tcp_fin 120, udp 300");
	nlmsg_free(m);

	m = reply_new(IPVS_CMD_SET_CONFIG);
	nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_UDP, 60);
	err = ipvs_decode_timeouts(nlmsg_hdr(m), &t);
	CHECK(err == 0 && t.tcp == 0 && t.tcp_fin == 0 && t.udp == 60,
	      "timeouts: a kernel without TCP: absent ones are 0");
	nlmsg_free(m);

	m = reply_new(IPVS_CMD_SET_CONFIG);
	nla_put_u16(m, IPVS_CMD_ATTR_TIMEOUT_TCP, 900);
	err = ipvs_decode_timeouts(nlmsg_hdr(m), &t);
	CHECK(err == -EINVAL && t.udp == 60, "timeouts: u16 TCP -> -EINVAL, untouched");
	nlmsg_free(m);

	m = reply_new(IPVS_CMD_SET_INFO);
	err = ipvs_decode_timeouts(nlmsg_hdr(m), &t);
	CHECK(err == -EINVAL, "timeouts: SET_INFO command -> -EINVAL");
	nlmsg_free(m);
}

static void test_info(void)
{
	struct ipvs_info info = { 0, 0 };
	struct nl_msg *m = reply_new(IPVS_CMD_SET_INFO);
	int err;

	nla_put_u32(m, IPVS_INFO_ATTR_VERSION, 0x010201);
	nla_put_u32(m, IPVS_INFO_ATTR_CONN_TAB_SIZE, 4096);
	err = ipvs_decode_info(nlmsg_hdr(m), &info);
	CHECK(err == 0 && info.version == 0x010201 && info.conn_tab_size == 4096,
	      "info: version 1.2.1, 4096 buckets");

	/* trailing bytes that are not an attribute */
	struct nl_msg *tr = copy_msg(nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len + 2);
	nlmsg_hdr(tr)->nlmsg_len += 2;
	err = ipvs_decode_info(nlmsg_hdr(tr), &info);
	CHECK(err == -EINVAL, "info: 2 stray trailing bytes -> -EINVAL");
	nlmsg_free(tr);
	nlmsg_free(m);

	for (int t = IPVS_INFO_ATTR_VERSION; t <= IPVS_INFO_ATTR_CONN_TAB_SIZE; t++) {
		m = reply_new(IPVS_CMD_SET_INFO);
		nla_put_u32(m, t, 1);
		err = ipvs_decode_info(nlmsg_hdr(m), &info);
		CHECK(err == -EINVAL, "info: only attribute %d -> -EINVAL", t);
		nlmsg_free(m);
	}
	m = reply_new(IPVS_CMD_SET_INFO);
	nla_put_u32(m, IPVS_INFO_ATTR_VERSION, 1);
	nla_put_u64(m, IPVS_INFO_ATTR_CONN_TAB_SIZE, 1);
	err = ipvs_decode_info(nlmsg_hdr(m), &info);
	CHECK(err == -EINVAL, "info: u64 CONN_TAB_SIZE -> -EINVAL");
	nlmsg_free(m);

	/* shorter than the generic netlink header */
	struct nlmsghdr *h = malloc(NLMSG_HDRLEN + 2);
	memset(h, 0, NLMSG_HDRLEN + 2);
	h->nlmsg_len = NLMSG_HDRLEN + 2;
	err = ipvs_decode_info(h, &info);
	CHECK(err == -EINVAL, "info: truncated genl header -> -EINVAL");
	free(h);
}

int main(void)
{
	test_service_ok();
	test_service_bad();
	test_service_corrupt();
	test_dest();
	test_daemon();
	test_timeouts();
	test_info();
	UNIT_EXIT();
}
