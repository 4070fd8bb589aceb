/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -L -c: the connection table, read from /proc (the kernel has no netlink
 * dump of it), printed as the reference prints it or as JSON; with
 * --query, only the entries a query keeps, or their counts.  Every form
 * streams: one line in hand at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "print/conn_query.h"
#include "print/conn_stream.h"
#include "print/list.h"
#include "print/list_fmt.h"
#include "print/print.h"
#include "print/resolve.h"

/* JSON only: what the text form leaves to the columns. */
static void json_conn(const struct conn_line *c, int queried)
{
	pr_string("af", NULL, c->af == AF_INET6 ? "inet6" : "inet");
	pr_inet("client_address", NULL, c->af, &c->caddr);
	pr_uint("client_port", NULL, c->cport);
	pr_inet("virtual_address", NULL, c->af, &c->vaddr);
	pr_uint("virtual_port", NULL, c->vport);
	pr_inet("destination_address", NULL, c->daf, &c->daddr);
	pr_uint("destination_port", NULL, c->dport);
	if (c->pe_name[0])
		pr_string("pe_name", NULL, c->pe_name);
	if (c->pe_data[0])
		pr_string("pe_data", NULL, c->pe_data);
	if (queried)
		pr_bool("template", NULL, conn_is_template(c));
}

static void print_conn(const struct conn_line *c, unsigned int format,
		       int queried)
{
	char cname[ADDRPORT_LEN], vname[ADDRPORT_LEN], dname[ADDRPORT_LEN];
	char expire[16];

	fmt_addrport(cname, sizeof(cname), c->af, &c->caddr, c->cport, c->proto, format);
	fmt_addrport(vname, sizeof(vname), c->af, &c->vaddr, c->vport, c->proto, format);
	fmt_addrport(dname, sizeof(dname), c->daf, &c->daddr, c->dport, c->proto, format);
	fmt_expire(expire, sizeof(expire), c->expires);

	pr_open_object(NULL);
	pr_string("protocol", "%-3s", c->protocol);
	pr_text(" %-6s", expire);
	pr_int("expire", NULL, c->expires);
	pr_string("state", " %-11s", c->state);
	pr_text(" %-18s", cname);
	pr_text(" %-18s", vname);
	/* Like the reference, a connection without a persistence engine
	 * is printed without the pe columns even with --persistent-conn. */
	if ((format & FMT_PERSISTENTCONN) && c->pe_name[0]) {
		pr_text(" %-16s", dname);
		pr_text(" %-18s", c->pe_name);
		pr_text(" %s", c->pe_data);
	} else {
		pr_text(" %s", dname);
	}
	if (pr_is_json())
		json_conn(c, queried);
	pr_nl();
	pr_close_object();
}

/* Open the table and read its title line; returns 0 or an exit status. */
static int open_table(struct conn_stream *stream, char *piece)
{
	if (conn_stream_open(stream, CONN_PROC_FILE)) {
		pr_error("cannot open file %s\n", CONN_PROC_FILE);
		return 1;
	}
	if (!conn_stream_next(stream, piece)) {
		conn_stream_close(stream);
		pr_error("unexpected input from %s\n", CONN_PROC_FILE);
		return 1;
	}
	return 0;
}

/* A line the reference would stop at (nothing on it): status 1. */
static void parse_or_exit(const char *piece, struct conn_line *c)
{
	if (conn_parse_line(piece, c)) {
		pr_flush();
		exit(1);
	}
}

/* Static: the stream's buffer is too big for a stack frame. */
static struct conn_stream cs;

static int list_entries(unsigned int format, const struct conn_query *q)
{
	struct conn_line c;
	char piece[CONN_PIECE_LEN];
	int rc = open_table(&cs, piece);

	if (rc)
		return rc;
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
	while (conn_stream_next(&cs, piece)) {
		parse_or_exit(piece, &c);
		if (!q || conn_query_match(q, &c))
			print_conn(&c, format, q != NULL);
	}
	pr_close_array();
	pr_close_object();
	conn_stream_close(&cs);
	return pr_flush() ? 1 : 0;
}

int list_connections(unsigned int format)
{
	return list_entries(format, NULL);
}

static int count_entries(unsigned int format, const struct conn_query *q)
{
	struct conn_counts cc = { 0 };
	struct conn_line c;
	char piece[CONN_PIECE_LEN];
	int rc = open_table(&cs, piece);

	if (rc)
		return rc;
	while (!rc && conn_stream_next(&cs, piece)) {
		parse_or_exit(piece, &c);
		if (conn_query_match(q, &c) && conn_counts_add(&cc, &c)) {
			pr_error("out of memory counting connection entries\n");
			rc = 1;
		}
	}
	conn_stream_close(&cs);
	if (!rc) {
		conn_counts_sort(&cc);
		rc = print_conn_counts(&cc, format);
	}
	conn_counts_free(&cc);
	return rc;
}

int list_conn_query(unsigned int format, const struct conn_query *q)
{
	if (q->has & CQ_COUNT)
		return count_entries(format, q);
	return list_entries(format, q);
}
