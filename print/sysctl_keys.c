/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The table of the IPVS settings (see sysctl_keys.h).  Defaults were
 * checked on Debian's 5.10, 6.1 and 6.12 kernels (tests/bats/47-sysctl.bats
 * compares them with a fresh namespace).  Ranges are what the kernel's
 * handlers accept, or where a handler takes any integer, the values its
 * documentation gives a meaning.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/sysctl_keys.h"

/* INT_MAX jiffies at HZ 1000: the largest number of seconds every kernel
 * configuration takes. */
#define MAX_SECONDS 2147483L

#define BOOL(name, dflt, since, meaning) \
	{ name, SYSCTL_BOOL, 0, 1, dflt, since, meaning }

static const struct sysctl_key keys[] = {
	{ "am_droprate", SYSCTL_INT, 0, INT_MAX, "10", NULL,
	  "drop rate (1 in N) of drop_packet's mode 3 when memory is short" },
	{ "amemthresh", SYSCTL_INT, 0, INT_MAX, "1024", NULL,
	  "free memory (pages) below which the defence modes turn on" },
	BOOL("backup_only", "0", NULL,
	     "1: a backup sync daemon disables the director's load balancing"),
	BOOL("cache_bypass", "0", NULL,
	     "1: with no server available, send the packet to its destination"),
	{ "conn_reuse_mode", SYSCTL_INT, 0, 3, "1", NULL,
	  "how a new connection on a reused client port is rescheduled (bits 1, 2)" },
	BOOL("conntrack", "0", NULL,
	     "1: keep netfilter connection tracking for IPVS connections"),
	{ "debug_level", SYSCTL_INT, 0, 12, "0", NULL,
	  "debug messages (0 none to 12 all); kernels built with IP_VS_DEBUG" },
	{ "drop_entry", SYSCTL_INT, 0, 3, "0", NULL,
	  "defence: drop connection entries at random (0 off, 1-2 auto, 3 on)" },
	{ "drop_packet", SYSCTL_INT, 0, 3, "0", NULL,
	  "defence: drop packets at rate 1/am_droprate (0 off, 1-2 auto, 3 on)" },
	{ "est_cpulist", SYSCTL_CPULIST, 0, 0, NULL, "6.2",
	  "CPUs the rate estimator kthreads may run on (default: housekeeping CPUs)" },
	{ "est_nice", SYSCTL_INT, -20, 19, "0", "6.2",
	  "nice value of the rate estimator kthreads" },
	BOOL("expire_nodest_conn", "0", NULL,
	     "1: a packet for a deleted server expires its connection at once"),
	BOOL("expire_quiescent_template", "0", NULL,
	     "1: a persistence template of a weight-0 server expires on its next use"),
	BOOL("ignore_tunneled", "0", NULL,
	     "1: leave tunnelled packets (ipip, gre) alone instead of scheduling them"),
	{ "lblc_expiration", SYSCTL_SECONDS, 0, MAX_SECONDS, "86400", NULL,
	  "seconds an unused lblc scheduler entry lives (with ip_vs_lblc)" },
	{ "lblcr_expiration", SYSCTL_SECONDS, 0, MAX_SECONDS, "86400", NULL,
	  "seconds an unused lblcr scheduler entry lives (with ip_vs_lblcr)" },
	BOOL("nat_icmp_send", "0", NULL,
	     "1: send ICMP errors for NAT packets of connections that do not exist"),
	BOOL("pmtu_disc", "1", NULL,
	     "1: path MTU discovery for tunnel servers (DF set, ICMP frag needed)"),
	BOOL("run_estimation", "1", "5.16",
	     "0: stop the rate estimators (--stats rates read 0)"),
	BOOL("schedule_icmp", "0", NULL,
	     "1: schedule ICMP packets that match no connection (sloppy mode)"),
	{ "secure_tcp", SYSCTL_INT, 0, 3, "0", NULL,
	  "defence: shorter TCP state timeouts (0 off, 1-2 auto, 3 on)" },
	BOOL("sloppy_sctp", "0", NULL,
	     "1: create SCTP connections from any packet, not only INIT"),
	BOOL("sloppy_tcp", "0", NULL,
	     "1: create TCP connections from any packet, not only SYN"),
	BOOL("snat_reroute", "1", NULL,
	     "1: route NAT replies again after their source is rewritten"),
	BOOL("sync_persist_mode", "0", NULL,
	     "1: sync only persistence templates, and connections of UDP"),
	{ "sync_ports", SYSCTL_POW2, 1, 65536, "1", NULL,
	  "sync threads (and UDP ports) of a sync daemon: a power of two" },
	{ "sync_qlen_max", SYSCTL_INT, 1, INT_MAX, NULL, NULL,
	  "most sync messages queued (default: 1/32 of the memory pages)" },
	{ "sync_refresh_period", SYSCTL_SECONDS, 0, MAX_SECONDS, "0", NULL,
	  "seconds between syncs of an unchanged connection (0: by threshold)" },
	{ "sync_retries", SYSCTL_INT, 0, 3, "0", NULL,
	  "resends of a sync message not acknowledged (sync_version 1)" },
	{ "sync_sock_size", SYSCTL_INT, 0, INT_MAX, "0", NULL,
	  "send/receive buffer of the sync sockets in bytes (0: the system's)" },
	{ "sync_threshold", SYSCTL_PAIR, 0, INT_MAX, "3 50", NULL,
	  "sync a connection after A packets, then every B packets" },
	{ "sync_version", SYSCTL_INT, 0, 1, "1", NULL,
	  "sync message format: 0 the old one, 1 with IPv6 and more" },
};

const struct sysctl_key *sysctl_key_table(size_t *len)
{
	*len = sizeof(keys) / sizeof(keys[0]);
	return keys;
}

const struct sysctl_key *sysctl_key_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

const char *sysctl_key_range(const struct sysctl_key *k, char *buf, size_t len)
{
	switch (k->type) {
	case SYSCTL_BOOL:
		snprintf(buf, len, "0 or 1");
		break;
	case SYSCTL_POW2:
		snprintf(buf, len, "a power of 2 from %ld to %ld", k->min, k->max);
		break;
	case SYSCTL_SECONDS:
		snprintf(buf, len, "seconds from %ld to %ld", k->min, k->max);
		break;
	case SYSCTL_PAIR:
		snprintf(buf, len, "two integers A B (or A,B), 0 <= A < B or B = 0");
		break;
	case SYSCTL_CPULIST:
		snprintf(buf, len, "a CPU list such as 0-3,6");
		break;
	default:
		snprintf(buf, len, "an integer from %ld to %ld", k->min, k->max);
	}
	return buf;
}

/* A whole decimal integer (optional sign) from min to max, or -1 in ok. */
static long whole_number(const char *text, long min, long max, int *ok)
{
	char *end;
	long n;

	*ok = 0;
	if (!*text || isspace((unsigned char)*text))
		return 0;
	errno = 0;
	n = strtol(text, &end, 10);
	if (errno || *end || n < min || n > max)
		return 0;
	*ok = 1;
	return n;
}

static int check_pair(const char *value, char *norm, size_t normlen)
{
	char a[32], b[32];
	size_t n = strcspn(value, " \t,");
	long x, y;
	int ok1, ok2;

	if (n == 0 || n >= sizeof(a) || !value[n] ||
	    strlen(value + n + 1) >= sizeof(b))
		return -1;
	memcpy(a, value, n);
	a[n] = '\0';
	strcpy(b, value + n + 1);
	x = whole_number(a, 0, INT_MAX, &ok1);
	y = whole_number(b, 0, INT_MAX, &ok2);
	if (!ok1 || !ok2 || (y && x >= y))
		return -1;
	snprintf(norm, normlen, "%ld %ld", x, y);
	return 0;
}

static int check_cpulist(const char *value)
{
	const char *p = value;

	if (!*value || strspn(value, "0123456789,-") != strlen(value))
		return -1;
	/* numbers joined by single '-' or ',' */
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p && !p[1])
			return -1;
		if (*p)
			p++;
	}
	return 0;
}

int sysctl_value_check(const struct sysctl_key *k, const char *value,
		       char *norm, size_t normlen, char *why, size_t whylen)
{
	char range[96];
	long n = 0;
	int ok = 0;

	if (strlen(value) >= normlen) {
		snprintf(why, whylen, "value too long");
		return -1;
	}
	switch (k->type) {
	case SYSCTL_PAIR:
		ok = !check_pair(value, norm, normlen);
		break;
	case SYSCTL_CPULIST:
		ok = !check_cpulist(value);
		if (ok)
			snprintf(norm, normlen, "%s", value);
		break;
	default:
		n = whole_number(value, k->min, k->max, &ok);
		if (ok && k->type == SYSCTL_POW2 && (n & (n - 1)))
			ok = 0;
		if (ok)
			snprintf(norm, normlen, "%ld", n);
	}
	if (ok)
		return 0;
	snprintf(why, whylen, "`%s' is not %s", value,
		 sysctl_key_range(k, range, sizeof(range)));
	return -1;
}

int sysctl_same_value(const char *a, const char *b)
{
	for (;;) {
		int sa = *a == ' ' || *a == '\t', sb = *b == ' ' || *b == '\t';

		if (sa != sb)
			return 0;
		if (sa) {
			a += strspn(a, " \t");
			b += strspn(b, " \t");
			continue;
		}
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
		a++;
		b++;
	}
}

int sysctl_is_default(const struct sysctl_key *k, const char *value)
{
	if (!k || !k->dflt)
		return -1;
	return sysctl_same_value(k->dflt, value);
}
