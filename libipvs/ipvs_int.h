/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libipvs internals shared by ipvs_sock.c and ipvs_batch.c; not part of
 * the API.  libnl opens the socket and resolves the family; requests and
 * replies then go over the raw fd, because libnl's receive path turns
 * the kernel's errno into an NLE_* code and loses it.
 */
#ifndef LIBIPVS_IPVS_INT_H
#define LIBIPVS_IPVS_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define IPVS_EXTACK_MAX 256
#define RECV_BUF_SIZE	(64 << 10)	/* s->main.buf: bigger than any datagram */

struct nl_sock;
struct nlmsghdr;

/* A raw netlink socket and the buffer its replies are read into. */
struct ipvs_line {
	int fd;
	void *buf;
	size_t buf_size;
	/* Give up a dump that does not come in one datagram. */
	bool one_part;
};

struct ipvs_sock {
	struct nl_sock *nl;
	int family;			/* generic netlink id of "IPVS" */
	uint32_t portid;
	/* libnl's socket; its buffer (RECV_BUF_SIZE) is allocated on first use */
	struct ipvs_line main;
	/* Real-server dumps, read a page at a time (see ipvs_sock.c);
	 * fd -1: not open yet, -2: not usable, use the main socket. */
	struct ipvs_line small;
	char extack[IPVS_EXTACK_MAX];	/* of the last request; "" if none */
	unsigned int dump_parts;	/* datagrams of the last dump's data */
};

/* ipvs_open() for any generic netlink family: lets the unit tests drive
 * the socket code through the always-present "nlctrl" family. */
struct ipvs_sock *ipvs_open_family(const char *name, int *err);

/* Give a request its port id, a fresh sequence number and the request
 * flags; returns the sequence number. */
uint32_t ipvs_stamp(struct ipvs_sock *s, struct nlmsghdr *nlh, int flags);

/* Allocate s->main.buf (RECV_BUF_SIZE bytes) if it is not there yet. */
int ipvs_recv_buf(struct ipvs_sock *s);

/* Receive one datagram from the kernel into s->main.buf.  Returns its length
 * or -errno (-ENOBUFS: replies were dropped). */
ssize_t ipvs_recv(struct ipvs_sock *s);

/* The errno of an NLMSG_ERROR (0 for an ack, -EINVAL if the message is
 * malformed); copies its extended-ack text, if any, into extack. */
int ipvs_parse_ack(const struct nlmsghdr *nlh, char *extack, size_t size);

struct ipvs_service_list;
struct ipvs_dest_list;

/* Merge a read of the service list, or of one service's real servers,
 * into merged (ipvs_merge.c): entries merged lacks go in after their
 * predecessor in read, duplicates are dropped.  *added counts the new
 * entries; *same is 1 when read held exactly merged's entries.  0 or
 * -ENOMEM. */
int ipvs_merge_services(struct ipvs_service_list *merged,
			const struct ipvs_service_list *read, size_t *added,
			int *same);
int ipvs_merge_dests(struct ipvs_dest_list *merged,
		     const struct ipvs_dest_list *read, size_t *added, int *same);

#endif
