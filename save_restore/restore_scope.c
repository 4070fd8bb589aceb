/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A rules file's scope, line by line: the file declares it once, first
 * ("--scope SCOPE"), and each rule after it must lie inside it, and
 * inside the command line's --scope too.  A rule outside is a bad line,
 * found before anything changes.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

#include "save_restore/restore_int.h"

static int names_service(enum ipvs_cmd cmd)
{
	switch (cmd) {
	case CMD_ADD: case CMD_EDIT: case CMD_DEL:
	case CMD_ADDDEST: case CMD_EDITDEST: case CMD_DELDEST:
	case CMD_DRAIN:
		return 1;
	default:
		return 0;
	}
}

static void service_words(char *buf, size_t len, const struct ipvs_service *svc)
{
	char a[INET6_ADDRSTRLEN];

	if (svc->fwmark) {
		snprintf(buf, len, "-f %u", svc->fwmark);
		return;
	}
	inet_ntop(svc->af, &svc->addr, a, sizeof(a));
	snprintf(buf, len, "%s %s%s%s:%u",
		 svc->protocol == IPPROTO_UDP ? "-u" :
		 svc->protocol == IPPROTO_SCTP ? "--sctp-service" : "-t",
		 svc->af == AF_INET6 ? "[" : "", a,
		 svc->af == AF_INET6 ? "]" : "", svc->port);
}

/* "listed" lets through any service the file names: the file is the
 * list.  Else an item must cover it. */
static int inside(const struct ipvs_scope *sc, const struct ipvs_service *svc)
{
	return !sc || sc->listed || scope_covers(sc, svc);
}

static const char *take_scope_line(struct restore_reader *r,
				   unsigned long line, struct ipvs_cmdline *cl,
				   char *buf, size_t len)
{
	if (r->scope) {
		snprintf(buf, len, "a second --scope line (the first is line %lu): a file declares one scope",
			 r->scope_line);
		return buf;
	}
	if (r->rules) {
		snprintf(buf, len, "the --scope line comes before the first rule");
		return buf;
	}
	r->scope = cl->scope;
	r->scope_line = line;
	cl->scope = NULL;
	return "";
}

const char *restore_scope_line(struct restore_reader *r, unsigned long line,
			       struct ipvs_cmdline *cl, char *buf, size_t len)
{
	char svc[INET6_ADDRSTRLEN + 32];
	const struct ipvs_scope *out = NULL;

	if (cl->cmd == CMD_SCOPE)
		return take_scope_line(r, line, cl, buf, len);
	if (cl->scope) {
		snprintf(buf, len, "in a rules file --scope is a line of its own (the file's scope)");
		return buf;
	}
	r->rules++;
	if (!r->scope && !r->outer)
		return NULL;
	if (cl->cmd == CMD_FLUSH) {
		snprintf(buf, len, "-C would clear services outside the scope `%s'; with a scope, -R --apply makes the table the file's within it",
			 (r->scope ? r->scope : r->outer)->text);
		return buf;
	}
	if (!names_service(cl->cmd))
		return NULL;
	if (!inside(r->scope, &cl->svc))
		out = r->scope;
	else if (!inside(r->outer, &cl->svc))
		out = r->outer;
	if (!out)
		return NULL;
	service_words(svc, sizeof(svc), &cl->svc);
	snprintf(buf, len, "service %s is outside the scope `%s' %s", svc,
		 out->text, out == r->scope ? "this file declares" : "of --scope");
	return buf;
}
