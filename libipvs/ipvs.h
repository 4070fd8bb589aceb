/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libipvs: the IPVS kernel interface over generic netlink (libnl-3).
 *
 * Its parts, one job each:
 *   ipvs_msg.c    pure request builders: struct in, netlink message out
 *   ipvs_decode.c pure reply decoders: netlink message in, struct out
 *   ipvs_sock.c   the process's socket: open once, resolve the family
 *                 once, send, receive acks and dumps (real-server dumps
 *                 on a second socket, read a page at a time)
 *   ipvs_merge.c  dumps that came in several parts, read again and merged
 *   ipvs_batch.c  many requests per sendmsg, acks matched by sequence
 *
 * All functions return 0 or a negative errno; none prints anything.
 * Ports are in host byte order here; the builders convert.
 */
#ifndef LIBIPVS_IPVS_H
#define LIBIPVS_IPVS_H

#include <stdint.h>
#include <stddef.h>
#include <netinet/in.h>
#include <linux/ip_vs.h>

struct nl_msg;
struct nlmsghdr;

union ipvs_addr {
	struct in_addr v4;
	struct in6_addr v6;
	uint32_t word[4];
};

struct ipvs_stats {
	uint64_t conns, inpkts, outpkts, inbytes, outbytes;
	uint64_t cps, inpps, outpps, inbps, outbps;
};

struct ipvs_service {
	uint16_t af;			/* AF_INET or AF_INET6 */
	uint16_t protocol;		/* IPPROTO_TCP/UDP/SCTP; 0 with fwmark */
	union ipvs_addr addr;
	uint16_t port;			/* host order */
	uint32_t fwmark;		/* non-zero: a firewall-mark service */
	char sched_name[IP_VS_SCHEDNAME_MAXLEN];
	char pe_name[IP_VS_PENAME_MAXLEN];
	uint32_t flags;			/* IP_VS_SVC_F_* */
	uint32_t timeout;		/* persistence timeout, seconds */
	uint32_t netmask;		/* IPv4: mask, network order; IPv6: prefix length */
	struct ipvs_stats stats;	/* filled by decoders only */
};

struct ipvs_dest {
	uint16_t af;			/* address family of addr */
	union ipvs_addr addr;
	uint16_t port;			/* host order */
	uint32_t conn_flags;		/* IP_VS_CONN_F_MASQ/TUNNEL/DROUTE/... */
	int32_t weight;
	uint32_t u_threshold, l_threshold;
	uint8_t tun_type;		/* IP_VS_CONN_F_TUNNEL_TYPE_* */
	uint16_t tun_port;		/* host order */
	uint16_t tun_flags;		/* IP_VS_TUNNEL_ENCAP_FLAG_* */
	/* filled by decoders only */
	uint32_t active_conns, inact_conns, persist_conns;
	struct ipvs_stats stats;
};

struct ipvs_timeouts {
	int32_t tcp, tcp_fin, udp;	/* seconds; 0 means "leave as is" */
};

struct ipvs_daemon {
	uint32_t state;			/* IP_VS_STATE_MASTER or _BACKUP */
	char mcast_ifn[IP_VS_IFNAME_MAXLEN];
	uint32_t syncid;
	uint16_t sync_maxlen;		/* 0: kernel default */
	uint16_t mcast_af;		/* 0: not set */
	union ipvs_addr mcast_group;
	uint16_t mcast_port;		/* 0: kernel default */
	uint8_t mcast_ttl;		/* 0: kernel default */
};

struct ipvs_info {
	uint32_t version;		/* e.g. 0x010201 */
	uint32_t conn_tab_size;
};

/* ---- request builders (ipvs_msg.c): no I/O, unit-testable ---- */

/* Allocate a generic netlink request for cmd on family id family. */
struct nl_msg *ipvs_msg_new(int family, uint8_t cmd, int nlm_flags);

/* The full service, for IPVS_CMD_NEW_SERVICE and IPVS_CMD_SET_SERVICE. */
int ipvs_put_service(struct nl_msg *msg, const struct ipvs_service *svc);
/* Only the identifying attributes (af + protocol/addr/port, or af + fwmark),
 * for DEL_SERVICE, GET_SERVICE, ZERO and every *_DEST command. */
int ipvs_put_service_key(struct nl_msg *msg, const struct ipvs_service *svc);
int ipvs_put_dest(struct nl_msg *msg, const struct ipvs_dest *dest);
int ipvs_put_daemon(struct nl_msg *msg, const struct ipvs_daemon *d);
int ipvs_put_timeouts(struct nl_msg *msg, const struct ipvs_timeouts *t);

/* ---- reply decoders (ipvs_decode.c): no I/O, unit-testable ----
 * Each takes one reply message and fills the struct; -EINVAL on a
 * message that lacks a required attribute or has a malformed one. */
int ipvs_decode_service(struct nlmsghdr *nlh, struct ipvs_service *svc);
int ipvs_decode_dest(struct nlmsghdr *nlh, struct ipvs_dest *dest);
int ipvs_decode_daemon(struct nlmsghdr *nlh, struct ipvs_daemon *d);
int ipvs_decode_timeouts(struct nlmsghdr *nlh, struct ipvs_timeouts *t);
int ipvs_decode_info(struct nlmsghdr *nlh, struct ipvs_info *info);

/* ---- the socket (ipvs_sock.c) ---- */

struct ipvs_sock;

/* Open the process's socket and resolve the IPVS family.  On failure
 * returns NULL and sets *err: -ENOPROTOOPT/-ENOENT when the kernel has
 * no IPVS family, other negative errnos otherwise. */
struct ipvs_sock *ipvs_open(int *err);
void ipvs_close(struct ipvs_sock *s);
int ipvs_family(const struct ipvs_sock *s);

/* Send msg (consumed; NULL gives -ENOMEM), wait for the ack; 0 or the
 * kernel's -errno.  The extended-ack text, if the kernel gave one, is kept
 * and returned by ipvs_last_extack() until the next request (NULL if none). */
int ipvs_exec(struct ipvs_sock *s, struct nl_msg *msg);
const char *ipvs_last_extack(const struct ipvs_sock *s);

/* Commands as single requests (each builds, execs, returns -errno). */
int ipvs_add_service(struct ipvs_sock *s, const struct ipvs_service *svc);
int ipvs_update_service(struct ipvs_sock *s, const struct ipvs_service *svc);
int ipvs_del_service(struct ipvs_sock *s, const struct ipvs_service *svc);
int ipvs_flush(struct ipvs_sock *s);
int ipvs_add_dest(struct ipvs_sock *s, const struct ipvs_service *svc,
		  const struct ipvs_dest *dest);
int ipvs_update_dest(struct ipvs_sock *s, const struct ipvs_service *svc,
		     const struct ipvs_dest *dest);
int ipvs_del_dest(struct ipvs_sock *s, const struct ipvs_service *svc,
		  const struct ipvs_dest *dest);
/* svc NULL: zero every counter. */
int ipvs_zero(struct ipvs_sock *s, const struct ipvs_service *svc);
int ipvs_set_timeouts(struct ipvs_sock *s, const struct ipvs_timeouts *t);
int ipvs_start_daemon(struct ipvs_sock *s, const struct ipvs_daemon *d);
int ipvs_stop_daemon(struct ipvs_sock *s, const struct ipvs_daemon *d);

/* Queries. */
int ipvs_get_info(struct ipvs_sock *s, struct ipvs_info *info);
int ipvs_get_timeouts(struct ipvs_sock *s, struct ipvs_timeouts *t);
/* Fill up to 2 entries; returns the number found (0..2) or -errno. */
int ipvs_get_daemons(struct ipvs_sock *s, struct ipvs_daemon out[2]);
/* Look up one service by its key (af, protocol, addr, port / fwmark). */
int ipvs_get_service(struct ipvs_sock *s, const struct ipvs_service *key,
		     struct ipvs_service *out);

/* Growing arrays filled by dumps; free with ipvs_*_list_free.  Pass a
 * zeroed list or one from an earlier dump: it is emptied first, and left
 * empty on error (a dump is never returned partially).  Dests whose family
 * the kernel does not report (before 3.18) get the service's family. */
struct ipvs_service_list {
	struct ipvs_service *svc;
	size_t len, cap;
};
struct ipvs_dest_list {
	struct ipvs_dest *dest;
	size_t len, cap;
};
int ipvs_dump_services(struct ipvs_sock *s, struct ipvs_service_list *out);
int ipvs_dump_dests(struct ipvs_sock *s, const struct ipvs_service *svc,
		    struct ipvs_dest_list *out);
void ipvs_service_list_free(struct ipvs_service_list *l);
void ipvs_dest_list_free(struct ipvs_dest_list *l);

/* ---- batches (ipvs_batch.c) ----
 * Queue many requests, send them in few sendmsg calls with a bounded
 * window of outstanding requests; each ack is matched back by sequence
 * number and reported with the cookie given at queue time. */
struct ipvs_batch;
typedef void (*ipvs_batch_err_fn)(void *arg, unsigned long cookie, int err,
				  const char *extack);
struct ipvs_batch *ipvs_batch_new(struct ipvs_sock *s);
/* Takes ownership of msg. */
int ipvs_batch_add(struct ipvs_batch *b, struct nl_msg *msg, unsigned long cookie);
/* Send all queued requests; calls on_err for each that failed.
 * Returns the number of failed requests, or -errno on a socket error. */
int ipvs_batch_flush(struct ipvs_batch *b, ipvs_batch_err_fn on_err, void *arg);
void ipvs_batch_free(struct ipvs_batch *b);

/* ---- error words (ipvs_strerror.c) ---- */

/* The words ipvsadm has always used for a kernel error that means the
 * same whatever the command (EPERM, EINVAL...), else strerror().  err may
 * be negative.  Commands that give an error a meaning of their own
 * (ESRCH: "No such service") look it up first. */
const char *ipvs_strerror(int err);


/* ---- the namespace's IPVS settings, net.ipv4.vs.* (ipvs_sysctl.c) ----
 * Files under /proc/sys/net/ipv4/vs of the calling process's network
 * namespace: they exist once ip_vs is loaded (ipvs_open()), and only the
 * keys this kernel has.  Values are text, as the kernel prints them, the
 * trailing newline removed.  Errors are -errno. */
#define IPVS_SYSCTL_NAME_LEN	40
#define IPVS_SYSCTL_VALUE_LEN	256
struct ipvs_sysctl {
	char name[IPVS_SYSCTL_NAME_LEN];
	char value[IPVS_SYSCTL_VALUE_LEN];
	int writable;			/* the file's mode lets root write it */
};
struct ipvs_sysctl_list {
	struct ipvs_sysctl *entry;	/* sorted by name */
	size_t len;
};
int ipvs_sysctl_read(const char *name, char *value, size_t len);
int ipvs_sysctl_write(const char *name, const char *value);
int ipvs_sysctl_dump(struct ipvs_sysctl_list *out);
void ipvs_sysctl_list_free(struct ipvs_sysctl_list *l);
/* Another folder than /proc/sys/net/ipv4/vs (the unit tests); NULL for
 * the real one. */
void ipvs_sysctl_set_dir(const char *dir);

#endif
