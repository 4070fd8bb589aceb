/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The file's table: every good line of a rules file replayed on a table
 * in memory, refused where the kernel would refuse it on that table.
 */
#include <errno.h>

#include "save_restore/apply_int.h"

static int daemon_index(uint32_t state)
{
	return state == IP_VS_STATE_BACKUP;
}

/* One line on the table: 0, an errno the kernel would give, or -1. */
static int replay_service(struct apply_table *t, const struct ipvs_cmdline *cl)
{
	struct apply_service svc = apply_service_of(&cl->svc);
	struct apply_svc *as = table_find_svc(t, &svc);

	switch (cl->cmd) {
	case CMD_ADD:
		if (as)
			return EEXIST;
		return apply_table_add_svc(t, &cl->svc);
	case CMD_EDIT:
		if (!as)
			return ESRCH;
		as->svc = svc;
		return 0;
	default:	/* CMD_DEL */
		if (!as)
			return ESRCH;
		table_del_svc(t, as);
		return 0;
	}
}

static int replay_dest(struct apply_table *t, const struct ipvs_cmdline *cl)
{
	struct apply_service svc = apply_service_of(&cl->svc);
	struct apply_dest dest = apply_dest_of(&cl->dest);
	struct apply_svc *as = table_find_svc(t, &svc);
	struct apply_dest *d = table_find_dest(as, &dest);

	if (!as)
		return ESRCH;
	switch (cl->cmd) {
	case CMD_ADDDEST:
		if (d)
			return EEXIST;
		return table_add_dest(as, &dest);
	case CMD_EDITDEST:
		if (!d)
			return ENOENT;
		*d = dest;
		return 0;
	default:	/* CMD_DELDEST */
		if (!d)
			return ENOENT;
		table_del_dest(as, d);
		return 0;
	}
}

static int replay_line(struct apply_table *t, const struct ipvs_cmdline *cl)
{
	int i = daemon_index(cl->daemon.state);

	switch (cl->cmd) {
	case CMD_FLUSH:
		table_clear(t);
		return 0;
	case CMD_ADD: case CMD_EDIT: case CMD_DEL:
		return replay_service(t, cl);
	case CMD_ADDDEST: case CMD_EDITDEST: case CMD_DELDEST:
		return replay_dest(t, cl);
	case CMD_TIMEOUT:
		/* 0 leaves a timeout as it is */
		if (cl->timeouts.tcp)
			t->timeouts.tcp = cl->timeouts.tcp;
		if (cl->timeouts.tcp_fin)
			t->timeouts.tcp_fin = cl->timeouts.tcp_fin;
		if (cl->timeouts.udp)
			t->timeouts.udp = cl->timeouts.udp;
		return 0;
	case CMD_STARTDAEMON:
		if (t->daemon_want[i] == DAEMON_RUNNING)
			return EEXIST;
		t->daemon_want[i] = DAEMON_RUNNING;
		t->daemon[i] = cl->daemon;
		return 0;
	case CMD_STOPDAEMON:
		t->daemon_want[i] = DAEMON_STOPPED;
		return 0;
	default:	/* listings and -Z change no rule */
		return 0;
	}
}

struct replay {
	struct apply_table *table;
	const char *name;
	FILE *err;
	int refused;
	int nomem;
};

/* restore_read's callback: one good line, replayed on the table. */
static void replay_cmd(void *arg, unsigned long line,
		       const struct ipvs_cmdline *cl)
{
	struct replay *rp = arg;
	int r;

	if (rp->nomem)
		return;
	if (cl->cmd == CMD_SYSCTL) {
		char msg[512];

		if (apply_sysctl_want(rp->table, cl, msg, sizeof(msg))) {
			restore_report(rp->err, rp->name, line, msg);
			rp->refused++;
		}
		return;
	}
	r = replay_line(rp->table, cl);
	if (r < 0) {
		rp->nomem = 1;
	} else if (r) {
		restore_report(rp->err, rp->name, line, cmd_strerror(cl->cmd, r));
		rp->refused++;
	}
}

int apply_table_read(struct apply_table *t, FILE *in, const char *name,
		     FILE *err, struct module_check *modules)
{
	struct replay rp = { .table = t, .name = name, .err = err };
	struct restore_reader r = {
		.name = name, .argv0 = program_invocation_name, .err = err,
		.fn = replay_cmd, .arg = &rp, .modules = modules,
		.outer = t->outer_scope,
	};
	int status = restore_read(in, &r);

	t->scope = r.scope;
	if (status != 0)
		return -2;
	return rp.nomem ? -1 : rp.refused;
}
