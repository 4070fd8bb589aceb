/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running one parsed command: listings go to the printers, changes become
 * one netlink request each.  Restores, drains and the live view are the
 * parts above this one; ipvsadm.c runs them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <netlink/msg.h>

#include "cli/exec.h"
#include "print/list.h"
#include "print/print.h"

/* -Z with no service zeroes everything; so does a service of all zeroes. */
static int service_given(const struct ipvs_service *svc)
{
	static const union ipvs_addr any;

	return svc->fwmark || svc->port ||
	       memcmp(&svc->addr, &any, sizeof(any)) != 0;
}

struct request_kind {
	enum ipvs_cmd cmd;
	uint8_t genl_cmd;
	unsigned int with_service : 1, with_dest : 1, with_daemon : 1,
		     with_timeouts : 1;
};

static const struct request_kind request_kinds[] = {
	{ CMD_ADD, IPVS_CMD_NEW_SERVICE, 1, 0, 0, 0 },
	{ CMD_EDIT, IPVS_CMD_SET_SERVICE, 1, 0, 0, 0 },
	{ CMD_DEL, IPVS_CMD_DEL_SERVICE, 1, 0, 0, 0 },
	{ CMD_FLUSH, IPVS_CMD_FLUSH, 0, 0, 0, 0 },
	{ CMD_ZERO, IPVS_CMD_ZERO, 1, 0, 0, 0 },
	{ CMD_ADDDEST, IPVS_CMD_NEW_DEST, 1, 1, 0, 0 },
	{ CMD_EDITDEST, IPVS_CMD_SET_DEST, 1, 1, 0, 0 },
	{ CMD_DELDEST, IPVS_CMD_DEL_DEST, 1, 1, 0, 0 },
	{ CMD_TIMEOUT, IPVS_CMD_SET_CONFIG, 0, 0, 0, 1 },
	{ CMD_STARTDAEMON, IPVS_CMD_NEW_DAEMON, 0, 0, 1, 0 },
	{ CMD_STOPDAEMON, IPVS_CMD_DEL_DAEMON, 0, 0, 1, 0 },
};

static const struct request_kind *request_kind(enum ipvs_cmd cmd)
{
	size_t i;

	for (i = 0; i < sizeof(request_kinds) / sizeof(request_kinds[0]); i++)
		if (request_kinds[i].cmd == cmd)
			return &request_kinds[i];
	return NULL;
}

struct nl_msg *cmdline_request(int family, const struct ipvs_cmdline *cl)
{
	const struct request_kind *kind = request_kind(cl->cmd);
	struct nl_msg *msg;
	int err = 0;

	if (!kind)
		return NULL;
	msg = ipvs_msg_new(family, kind->genl_cmd, 0);
	if (!msg)
		return NULL;
	if (cl->cmd == CMD_ADD || cl->cmd == CMD_EDIT)
		err = ipvs_put_service(msg, &cl->svc);
	else if (kind->with_service &&
		 (cl->cmd != CMD_ZERO || service_given(&cl->svc)))
		err = ipvs_put_service_key(msg, &cl->svc);
	if (!err && kind->with_dest)
		err = ipvs_put_dest(msg, &cl->dest);
	if (!err && kind->with_daemon)
		err = ipvs_put_daemon(msg, &cl->daemon);
	if (!err && kind->with_timeouts)
		err = ipvs_put_timeouts(msg, &cl->timeouts);
	if (err) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* --query with the command line's service (-t/-u/-f) and server (-r).
 * A fwmark service's real servers come from the kernel; when it has
 * none (or is gone), only its templates can match. */
static int exec_query(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	struct conn_query q = cl->query;
	struct ipvs_dest_list dl = { 0 };
	int rc;

	if (cl->options & OPT(SERVICE)) {
		q.has |= CQ_SERVICE;
		q.svc = cl->svc;
		if (cl->svc.fwmark && !ipvs_dump_dests(s, &cl->svc, &dl))
			q.fwmark_dests = &dl;
	}
	if (cl->options & OPT(SERVER)) {
		q.has |= CQ_SERVER;
		q.server_af = cl->dest.af;
		q.server = cl->dest.addr;
		q.server_port = cl->server_port_given ? cl->dest.port : 0;
	}
	rc = list_conn_query(cl->format, &q);
	ipvs_dest_list_free(&dl);
	return rc;
}

static int exec_list(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	if (cl->format & FMT_JSON)
		pr_set_json(!!(cl->format & FMT_PRETTY));
	if (cl->options & OPT(QUERY))
		return exec_query(s, cl);
	if (cl->options & OPT(METRICS))
		return list_metrics(s);
	if (cl->options & OPT(CONNECTION))
		return list_connections(cl->format);
	if (cl->options & OPT(SERVICE))
		return list_service(s, &cl->svc, cl->format);
	if (cl->options & OPT(TIMEOUT))
		return list_timeouts(s);
	if (cl->options & OPT(DAEMON))
		return list_daemons(s);
	return list_all(s, cl->format);
}

int cmdline_exec(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	struct nl_msg *msg;
	int err;

	switch (cl->cmd) {
	case CMD_LIST:
		return exec_list(s, cl);
	case CMD_SAVE:
		return list_all(s, cl->format | FMT_RULE);
	case CMD_RESTORE:
	case CMD_DRAIN:
		/* Not one request: a bug of the caller, which must run
		 * these itself. */
		fputs("-R and --drain are not run by cmdline_exec\n", stderr);
		return 255;
	default:
		break;
	}
	msg = cmdline_request(ipvs_family(s), cl);
	if (!msg) {
		fprintf(stderr, "%s\n", cmd_strerror(cl->cmd, ENOMEM));
		return 255;
	}
	err = ipvs_exec(s, msg);
	if (err) {
		fprintf(stderr, "%s\n", cmd_strerror(cl->cmd, err));
		return 255;
	}
	return 0;
}
