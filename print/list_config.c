/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -L --timeout and -L --daemon: the settings beside the table.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "print/list.h"
#include "print/print.h"

int list_timeouts(struct ipvs_sock *s)
{
	struct ipvs_timeouts t;
	int err;

	memset(&t, 0, sizeof(t));
	err = ipvs_get_timeouts(s, &t);
	if (err) {
		pr_error("%s\n", list_strerror(err));
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
		pr_error("%s\n", list_strerror(n));
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
