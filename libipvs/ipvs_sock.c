/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The socket: open once, resolve the IPVS family once, then send
 * requests and read replies on the raw fd so that the kernel's errno and
 * extended-ack text reach the caller unchanged.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "ipvs.h"
#include "ipvs_int.h"

#define SOCK_BUF_SIZE	(1 << 20)	/* dumps of big tables, batch acks */
#define DUMP_TRIES	4
#define DUMP_READS	8	/* of a service list in several parts */
#define DUMP_INTR	1		/* internal: dump changed, retry */
#define DUMP_SPLIT	2		/* internal: one_part, and it was not */

/* libnl only reports NLE_* codes; give the errno that best matches. */
static int nle_to_errno(int nle)
{
	static const struct { int nle, err; } map[] = {
		{ NLE_NOMEM, ENOMEM }, { NLE_PERM, EPERM },
		{ NLE_NOACCESS, EACCES }, { NLE_AGAIN, EAGAIN },
		{ NLE_INTR, EINTR }, { NLE_BAD_SOCK, EBADF },
		{ NLE_AF_NOSUPPORT, EAFNOSUPPORT }, { NLE_INVAL, EINVAL },
		{ NLE_PROTO_MISMATCH, EPROTONOSUPPORT }, { NLE_BUSY, EBUSY },
		{ NLE_OPNOTSUPP, EOPNOTSUPP }, { NLE_NOADDR, EADDRNOTAVAIL },
		{ NLE_OBJ_NOTFOUND, ENOENT },
	};

	nle = nle < 0 ? -nle : nle;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].nle == nle)
			return -map[i].err;
	return -EPROTO;
}

static void want_ext_ack(int fd)
{
	int one = 1;

	/* Error text from the kernel, and acks without the echoed request. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

/* Best effort: a smaller buffer or no extended acks still work. */
static void tune_socket(struct ipvs_sock *s)
{
	nl_socket_set_buffer_size(s->nl, SOCK_BUF_SIZE, SOCK_BUF_SIZE);
	want_ext_ack(s->main.fd);
}

static int connect_and_resolve(struct ipvs_sock *s, const char *name)
{
	int ret;

	s->nl = nl_socket_alloc();
	if (!s->nl)
		return -ENOMEM;
	ret = genl_connect(s->nl);
	if (ret < 0)
		return nle_to_errno(ret);
	s->main.fd = nl_socket_get_fd(s->nl);
	s->portid = nl_socket_get_local_port(s->nl);
	ret = genl_ctrl_resolve(s->nl, name);
	/* No such family: report it as the old sockopt interface did, so
	 * the CLI can say "Protocol not available". */
	if (ret == -NLE_OBJ_NOTFOUND)
		return -ENOPROTOOPT;
	if (ret < 0)
		return nle_to_errno(ret);
	s->family = ret;
	return 0;
}

struct ipvs_sock *ipvs_open_family(const char *name, int *err)
{
	struct ipvs_sock *s = calloc(1, sizeof(*s));
	int ret = -ENOMEM;

	if (s) {
		s->small.fd = -1;
		ret = connect_and_resolve(s, name);
	}

	if (ret) {
		ipvs_close(s);
		if (err)
			*err = ret;
		return NULL;
	}
	tune_socket(s);
	return s;
}

struct ipvs_sock *ipvs_open(int *err)
{
	return ipvs_open_family(IPVS_GENL_NAME, err);
}

void ipvs_close(struct ipvs_sock *s)
{
	if (!s)
		return;
	nl_socket_free(s->nl);
	free(s->main.buf);
	if (s->small.fd >= 0)
		close(s->small.fd);
	free(s->small.buf);
	free(s);
}

int ipvs_family(const struct ipvs_sock *s)
{
	return s->family;
}

const char *ipvs_last_extack(const struct ipvs_sock *s)
{
	return s->extack[0] ? s->extack : NULL;
}

uint32_t ipvs_stamp(struct ipvs_sock *s, struct nlmsghdr *nlh, int flags)
{
	nlh->nlmsg_flags |= NLM_F_REQUEST | flags;
	nlh->nlmsg_pid = s->portid;
	nlh->nlmsg_seq = nl_socket_use_seq(s->nl);
	return nlh->nlmsg_seq;
}

/* One buffer for every reply: larger than any datagram the kernel sends
 * (a dump part is at most 32 KiB, an ack far less). */
int ipvs_recv_buf(struct ipvs_sock *s)
{
	if (s->main.buf)
		return 0;
	s->main.buf = malloc(RECV_BUF_SIZE);
	if (!s->main.buf)
		return -ENOMEM;
	s->main.buf_size = RECV_BUF_SIZE;
	return 0;
}

/* One datagram from the kernel into line->buf: its length or -errno. */
static ssize_t recv_line(const struct ipvs_line *line)
{
	struct sockaddr_nl from = { 0 };

	for (;;) {
		/* No peek first: that would double the system calls, and
		 * MSG_TRUNC still tells a datagram that did not fit. */
		socklen_t fromlen = sizeof(from);
		ssize_t n = recvfrom(line->fd, line->buf, line->buf_size,
				     MSG_TRUNC, (struct sockaddr *)&from,
				     &fromlen);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if ((size_t)n > line->buf_size)
			return -EMSGSIZE;
		/* Only the kernel (port 0) may answer us. */
		if (fromlen >= sizeof(from) && from.nl_pid == 0)
			return n;
	}
}

ssize_t ipvs_recv(struct ipvs_sock *s)
{
	if (ipvs_recv_buf(s))
		return -ENOMEM;
	return recv_line(&s->main);
}

static void copy_extack(const struct nlattr *tlvs, int len, char *extack,
			size_t size)
{
	static const struct nla_policy policy[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
	};
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)tlvs, len,
		      policy) == 0 && tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(extack, tb[NLMSGERR_ATTR_MSG], size);
}

int ipvs_parse_ack(const struct nlmsghdr *nlh, char *extack, size_t size)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN, off = sizeof(*e);

	extack[0] = '\0';
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)) || e->error > 0)
		return -EINVAL;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return e->error;
	/* Unless capped, the ack echoes the request's payload first. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len >= NLMSG_HDRLEN)
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	off = NLMSG_ALIGN(off);
	if (off < len)
		copy_extack((const struct nlattr *)((const char *)e + off),
			    (int)(len - off), extack, size);
	return e->error;
}

/* A dump ends with NLMSG_DONE carrying an int, 0 or the dump's -errno,
 * followed by extended-ack attributes when NLM_F_ACK_TLVS is set. */
static int done_error(const struct nlmsghdr *nlh, char *extack, size_t size)
{
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN, off = NLMSG_ALIGN(sizeof(int));
	int err = 0;

	if (len >= sizeof(err))
		memcpy(&err, NLMSG_DATA(nlh), sizeof(err));
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && off < len)
		copy_extack((const struct nlattr *)((const char *)NLMSG_DATA(nlh) + off),
			    (int)(len - off), extack, size);
	return err > 0 ? -EINVAL : err;
}

typedef int (*reply_fn)(struct nlmsghdr *nlh, void *arg);

/* What one message of the reply to request seq means: 1 = keep reading,
 * otherwise the final status.  *err keeps the first decoding error. */
static int handle_reply(struct ipvs_sock *s, struct nlmsghdr *nlh,
			reply_fn fn, void *arg, int *err, bool *intr)
{
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		*intr = true;
	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		return ipvs_parse_ack(nlh, s->extack, sizeof(s->extack));
	case NLMSG_DONE:
		return done_error(nlh, s->extack, sizeof(s->extack));
	case NLMSG_NOOP:
	case NLMSG_OVERRUN:
		return 1;
	}
	/* Keep reading after a bad message: the socket must stay in step. */
	if (!*err && fn)
		*err = fn(nlh, arg);
	return 1;
}

/* Read replies to request seq up to its ack or NLMSG_DONE, skipping
 * leftovers of earlier requests. */
static int receive(struct ipvs_sock *s, const struct ipvs_line *line,
		   uint32_t seq, reply_fn fn, void *arg)
{
	int err = 0, ret;
	bool intr = false;

	s->dump_parts = 0;
	for (;;) {
		ssize_t n = recv_line(line);
		int left = (int)n;
		bool data = false;

		if (n < 0)
			return (int)n;
		for (struct nlmsghdr *nlh = line->buf; nlmsg_ok(nlh, left);
		     nlh = nlmsg_next(nlh, &left)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type >= NLMSG_MIN_TYPE && !data) {
				data = true;
				if (++s->dump_parts > 1 && line->one_part)
					return DUMP_SPLIT;
			}
			ret = handle_reply(s, nlh, fn, arg, &err, &intr);
			if (ret <= 0)
				return ret ? ret : err ? err : intr ? DUMP_INTR : 0;
		}
	}
}

static int send_all(int fd, const struct nlmsghdr *nlh)
{
	ssize_t n;

	do
		n = send(fd, nlh, nlh->nlmsg_len, 0);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : 0;
}

/* One request on line and its whole answer; msg is not consumed. */
static int talk(struct ipvs_sock *s, const struct ipvs_line *line,
		struct nl_msg *msg, reply_fn fn, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	bool dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	uint32_t seq = ipvs_stamp(s, nlh, dump ? 0 : NLM_F_ACK);
	int err;

	s->extack[0] = '\0';
	err = send_all(line->fd, nlh);
	return err ? err : receive(s, line, seq, fn, arg);
}

/* Exec with replies on line; msg is not consumed.  A dump whose data
 * changed while it was read (NLM_F_DUMP_INTR) is restarted, never
 * half-returned. */
static int request_on(struct ipvs_sock *s, const struct ipvs_line *line,
		      struct nl_msg *msg, reply_fn fn,
		      void (*reset)(void *arg), void *arg)
{
	int ret = -ENOMEM;

	for (int i = 0; msg && i < DUMP_TRIES; i++) {
		if (reset)
			reset(arg);
		ret = talk(s, line, msg, fn, arg);
		if (ret != DUMP_INTR)
			break;
		ret = -EINTR;
	}
	return ret;
}

/* The same on the main socket; msg is consumed. */
static int request(struct ipvs_sock *s, struct nl_msg *msg, reply_fn fn,
		   void (*reset)(void *arg), void *arg)
{
	int ret = ipvs_recv_buf(s);

	if (!ret)
		ret = request_on(s, &s->main, msg, fn, reset, arg);
	nlmsg_free(msg);
	return ret;
}

int ipvs_exec(struct ipvs_sock *s, struct nl_msg *msg)
{
	return request(s, msg, NULL, NULL, NULL);
}

/* ---- single commands ---- */

typedef int (*put_svc_fn)(struct nl_msg *msg, const struct ipvs_service *svc);

static int svc_cmd(struct ipvs_sock *s, uint8_t cmd,
		   const struct ipvs_service *svc, put_svc_fn put)
{
	struct nl_msg *msg = ipvs_msg_new(s->family, cmd, 0);
	int err = msg ? put(msg, svc) : -ENOMEM;

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return ipvs_exec(s, msg);
}

static int dest_cmd(struct ipvs_sock *s, uint8_t cmd,
		    const struct ipvs_service *svc, const struct ipvs_dest *dest)
{
	struct nl_msg *msg = ipvs_msg_new(s->family, cmd, 0);
	int err = msg ? ipvs_put_service_key(msg, svc) : -ENOMEM;

	if (!err)
		err = ipvs_put_dest(msg, dest);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return ipvs_exec(s, msg);
}

int ipvs_add_service(struct ipvs_sock *s, const struct ipvs_service *svc)
{
	return svc_cmd(s, IPVS_CMD_NEW_SERVICE, svc, ipvs_put_service);
}

int ipvs_update_service(struct ipvs_sock *s, const struct ipvs_service *svc)
{
	return svc_cmd(s, IPVS_CMD_SET_SERVICE, svc, ipvs_put_service);
}

int ipvs_del_service(struct ipvs_sock *s, const struct ipvs_service *svc)
{
	return svc_cmd(s, IPVS_CMD_DEL_SERVICE, svc, ipvs_put_service_key);
}

int ipvs_flush(struct ipvs_sock *s)
{
	return ipvs_exec(s, ipvs_msg_new(s->family, IPVS_CMD_FLUSH, 0));
}

int ipvs_add_dest(struct ipvs_sock *s, const struct ipvs_service *svc,
		  const struct ipvs_dest *dest)
{
	return dest_cmd(s, IPVS_CMD_NEW_DEST, svc, dest);
}

int ipvs_update_dest(struct ipvs_sock *s, const struct ipvs_service *svc,
		     const struct ipvs_dest *dest)
{
	return dest_cmd(s, IPVS_CMD_SET_DEST, svc, dest);
}

int ipvs_del_dest(struct ipvs_sock *s, const struct ipvs_service *svc,
		  const struct ipvs_dest *dest)
{
	return dest_cmd(s, IPVS_CMD_DEL_DEST, svc, dest);
}

int ipvs_zero(struct ipvs_sock *s, const struct ipvs_service *svc)
{
	if (!svc)
		return ipvs_exec(s, ipvs_msg_new(s->family, IPVS_CMD_ZERO, 0));
	return svc_cmd(s, IPVS_CMD_ZERO, svc, ipvs_put_service_key);
}

int ipvs_set_timeouts(struct ipvs_sock *s, const struct ipvs_timeouts *t)
{
	struct nl_msg *msg = ipvs_msg_new(s->family, IPVS_CMD_SET_CONFIG, 0);
	int err = msg ? ipvs_put_timeouts(msg, t) : -ENOMEM;

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return ipvs_exec(s, msg);
}

static int daemon_cmd(struct ipvs_sock *s, uint8_t cmd,
		      const struct ipvs_daemon *d)
{
	struct nl_msg *msg = ipvs_msg_new(s->family, cmd, 0);
	int err = msg ? ipvs_put_daemon(msg, d) : -ENOMEM;

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return ipvs_exec(s, msg);
}

int ipvs_start_daemon(struct ipvs_sock *s, const struct ipvs_daemon *d)
{
	return daemon_cmd(s, IPVS_CMD_NEW_DAEMON, d);
}

int ipvs_stop_daemon(struct ipvs_sock *s, const struct ipvs_daemon *d)
{
	return daemon_cmd(s, IPVS_CMD_DEL_DAEMON, d);
}

/* ---- queries ---- */

/* Up to max decoded replies into an array; extra replies are ignored. */
struct collect {
	int (*decode)(struct nlmsghdr *nlh, void *out);
	void *out;
	size_t size, max, n;
};

static int collect_reply(struct nlmsghdr *nlh, void *arg)
{
	struct collect *c = arg;
	int err;

	if (c->n == c->max)
		return 0;
	err = c->decode(nlh, (char *)c->out + c->n * c->size);
	if (!err)
		c->n++;
	return err;
}

static void collect_reset(void *arg)
{
	((struct collect *)arg)->n = 0;
}

/* A query answered by at most c->max replies; the count or -errno. */
static int query(struct ipvs_sock *s, struct nl_msg *msg, struct collect *c)
{
	int err = request(s, msg, collect_reply, collect_reset, c);

	return err ? err : (int)c->n;
}

static int dec_info(struct nlmsghdr *nlh, void *out)
{
	return ipvs_decode_info(nlh, out);
}

static int dec_timeouts(struct nlmsghdr *nlh, void *out)
{
	return ipvs_decode_timeouts(nlh, out);
}

static int dec_daemon(struct nlmsghdr *nlh, void *out)
{
	return ipvs_decode_daemon(nlh, out);
}

static int dec_service(struct nlmsghdr *nlh, void *out)
{
	return ipvs_decode_service(nlh, out);
}

/* A query that must yield exactly one reply. */
static int query_one(struct ipvs_sock *s, struct nl_msg *msg,
		     int (*decode)(struct nlmsghdr *, void *), void *out,
		     int none)
{
	struct collect c = { decode, out, 0, 1, 0 };
	int n = query(s, msg, &c);

	return n < 0 ? n : n == 1 ? 0 : none;
}

int ipvs_get_info(struct ipvs_sock *s, struct ipvs_info *info)
{
	return query_one(s, ipvs_msg_new(s->family, IPVS_CMD_GET_INFO, 0),
			 dec_info, info, -ENODATA);
}

int ipvs_get_timeouts(struct ipvs_sock *s, struct ipvs_timeouts *t)
{
	return query_one(s, ipvs_msg_new(s->family, IPVS_CMD_GET_CONFIG, 0),
			 dec_timeouts, t, -ENODATA);
}

int ipvs_get_daemons(struct ipvs_sock *s, struct ipvs_daemon out[2])
{
	struct collect c = { dec_daemon, out, sizeof(out[0]), 2, 0 };

	return query(s, ipvs_msg_new(s->family, IPVS_CMD_GET_DAEMON,
				     NLM_F_DUMP), &c);
}

int ipvs_get_service(struct ipvs_sock *s, const struct ipvs_service *key,
		     struct ipvs_service *out)
{
	struct nl_msg *msg = ipvs_msg_new(s->family, IPVS_CMD_GET_SERVICE, 0);
	int err = msg ? ipvs_put_service_key(msg, key) : -ENOMEM;

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return query_one(s, msg, dec_service, out, -ESRCH);
}

/* ---- dumps into growing lists ---- */

static int grow(void **arr, size_t *cap, size_t len, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p;

	if (len < *cap)
		return 0;
	p = reallocarray(*arr, ncap, size);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

static int add_service(struct nlmsghdr *nlh, void *arg)
{
	struct ipvs_service_list *l = arg;
	int err = grow((void **)&l->svc, &l->cap, l->len, sizeof(*l->svc));

	if (!err)
		err = ipvs_decode_service(nlh, &l->svc[l->len]);
	if (!err)
		l->len++;
	return err;
}

static void reset_services(void *arg)
{
	((struct ipvs_service_list *)arg)->len = 0;
}

/*
 * A dump that came in one part is exact.  One in several parts may repeat
 * or skip entries (see ipvs_merge.c), so it is read again and the reads
 * merged, until a read lists exactly the merged entries or two reads in a
 * row add nothing (DUMP_READS at most).  An entry removed during the
 * reads may stay in the list, as it would in any listing that raced it;
 * one that existed throughout is never left out by a single skip.
 */
struct rereads {
	int (*read)(struct ipvs_sock *s, void *ctx);	/* into the read list */
	int (*merge)(void *ctx, size_t *added, int *same); /* it into merged */
};

static int merge_rereads(struct ipvs_sock *s, const struct rereads *r,
			 void *ctx)
{
	size_t added;
	int same = 0, quiet = 0;

	for (int i = 1;; i++) {
		int err = r->merge(ctx, &added, &same);

		if (err || same || i == DUMP_READS)
			return err;
		quiet = i > 1 && !added ? quiet + 1 : 0;
		if (quiet == 2)
			return 0;
		err = r->read(s, ctx);
		if (err)
			return err;
	}
}

struct service_reads {
	struct ipvs_service_list merged, read;
};

static int read_services(struct ipvs_sock *s, void *ctx)
{
	struct service_reads *r = ctx;

	return request(s, ipvs_msg_new(s->family, IPVS_CMD_GET_SERVICE,
				       NLM_F_DUMP),
		       add_service, reset_services, &r->read);
}

static int merge_services(void *ctx, size_t *added, int *same)
{
	struct service_reads *r = ctx;

	return ipvs_merge_services(&r->merged, &r->read, added, same);
}

int ipvs_dump_services(struct ipvs_sock *s, struct ipvs_service_list *out)
{
	static const struct rereads again = { read_services, merge_services };
	struct service_reads r = { { 0 }, { 0 } };
	int err = read_services(s, &r);

	if (err || s->dump_parts <= 1) {
		*out = r.read;
		if (err)
			out->len = 0;
		return err;
	}
	err = merge_rereads(s, &again, &r);
	ipvs_service_list_free(&r.read);
	if (err)
		ipvs_service_list_free(&r.merged);
	*out = r.merged;
	return err;
}

struct dest_dump {
	struct ipvs_dest_list *l;
	uint16_t svc_af;
};

static int add_dest(struct nlmsghdr *nlh, void *arg)
{
	struct dest_dump *d = arg;
	struct ipvs_dest_list *l = d->l;
	int err = grow((void **)&l->dest, &l->cap, l->len, sizeof(*l->dest));

	if (!err)
		err = ipvs_decode_dest(nlh, &l->dest[l->len]);
	if (err)
		return err;
	/* Pre-3.18 kernels send no family: it is the service's. */
	if (!l->dest[l->len].af)
		l->dest[l->len].af = d->svc_af;
	l->len++;
	return 0;
}

static void reset_dests(void *arg)
{
	((struct dest_dump *)arg)->l->len = 0;
}

/*
 * Real-server dumps go over a second socket that is only ever read a page
 * at a time.  The kernel makes each dump datagram as big as the largest
 * read its socket has seen (up to 32 KiB, and the main socket's service
 * dumps raise it that far), and a dump of one service costs two of them:
 * its servers, then the end of the dump.  With 10,000 services that was
 * 20,000 allocations of 32 KiB for a few hundred bytes each; measured in
 * the lab, 1.5 s of kernel time against 0.9 s for page-sized ones.
 *
 * A page holds about 11 servers, 32 KiB about 90, and a dump in several
 * parts costs more reads (see merge_rereads), so the first service whose
 * servers do not fit in a page is read again on the main socket, which
 * serves every later one.  So is any dump that does not fit a page: a
 * page (at most 8 KiB) is never less than the kernel's default dump size,
 * but a kernel may differ.
 */
static int small_line(struct ipvs_sock *s)
{
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	long page = sysconf(_SC_PAGESIZE);
	int fd;

	if (s->small.fd != -1)
		return s->small.fd >= 0;
	s->small.fd = -2;
	s->small.one_part = true;
	s->small.buf_size = page < 4096 ? 4096 : page > 8192 ? 8192 : (size_t)page;
	s->small.buf = malloc(s->small.buf_size);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (!s->small.buf || fd < 0 ||
	    bind(fd, (struct sockaddr *)&local, sizeof(local)) < 0) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	want_ext_ack(fd);
	s->small.fd = fd;
	return 1;
}

struct dest_reads {
	struct nl_msg *msg;		/* the request, sent again */
	struct ipvs_dest_list merged, read;
	struct dest_dump dump;		/* into read */
};

static int read_dests(struct ipvs_sock *s, void *ctx)
{
	struct dest_reads *r = ctx;
	int err = ipvs_recv_buf(s);

	return err ? err : request_on(s, &s->main, r->msg, add_dest,
				      reset_dests, &r->dump);
}

static int merge_dests(void *ctx, size_t *added, int *same)
{
	struct dest_reads *r = ctx;

	return ipvs_merge_dests(&r->merged, &r->read, added, same);
}

/* The first read: on the small socket if it will do, else on the main. */
static int read_dests_first(struct ipvs_sock *s, struct dest_reads *r)
{
	if (small_line(s)) {
		int err = request_on(s, &s->small, r->msg, add_dest,
				     reset_dests, &r->dump);

		if (err != -EMSGSIZE && err != DUMP_SPLIT)
			return err;
		close(s->small.fd);	/* which ends its dump */
		s->small.fd = -2;
	}
	return read_dests(s, r);
}

int ipvs_dump_dests(struct ipvs_sock *s, const struct ipvs_service *svc,
		    struct ipvs_dest_list *out)
{
	static const struct rereads again = { read_dests, merge_dests };
	struct dest_reads r = { NULL, { 0 }, *out, { NULL, svc->af } };
	int err = -ENOMEM;

	r.dump.l = &r.read;
	r.msg = ipvs_msg_new(s->family, IPVS_CMD_GET_DEST, NLM_F_DUMP);
	if (r.msg)
		err = ipvs_put_service_key(r.msg, svc);
	if (!err)
		err = read_dests_first(s, &r);
	if (!err && s->dump_parts > 1) {
		err = merge_rereads(s, &again, &r);
		ipvs_dest_list_free(&r.read);
		r.read = r.merged;
	}
	nlmsg_free(r.msg);
	*out = r.read;
	if (err)
		out->len = 0;
	return err;
}

void ipvs_service_list_free(struct ipvs_service_list *l)
{
	free(l->svc);
	memset(l, 0, sizeof(*l));
}

void ipvs_dest_list_free(struct ipvs_dest_list *l)
{
	free(l->dest);
	memset(l, 0, sizeof(*l));
}
