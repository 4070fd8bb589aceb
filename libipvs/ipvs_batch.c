/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Batches: many requests per sendmsg(), each with its own sequence
 * number; only the last of each datagram asks for an ack (NLM_F_ACK), the
 * others answer only when they fail.  The kernel runs every request of a
 * datagram and queues those answers before sendmsg() returns, so the
 * number of unacknowledged requests is kept below what the receive buffer
 * holds: an overflowing buffer would drop answers (ENOBUFS) and leave us
 * unable to tell which requests took effect.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>

#include "ipvs.h"
#include "ipvs_int.h"

#define WINDOW_MAX	256		/* requests awaiting their ack */
#define WINDOW_MIN	8
#define ACK_COST	2048		/* receive buffer use of one ack skb */
#define CHUNK_BYTES	(16 << 10)	/* well below any send buffer */
#define CHUNK_MSGS	64		/* iovec entries per sendmsg */

struct batch_req {
	struct nl_msg *msg;
	unsigned long cookie;
	bool done;
};

struct ipvs_batch {
	struct ipvs_sock *s;
	struct batch_req *req;
	size_t len, cap;
};

/* Progress of one flush. */
struct flight {
	uint32_t seq0;		/* sequence number of req[0] */
	size_t sent, acked, failed;
	ipvs_batch_err_fn on_err;
	void *arg;
};

struct ipvs_batch *ipvs_batch_new(struct ipvs_sock *s)
{
	struct ipvs_batch *b = calloc(1, sizeof(*b));

	if (b)
		b->s = s;
	return b;
}

int ipvs_batch_add(struct ipvs_batch *b, struct nl_msg *msg,
		   unsigned long cookie)
{
	struct batch_req *p;

	/* Dumps answer with data, not one ack: they cannot be batched. */
	if (!msg || (nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP) {
		nlmsg_free(msg);
		return -EINVAL;
	}
	if (b->len == b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 64;

		p = reallocarray(b->req, ncap, sizeof(*p));
		if (!p) {
			nlmsg_free(msg);
			return -ENOMEM;
		}
		b->req = p;
		b->cap = ncap;
	}
	b->req[b->len++] = (struct batch_req){ msg, cookie, false };
	return 0;
}

static void drop_queue(struct ipvs_batch *b)
{
	for (size_t i = 0; i < b->len; i++)
		nlmsg_free(b->req[i].msg);
	b->len = 0;
}

void ipvs_batch_free(struct ipvs_batch *b)
{
	if (!b)
		return;
	drop_queue(b);
	free(b->req);
	free(b);
}

/* Scale the window to the receive buffer the kernel actually granted. */
static size_t window_size(int fd)
{
	int rcvbuf = 0;
	socklen_t len = sizeof(rcvbuf);
	size_t w;

	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &len) < 0 ||
	    rcvbuf <= 0)
		return WINDOW_MIN;
	w = (size_t)rcvbuf / ACK_COST;
	return w < WINDOW_MIN ? WINDOW_MIN : w > WINDOW_MAX ? WINDOW_MAX : w;
}

/* Send the next requests, as many as fit one datagram and the window. */
static int send_chunk(struct ipvs_batch *b, struct flight *f, size_t limit)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct iovec iov[CHUNK_MSGS];
	struct msghdr mh = { .msg_name = &kernel, .msg_namelen = sizeof(kernel),
			     .msg_iov = iov };
	size_t bytes = 0;
	ssize_t n;

	if (f->sent >= limit)
		return 0;
	while (f->sent + mh.msg_iovlen < limit && mh.msg_iovlen < CHUNK_MSGS) {
		struct nlmsghdr *nlh = nlmsg_hdr(b->req[f->sent + mh.msg_iovlen].msg);

		if (mh.msg_iovlen && bytes + nlh->nlmsg_len > CHUNK_BYTES)
			break;
		iov[mh.msg_iovlen++] = (struct iovec){ nlh, nlh->nlmsg_len };
		bytes += nlh->nlmsg_len;
	}
	/* Only the last request asks for an ack; the others answer only
	 * when they fail.  11,000 acks cost the kernel and us more than the
	 * requests' own parsing. */
	((struct nlmsghdr *)iov[mh.msg_iovlen - 1].iov_base)->nlmsg_flags |= NLM_F_ACK;
	do
		n = sendmsg(b->s->main.fd, &mh, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	f->sent += mh.msg_iovlen;
	return 0;
}

/*
 * An NLMSG_ERROR for request i: its failure (a non-zero error), or the
 * ack asked of the last request of a datagram (NLM_F_ACK), which tells
 * that every request up to it ran: the kernel runs a datagram's requests
 * in order and queues an error for each that failed before the ack.
 */
static void handle_ack(struct ipvs_batch *b, struct flight *f,
		       const struct nlmsghdr *nlh)
{
	char extack[IPVS_EXTACK_MAX];
	uint32_t i = nlh->nlmsg_seq - f->seq0;	/* wraps like the numbers */
	int err;

	if (nlh->nlmsg_type != NLMSG_ERROR || i >= f->sent)
		return;		/* not ours: a leftover of another request */
	err = ipvs_parse_ack(nlh, extack, sizeof(extack));
	if (err && !b->req[i].done) {
		f->failed++;
		if (f->on_err)
			f->on_err(f->arg, b->req[i].cookie, err,
				  extack[0] ? extack : NULL);
	}
	b->req[i].done = true;
	if (!(nlmsg_hdr(b->req[i].msg)->nlmsg_flags & NLM_F_ACK))
		return;
	for (; f->acked <= i; f->acked++)
		b->req[f->acked].done = true;
}

/* A part of the receive buffer per ack: an ack is under 1 KiB (capped,
 * or echoing a request of at most 512 bytes), so none is cut. */
#define ACK_SLOT	2048
#define ACK_SLOTS	(RECV_BUF_SIZE / ACK_SLOT)

/* Every ack waiting on the socket in one system call (recvmmsg), at least
 * one: a datagram per request makes single reads the restore's cost. */
static int read_acks(struct ipvs_batch *b, struct flight *f)
{
	struct sockaddr_nl from[ACK_SLOTS];
	struct iovec iov[ACK_SLOTS];
	struct mmsghdr mm[ACK_SLOTS];
	int n;

	if (ipvs_recv_buf(b->s))
		return -ENOMEM;
	for (int i = 0; i < ACK_SLOTS; i++) {
		iov[i] = (struct iovec){ (char *)b->s->main.buf + i * ACK_SLOT, ACK_SLOT };
		mm[i] = (struct mmsghdr){ .msg_hdr = {
			.msg_name = &from[i], .msg_namelen = sizeof(from[i]),
			.msg_iov = &iov[i], .msg_iovlen = 1 } };
	}
	do
		n = recvmmsg(b->s->main.fd, mm, ACK_SLOTS, MSG_WAITFORONE, NULL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	for (int i = 0; i < n; i++) {
		int left = (int)mm[i].msg_len;

		if (mm[i].msg_hdr.msg_flags & MSG_TRUNC)
			return -EMSGSIZE;
		if (mm[i].msg_hdr.msg_namelen < sizeof(from[i]) || from[i].nl_pid)
			continue;	/* only the kernel answers */
		for (struct nlmsghdr *nlh = iov[i].iov_base; nlmsg_ok(nlh, left);
		     nlh = nlmsg_next(nlh, &left))
			handle_ack(b, f, nlh);
	}
	return 0;
}

/* After a socket error the fate of unacknowledged requests is unknown:
 * report each of them with that error. */
static void report_unacked(struct ipvs_batch *b, struct flight *f, int err)
{
	for (size_t i = 0; i < b->len; i++)
		if (!b->req[i].done && f->on_err)
			f->on_err(f->arg, b->req[i].cookie, err, NULL);
}

static int run(struct ipvs_batch *b, struct flight *f)
{
	size_t window = window_size(b->s->main.fd);
	int err = 0;

	while (!err && f->acked < b->len) {
		if (f->sent < b->len && f->sent - f->acked < window)
			err = send_chunk(b, f, f->acked + window < b->len ?
					 f->acked + window : b->len);
		else
			err = read_acks(b, f);
	}
	return err;
}

int ipvs_batch_flush(struct ipvs_batch *b, ipvs_batch_err_fn on_err, void *arg)
{
	struct flight f = { .on_err = on_err, .arg = arg };
	int err;

	for (size_t i = 0; i < b->len; i++) {
		uint32_t seq;

		nlmsg_hdr(b->req[i].msg)->nlmsg_flags &= (uint16_t)~NLM_F_ACK;
		seq = ipvs_stamp(b->s, nlmsg_hdr(b->req[i].msg), 0);

		if (i == 0)
			f.seq0 = seq;
	}
	b->s->extack[0] = '\0';
	err = run(b, &f);
	if (err)
		report_unacked(b, &f, err);
	drop_queue(b);
	return err ? err : (int)f.failed;
}
