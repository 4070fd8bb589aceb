/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -L -c: the connection table, read from /proc (the kernel has no netlink
 * dump of it), printed as the reference prints it or as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "print/conn_stream.h"
#include "print/list.h"
#include "print/list_fmt.h"
#include "print/print.h"
#include "print/resolve.h"

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
		pr_inet("client_address", NULL, c.af, &c.caddr);
		pr_uint("client_port", NULL, c.cport);
		pr_inet("virtual_address", NULL, c.af, &c.vaddr);
		pr_uint("virtual_port", NULL, c.vport);
		pr_inet("destination_address", NULL, c.daf, &c.daddr);
		pr_uint("destination_port", NULL, c.dport);
		if (c.pe_name[0])
			pr_string("pe_name", NULL, c.pe_name);
		if (c.pe_data[0])
			pr_string("pe_data", NULL, c.pe_data);
	}
	pr_nl();
	pr_close_object();
}

int list_connections(unsigned int format)
{
	struct conn_stream cs;
	char piece[CONN_PIECE_LEN];

	if (conn_stream_open(&cs, CONN_PROC_FILE)) {
		pr_error("cannot open file %s\n", CONN_PROC_FILE);
		return 1;
	}
	if (!conn_stream_next(&cs, piece)) {
		conn_stream_close(&cs);
		pr_error("unexpected input from %s\n", CONN_PROC_FILE);
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
	while (conn_stream_next(&cs, piece))
		print_conn(piece, format);
	pr_close_array();
	pr_close_object();
	conn_stream_close(&cs);
	return pr_flush() ? 1 : 0;
}
