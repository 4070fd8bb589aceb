/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libipvs socket and batch code.  Acks are parsed from hand-built
 * messages; the request paths (exact errno, extended ack, dumps, windowed
 * batches) run against the kernel's own "nlctrl" generic netlink family,
 * which every Linux has, so no IPVS module is needed.
 */
#include <errno.h>
#include <stdlib.h>
#include <linux/genetlink.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

#include "ipvs.h"
#include "ipvs_int.h"
#include "unit.h"

/* An NLMSG_ERROR as the kernel's netlink_ack() builds it. */
static struct nl_msg *ack(int error, int echo_len, const char *text)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlmsghdr *nlh = nlmsg_put(m, 0, 1, NLMSG_ERROR,
					 sizeof(struct nlmsgerr) + echo_len, 0);
	struct nlmsgerr *e = nlmsg_data(nlh);

	e->error = error;
	e->msg.nlmsg_len = NLMSG_HDRLEN + echo_len;
	nlh->nlmsg_flags = echo_len ? 0 : NLM_F_CAPPED;
	if (text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		nla_put_string(m, NLMSGERR_ATTR_MSG, text);
		nla_put_u32(m, NLMSGERR_ATTR_OFFS, 20);
	}
	return m;
}

static void test_parse_ack(void)
{
	static const struct {
		const char *name;
		int error, echo;
		const char *text;
	} cases[] = {
		{ "plain ack", 0, 0, NULL },
		{ "-EEXIST, no TLVs", -EEXIST, 0, NULL },
		{ "-EINVAL capped with text", -EINVAL, 0, "Invalid scheduler" },
		{ "-ESRCH echoing a 36-byte request", -ESRCH, 36, "no service" },
		{ "-ENOENT echoing a 6-byte request", -ENOENT, 6, "odd size" },
		{ "ack with a warning", 0, 0, "just so you know" },
	};
	char extack[IPVS_EXTACK_MAX];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nl_msg *m = ack(cases[i].error, cases[i].echo,
				       cases[i].text);
		int err = ipvs_parse_ack(nlmsg_hdr(m), extack, sizeof(extack));

		CHECK(err == cases[i].error &&
		      strcmp(extack, cases[i].text ? cases[i].text : "") == 0,
		      "ack %s: error %d, text \"%s\"", cases[i].name, err, extack);
		nlmsg_free(m);
	}

	struct nl_msg *m = ack(-EPERM, 0, "x");
	nlmsg_hdr(m)->nlmsg_len = NLMSG_LENGTH(sizeof(int));
	int err = ipvs_parse_ack(nlmsg_hdr(m), extack, sizeof(extack));
	CHECK(err == -EINVAL, "ack shorter than struct nlmsgerr -> -EINVAL");
	nlmsg_free(m);

	m = ack(5, 0, NULL);
	err = ipvs_parse_ack(nlmsg_hdr(m), extack, sizeof(extack));
	CHECK(err == -EINVAL, "ack with a positive error -> -EINVAL");
	nlmsg_free(m);

	/* An echo length pointing past the message: no text, no overread */
	m = ack(-EEXIST, 8, "hidden");
	((struct nlmsgerr *)nlmsg_data(nlmsg_hdr(m)))->msg.nlmsg_len = 4000;
	err = ipvs_parse_ack(nlmsg_hdr(m), extack, sizeof(extack));
	CHECK(err == -EEXIST && extack[0] == '\0',
	      "ack with a bogus echo length: errno kept, text ignored");
	nlmsg_free(m);
}

static struct nl_msg *getfamily(struct ipvs_sock *s, const char *name)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, ipvs_family(s), 0, 0, CTRL_CMD_GETFAMILY, 1);
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, name);
	return m;
}

/* A GETPOLICY dump with an attribute nlctrl does not know: the kernel's
 * strict validation refuses it with an extended-ack message. */
static struct nl_msg *bad_policy_dump(struct ipvs_sock *s)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, ipvs_family(s), 0, NLM_F_DUMP, CTRL_CMD_GETPOLICY, 1);
	nla_put_u32(m, 99, 0);
	return m;
}

static void test_exec(struct ipvs_sock *s)
{
	struct nl_msg *dump = nlmsg_alloc();
	const char *text;
	int err;

	err = ipvs_exec(s, getfamily(s, "no-such-family"));
	CHECK(err == -ENOENT, "exec: kernel's -ENOENT returned exactly (%d)", err);
	err = ipvs_exec(s, bad_policy_dump(s));
	text = ipvs_last_extack(s);
	CHECK(err == -EINVAL && text && strcmp(text, "Unknown attribute type") == 0,
	      "exec: -EINVAL with the kernel's extack text \"%s\"",
	      text ? text : "(none)");
	err = ipvs_exec(s, getfamily(s, "nlctrl"));
	CHECK(err == 0 && ipvs_last_extack(s) == NULL,
	      "exec: success (reply then ack) clears the extack");
	genlmsg_put(dump, 0, 0, ipvs_family(s), 0, NLM_F_DUMP,
		    CTRL_CMD_GETFAMILY, 1);
	err = ipvs_exec(s, dump);
	CHECK(err == 0, "exec: a multi-part dump is read up to NLMSG_DONE");
	CHECK(ipvs_exec(s, NULL) == -ENOMEM, "exec: a NULL message -> -ENOMEM");
}

struct failures {
	size_t n, wrong;
	unsigned long last;
};

static void on_err(void *arg, unsigned long cookie, int err, const char *text)
{
	struct failures *f = arg;

	/* Only odd cookies fail, in order, each once, with -ENOENT */
	if (cookie % 2 == 0 || err != -ENOENT || text ||
	    (f->n && cookie <= f->last))
		f->wrong++;
	f->last = cookie;
	f->n++;
}

static void test_batch(struct ipvs_sock *s)
{
	struct ipvs_batch *b = ipvs_batch_new(s);
	struct failures f = { 0, 0, 0 };
	const size_t total = 2000;	/* several windows, many sendmsg() */
	struct nl_msg *dump = nlmsg_alloc();
	int ret, queued = 0;

	/* Even cookies succeed, and their replies carry data before the
	 * ack; odd ones fail with -ENOENT. */
	for (size_t i = 0; i < total; i++) {
		ret = ipvs_batch_add(b, getfamily(s, i % 2 ? "no-such-family"
							   : "nlctrl"), i);
		queued += ret == 0;
	}
	CHECK(queued == (int)total, "batch: %zu requests queued", total);
	genlmsg_put(dump, 0, 0, ipvs_family(s), 0, NLM_F_DUMP,
		    CTRL_CMD_GETFAMILY, 1);
	ret = ipvs_batch_add(b, dump, 99999);
	CHECK(ret == -EINVAL, "batch: a dump request is refused");
	ret = ipvs_batch_flush(b, on_err, &f);
	CHECK(ret == (int)(total / 2), "batch: returns %d failures (want %zu)",
	      ret, total / 2);
	CHECK(f.n == total / 2 && f.wrong == 0,
	      "batch: each failure reported once, with its cookie and -ENOENT");
	ret = ipvs_batch_flush(b, on_err, &f);
	CHECK(ret == 0, "batch: an empty flush does nothing");
	ret = ipvs_exec(s, getfamily(s, "nlctrl"));
	CHECK(ret == 0, "batch: the socket is in step afterwards");
	ipvs_batch_free(b);
}

int main(void)
{
	struct ipvs_sock *s;
	int err = 0;

	test_parse_ack();
	s = ipvs_open_family("nlctrl", &err);
	if (!s) {
		printf("ok - generic netlink unavailable (%d): socket tests skipped\n",
		       err);
		UNIT_EXIT();
	}
	CHECK(ipvs_family(s) == GENL_ID_CTRL, "open: nlctrl resolves to %d",
	      GENL_ID_CTRL);
	test_exec(s);
	test_batch(s);
	ipvs_close(s);

	/* Without ip_vs the CLI must be able to say "Protocol not available" */
	s = ipvs_open(&err);
	CHECK(s ? ipvs_family(s) > 0 : err == -ENOPROTOOPT,
	      "open IPVS: %s", s ? "family resolved" : "-ENOPROTOOPT without ip_vs");
	ipvs_close(s);
	UNIT_EXIT();
}
