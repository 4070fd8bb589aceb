/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A change as the rules line -R accepts (numeric, the -S form).
 */
#include <stdarg.h>
#include <string.h>
#include <arpa/inet.h>

#include "cli/addr.h"
#include "print/list_fmt.h"
#include "print/resolve.h"
#include "save_restore/apply_int.h"

/* Appends to buf like snprintf at its end; never overflows. */
static void __attribute__((format(printf, 3, 4)))
add(char *buf, size_t len, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, len - n, fmt, ap);
	va_end(ap);
}

static void fmt_service(char *buf, size_t len, const struct ipvs_service *svc)
{
	char a[ADDRPORT_LEN];

	if (svc->fwmark) {
		add(buf, len, " -f %u%s", svc->fwmark,
		    svc->af == AF_INET6 ? " -6" : "");
		return;
	}
	fmt_addrport(a, sizeof(a), svc->af, &svc->addr, svc->port,
		     svc->protocol, FMT_NUMERIC);
	add(buf, len, " %s %s", proto_switch(svc->protocol), a);
}

/* The -A/-E options, in the order and form of -S. */
static void fmt_svc_settings(char *buf, size_t len,
			     const struct ipvs_service *svc)
{
	char flags[64];

	add(buf, len, " -s %s", svc->sched_name);
	if (svc->flags & IP_VS_SVC_F_PERSISTENT) {
		add(buf, len, " -p %u", svc->timeout);
		if (svc->af == AF_INET && svc->netmask != 0xffffffffU) {
			struct in_addr m = { .s_addr = svc->netmask };
			char mb[INET_ADDRSTRLEN];

			inet_ntop(AF_INET, &m, mb, sizeof(mb));
			add(buf, len, " -M %s", mb);
		}
		if (svc->af == AF_INET6 && svc->netmask != 128)
			add(buf, len, " -M %u", svc->netmask);
	}
	if (svc->pe_name[0])
		add(buf, len, " --pe %s", svc->pe_name);
	if (svc->flags & IP_VS_SVC_F_ONEPACKET)
		add(buf, len, " -o");
	if (svc_has_sched_flags(svc->flags)) {
		fmt_sched_flags(flags, sizeof(flags), svc->sched_name, svc->flags);
		add(buf, len, " -b %s", flags);
	}
}

/* The -a/-e options, in the order and form of -S. */
static void fmt_dest_settings(char *buf, size_t len, const struct ipvs_dest *d)
{
	add(buf, len, " %s -w %d", fwd_switch(d->conn_flags), d->weight);
	if ((d->conn_flags & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL) {
		add(buf, len, " --tun-type %s", tun_type_name(d->tun_type));
		if (d->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
			add(buf, len, " --tun-port %u", d->tun_port);
		if (d->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP)
			add(buf, len, " %s", tun_csum_switch(d->tun_flags));
	}
	if (d->u_threshold)
		add(buf, len, " -x %u", d->u_threshold);
	if (d->l_threshold)
		add(buf, len, " -y %u", d->l_threshold);
}

static void fmt_daemon(char *buf, size_t len, const struct ipvs_cmdline *cl)
{
	const struct ipvs_daemon *d = &cl->daemon;
	char group[INET6_ADDRSTRLEN];

	add(buf, len, "%s %s", cl->cmd == CMD_STARTDAEMON ? "--start-daemon"
			: "--stop-daemon",
	    d->state == IP_VS_STATE_BACKUP ? "backup" : "master");
	if (cl->cmd == CMD_STOPDAEMON)
		return;
	add(buf, len, " --mcast-interface %s --syncid %u", d->mcast_ifn, d->syncid);
	if (d->sync_maxlen)
		add(buf, len, " --sync-maxlen %u", d->sync_maxlen);
	if (d->mcast_af && inet_ntop(d->mcast_af, &d->mcast_group, group,
				     sizeof(group)))
		add(buf, len, " --mcast-group %s", group);
	if (d->mcast_port)
		add(buf, len, " --mcast-port %u", d->mcast_port);
	if (d->mcast_ttl)
		add(buf, len, " --mcast-ttl %u", d->mcast_ttl);
}

void apply_format(char *buf, size_t len, const struct ipvs_cmdline *cl)
{
	static const char *const letter[] = {
		[CMD_ADD] = "-A", [CMD_EDIT] = "-E", [CMD_DEL] = "-D",
		[CMD_ADDDEST] = "-a", [CMD_EDITDEST] = "-e", [CMD_DELDEST] = "-d",
	};
	char a[ADDRPORT_LEN];

	buf[0] = '\0';
	switch (cl->cmd) {
	case CMD_TIMEOUT:
		add(buf, len, "--set %d %d %d", cl->timeouts.tcp,
		    cl->timeouts.tcp_fin, cl->timeouts.udp);
		return;
	case CMD_STARTDAEMON: case CMD_STOPDAEMON:
		fmt_daemon(buf, len, cl);
		return;
	case CMD_ADD: case CMD_EDIT: case CMD_DEL:
	case CMD_ADDDEST: case CMD_EDITDEST: case CMD_DELDEST:
		break;
	default:
		return;
	}
	add(buf, len, "%s", letter[cl->cmd]);
	fmt_service(buf, len, &cl->svc);
	if (cl->cmd == CMD_ADD || cl->cmd == CMD_EDIT)
		fmt_svc_settings(buf, len, &cl->svc);
	if (cl->cmd != CMD_ADDDEST && cl->cmd != CMD_EDITDEST &&
	    cl->cmd != CMD_DELDEST)
		return;
	fmt_addrport(a, sizeof(a), cl->dest.af, &cl->dest.addr, cl->dest.port,
		     cl->svc.protocol, FMT_NUMERIC);
	add(buf, len, " -r %s", a);
	if (cl->cmd != CMD_DELDEST)
		fmt_dest_settings(buf, len, &cl->dest);
}
