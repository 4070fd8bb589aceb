/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The table's listings: -L/-l of every service or one, in each form
 * (text, --stats, --rate, --thresholds, --persistent-conn, --tun-info,
 * JSON), and -S (rules).  Output goes through the printer (print.h);
 * errors to stderr with the reference's words and exit status.
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

#include "print/list.h"
#include "print/list_fmt.h"
#include "print/print.h"
#include "print/resolve.h"

const char *list_strerror(int err)
{
	if (err == ESRCH || err == -ESRCH)
		return "No such service";
	return ipvs_strerror(err);
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
		pr_inet("address", NULL, se->af, &se->addr);
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
	pr_inet("address", NULL, e->af, &e->addr);
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
		pr_error("%s\n", list_strerror(err));
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
		pr_error("%s\n", list_strerror(err));
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
		pr_error("%s\n", list_strerror(err));
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

