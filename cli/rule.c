/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The common rules lines without the general parser: splitting a line
 * into argv, looking each option up and checking it against the option
 * table cost most of a restore's or an apply's reading of a big file.
 * Here the two forms -S writes are recognised word by word, and each
 * value is read by the same function the general parser's handler calls,
 * so the command is the same.  Anything else, including everything that
 * would be an error, is left to the general parser: errors are only ever
 * worded in one place.  tests/unit/test_rule.c holds the two to each
 * other on random lines.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli/addr.h"
#include "cli/cmd.h"
#include "cli/optable.h"

#define RULE_MAX_LEN 127	/* longer lines are not of these forms */
#define RULE_MAX_WORDS 8

/* Words separated by single spaces, none of them "ipvsadm" (which the
 * restore reader drops): their number, or -1. */
static int rule_words(char *buf, char **word)
{
	char *p = buf;
	int n = 0;

	for (;;) {
		char end;

		if (n == RULE_MAX_WORDS || (unsigned char)*p <= ' ')
			return -1;
		word[n++] = p;
		while ((unsigned char)*p > ' ')
			p++;
		end = *p;
		if (end && end != ' ')
			return -1;
		*p = '\0';
		if (p - word[n - 1] == 7 && !strcmp(word[n - 1], "ipvsadm"))
			return -1;
		if (!end)
			return n;
		p++;
	}
}

static int only_of(const char *word, const char *set)
{
	return word[strspn(word, set)] == '\0';
}

/* A dotted-quad address with or without its port, as take_service and
 * take_server read it (*sa holds what they start from). */
static int rule_addr(const char *word, uint16_t protocol,
		     struct service_addr *sa)
{
	if (!only_of(word, "0123456789.:"))
		return SERVICE_NONE;
	return parse_service_addr(word, protocol, sa);
}

static uint16_t rule_protocol(const char *word)
{
	if (!strcmp(word, "-t"))
		return IPPROTO_TCP;
	if (!strcmp(word, "-u"))
		return IPPROTO_UDP;
	return 0;
}

/* "-t|-u ADDR": the service, as take_service sets it. */
static int rule_service(char **word, struct ipvs_cmdline *cl)
{
	struct service_addr sa = { .af = cl->svc.af, .addr = cl->svc.addr,
				   .port = cl->svc.port };
	uint16_t protocol = rule_protocol(word[0]);

	if (!protocol || !(rule_addr(word[1], protocol, &sa) & SERVICE_ADDR) ||
	    sa.af != AF_INET)
		return 0;
	cl->options |= OPT(SERVICE);
	cl->svc.protocol = protocol;
	cl->svc.af = sa.af;
	cl->svc.addr = sa.addr;
	cl->svc.port = sa.port;
	return 1;
}

/* "-A SERVICE -s SCHED" */
static int rule_add_service(char **word, int n, struct ipvs_cmdline *cl)
{
	if (n != 5 || strcmp(word[3], "-s") ||
	    !only_of(word[4], "abcdefghijklmnopqrstuvwxyz0123456789_"))
		return 0;
	cl->cmd = CMD_ADD;
	if (!rule_service(word + 1, cl))
		return 0;
	cl->options |= OPT(SCHEDULER);
	snprintf(cl->svc.sched_name, sizeof(cl->svc.sched_name), "%s", word[4]);
	/* check_service_values: a port, unless persistent */
	return cl->svc.port != 0;
}

static uint32_t rule_method(const char *word)
{
	if (!strcmp(word, "-m"))
		return IP_VS_CONN_F_MASQ;
	if (!strcmp(word, "-g"))
		return IP_VS_CONN_F_DROUTE;
	if (!strcmp(word, "-i"))
		return IP_VS_CONN_F_TUNNEL;
	return UINT32_MAX;
}

/* "-a SERVICE -r ADDR METHOD -w WEIGHT" */
static int rule_add_server(char **word, int n, struct ipvs_cmdline *cl)
{
	struct service_addr sa;
	uint32_t method;
	int parsed;
	long weight;

	if (n != 8 || strcmp(word[3], "-r") || strcmp(word[6], "-w") ||
	    (method = rule_method(word[5])) == UINT32_MAX ||
	    !only_of(word[7], "0123456789"))
		return 0;
	cl->cmd = CMD_ADDDEST;
	if (!rule_service(word + 1, cl))
		return 0;
	sa = (struct service_addr){ .af = cl->svc.af, .addr = cl->svc.addr,
				    .port = cl->svc.port };
	parsed = rule_addr(word[4], cl->svc.protocol, &sa);
	weight = parse_number(word[7], 0, INT_MAX);
	if (!(parsed & SERVICE_ADDR) || sa.af != AF_INET || weight < 0)
		return 0;
	cl->options |= OPT(SERVER) | OPT(FORWARD) | OPT(WEIGHT);
	cl->dest.af = sa.af;
	cl->dest.addr = sa.addr;
	/* take_server, then check_server_values: only NAT changes the port */
	cl->dest.port = (parsed & SERVICE_PORT) && method == IP_VS_CONN_F_MASQ
			? sa.port : cl->svc.port;
	cl->server_port_given = !!(parsed & SERVICE_PORT);
	cl->dest.conn_flags = method;
	cl->dest.weight = (int32_t)weight;
	return 1;
}

int cmdline_parse_rule(const char *line, size_t len, struct ipvs_cmdline *cl)
{
	char buf[RULE_MAX_LEN + 1], *word[RULE_MAX_WORDS], text[512];
	int n, ok = 0;

	if (len > RULE_MAX_LEN || len < 2 || line[0] != '-')
		return 0;
	memcpy(buf, line, len);
	buf[len] = '\0';
	if (memchr(line, '\0', len) || (n = rule_words(buf, word)) < 0)
		return 0;
	cmdline_defaults(cl);
	if (!strcmp(word[0], "-A"))
		ok = rule_add_service(word, n, cl);
	else if (!strcmp(word[0], "-a"))
		ok = rule_add_server(word, n, cl);
	/* the option table says yes to both forms; asking costs little */
	return ok && !check_command_options(cl->cmd, cl->options, text,
					    sizeof(text));
}
