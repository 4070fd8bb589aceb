/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The listings: -L/-l with every option, -S, -c, --timeout, --daemon.
 * Output goes through the printer (cli/print.h); errors to stderr with
 * the reference's words and exit status.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/addr.h"
#include "cli/cmd.h"
#include "cli/list.h"
#include "cli/list_fmt.h"
#include "cli/print.h"
#include "cli/resolve.h"

#define CONN_PROC_FILE "/proc/net/ip_vs_conn"

static void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void err_msg(const char *fmt, ...)
{
	va_list ap;

	pr_flush();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* ---- sorting: the reference's order, quirks included ----
 * Differences are taken as unsigned and read back as int, so values
 * more than 2^31 apart compare "the wrong way"; qsort on the dump order
 * with the same comparison gives the reference's order. */
static int addr_cmp(int af, const union ipvs_addr *a, const union ipvs_addr *b)
{
	int r = 0, i;

	if (af == AF_INET6) {
		for (i = 0; !r && i < 4; i++)
			r = (int)(ntohl(a->word[i]) - ntohl(b->word[i]));
	} else {
		r = (int)(ntohl(a->v4.s_addr) - ntohl(b->v4.s_addr));
	}
	return r;
}

static int svc_cmp(const void *pa, const void *pb)
{
	const struct ipvs_service *a = pa, *b = pb;
	int r;

	r = (int)(a->fwmark - b->fwmark);
	if (r)
		return r;
	r = (int)a->af - (int)b->af;
	if (r)
		return r;
	r = (int)a->protocol - (int)b->protocol;
	if (r)
		return r;
	r = addr_cmp(a->af, &a->addr, &b->addr);
	if (r)
		return r;
	return (int)a->port - (int)b->port;
}

static int dest_cmp(const void *pa, const void *pb)
{
	const struct ipvs_dest *a = pa, *b = pb;
	int r;

	r = addr_cmp(a->af, &a->addr, &b->addr);
	if (r)
		return r;
	return (int)a->port - (int)b->port;
}

/* ---- titles ---- */
static void print_version(struct ipvs_sock *s)
{
	struct ipvs_info info;

	memset(&info, 0, sizeof(info));
	if (ipvs_get_info(s, &info))
		return;
	pr_text("IP Virtual Server version %d.%d.%d (size=%d)\n",
		(int)(info.version >> 16) & 0xff, (int)(info.version >> 8) & 0xff,
		(int)info.version & 0xff, (int)info.conn_tab_size);
	if (pr_is_json()) {
		char v[32];

		snprintf(v, sizeof(v), "%d.%d.%d", (int)(info.version >> 16) & 0xff,
			 (int)(info.version >> 8) & 0xff, (int)info.version & 0xff);
		pr_string("version", NULL, v);
		pr_uint("conn_tab_size", NULL, info.conn_tab_size);
	}
}

/* ---- JSON-only members (no-ops in text form) ---- */
static void json_addr(const char *key, int af, const union ipvs_addr *addr)
{
	char a[INET6_ADDRSTRLEN];

	if (!inet_ntop(af, addr, a, sizeof(a)))
		a[0] = '\0';
	pr_string(key, NULL, a);
}

/* Exact counters, whatever --exact says: "stats" with --stats, "rate"
 * with --rate. */
static void json_stats(const struct ipvs_stats *st, unsigned int format)
{
	if (format & FMT_STATS) {
		pr_open_object("stats");
		pr_u64("conns", NULL, st->conns);
		pr_u64("inpkts", NULL, st->inpkts);
		pr_u64("outpkts", NULL, st->outpkts);
		pr_u64("inbytes", NULL, st->inbytes);
		pr_u64("outbytes", NULL, st->outbytes);
		pr_close_object();
	}
	if (format & FMT_RATE) {
		pr_open_object("rate");
		pr_u64("cps", NULL, st->cps);
		pr_u64("inpps", NULL, st->inpps);
		pr_u64("outpps", NULL, st->outpps);
		pr_u64("inbps", NULL, st->inbps);
		pr_u64("outbps", NULL, st->outbps);
		pr_close_object();
	}
}

/* What names the service, then the rest after the text form's values. */
static void json_service_key(const struct ipvs_service *se)
{
	if (!pr_is_json())
		return;
	pr_string("af", NULL, se->af == AF_INET6 ? "inet6" : "inet");
	if (se->fwmark) {
		pr_uint("fwmark", NULL, se->fwmark);
	} else {
		pr_string("protocol", NULL, proto_name(se->protocol));
		json_addr("address", se->af, &se->addr);
		pr_uint("port", NULL, se->port);
	}
}

static void json_service(const struct ipvs_service *se, const char *flags,
			 unsigned int format)
{
	char buf[64], *tok, *save = NULL;

	if (!pr_is_json())
		return;
	pr_open_array("sched_flags");
	snprintf(buf, sizeof(buf), "%s", flags);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		pr_string(NULL, NULL, tok);
	pr_close_array();
	pr_bool("persistent", NULL, !!(se->flags & IP_VS_SVC_F_PERSISTENT));
	if (se->flags & IP_VS_SVC_F_PERSISTENT)
		pr_uint("timeout", NULL, se->timeout);
	if (se->af == AF_INET6) {
		pr_uint("prefix", NULL, se->netmask);
	} else {
		struct in_addr m = { .s_addr = se->netmask };
		char mb[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &m, mb, sizeof(mb));
		pr_string("netmask", NULL, mb);
	}
	if (se->pe_name[0])
		pr_string("pe", NULL, se->pe_name);
	json_stats(&se->stats, format);
}

static void json_dest_key(const struct ipvs_dest *e)
{
	if (!pr_is_json())
		return;
	pr_string("af", NULL, e->af == AF_INET6 ? "inet6" : "inet");
	json_addr("address", e->af, &e->addr);
	pr_uint("port", NULL, e->port);
}

static void json_dest(const struct ipvs_dest *e, unsigned int format)
{
	if (!pr_is_json())
		return;
	pr_uint("u_threshold", NULL, e->u_threshold);
	pr_uint("l_threshold", NULL, e->l_threshold);
	pr_uint("persist_conns", NULL, e->persist_conns);
	if ((e->conn_flags & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL) {
		pr_string("tun_type", NULL, tun_type_name(e->tun_type));
		if (e->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
			pr_uint("tun_port", NULL, e->tun_port);
		if (e->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP)
			pr_string("tun_csum", NULL,
				  tun_csum_switch(e->tun_flags) + strlen("--tun-"));
	}
	json_stats(&e->stats, format);
}

static void print_title(unsigned int format)
{
	if (format & FMT_STATS)
		pr_text("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "Conns", "InPkts", "OutPkts",
			"InBytes", "OutBytes");
	else if (format & FMT_RATE)
		pr_text("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "CPS", "InPPS", "OutPPS",
			"InBPS", "OutBPS");
	else if (format & FMT_THRESHOLDS)
		pr_text("%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "Uthreshold", "Lthreshold",
			"ActiveConn", "InActConn");
	else if (format & FMT_PERSISTENTCONN)
		pr_text("%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "Weight", "PersistConn",
			"ActiveConn", "InActConn");
	else if (format & FMT_TUN_INFO)
		pr_text("Prot LocalAddress:Port Scheduler Flags\n"
			"  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n");
	else if (!(format & FMT_RULE))
		pr_text("Prot LocalAddress:Port Scheduler Flags\n"
			"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
}

/* ---- one service and its real servers ---- */
static void print_num(const char *key, unsigned long long v, unsigned int format)
{
	char buf[48];

	fmt_largenum(buf, sizeof(buf), v, format);
	pr_string(key, "%s", buf);
}

static void print_stats(const struct ipvs_stats *st, unsigned int format)
{
	print_num("conns", st->conns, format);
	print_num("inpkts", st->inpkts, format);
	print_num("outpkts", st->outpkts, format);
	print_num("inbytes", st->inbytes, format);
	print_num("outbytes", st->outbytes, format);
}

static void print_svc_line(const struct ipvs_service *se, const char *name,
			   unsigned int format)
{
	/* In JSON, --stats and --rate add counters to the default form. */
	unsigned int form = format & FMT_JSON ?
		format & ~(unsigned int)(FMT_STATS | FMT_RATE) : format;
	char flags[64];

	fmt_sched_flags(flags, sizeof(flags), se->sched_name, se->flags);
	if (form & FMT_RULE) {
		pr_string("service", "-A %s", name);
		pr_string("scheduler", " -s %s", se->sched_name);
		if (se->flags & IP_VS_SVC_F_PERSISTENT) {
			pr_uint("persistent", " -p %u", se->timeout);
			if (se->af == AF_INET && se->netmask != 0xffffffffU) {
				struct in_addr m = { .s_addr = se->netmask };
				char mb[INET_ADDRSTRLEN];

				inet_ntop(AF_INET, &m, mb, sizeof(mb));
				pr_string("netmask", " -M %s", mb);
			}
			if (se->af == AF_INET6 && se->netmask != 128)
				pr_int("netmask", " -M %i", (int)se->netmask);
		}
		if (se->pe_name[0])
			pr_string("pe", " --pe %s", se->pe_name);
		if (se->flags & IP_VS_SVC_F_ONEPACKET)
			pr_text(" -o");
		if (svc_has_sched_flags(se->flags))
			pr_string("sched_flags", " -b %s", flags);
	} else if (form & FMT_STATS) {
		pr_string("service", "%-33s", name);
		print_stats(&se->stats, format);
	} else if (form & FMT_RATE) {
		pr_string("service", "%-33s", name);
		print_num("cps", se->stats.cps, format);
		print_num("inpps", se->stats.inpps, format);
		print_num("outpps", se->stats.outpps, format);
		print_num("inbps", se->stats.inbps, format);
		print_num("outbps", se->stats.outbps, format);
	} else {
		/* The text form of the JSON one: see json_service() too. */
		pr_text("%s", name);
		json_service_key(se);
		pr_string("scheduler", " %s", se->sched_name);
		if (svc_has_sched_flags(se->flags))
			pr_text(" (%s)", flags);
		if (se->flags & IP_VS_SVC_F_PERSISTENT) {
			pr_text(" persistent %u", se->timeout);
			if (se->af == AF_INET && se->netmask != 0xffffffffU) {
				struct in_addr m = { .s_addr = se->netmask };
				char mb[INET_ADDRSTRLEN];

				inet_ntop(AF_INET, &m, mb, sizeof(mb));
				pr_text(" mask %s", mb);
			}
			if (se->af == AF_INET6 && se->netmask != 128)
				pr_text(" mask %i", (int)se->netmask);
			if (se->pe_name[0])
				pr_text(" pe %s", se->pe_name);
		}
		pr_bool("ops", " ops", !!(se->flags & IP_VS_SVC_F_ONEPACKET));
		json_service(se, svc_has_sched_flags(se->flags) ? flags : "",
			     format);
	}
	pr_nl();
}

static void print_dest_line(const struct ipvs_dest *e, const char *svc_name,
			    const char *dname, unsigned int format)
{
	unsigned int form = format & FMT_JSON ?
		format & ~(unsigned int)(FMT_STATS | FMT_RATE) : format;
	char tun[64];

	if (form & FMT_RULE) {
		pr_string("service", "-a %s", svc_name);
		pr_string("server", " -r %s", dname);
		pr_string("forward", " %s", fwd_switch(e->conn_flags));
		pr_int("weight", " -w %d", e->weight);
		if ((e->conn_flags & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL) {
			switch (e->tun_type) {
			case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
				pr_string("tun_type", " --tun-type %s", "gue");
				pr_int("tun_port", " --tun-port %d", e->tun_port);
				pr_string("tun_csum", " %s", tun_csum_switch(e->tun_flags));
				break;
			case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
				pr_string("tun_type", " --tun-type %s", "gre");
				pr_string("tun_csum", " %s", tun_csum_switch(e->tun_flags));
				break;
			default:
				pr_string("tun_type", " --tun-type %s", "ipip");
				break;
			}
		}
		/* The reference leaves thresholds out, so its restores lost
		 * them; ours keeps them (only where set, so other lines stay
		 * byte-identical). */
		if (e->u_threshold)
			pr_uint("u_threshold", " -x %u", e->u_threshold);
		if (e->l_threshold)
			pr_uint("l_threshold", " -y %u", e->l_threshold);
	} else if (form & FMT_STATS) {
		pr_string("server", "  -> %-28s", dname);
		print_stats(&e->stats, format);
	} else if (form & FMT_RATE) {
		pr_string("server", "  -> %-28s", dname);
		pr_u64("cps", " %8llu", e->stats.cps);
		pr_u64("inpps", " %8llu", e->stats.inpps);
		pr_u64("outpps", " %8llu", e->stats.outpps);
		print_num("inbps", e->stats.inbps, format);
		print_num("outbps", e->stats.outbps, format);
	} else if (form & FMT_THRESHOLDS) {
		pr_string("server", "  -> %-28s", dname);
		pr_uint("u_threshold", " %-10u", e->u_threshold);
		pr_uint("l_threshold", " %-10u", e->l_threshold);
		pr_uint("active_conns", " %-10u", e->active_conns);
		pr_uint("inact_conns", " %-10u", e->inact_conns);
	} else if (form & FMT_PERSISTENTCONN) {
		pr_string("server", "  -> %-28s", dname);
		pr_uint("weight", " %-9u", (unsigned int)e->weight);
		pr_uint("persist_conns", " %-11u", e->persist_conns);
		pr_uint("active_conns", " %-10u", e->active_conns);
		pr_uint("inact_conns", " %-10u", e->inact_conns);
	} else {
		/* The text form of the JSON one: see json_dest() too. */
		pr_text("  -> %-28s", dname);
		json_dest_key(e);
		pr_string("forward", " %-7s", fwd_name(e->conn_flags));
		if (form & FMT_TUN_INFO) {
			fmt_tun_info(tun, sizeof(tun), e);
			pr_text(" %-13s", tun);
		}
		pr_int("weight", " %-6d", e->weight);
		pr_uint("active_conns", " %-10u", e->active_conns);
		pr_uint("inact_conns", " %-10u", e->inact_conns);
		json_dest(e, format);
	}
	pr_nl();
}

void list_sort_services(struct ipvs_service_list *sl)
{
	if (sl->len > 1)
		qsort(sl->svc, sl->len, sizeof(sl->svc[0]), svc_cmp);
}

void list_sort_dests(struct ipvs_dest_list *dl)
{
	if (dl->len > 1)
		qsort(dl->dest, dl->len, sizeof(dl->dest[0]), dest_cmp);
}

void list_print_service(const struct ipvs_service *se, struct ipvs_dest_list *dl,
			unsigned int format, const struct list_hooks *hooks)
{
	char svc_name[1024], vname[ADDRPORT_LEN], dname[ADDRPORT_LEN];
	size_t i;

	/* JSON has one form with every field: the default listing's lines
	 * plus the JSON-only members (counters with --stats and --rate). */
	if (format & FMT_JSON)
		format &= ~(unsigned int)(FMT_THRESHOLDS | FMT_PERSISTENTCONN |
					  FMT_TUN_INFO | FMT_RULE);
	if (format & FMT_JSON)
		format |= FMT_NUMERIC;	/* JSON addresses are numeric */

	if (!(format & FMT_NOSORT))
		list_sort_dests(dl);

	if (se->fwmark) {
		if (format & FMT_RULE)
			/* Deliberately unsigned (the reference uses %d): a
			 * saved fwmark above 2^31 must restore as itself. */
			snprintf(svc_name, sizeof(svc_name),
				 se->af == AF_INET6 ? "-f %u -6" : "-f %u",
				 se->fwmark);
		else
			snprintf(svc_name, sizeof(svc_name),
				 se->af == AF_INET6 ? "FWM  %d IPv6" : "FWM  %d",
				 (int)se->fwmark);
	} else {
		fmt_addrport(vname, sizeof(vname), se->af, &se->addr, se->port,
			     se->protocol, format);
		if (format & FMT_RULE) {
			snprintf(svc_name, sizeof(svc_name), "%s %s",
				 proto_switch(se->protocol), vname);
		} else {
			snprintf(svc_name, sizeof(svc_name), "%-4s %s",
				 proto_name(se->protocol), vname);
			if (se->af != AF_INET6)
				svc_name[33] = '\0';
		}
	}

	pr_open_object(NULL);
	print_svc_line(se, svc_name, format);
	if (hooks && hooks->service)
		hooks->service(hooks->arg, se);
	pr_open_array("servers");
	for (i = 0; i < dl->len; i++) {
		const struct ipvs_dest *e = &dl->dest[i];

		fmt_addrport(dname, sizeof(dname), e->af, &e->addr, e->port,
			     se->protocol, format);
		if (!(format & FMT_RULE) && e->af != AF_INET6)
			dname[28] = '\0';
		pr_open_object(NULL);
		print_dest_line(e, svc_name, dname, format);
		if (hooks && hooks->dest)
			hooks->dest(hooks->arg, se, i);
		pr_close_object();
	}
	pr_close_array();
	pr_close_object();
}

/* Returns 0 or an exit status. */
static int print_service_entry(struct ipvs_sock *s, const struct ipvs_service *se,
			       unsigned int format)
{
	struct ipvs_dest_list dl = { 0 };
	int err;

	err = ipvs_dump_dests(s, se, &dl);
	if (err) {
		err_msg("%s\n", cmd_strerror(CMD_LIST, err));
		ipvs_dest_list_free(&dl);
		return 2;
	}
	list_print_service(se, &dl, format, NULL);
	ipvs_dest_list_free(&dl);
	return 0;
}

int list_all(struct ipvs_sock *s, unsigned int format)
{
	struct ipvs_service_list sl = { 0 };
	size_t i;
	int err, rc = 0;

	pr_open_object(NULL);		/* the JSON document */
	if (!(format & FMT_RULE)) {
		print_version(s);
		print_title(format);
	}
	err = ipvs_dump_services(s, &sl);
	if (err) {
		err_msg("%s\n", cmd_strerror(CMD_LIST, err));
		ipvs_service_list_free(&sl);
		pr_flush();
		return 2;
	}
	if (!(format & FMT_NOSORT))
		list_sort_services(&sl);
	pr_open_array("services");
	for (i = 0; i < sl.len && !rc; i++)
		rc = print_service_entry(s, &sl.svc[i], format);
	pr_close_array();
	if (!rc)
		pr_close_object();
	ipvs_service_list_free(&sl);
	if (pr_flush() && !rc)
		rc = 1;
	return rc;
}

int list_service(struct ipvs_sock *s, const struct ipvs_service *key,
		 unsigned int format)
{
	struct ipvs_service se;
	int err, rc;

	memset(&se, 0, sizeof(se));
	err = ipvs_get_service(s, key, &se);
	if (err) {
		err_msg("%s\n", cmd_strerror(CMD_LIST, err));
		return 1;
	}
	/* One service: the title, but not the version line. */
	pr_open_object(NULL);
	if (!(format & FMT_RULE))
		print_title(format);
	pr_open_array("services");
	rc = print_service_entry(s, &se, format);
	pr_close_array();
	if (!rc)
		pr_close_object();
	if (pr_flush() && !rc)
		rc = 1;
	return rc;
}

/* ---- -c ---- */
static void print_conn(const char *line, unsigned int format)
{
	struct conn_line c;
	char cname[ADDRPORT_LEN], vname[ADDRPORT_LEN], dname[ADDRPORT_LEN];
	char expire[16];

	if (conn_parse_line(line, &c)) {
		pr_flush();
		exit(1);
	}
	fmt_addrport(cname, sizeof(cname), c.af, &c.caddr, c.cport, c.proto, format);
	fmt_addrport(vname, sizeof(vname), c.af, &c.vaddr, c.vport, c.proto, format);
	fmt_addrport(dname, sizeof(dname), c.daf, &c.daddr, c.dport, c.proto, format);
	fmt_expire(expire, sizeof(expire), c.expires);

	pr_open_object(NULL);
	pr_string("protocol", "%-3s", c.protocol);
	pr_text(" %-6s", expire);
	pr_int("expire", NULL, c.expires);
	pr_string("state", " %-11s", c.state);
	pr_text(" %-18s", cname);
	pr_text(" %-18s", vname);
	/* Like the reference, a connection without a persistence engine
	 * is printed without the pe columns even with --persistent-conn. */
	if ((format & FMT_PERSISTENTCONN) && c.pe_name[0]) {
		pr_text(" %-16s", dname);
		pr_text(" %-18s", c.pe_name);
		pr_text(" %s", c.pe_data);
	} else {
		pr_text(" %s", dname);
	}
	if (pr_is_json()) {
		pr_string("af", NULL, c.af == AF_INET6 ? "inet6" : "inet");
		json_addr("client_address", c.af, &c.caddr);
		pr_uint("client_port", NULL, c.cport);
		json_addr("virtual_address", c.af, &c.vaddr);
		pr_uint("virtual_port", NULL, c.vport);
		json_addr("destination_address", c.daf, &c.daddr);
		pr_uint("destination_port", NULL, c.dport);
		if (c.pe_name[0])
			pr_string("pe_name", NULL, c.pe_name);
		if (c.pe_data[0])
			pr_string("pe_data", NULL, c.pe_data);
	}
	pr_nl();
	pr_close_object();
}

/* Read all of fd (large reads); returns a NUL-terminated buffer or NULL. */
static char *read_all(int fd, size_t *lenp)
{
	size_t cap = 256 * 1024, len = 0;
	char *buf = malloc(cap + 1);

	if (!buf)
		return NULL;
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *nb = realloc(buf, cap * 2 + 1);

			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/* The next piece the reference's fgets(buf, 256) would return: up to
 * and including a newline, at most 255 characters. */
static const char *next_piece(const char **pos, const char *end, char *out)
{
	const char *p = *pos;
	size_t n = 0;

	if (p >= end)
		return NULL;
	while (p < end && n < 255) {
		out[n++] = *p;
		if (*p++ == '\n')
			break;
	}
	out[n] = '\0';
	*pos = p;
	return out;
}

int list_connections(unsigned int format)
{
	char piece[256];
	const char *pos, *end;
	size_t len = 0;
	char *data;
	int fd;

	fd = open(CONN_PROC_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err_msg("cannot open file %s\n", CONN_PROC_FILE);
		return 1;
	}
	data = read_all(fd, &len);
	close(fd);
	if (!data)
		len = 0;
	pos = data ? data : "";
	end = pos + len;
	if (!next_piece(&pos, end, piece)) {
		free(data);
		err_msg("unexpected input from %s\n", CONN_PROC_FILE);
		return 1;
	}
	pr_open_object(NULL);
	pr_text("IPVS connection entries\n");
	if (format & FMT_PERSISTENTCONN)
		pr_text("pro expire %-11s %-18s %-18s %-18s %-16s %s\n",
			"state", "source", "virtual", "destination",
			"pe name", "pe_data");
	else
		pr_text("pro expire %-11s %-18s %-18s %s\n",
			"state", "source", "virtual", "destination");
	pr_open_array("connections");
	while (next_piece(&pos, end, piece))
		print_conn(piece, format);
	pr_close_array();
	pr_close_object();
	free(data);
	return pr_flush() ? 1 : 0;
}

/* ---- --timeout, --daemon ---- */
int list_timeouts(struct ipvs_sock *s)
{
	struct ipvs_timeouts t;
	int err;

	memset(&t, 0, sizeof(t));
	err = ipvs_get_timeouts(s, &t);
	if (err) {
		err_msg("%s\n", cmd_strerror(CMD_LIST, err));
		return 1;
	}
	pr_open_object(NULL);
	pr_open_object("timeouts");
	pr_text("Timeout (tcp tcpfin udp):");
	pr_int("tcp", " %d", t.tcp);
	pr_int("tcpfin", " %d", t.tcp_fin);
	pr_int("udp", " %d", t.udp);
	pr_nl();
	pr_close_object();
	pr_close_object();
	return pr_flush() ? 1 : 0;
}

int list_daemons(struct ipvs_sock *s)
{
	struct ipvs_daemon d[2];
	int n, i;

	memset(d, 0, sizeof(d));
	n = ipvs_get_daemons(s, d);
	if (n < 0) {
		err_msg("%s\n", cmd_strerror(CMD_LIST, n));
		return 1;
	}
	pr_open_object(NULL);
	pr_open_array("daemons");
	for (i = 0; i < n; i++) {
		const struct ipvs_daemon *u = &d[i];
		char group[INET6_ADDRSTRLEN];
		const char *state;

		if (u->state & IP_VS_STATE_MASTER)
			state = "master";
		else if (u->state & IP_VS_STATE_BACKUP)
			state = "backup";
		else
			continue;
		pr_open_object(NULL);
		pr_string("state", "%s sync daemon", state);
		pr_string("mcast_ifn", " (mcast=%s", u->mcast_ifn);
		pr_int("syncid", ", syncid=%d", (int)u->syncid);
		if (u->sync_maxlen)
			pr_uint("maxlen", ", maxlen=%u", u->sync_maxlen);
		if (u->mcast_af &&
		    inet_ntop(u->mcast_af, &u->mcast_group, group, sizeof(group)))
			pr_string("group", ", group=%s", group);
		if (u->mcast_port)
			pr_uint("port", ", port=%u", u->mcast_port);
		if (u->mcast_ttl)
			pr_uint("ttl", ", ttl=%u", u->mcast_ttl);
		pr_text(")");
		pr_nl();
		pr_close_object();
	}
	pr_close_array();
	pr_close_object();
	return pr_flush() ? 1 : 0;
}
