/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The way back for -R --apply: when the kernel refuses a change halfway,
 * the changes it already took are undone with their inverses, computed
 * from the table as it was read before anything was sent (the snapshot)
 * and sent through the same batch path.  A deleted service comes back
 * with its servers and settings; its counters and connections are the
 * kernel's and cannot come back.
 */
#include <stdlib.h>
#include <string.h>

#include "save_restore/apply.h"

static int push_inverse(struct apply_changes *out, size_t **origin,
			size_t *cap, const struct ipvs_cmdline *cl, size_t from)
{
	if (out->len >= out->cap) {
		size_t n = out->cap ? out->cap * 2 : 16;
		struct ipvs_cmdline *grown = reallocarray(out->cl, n, sizeof(*grown));

		if (!grown)
			return -1;
		out->cl = grown;
		out->cap = n;
	}
	if (out->len >= *cap) {
		size_t n = *cap ? *cap * 2 : 16;
		size_t *grown = reallocarray(*origin, n, sizeof(*grown));

		if (!grown)
			return -1;
		*origin = grown;
		*cap = n;
	}
	(*origin)[out->len] = from;
	out->cl[out->len++] = *cl;
	return 0;
}

/* A service as the snapshot has it, ready to be sent again: the kernel
 * sets "hashed" itself (and refuses to hash a service twice), and a
 * firewall-mark service is sent with TCP like -f does. */
static struct ipvs_service as_sent(const struct ipvs_service *svc)
{
	struct ipvs_service s = *svc;

	s.flags &= ~(uint32_t)IP_VS_SVC_F_HASHED;
	if (s.fwmark)
		s.protocol = IPPROTO_TCP;
	return s;
}

static struct ipvs_cmdline command(enum ipvs_cmd cmd,
				   const struct ipvs_service *svc,
				   const struct ipvs_dest *dest)
{
	struct ipvs_cmdline cl;

	memset(&cl, 0, sizeof(cl));
	cl.cmd = cmd;
	if (svc)
		cl.svc = as_sent(svc);
	if (dest)
		cl.dest = *dest;
	return cl;
}

/* A service of the snapshot again, with every server it had. */
static int restore_service(const struct apply_svc *ls, struct apply_changes *out,
			   size_t **origin, size_t *cap, size_t from)
{
	struct ipvs_service svc = apply_service_full(&ls->svc);
	struct ipvs_cmdline cl = command(CMD_ADD, &svc, NULL);
	size_t k;

	if (push_inverse(out, origin, cap, &cl, from))
		return -1;
	for (k = 0; k < ls->ndest; k++) {
		struct ipvs_dest d = apply_dest_full(&ls->dest[k]);

		cl = command(CMD_ADDDEST, &svc, &d);
		if (push_inverse(out, origin, cap, &cl, from))
			return -1;
	}
	return 0;
}

/* The inverse of one change, by the snapshot live. */
static int invert(struct apply_table *live, const struct ipvs_cmdline *c,
		  struct apply_changes *out, size_t **origin, size_t *cap,
		  size_t from)
{
	struct apply_svc *ls = apply_find_svc(live, &c->svc);
	const struct apply_dest *ld = apply_find_dest(ls, &c->dest);
	struct ipvs_service svc;
	struct ipvs_dest dest;
	int i = c->daemon.state == IP_VS_STATE_BACKUP;
	struct ipvs_cmdline cl = command(CMD_NONE, &c->svc, &c->dest);

	switch (c->cmd) {
	case CMD_ADD:
		cl.cmd = CMD_DEL;
		break;
	case CMD_EDIT:
		if (!ls)
			return 0;	/* cannot be: -E is of a live service */
		svc = apply_service_full(&ls->svc);
		cl = command(CMD_EDIT, &svc, NULL);
		break;
	case CMD_DEL:
		return ls ? restore_service(ls, out, origin, cap, from) : 0;
	case CMD_ADDDEST:
		cl.cmd = CMD_DELDEST;
		break;
	case CMD_EDITDEST: case CMD_DELDEST:
		if (!ld)
			return 0;	/* cannot be: -e and -d are of live servers */
		svc = apply_service_full(&ls->svc);
		dest = apply_dest_full(ld);
		cl = command(c->cmd == CMD_DELDEST ? CMD_ADDDEST : CMD_EDITDEST,
			     &svc, &dest);
		break;
	case CMD_TIMEOUT:
		cl = command(CMD_TIMEOUT, NULL, NULL);
		cl.timeouts = live->timeouts;
		break;
	case CMD_STARTDAEMON:
		cl = command(CMD_STOPDAEMON, NULL, NULL);
		cl.daemon.state = c->daemon.state;
		break;
	case CMD_STOPDAEMON:
		cl = command(CMD_STARTDAEMON, NULL, NULL);
		cl.daemon = live->daemon[i];
		break;
	default:
		return 0;
	}
	return push_inverse(out, origin, cap, &cl, from);
}

int apply_inverse(struct apply_table *live, const struct apply_changes *c,
		  const unsigned char *done, struct apply_changes *out,
		  size_t **origin)
{
	size_t i = c->len, cap = 0;

	*origin = NULL;
	while (i--)
		if (done[i] && invert(live, &c->cl[i], out, origin, &cap, i))
			return -1;
	return 0;
}
