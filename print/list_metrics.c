/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -L --metrics: the table in the Prometheus text format (version 0.0.4),
 * for node_exporter's textfile collector or any scraper.  The format
 * wants each metric's samples together, so the table is read first into
 * compact rows (the labels of a service or server rendered once), then
 * each metric is one pass over the rows.  Series are bounded by the
 * table: a service, a real server, a sync daemon; never a connection.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "print/list.h"
#include "print/list_fmt.h"
#include "print/print.h"

enum { V_CONNS, V_INPKTS, V_OUTPKTS, V_INBYTES, V_OUTBYTES,
       V_WEIGHT, V_ACTIVE, V_INACTIVE, V_PERSIST,	/* servers */
       V_SERVERS = V_WEIGHT, V_AVAILABLE, V_UNAVAILABLE, /* services */
       V_COUNT = V_PERSIST + 1 };

struct metric_row {
	char *labels;
	size_t labels_len;
	unsigned long long v[V_COUNT];
};

/* The output: a family is hundreds of thousands of lines at 10000x10,
 * so they are put together with memcpy rather than printf. */
static char out_buf[256 * 1024];
static size_t out_len;
static int out_failed;

static void out_flush(void)
{
	if (out_len && fwrite(out_buf, 1, out_len, stdout) != out_len)
		out_failed = 1;
	out_len = 0;
}

static void out_put(const char *p, size_t n)
{
	if (out_len + n > sizeof(out_buf))
		out_flush();
	if (n > sizeof(out_buf)) {
		if (fwrite(p, 1, n, stdout) != n)
			out_failed = 1;
		return;
	}
	memcpy(out_buf + out_len, p, n);
	out_len += n;
}

static void out_u64(unsigned long long v)
{
	char d[24];
	size_t n = sizeof(d);

	do
		d[--n] = (char)('0' + v % 10);
	while ((v /= 10));
	out_put(d + n, sizeof(d) - n);
}

struct metric_rows {
	struct metric_row *row;
	size_t len, cap;
};

struct metric_family {
	const char *name, *type, *help;
	int server;			/* rows of servers, else services */
	int value;			/* V_* */
};

static const struct metric_family families[] = {
	{ "ipvs_service_servers", "gauge", "Real servers of the virtual service.", 0, V_SERVERS },
	{ "ipvs_service_available_servers", "gauge", "Real servers with a weight above 0.", 0, V_AVAILABLE },
	{ "ipvs_service_unavailable", "gauge", "1 when no real server of the service has a weight above 0.", 0, V_UNAVAILABLE },
	{ "ipvs_service_connections_total", "counter", "Connections scheduled by the service.", 0, V_CONNS },
	{ "ipvs_service_in_packets_total", "counter", "Packets in, client to server.", 0, V_INPKTS },
	{ "ipvs_service_out_packets_total", "counter", "Packets out, server to client.", 0, V_OUTPKTS },
	{ "ipvs_service_in_bytes_total", "counter", "Bytes in, client to server.", 0, V_INBYTES },
	{ "ipvs_service_out_bytes_total", "counter", "Bytes out, server to client.", 0, V_OUTBYTES },
	{ "ipvs_server_weight", "gauge", "Weight of the real server.", 1, V_WEIGHT },
	{ "ipvs_server_active_connections", "gauge", "Active connections to the real server.", 1, V_ACTIVE },
	{ "ipvs_server_inactive_connections", "gauge", "Inactive connections to the real server.", 1, V_INACTIVE },
	{ "ipvs_server_persistent_connections", "gauge", "Persistence templates pointing at the real server.", 1, V_PERSIST },
	{ "ipvs_server_connections_total", "counter", "Connections scheduled to the real server.", 1, V_CONNS },
	{ "ipvs_server_in_packets_total", "counter", "Packets in, client to server.", 1, V_INPKTS },
	{ "ipvs_server_out_packets_total", "counter", "Packets out, server to client.", 1, V_OUTPKTS },
	{ "ipvs_server_in_bytes_total", "counter", "Bytes in, client to server.", 1, V_INBYTES },
	{ "ipvs_server_out_bytes_total", "counter", "Bytes out, server to client.", 1, V_OUTBYTES },
};

static const char *proto_label(const struct ipvs_service *se)
{
	if (se->fwmark)
		return "";
	switch (se->protocol) {
	case IPPROTO_TCP: return "tcp";
	case IPPROTO_UDP: return "udp";
	case IPPROTO_SCTP: return "sctp";
	}
	return "unknown";
}

/* family, protocol, address, port, fwmark: the same five for every
 * service (empty where they do not apply), so series never collide. */
static int service_labels(char *buf, size_t len, const struct ipvs_service *se)
{
	char addr[INET6_ADDRSTRLEN] = "", port[8] = "", mark[16] = "";

	if (se->fwmark) {
		snprintf(mark, sizeof(mark), "%u", se->fwmark);
	} else {
		inet_ntop(se->af, &se->addr, addr, sizeof(addr));
		snprintf(port, sizeof(port), "%u", se->port);
	}
	return snprintf(buf, len, "family=\"%s\",protocol=\"%s\",address=\"%s\",port=\"%s\",fwmark=\"%s\"",
			se->af == AF_INET6 ? "inet6" : "inet", proto_label(se),
			addr, port, mark);
}

static int add_row(struct metric_rows *r, const char *labels,
		   const struct ipvs_stats *st)
{
	struct metric_row *row;

	if (r->len == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct metric_row *nr = realloc(r->row, cap * sizeof(*nr));

		if (!nr)
			return -1;
		r->row = nr;
		r->cap = cap;
	}
	row = &r->row[r->len];
	memset(row, 0, sizeof(*row));
	row->labels = strdup(labels);
	if (!row->labels)
		return -1;
	row->labels_len = strlen(labels);
	row->v[V_CONNS] = st->conns;
	row->v[V_INPKTS] = st->inpkts;
	row->v[V_OUTPKTS] = st->outpkts;
	row->v[V_INBYTES] = st->inbytes;
	row->v[V_OUTBYTES] = st->outbytes;
	r->len++;
	return 0;
}

static int add_service(struct metric_rows *svcs, struct metric_rows *dests,
		       const struct ipvs_service *se, const struct ipvs_dest_list *dl)
{
	char sl[256], dlab[512], addr[INET6_ADDRSTRLEN];
	unsigned long long available = 0;
	size_t i;

	service_labels(sl, sizeof(sl), se);
	for (i = 0; i < dl->len; i++) {
		const struct ipvs_dest *d = &dl->dest[i];
		struct metric_row *row;

		inet_ntop(d->af, &d->addr, addr, sizeof(addr));
		snprintf(dlab, sizeof(dlab), "%s,server_address=\"%s\",server_port=\"%u\"",
			 sl, addr, d->port);
		if (add_row(dests, dlab, &d->stats))
			return -1;
		row = &dests->row[dests->len - 1];
		row->v[V_WEIGHT] = (unsigned long long)(d->weight > 0 ? d->weight : 0);
		row->v[V_ACTIVE] = d->active_conns;
		row->v[V_INACTIVE] = d->inact_conns;
		row->v[V_PERSIST] = d->persist_conns;
		available += d->weight > 0;
	}
	if (add_row(svcs, sl, &se->stats))
		return -1;
	svcs->row[svcs->len - 1].v[V_SERVERS] = dl->len;
	svcs->row[svcs->len - 1].v[V_AVAILABLE] = available;
	svcs->row[svcs->len - 1].v[V_UNAVAILABLE] = !available;
	return 0;
}

static void free_rows(struct metric_rows *r)
{
	size_t i;

	for (i = 0; i < r->len; i++)
		free(r->row[i].labels);
	free(r->row);
}

/* Returns 0 or an exit status, with the error printed. */
static int read_table(struct ipvs_sock *s, struct metric_rows *svcs,
		      struct metric_rows *dests)
{
	struct ipvs_service_list sl = { 0 };
	int err = ipvs_dump_services(s, &sl), rc = 0;
	size_t i;

	if (err) {
		pr_error("%s\n", list_strerror(err));
		return 2;
	}
	list_sort_services(&sl);
	for (i = 0; i < sl.len && !rc; i++) {
		struct ipvs_dest_list dl = { 0 };

		err = ipvs_dump_dests(s, &sl.svc[i], &dl);
		if (err) {
			pr_error("%s\n", list_strerror(err));
			rc = 2;
		} else {
			list_sort_dests(&dl);
			if (add_service(svcs, dests, &sl.svc[i], &dl)) {
				pr_error("out of memory reading the table\n");
				rc = 1;
			}
		}
		ipvs_dest_list_free(&dl);
	}
	ipvs_service_list_free(&sl);
	return rc;
}

static void print_family(const struct metric_family *f,
			 const struct metric_rows *rows)
{
	size_t i, nlen = strlen(f->name);

	printf("# HELP %s %s\n# TYPE %s %s\n", f->name, f->help, f->name, f->type);
	for (i = 0; i < rows->len; i++) {
		out_put(f->name, nlen);
		out_put("{", 1);
		out_put(rows->row[i].labels, rows->row[i].labels_len);
		out_put("} ", 2);
		out_u64(rows->row[i].v[f->value]);
		out_put("\n", 1);
	}
	out_flush();
}

static void print_daemons(FILE *out, struct ipvs_sock *s)
{
	struct ipvs_daemon d[2];
	int master = 0, backup = 0, n, i;

	memset(d, 0, sizeof(d));
	n = ipvs_get_daemons(s, d);
	for (i = 0; i < n; i++) {
		master |= !!(d[i].state & IP_VS_STATE_MASTER);
		backup |= !!(d[i].state & IP_VS_STATE_BACKUP);
	}
	fputs("# HELP ipvs_sync_daemon_up 1 when the connection sync daemon of the role runs.\n"
	      "# TYPE ipvs_sync_daemon_up gauge\n", out);
	fprintf(out, "ipvs_sync_daemon_up{role=\"master\"} %d\n", master);
	fprintf(out, "ipvs_sync_daemon_up{role=\"backup\"} %d\n", backup);
	fputs("# HELP ipvs_sync_daemon_syncid The sync id of a running sync daemon.\n"
	      "# TYPE ipvs_sync_daemon_syncid gauge\n", out);
	for (i = 0; i < n; i++)
		if (d[i].state & (IP_VS_STATE_MASTER | IP_VS_STATE_BACKUP))
			fprintf(out, "ipvs_sync_daemon_syncid{role=\"%s\",interface=\"%s\"} %u\n",
				d[i].state & IP_VS_STATE_MASTER ? "master" : "backup",
				d[i].mcast_ifn, d[i].syncid);
}

int list_metrics(struct ipvs_sock *s)
{
	struct metric_rows svcs = { 0 }, dests = { 0 };
	struct ipvs_info info = { 0 };
	size_t i;
	int rc;

	pr_flush();
	rc = read_table(s, &svcs, &dests);
	if (!rc) {
		ipvs_get_info(s, &info);
		printf("# HELP ipvs_connection_table_size Size of the kernel's connection hash table.\n"
		       "# TYPE ipvs_connection_table_size gauge\n"
		       "ipvs_connection_table_size %u\n", info.conn_tab_size);
		printf("# HELP ipvs_services Virtual services in the table.\n"
		       "# TYPE ipvs_services gauge\nipvs_services %zu\n", svcs.len);
		for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
			print_family(&families[i],
				     families[i].server ? &dests : &svcs);
		print_daemons(stdout, s);
		if (fflush(stdout) || out_failed)
			rc = 1;
	}
	free_rows(&svcs);
	free_rows(&dests);
	return rc;
}
