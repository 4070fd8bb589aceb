/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --diff --json: the change set as one JSON object, so that
 * configuration tools can tell "changed" and show what without parsing
 * rule lines.  Each change names its operation, the service, the real
 * server or daemon where there is one, its rules line, and every field it
 * changes with the value before ("old", from the live table) and after
 * ("new", from the file).  Field names are the listings' (ipvsadm(8),
 * JSON OUTPUT).
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "print/list_fmt.h"
#include "print/print.h"
#include "save_restore/apply.h"

/* One field's value as JSON: a number, a string or a boolean. */
enum jkind { J_ABSENT, J_NUM, J_STR, J_BOOL };

struct jval {
	enum jkind kind;
	unsigned long long num;
	char str[INET6_ADDRSTRLEN + 64];
};

/* The fields one kind of object can change, each read into a jval. */
#define MAX_FIELDS 8
struct jfields {
	const char *key[MAX_FIELDS];
	struct jval val[MAX_FIELDS];
	int n;
};

static struct jval *field(struct jfields *f, const char *key, enum jkind kind)
{
	struct jval *v = &f->val[f->n];

	f->key[f->n++] = key;
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	return v;
}

static void num_field(struct jfields *f, const char *key, unsigned long long n)
{
	field(f, key, J_NUM)->num = n;
}

static void str_field(struct jfields *f, const char *key, const char *s)
{
	snprintf(field(f, key, J_STR)->str, sizeof(f->val[0].str), "%s", s);
}

static void bool_field(struct jfields *f, const char *key, int b)
{
	field(f, key, J_BOOL)->num = !!b;
}

/* What -A/-E set.  Timeout and mask only mean something with persistence,
 * so they are there only then. */
static void svc_fields(struct jfields *f, const struct ipvs_service *svc)
{
	char flags[64];
	int persistent = !!(svc->flags & IP_VS_SVC_F_PERSISTENT);

	str_field(f, "scheduler", svc->sched_name);
	fmt_sched_flags(flags, sizeof(flags), svc->sched_name, svc->flags);
	str_field(f, "sched_flags", svc_has_sched_flags(svc->flags) ? flags : "");
	bool_field(f, "persistent", persistent);
	if (persistent)
		num_field(f, "timeout", svc->timeout);
	if (persistent && svc->af == AF_INET6)
		num_field(f, "prefix", svc->netmask);
	if (persistent && svc->af != AF_INET6) {
		struct in_addr m = { .s_addr = svc->netmask };

		inet_ntop(AF_INET, &m, field(f, "netmask", J_STR)->str,
			  sizeof(f->val[0].str));
	}
	str_field(f, "pe", svc->pe_name);
	bool_field(f, "ops", svc->flags & IP_VS_SVC_F_ONEPACKET);
}

/* What -a/-e set. */
static void dest_fields(struct jfields *f, const struct ipvs_dest *d)
{
	str_field(f, "forward", fwd_name(d->conn_flags));
	num_field(f, "weight", (unsigned int)d->weight);
	num_field(f, "u_threshold", d->u_threshold);
	num_field(f, "l_threshold", d->l_threshold);
	if ((d->conn_flags & IP_VS_CONN_F_FWD_MASK) != IP_VS_CONN_F_TUNNEL)
		return;
	str_field(f, "tun_type", tun_type_name(d->tun_type));
	if (d->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
		num_field(f, "tun_port", d->tun_port);
	if (d->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP)
		/* the listings' word: the option without its "--tun-" */
		str_field(f, "tun_csum", tun_csum_switch(d->tun_flags) +
			  strlen("--tun-"));
}

/* --set: a timeout of 0 is one the file leaves alone. */
static void timeout_fields(struct jfields *f, const struct ipvs_timeouts *t,
			   const struct ipvs_timeouts *given)
{
	if (given->tcp)
		num_field(f, "tcp", (unsigned int)t->tcp);
	if (given->tcp_fin)
		num_field(f, "tcpfin", (unsigned int)t->tcp_fin);
	if (given->udp)
		num_field(f, "udp", (unsigned int)t->udp);
}

static void daemon_fields(struct jfields *f, const struct ipvs_daemon *d)
{
	str_field(f, "mcast_ifn", d->mcast_ifn);
	num_field(f, "syncid", d->syncid);
	if (d->sync_maxlen)
		num_field(f, "maxlen", d->sync_maxlen);
	if (d->mcast_af)
		inet_ntop(d->mcast_af, &d->mcast_group,
			  field(f, "group", J_STR)->str, sizeof(f->val[0].str));
	if (d->mcast_port)
		num_field(f, "port", d->mcast_port);
	if (d->mcast_ttl)
		num_field(f, "ttl", d->mcast_ttl);
}

static void print_jval(const char *key, const struct jval *v)
{
	if (v->kind == J_NUM)
		pr_u64(key, NULL, v->num);
	else if (v->kind == J_BOOL)
		pr_bool(key, NULL, (int)v->num);
	else
		pr_string(key, NULL, v->str);
}

static const struct jval *find_field(const struct jfields *f, const char *key)
{
	int i;

	for (i = 0; f && i < f->n; i++)
		if (!strcmp(f->key[i], key))
			return &f->val[i];
	return NULL;
}

static int same_jval(const struct jval *a, const struct jval *b)
{
	if (!a || !b)
		return a == b;
	return a->kind == b->kind && a->num == b->num && !strcmp(a->str, b->str);
}

static void print_one_change(const char *key, const struct jval *o,
			     const struct jval *n)
{
	if (same_jval(o, n))
		return;
	pr_open_object(key);
	if (o)
		print_jval("old", o);
	if (n)
		print_jval("new", n);
	pr_close_object();
}

/* "changed": every field whose value differs between before and after
 * (either may be NULL: an object added or removed). */
static void print_changed(const struct jfields *before,
			  const struct jfields *after)
{
	int i;

	pr_open_object("changed");
	for (i = 0; after && i < after->n; i++)
		print_one_change(after->key[i], find_field(before, after->key[i]),
				 &after->val[i]);
	for (i = 0; before && i < before->n; i++)
		if (!find_field(after, before->key[i]))
			print_one_change(before->key[i], &before->val[i], NULL);
	pr_close_object();
}

static void print_address(uint16_t af, const union ipvs_addr *a, uint16_t port)
{
	char text[INET6_ADDRSTRLEN];

	pr_string("af", NULL, af == AF_INET6 ? "inet6" : "inet");
	inet_ntop(af, a, text, sizeof(text));
	pr_string("address", NULL, text);
	pr_uint("port", NULL, port);
}

static void print_service(const struct ipvs_service *svc)
{
	pr_open_object("service");
	if (svc->fwmark) {
		pr_string("af", NULL, svc->af == AF_INET6 ? "inet6" : "inet");
		pr_uint("fwmark", NULL, svc->fwmark);
	} else {
		pr_string("protocol", NULL, proto_name(svc->protocol));
		print_address(svc->af, &svc->addr, svc->port);
	}
	pr_close_object();
}

static void print_server(const struct ipvs_dest *d)
{
	pr_open_object("server");
	print_address(d->af, &d->addr, d->port);
	pr_close_object();
}

static const char *const op_names[] = {
	[CMD_ADD] = "add-service", [CMD_EDIT] = "edit-service",
	[CMD_DEL] = "delete-service", [CMD_ADDDEST] = "add-server",
	[CMD_EDITDEST] = "edit-server", [CMD_DELDEST] = "delete-server",
	[CMD_TIMEOUT] = "set-timeouts", [CMD_STARTDAEMON] = "start-daemon",
	[CMD_STOPDAEMON] = "stop-daemon",
};

static int is_server_change(enum ipvs_cmd cmd)
{
	return cmd == CMD_ADDDEST || cmd == CMD_EDITDEST || cmd == CMD_DELDEST;
}

static int is_service_change(enum ipvs_cmd cmd)
{
	return cmd == CMD_ADD || cmd == CMD_EDIT || cmd == CMD_DEL ||
	       is_server_change(cmd);
}

/* The fields of one change, before (*b) and after (*a); NULL where the
 * object is not there. */
static void change_fields(struct apply_table *live,
			  const struct ipvs_cmdline *cl,
			  struct jfields *before, struct jfields *after,
			  const struct jfields **b, const struct jfields **a)
{
	struct apply_svc *ls = apply_find_svc(live, &cl->svc);
	const struct apply_dest *ld = apply_find_dest(ls, &cl->dest);
	int i = cl->daemon.state == IP_VS_STATE_BACKUP;
	int running = live->daemon_want[i] == DAEMON_RUNNING;

	if (is_server_change(cl->cmd)) {
		if (ld) {
			struct ipvs_dest d = apply_dest_full(ld);

			dest_fields(before, &d);
		}
		if (cl->cmd != CMD_DELDEST)
			dest_fields(after, &cl->dest);
	} else if (is_service_change(cl->cmd)) {
		if (ls) {
			struct ipvs_service s = apply_service_full(&ls->svc);

			svc_fields(before, &s);
		}
		if (cl->cmd != CMD_DEL)
			svc_fields(after, &cl->svc);
	} else if (cl->cmd == CMD_TIMEOUT) {
		timeout_fields(before, &live->timeouts, &cl->timeouts);
		timeout_fields(after, &cl->timeouts, &cl->timeouts);
	} else {
		if (running)
			daemon_fields(before, &live->daemon[i]);
		if (cl->cmd == CMD_STARTDAEMON)
			daemon_fields(after, &cl->daemon);
	}
	*b = before->n ? before : NULL;
	*a = after->n ? after : NULL;
}

static void print_change(struct apply_table *live, const struct ipvs_cmdline *cl,
			 int reseat)
{
	struct jfields before = { 0 }, after = { 0 };
	const struct jfields *b, *a;
	char rule[1024];

	change_fields(live, cl, &before, &after, &b, &a);
	pr_open_object(NULL);
	pr_string("op", NULL, reseat ? "reseat-server" : op_names[cl->cmd]);
	if (reseat)
		pr_string("step", NULL, cl->cmd == CMD_DELDEST ? "delete" : "add");
	if (is_service_change(cl->cmd))
		print_service(&cl->svc);
	if (is_server_change(cl->cmd))
		print_server(&cl->dest);
	if (cl->cmd == CMD_STARTDAEMON || cl->cmd == CMD_STOPDAEMON)
		pr_string("daemon", NULL, cl->daemon.state == IP_VS_STATE_BACKUP
			  ? "backup" : "master");
	apply_format(rule, sizeof(rule), cl);
	pr_string("rule", NULL, rule);
	print_changed(b, a);
	pr_close_object();
}

int apply_print_json(struct apply_table *live, const struct apply_changes *c,
		     int pretty)
{
	size_t i;

	pr_set_json(pretty);
	pr_open_object(NULL);
	pr_open_array("changes");
	for (i = 0; i < c->len; i++)
		print_change(live, &c->cl[i], apply_is_reseat(c, i));
	apply_sysctl_print_json(live);
	pr_close_array();
	pr_close_object();
	return pr_flush();
}
