/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ipvsadm command line: popt's option table, one handler per option,
 * then the reference's checks of which options go with which command.
 * Nothing here talks to the kernel; every error is returned as text and
 * an exit status so the CLI and the restore reader can report it.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <popt.h>

#include "cli/addr.h"
#include "cli/cmd.h"
#include "cli/optable.h"
#include "cli/usage.h"
#include "cli/interval.h"

#define DEFAULT_SCHEDULER	"wlc"
#define DEFAULT_MCAST_IFN	"eth0"
#define PERSISTENT_TIMEOUT	360		/* -p without a value */
#define MAX_TIMEOUT		(86400 * 31)
#define DRAIN_TIMEOUT		300		/* --drain without a value */
#define MAX_WAIT		86400		/* --wait=SECONDS */

/* popt values of the long-only options (short ones use their letter). */
enum {
	TAG_SET = 256, TAG_START_DAEMON, TAG_STOP_DAEMON, TAG_SCTP_SERVICE,
	TAG_MCAST_INTERFACE, TAG_SYNCID, TAG_TIMEOUT, TAG_DAEMON, TAG_STATS,
	TAG_RATE, TAG_THRESHOLDS, TAG_PERSISTENTCONN, TAG_NOSORT, TAG_SORT,
	TAG_PE, TAG_MCAST_GROUP, TAG_MCAST_PORT, TAG_MCAST_TTL,
	TAG_SYNC_MAXLEN, TAG_TUN_INFO, TAG_TUN_TYPE, TAG_TUN_PORT,
	TAG_TUN_NOCSUM, TAG_TUN_CSUM, TAG_TUN_REMCSUM,
	/* beyond the reference */
	TAG_JSON, TAG_PRETTY, TAG_TEST, TAG_LIST_OPTIONS, TAG_WATCH, TAG_COUNT,
	TAG_APPLY, TAG_DIFF, TAG_DRAIN, TAG_SYSCTL, TAG_DRAIN_EXPIRE,
	TAG_SCOPE, TAG_WAIT, TAG_CHECK, TAG_NETNS, TAG_ALL_NETNS, TAG_QUERY,
	TAG_METRICS,
};

/* The state of one parse: where errors go, and popt's current value. */
struct parser {
	struct ipvs_cmdline *cl;
	struct cli_status *st;
	const char *program;
	char *arg;			/* popt stores option values here */
	int arg_borrowed;		/* arg is a word of argv, not popt's copy */
	char sched_flags[128];
	poptContext popt;
	const struct poptOption *table;
	jmp_buf bail;
};

/* Stop parsing with the reference's message and status. */
static void __attribute__((noreturn, format(printf, 3, 4)))
fail(struct parser *p, int status, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(p->st->text, sizeof(p->st->text) - 1, fmt, ap);
	va_end(ap);
	n = strlen(p->st->text);
	p->st->text[n] = '\n';
	p->st->text[n + 1] = '\0';
	p->st->exit_status = status;
	longjmp(p->bail, 1);
}

static void __attribute__((noreturn)) fail_tryhelp(struct parser *p)
{
	snprintf(p->st->text, sizeof(p->st->text),
		 "Try `%s -h' or '%s --help' for more information.\n",
		 p->program, p->program);
	p->st->exit_status = 255;
	longjmp(p->bail, 1);
}

static void set_option(struct parser *p, enum ipvs_opt_index i)
{
	if (p->cl->options & (1ULL << i))
		fail(p, 2, "multiple '%s' options specified", option_name(i));
	p->cl->options |= 1ULL << i;
}

static void set_command(struct parser *p, enum ipvs_cmd cmd)
{
	if (p->cl->cmd != CMD_NONE)
		fail(p, 2, "multiple commands specified");
	p->cl->cmd = cmd;
}

static uint32_t daemon_state(struct parser *p, const char *errmsg)
{
	if (!strcmp(p->arg, "master"))
		return IP_VS_STATE_MASTER;
	if (!strcmp(p->arg, "backup"))
		return IP_VS_STATE_BACKUP;
	fail(p, 2, "%s", errmsg);
}

static int is_command(int val);

/*
 * --list-options (hidden, for the shell completion): every option popt
 * knows, one a line, "command|option SHORT LONG arg|noarg", where SHORT
 * is "-" for a long-only option.  The completion is generated from this,
 * so it cannot drift from the table.
 */
static void __attribute__((noreturn)) list_options(struct parser *p)
{
	const struct poptOption *o;
	size_t n = 0;

	for (o = p->table; o->longName || o->shortName; o++) {
		char shortname[3] = "-";
		int w;

		if (o->val == TAG_LIST_OPTIONS)
			continue;
		if (o->shortName)
			snprintf(shortname, sizeof(shortname), "-%c", o->shortName);
		w = snprintf(p->st->text + n, sizeof(p->st->text) - n,
			     "%s %s --%s %s\n",
			     is_command(o->val) ? "command" : "option", shortname,
			     o->longName,
			     (o->argInfo & POPT_ARG_MASK) == POPT_ARG_NONE ? "noarg"
				: (o->argInfo & POPT_ARGFLAG_OPTIONAL) ? "optarg" : "arg");
		if (w < 0 || (size_t)w >= sizeof(p->st->text) - n)
			break;
		n += (size_t)w;
	}
	p->st->exit_status = 0;
	p->st->to_stdout = 1;
	longjmp(p->bail, 1);
}

static const struct { int val; enum ipvs_cmd cmd; } simple_commands[] = {
	{ 'A', CMD_ADD }, { 'E', CMD_EDIT }, { 'D', CMD_DEL },
	{ 'C', CMD_FLUSH }, { 'L', CMD_LIST }, { 'l', CMD_LIST },
	{ 'Z', CMD_ZERO }, { 'a', CMD_ADDDEST }, { 'e', CMD_EDITDEST },
	{ 'd', CMD_DELDEST }, { TAG_SET, CMD_TIMEOUT },
	{ 'R', CMD_RESTORE }, { 'S', CMD_SAVE },
};

static int is_command(int val)
{
	size_t i;

	for (i = 0; i < sizeof(simple_commands) / sizeof(simple_commands[0]); i++)
		if (simple_commands[i].val == val)
			return 1;
	return val == TAG_START_DAEMON || val == TAG_STOP_DAEMON ||
	       val == TAG_DRAIN || val == TAG_SYSCTL || val == TAG_SCOPE ||
	       val == TAG_CHECK || val == 'h' || val == 'v';
}

/* --drain[=SECONDS]: how long to wait for the active connections.  The
 * command of its own, or after -R an option of --apply (the servers the
 * file removes are drained). */
static void take_drain(struct parser *p)
{
	long n = p->arg ? parse_number(p->arg, 0, MAX_TIMEOUT) : DRAIN_TIMEOUT;

	if (p->cl->cmd == CMD_RESTORE)
		set_option(p, OPTI_DRAIN);
	else
		set_command(p, CMD_DRAIN);
	if (n < 0)
		fail(p, 2, "invalid drain timeout `%s' specified", p->arg);
	p->cl->drain_timeout = (uint32_t)n;
}

/* --scope=SCOPE: a command of its own in a rules file (the file's scope),
 * else an option of -R --apply/--diff and -S. */
static void take_scope(struct parser *p)
{
	char why[256];

	if (p->cl->cmd == CMD_NONE)
		set_command(p, CMD_SCOPE);
	else if (p->cl->scope)
		fail(p, 2, "multiple scopes given: one --scope of comma-separated items");
	else
		set_option(p, OPTI_SCOPE);
	p->cl->scope = malloc(sizeof(*p->cl->scope));
	if (!p->cl->scope)
		fail(p, 2, "%s", strerror(ENOMEM));
	if (scope_parse(p->arg, p->cl->scope, why, sizeof(why)))
		fail(p, 2, "%s", why);
}

/* --check[=dr|tun|nat:ADDRESS]: the command (the director's side, or a
 * real server's with a value), or after -R an option (the file's). */
static void take_check(struct parser *p)
{
	static const struct { const char *name; uint32_t method; } methods[] = {
		{ "dr:", IP_VS_CONN_F_DROUTE }, { "tun:", IP_VS_CONN_F_TUNNEL },
		{ "nat:", IP_VS_CONN_F_MASQ },
	};
	struct ipvs_dest *d = &p->cl->dest;
	size_t i;

	if (p->cl->cmd == CMD_RESTORE) {
		set_option(p, OPTI_CHECK);
		if (p->arg)
			fail(p, 2, "option --check of -R takes no value");
		return;
	}
	set_command(p, CMD_CHECK);
	if (!p->arg)
		return;
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		size_t n = strlen(methods[i].name);

		if (strncmp(p->arg, methods[i].name, n))
			continue;
		d->conn_flags = methods[i].method;
		if (inet_pton(AF_INET, p->arg + n, &d->addr) == 1)
			d->af = AF_INET;
		else if (inet_pton(AF_INET6, p->arg + n, &d->addr) == 1)
			d->af = AF_INET6;
		else
			break;
		return;
	}
	fail(p, 2, "illegal --check value `%s': dr:VIP, tun:VIP or nat:DIRECTOR-ADDRESS (a real server's side)",
	     p->arg);
}

/* The first option must be a command; returns 0 when it was one. */
static int take_command(struct parser *p, int c)
{
	size_t i;

	for (i = 0; i < sizeof(simple_commands) / sizeof(simple_commands[0]); i++) {
		if (simple_commands[i].val == c) {
			set_command(p, simple_commands[i].cmd);
			return 0;
		}
	}
	switch (c) {
	case TAG_START_DAEMON:
		set_command(p, CMD_STARTDAEMON);
		p->cl->daemon.state = daemon_state(p,
			"illegal start-daemon parameter specified");
		return 0;
	case TAG_STOP_DAEMON:
		set_command(p, CMD_STOPDAEMON);
		p->cl->daemon.state = daemon_state(p,
			"illegal start_daemon specified");
		return 0;
	case 'h':
		p->st->exit_status = 0;
		p->st->to_stdout = 1;
		usage_text(p->st->text, sizeof(p->st->text), p->program);
		longjmp(p->bail, 1);
	case 'v':
		p->st->exit_status = 0;
		p->st->to_stdout = 1;
		version_text(p->st->text, sizeof(p->st->text));
		longjmp(p->bail, 1);
	case TAG_LIST_OPTIONS:
		list_options(p);
	case TAG_DRAIN:
		take_drain(p);
		return 0;
	case TAG_SYSCTL:
		set_command(p, CMD_SYSCTL);
		return 0;
	case TAG_SCOPE:
		take_scope(p);
		return 0;
	case TAG_CHECK:
		take_check(p);
		return 0;
	}
	return -1;
}

static void take_service(struct parser *p, uint16_t protocol)
{
	struct ipvs_service *svc = &p->cl->svc;
	struct service_addr sa = { .af = svc->af, .addr = svc->addr,
				   .port = svc->port };

	set_option(p, OPTI_SERVICE);
	svc->protocol = protocol;
	if (!(parse_service_addr(p->arg, protocol, &sa) & SERVICE_ADDR))
		fail(p, 2, "illegal virtual server address[:port] specified");
	svc->af = sa.af;
	svc->addr = sa.addr;
	svc->port = sa.port;
	if (sa.af == AF_INET6)
		svc->netmask = 128;
}

static void take_fwmark(struct parser *p)
{
	struct ipvs_service *svc = &p->cl->svc;

	set_option(p, OPTI_SERVICE);
	/* The reference gives fwmark services a protocol they never use. */
	svc->af = AF_INET;
	svc->protocol = IPPROTO_TCP;
	if (parse_fwmark(p->arg, &svc->fwmark))
		fail(p, 2, "invalid fwmark value `%s' specified", p->arg);
}

static uint32_t take_timeout(struct parser *p, const char *text, long min)
{
	long n;

	if (!text)
		return PERSISTENT_TIMEOUT;
	n = parse_number(text, min, MAX_TIMEOUT);
	if (n < 0)
		fail(p, 2, "invalid timeout value `%s' specified", text);
	return (uint32_t)n;
}

static void take_netmask(struct parser *p)
{
	struct ipvs_service *svc = &p->cl->svc;

	set_option(p, OPTI_NETMASK);
	if (svc->af != AF_INET6) {
		if (parse_ipv4_netmask(p->arg, &svc->netmask))
			fail(p, 2, "illegal virtual server persistent mask specified");
		return;
	}
	/* popt gives every POPT_ARG_STRING option its value, so p->arg is
	 * set here and in take_mcast_group; the analyzer cannot know that. */
	svc->netmask = (uint32_t)atoi(p->arg); /* NOLINT(clang-analyzer-core.NonNullParamChecker) */
	if (svc->netmask < 1 || svc->netmask > 128)
		fail(p, 2, "illegal ipv6 netmask specified");
}

static void take_server(struct parser *p)
{
	struct ipvs_cmdline *cl = p->cl;
	struct service_addr sa = { .af = cl->svc.af, .addr = cl->svc.addr,
				   .port = cl->svc.port };
	int parsed;

	set_option(p, OPTI_SERVER);
	parsed = parse_service_addr(p->arg, cl->svc.protocol, &sa);
	cl->dest.af = sa.af;
	cl->dest.addr = sa.addr;
	cl->dest.port = sa.port;
	if (!(parsed & SERVICE_ADDR))
		fail(p, 2, "illegal real server address[:port] specified");
	/* Without its own port, a server takes the service's. */
	cl->server_port_given = !!(parsed & SERVICE_PORT);
	if (!(parsed & SERVICE_PORT))
		cl->dest.port = cl->svc.port;
}

static long take_number(struct parser *p, enum ipvs_opt_index i,
			long min, long max, const char *errmsg)
{
	long n;

	set_option(p, i);
	n = parse_number(p->arg, min, max);
	if (n < 0)
		fail(p, 2, "%s", errmsg);
	return n;
}

static void take_mcast_group(struct parser *p)
{
	struct ipvs_daemon *d = &p->cl->daemon;

	set_option(p, OPTI_MCAST_GROUP);
	if (strchr(p->arg, ':')) { /* NOLINT(clang-analyzer-core.NonNullParamChecker) */
		if (inet_pton(AF_INET6, p->arg, &d->mcast_group.v6) <= 0 ||
		    !IN6_IS_ADDR_MULTICAST(&d->mcast_group.v6))
			fail(p, 2, "invalid IPv6 mcast-group `%s'", p->arg);
		d->mcast_af = AF_INET6;
		return;
	}
	if (inet_pton(AF_INET, p->arg, &d->mcast_group.v4) <= 0 ||
	    !IN_MULTICAST(ntohl(d->mcast_group.v4.s_addr)))
		fail(p, 2, "invalid IPv4 mcast-group `%s'", p->arg);
	d->mcast_af = AF_INET;
}

static void take_string(struct parser *p, enum ipvs_opt_index i,
			char *dst, size_t len)
{
	set_option(p, i);
	snprintf(dst, len, "%s", p->arg);
}

/* Options of the form "--name" that only set an option and a format bit. */
static int take_flag(struct parser *p, int c)
{
	static const struct {
		int val;
		enum ipvs_opt_index opt;
		unsigned int format;
	} flags[] = {
		{ 'n', OPTI_NUMERIC, FMT_NUMERIC },
		{ 'c', OPTI_CONNECTION, 0 },
		{ TAG_TIMEOUT, OPTI_TIMEOUT, 0 },
		{ TAG_DAEMON, OPTI_DAEMON, 0 },
		{ TAG_STATS, OPTI_STATS, FMT_STATS },
		{ TAG_RATE, OPTI_RATE, FMT_RATE },
		{ TAG_THRESHOLDS, OPTI_THRESHOLDS, FMT_THRESHOLDS },
		{ TAG_PERSISTENTCONN, OPTI_PERSISTENTCONN, FMT_PERSISTENTCONN },
		{ TAG_NOSORT, OPTI_NOSORT, FMT_NOSORT },
		{ 'X', OPTI_EXACT, FMT_EXACT },
		{ TAG_TUN_INFO, OPTI_TUN_INFO, FMT_TUN_INFO },
		{ TAG_JSON, OPTI_JSON, FMT_JSON },
		{ TAG_PRETTY, OPTI_PRETTY, FMT_JSON | FMT_PRETTY },
		{ TAG_TEST, OPTI_TEST, 0 },
		{ TAG_APPLY, OPTI_APPLY, 0 },
		{ TAG_DIFF, OPTI_DIFF, 0 },
		{ TAG_SYSCTL, OPTI_SYSCTL, 0 },
		{ TAG_DRAIN_EXPIRE, OPTI_DRAIN_EXPIRE, 0 },
		{ TAG_METRICS, OPTI_METRICS, FMT_NUMERIC },
	};
	size_t i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (flags[i].val == c) {
			set_option(p, flags[i].opt);
			p->cl->format |= flags[i].format;
			return 0;
		}
	}
	return -1;
}

static void take_forward(struct parser *p, uint32_t method)
{
	set_option(p, OPTI_FORWARD);
	p->cl->dest.conn_flags = method;
}

static void take_tun_flag(struct parser *p, enum ipvs_opt_index i,
			  uint16_t flag)
{
	set_option(p, i);
	p->cl->dest.tun_flags |= flag;
}

/* --watch[=SECONDS] and --count=N (their values: cli/interval.c). */
static void take_watch(struct parser *p, int c)
{
	struct ipvs_cmdline *cl = p->cl;

	if (c == TAG_WATCH) {
		set_option(p, OPTI_WATCH);
		cl->watch_ms = p->arg ? watch_parse_interval(p->arg) : 1000;
		if (!cl->watch_ms)
			fail(p, 2, "illegal --watch interval `%s': seconds from 0.001 to 86400, such as 2 or 0.5",
			     p->arg);
		return;
	}
	set_option(p, OPTI_WATCH_COUNT);
	cl->watch_count = watch_parse_count(p->arg);
	if (!cl->watch_count)
		fail(p, 2, "illegal --count value `%s': a whole number of frames above 0",
		     p->arg);
}

static void take_ipv6(struct parser *p)
{
	if (!p->cl->svc.fwmark)
		fail(p, 2, "-6 used before -f\n");
	p->cl->svc.af = AF_INET6;
	p->cl->svc.netmask = 128;
}

/* --netns=NAME|PATH|PID and --all-netns: one option bit, so giving
 * both is "multiple 'netns' options".  The switch happens in ipvsadm.c,
 * before the socket opens. */
static void take_netns(struct parser *p, int c)
{
	const char *value;

	set_option(p, OPTI_NETNS);
	if (c == TAG_ALL_NETNS) {
		p->cl->all_netns = 1;
		return;
	}
	value = p->arg ? p->arg : "";
	if (!value[0] || strlen(value) >= sizeof(p->cl->netns))
		fail(p, 2, "illegal --netns `%s': a name in /var/run/netns, a path or a process id",
		     value);
	strcpy(p->cl->netns, value);
}

/* --query[=TERMS]: its terms now, its service and server at run time. */
static void take_query(struct parser *p)
{
	char err[512];

	set_option(p, OPTI_QUERY);
	if (conn_query_parse(p->arg, &p->cl->query, err, sizeof(err)))
		fail(p, 2, "%s", err);
}

/* Every option after the command. */
static void take_option(struct parser *p, int c)
{
	struct ipvs_cmdline *cl = p->cl;
	long n;

	switch (c) {
	case 't':
		take_service(p, IPPROTO_TCP);
		break;
	case 'u':
		take_service(p, IPPROTO_UDP);
		break;
	case TAG_SCTP_SERVICE:
		take_service(p, IPPROTO_SCTP);
		break;
	case 'f':
		take_fwmark(p);
		break;
	case 's':
		take_string(p, OPTI_SCHEDULER, cl->svc.sched_name,
			    sizeof(cl->svc.sched_name));
		break;
	case 'p':
		set_option(p, OPTI_PERSISTENT);
		cl->svc.flags |= IP_VS_SVC_F_PERSISTENT;
		cl->svc.timeout = take_timeout(p, p->arg, 1);
		break;
	case 'M':
		take_netmask(p);
		break;
	case 'r':
		take_server(p);
		break;
	case 'i':
		take_forward(p, IP_VS_CONN_F_TUNNEL);
		break;
	case 'g':
		take_forward(p, IP_VS_CONN_F_DROUTE);
		break;
	case 'm':
		take_forward(p, IP_VS_CONN_F_MASQ);
		break;
	case 'w':
		cl->dest.weight = (int32_t)take_number(p, OPTI_WEIGHT, 0, INT_MAX,
						       "illegal weight specified");
		break;
	case 'x':
		cl->dest.u_threshold = (uint32_t)take_number(p, OPTI_UTHRESHOLD,
			0, INT_MAX, "illegal u_threshold specified");
		break;
	case 'y':
		cl->dest.l_threshold = (uint32_t)take_number(p, OPTI_LTHRESHOLD,
			0, INT_MAX, "illegal l_threshold specified");
		break;
	case TAG_MCAST_INTERFACE:
		take_string(p, OPTI_MCAST, cl->daemon.mcast_ifn,
			    sizeof(cl->daemon.mcast_ifn));
		break;
	case TAG_SYNCID:
		cl->daemon.syncid = (uint32_t)take_number(p, OPTI_SYNCID, 0, 255,
							  "illegal syncid specified");
		break;
	case TAG_SORT:
		break;		/* the default; accepted for old scripts */
	case '6':
		take_ipv6(p);
		break;
	case TAG_SCOPE:
		take_scope(p);
		break;
	case TAG_CHECK:
		take_check(p);
		break;
	case TAG_WAIT:
		set_option(p, OPTI_WAIT);
		n = parse_number(p->arg, 0, MAX_WAIT);
		if (n < 0)
			fail(p, 2, "illegal --wait value `%s': seconds from 0 (fail at once) to %d",
			     p->arg, MAX_WAIT);
		cl->wait_seconds = (uint32_t)n;
		break;
	case TAG_DRAIN:
		take_drain(p);
		break;
	case TAG_WATCH:
	case TAG_COUNT:
		take_watch(p, c);
		break;
	case TAG_NETNS:
	case TAG_ALL_NETNS:
		take_netns(p, c);
		break;
	case TAG_QUERY:
		take_query(p);
		break;
	case 'o':
		set_option(p, OPTI_ONEPACKET);
		cl->svc.flags |= IP_VS_SVC_F_ONEPACKET;
		break;
	case TAG_PE:
		take_string(p, OPTI_PE, cl->svc.pe_name, sizeof(cl->svc.pe_name));
		break;
	case 'b':
		take_string(p, OPTI_SCHED_FLAGS, p->sched_flags,
			    sizeof(p->sched_flags));
		break;
	case TAG_MCAST_GROUP:
		take_mcast_group(p);
		break;
	case TAG_MCAST_PORT:
		cl->daemon.mcast_port = (uint16_t)take_number(p, OPTI_MCAST_PORT,
			1, 65535, "illegal mcast-port specified");
		break;
	case TAG_MCAST_TTL:
		cl->daemon.mcast_ttl = (uint8_t)take_number(p, OPTI_MCAST_TTL,
			1, 255, "illegal mcast-ttl specified");
		break;
	case TAG_SYNC_MAXLEN:
		cl->daemon.sync_maxlen = (uint16_t)take_number(p, OPTI_SYNC_MAXLEN,
			1, 65535 - 20 - 8, "illegal sync-maxlen specified");
		break;
	case TAG_TUN_TYPE:
		set_option(p, OPTI_TUN_TYPE);
		n = parse_tun_type(p->arg);
		if (n < 0)
			fail(p, 2, "illegal tunnel type specified");
		cl->dest.tun_type = (uint8_t)n;
		break;
	case TAG_TUN_PORT:
		cl->dest.tun_port = (uint16_t)take_number(p, OPTI_TUN_PORT,
			1, 65535, "illegal tunnel port specified");
		break;
	case TAG_TUN_NOCSUM:
		take_tun_flag(p, OPTI_TUN_NOCSUM, IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM);
		break;
	case TAG_TUN_CSUM:
		take_tun_flag(p, OPTI_TUN_CSUM, IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
		break;
	case TAG_TUN_REMCSUM:
		take_tun_flag(p, OPTI_TUN_REMCSUM, IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
		break;
	default:
		/* last: -R runs this for every word of every line */
		if (take_flag(p, c) == 0)
			break;
		fail(p, 2, "invalid option `%s'",
		     poptBadOption(p->popt, POPT_BADOPTION_NOALIAS));
	}
}

static void take_set_values(struct parser *p)
{
	const char *tcp = poptGetArg(p->popt);
	const char *fin = tcp ? poptGetArg(p->popt) : NULL;
	const char *udp = fin ? poptGetArg(p->popt) : NULL;

	if (!udp)
		fail(p, 2, "--set option requires 3 timeout values");
	p->cl->timeouts.tcp = (int32_t)take_timeout(p, tcp, 0);
	p->cl->timeouts.tcp_fin = (int32_t)take_timeout(p, fin, 0);
	p->cl->timeouts.udp = (int32_t)take_timeout(p, udp, 0);
}

static void take_sched_flags(struct parser *p)
{
	struct ipvs_service *svc = &p->cl->svc;
	const char *sched = svc->sched_name[0] ? svc->sched_name
					       : DEFAULT_SCHEDULER;
	char bad[128];
	uint32_t flags;
	int incompatible;

	if (parse_sched_flags(sched, p->sched_flags, &flags, bad, sizeof(bad),
			      &incompatible)) {
		if (incompatible)
			fail(p, 2, "incompatible scheduler flag `%s'", bad);
		fail(p, 2, "invalid scheduler flag `%s'", bad);
	}
	svc->flags |= flags;
}

/* --sysctl NAME=VALUE...: every word left is a setting, checked for its
 * shape here and against the kernel's keys when it is run. */
static void take_sysctl_values(struct parser *p, int argc, const char **argv)
{
	const char *word;

	while ((word = poptGetArg(p->popt))) {
		const char *eq = strchr(word, '=');

		if (!eq || eq == word)
			fail(p, 2, "--sysctl takes settings as NAME=VALUE, not `%s'", word);
	}
	p->cl->sysctl_argv = (char *const *)argv;
	p->cl->sysctl_argc = argc;
}

#define POPT_STR(name, short, val) \
	{ name, short, POPT_ARG_STRING, &p->arg, val, NULL, NULL }
#define POPT_NONE(name, short, val) \
	{ name, short, POPT_ARG_NONE, NULL, val, NULL, NULL }

/* popt hands each option value over as a copy of its own. */
static void drop_arg(struct parser *p)
{
	if (!p->arg_borrowed)
		free(p->arg);
	p->arg = NULL;
	p->arg_borrowed = 0;
}

static void parse_with_popt(struct parser *p, int argc, const char **argv)
{
	const struct poptOption table[] = {
		POPT_NONE("add-service", 'A', 'A'),
		POPT_NONE("edit-service", 'E', 'E'),
		POPT_NONE("delete-service", 'D', 'D'),
		POPT_NONE("clear", 'C', 'C'),
		POPT_NONE("list", 'L', 'L'),
		POPT_NONE("list", 'l', 'l'),
		POPT_NONE("zero", 'Z', 'Z'),
		POPT_NONE("add-server", 'a', 'a'),
		POPT_NONE("edit-server", 'e', 'e'),
		POPT_NONE("delete-server", 'd', 'd'),
		POPT_NONE("set", '\0', TAG_SET),
		POPT_NONE("help", 'h', 'h'),
		POPT_NONE("version", 'v', 'v'),
		POPT_NONE("restore", 'R', 'R'),
		POPT_NONE("save", 'S', 'S'),
		POPT_STR("start-daemon", '\0', TAG_START_DAEMON),
		POPT_STR("stop-daemon", '\0', TAG_STOP_DAEMON),
		POPT_STR("tcp-service", 't', 't'),
		POPT_STR("udp-service", 'u', 'u'),
		POPT_STR("sctp-service", '\0', TAG_SCTP_SERVICE),
		POPT_STR("fwmark-service", 'f', 'f'),
		POPT_STR("scheduler", 's', 's'),
		{ "persistent", 'p', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL,
		  &p->arg, 'p', NULL, NULL },
		POPT_STR("netmask", 'M', 'M'),
		POPT_STR("real-server", 'r', 'r'),
		POPT_NONE("masquerading", 'm', 'm'),
		POPT_NONE("ipip", 'i', 'i'),
		POPT_NONE("gatewaying", 'g', 'g'),
		POPT_STR("weight", 'w', 'w'),
		POPT_STR("u-threshold", 'x', 'x'),
		POPT_STR("l-threshold", 'y', 'y'),
		POPT_NONE("numeric", 'n', 'n'),
		POPT_NONE("connection", 'c', 'c'),
		POPT_STR("mcast-interface", '\0', TAG_MCAST_INTERFACE),
		POPT_STR("syncid", '\0', TAG_SYNCID),
		POPT_NONE("timeout", '\0', TAG_TIMEOUT),
		POPT_NONE("daemon", '\0', TAG_DAEMON),
		POPT_NONE("stats", '\0', TAG_STATS),
		POPT_NONE("rate", '\0', TAG_RATE),
		POPT_NONE("thresholds", '\0', TAG_THRESHOLDS),
		POPT_NONE("persistent-conn", '\0', TAG_PERSISTENTCONN),
		POPT_NONE("nosort", '\0', TAG_NOSORT),
		POPT_NONE("sort", '\0', TAG_SORT),
		POPT_NONE("exact", 'X', 'X'),
		POPT_NONE("ipv6", '6', '6'),
		POPT_NONE("ops", 'o', 'o'),
		POPT_STR("pe", '\0', TAG_PE),
		POPT_STR("sched-flags", 'b', 'b'),
		POPT_STR("mcast-group", '\0', TAG_MCAST_GROUP),
		POPT_STR("mcast-port", '\0', TAG_MCAST_PORT),
		POPT_STR("mcast-ttl", '\0', TAG_MCAST_TTL),
		POPT_STR("sync-maxlen", '\0', TAG_SYNC_MAXLEN),
		POPT_NONE("tun-info", '\0', TAG_TUN_INFO),
		POPT_STR("tun-type", '\0', TAG_TUN_TYPE),
		POPT_STR("tun-port", '\0', TAG_TUN_PORT),
		POPT_NONE("tun-nocsum", '\0', TAG_TUN_NOCSUM),
		POPT_NONE("tun-csum", '\0', TAG_TUN_CSUM),
		POPT_NONE("tun-remcsum", '\0', TAG_TUN_REMCSUM),
		POPT_NONE("json", '\0', TAG_JSON),
		POPT_NONE("pretty", '\0', TAG_PRETTY),
		POPT_NONE("test", '\0', TAG_TEST),
		{ "watch", '\0', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL,
		  &p->arg, TAG_WATCH, NULL, NULL },
		POPT_STR("count", '\0', TAG_COUNT),
		POPT_NONE("apply", '\0', TAG_APPLY),
		POPT_NONE("diff", '\0', TAG_DIFF),
		{ "drain", '\0', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL,
		  &p->arg, TAG_DRAIN, NULL, NULL },
		POPT_NONE("sysctl", '\0', TAG_SYSCTL),
		POPT_NONE("drain-expire", '\0', TAG_DRAIN_EXPIRE),
		POPT_STR("scope", '\0', TAG_SCOPE),
		POPT_STR("wait", '\0', TAG_WAIT),
		{ "check", '\0', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL,
		  &p->arg, TAG_CHECK, NULL, NULL },
		POPT_STR("netns", '\0', TAG_NETNS),
		POPT_NONE("all-netns", '\0', TAG_ALL_NETNS),
		{ "query", '\0', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL,
		  &p->arg, TAG_QUERY, NULL, NULL },
		POPT_NONE("metrics", '\0', TAG_METRICS),
		{ "list-options", '\0', POPT_ARG_NONE | POPT_ARGFLAG_DOC_HIDDEN,
		  NULL, TAG_LIST_OPTIONS, NULL, NULL },
		POPT_TABLEEND
	};
	const char *extra;
	int c;

	p->table = table;
	p->popt = poptGetContext("ipvsadm", argc, argv, table, 0);
	/* --netns may come first, as ip's -n does. */
	while ((c = poptGetNextOpt(p->popt)) == TAG_NETNS || c == TAG_ALL_NETNS) {
		take_netns(p, c);
		drop_arg(p);
	}
	if (c < 0 || take_command(p, c))
		fail_tryhelp(p);
	drop_arg(p);

	while ((c = poptGetNextOpt(p->popt)) >= 0) {
		take_option(p, c);
		drop_arg(p);
	}
	if (c < -1) {
		snprintf(p->st->text, sizeof(p->st->text), "%s: %s\n",
			 poptBadOption(p->popt, POPT_BADOPTION_NOALIAS),
			 poptStrerror(c));
		p->st->exit_status = 255;
		longjmp(p->bail, 1);
	}
	if (p->cl->cmd == CMD_TIMEOUT)
		take_set_values(p);
	if (p->cl->cmd == CMD_SYSCTL)
		take_sysctl_values(p, argc, argv);
	extra = poptGetArg(p->popt);
	if (extra)
		fail(p, 2, "unexpected argument %s", extra);
	if (p->sched_flags[0])
		take_sched_flags(p);
}

/*
 * Most lines of a restore are like the ones -S writes ("-a -t
 * 10.0.0.1:80 -r 10.1.1.1:8080 -m -w 1"), and popt costs most of their
 * parse.  When the first word is one of PLAIN_COMMANDS, every other word
 * one of PLAIN_FLAGS or PLAIN_VALUED on its own, and each value a word of
 * its own that popt passes through unchanged (no leading '-', no '!'),
 * popt would hand the same handlers the same values in the same order:
 * call them directly.  Every other command line goes through popt.
 */
#define PLAIN_COMMANDS	"AEDaed"
#define PLAIN_FLAGS	"mgi"
#define PLAIN_VALUED	"tufsrwxy"

/* c (not NUL) is in set: strchr costs more for these few letters. */
static int in_set(const char *set, int c)
{
	for (; *set; set++)
		if (*set == c)
			return 1;
	return 0;
}

static int is_plain_option(const char *word, const char *set)
{
	return word[0] == '-' && word[1] && !word[2] && in_set(set, word[1]);
}

static int is_plain(int argc, const char **argv)
{
	int i;

	if (argc < 2 || !is_plain_option(argv[1], PLAIN_COMMANDS))
		return 0;
	for (i = 2; i < argc; i++) {
		if (is_plain_option(argv[i], PLAIN_FLAGS))
			continue;
		if (!is_plain_option(argv[i], PLAIN_VALUED) || i + 1 == argc ||
		    argv[i + 1][0] == '-' || strchr(argv[i + 1], '!'))
			return 0;
		i++;
	}
	return 1;
}

static void parse_plain(struct parser *p, int argc, const char **argv)
{
	int i;

	take_command(p, argv[1][1]);
	for (i = 2; i < argc; i++) {
		int c = argv[i][1];

		/* no copy: the handlers only read their value */
		if (in_set(PLAIN_VALUED, c)) {
			p->arg = (char *)argv[++i];
			p->arg_borrowed = 1;
		}
		take_option(p, c);
		drop_arg(p);
	}
}

static void check_options(struct parser *p)
{
	uint64_t options = p->cl->options;
	const char *msg = NULL;
	char text[512];

	/* A query is what lets -c meet a service and a server: the
	 * reference's refusal stays for every command line without it. */
	if (p->cl->cmd == CMD_LIST && (options & OPT(QUERY)))
		options &= ~(OPT(CONNECTION) | OPT(SERVICE) | OPT(SERVER));
	if (check_command_options(p->cl->cmd, options, text, sizeof(text)))
		msg = text;
	if (msg)
		fail(p, 2, "%s", msg);
}

static void check_service_values(struct parser *p)
{
	struct ipvs_service *svc = &p->cl->svc;

	if (!svc->fwmark && !svc->port && !(svc->flags & IP_VS_SVC_F_PERSISTENT))
		fail(p, 2, "Zero port specified for non-persistent service");
	if ((svc->flags & IP_VS_SVC_F_ONEPACKET) && !svc->fwmark &&
	    svc->protocol != IPPROTO_UDP)
		fail(p, 2, "One-Packet Scheduling is only for UDP virtual services");
	if (!svc->sched_name[0])
		strcpy(svc->sched_name, DEFAULT_SCHEDULER);
}

static void check_server_values(struct parser *p)
{
	struct ipvs_cmdline *cl = p->cl;
	uint32_t method = cl->dest.conn_flags & IP_VS_CONN_F_FWD_MASK;
	char text[512];

	/* Only NAT can send to another port than the service's; a
	 * firewall-mark service has no port, so its servers keep theirs
	 * whatever the method (as ipvsadm 1.31 does). */
	if (method != IP_VS_CONN_F_MASQ && !cl->svc.fwmark)
		cl->dest.port = cl->svc.port;
	if (cl->dest.af != cl->svc.af && method != IP_VS_CONN_F_TUNNEL)
		fail(p, 2, "Different address family is allowed only for tunneling servers");
	if (method != IP_VS_CONN_F_TUNNEL) {
		if (cl->options & TUNNEL_OPTIONS)
			fail(p, 2, "Tunnel options conflict with forward method");
		return;
	}
	if (check_tunnel_options(cl->dest.tun_type, cl->options, text,
				 sizeof(text)))
		fail(p, 2, "%s", text);
}

/* The live view has columns of its own and reads only services. */
static void check_watch(struct parser *p)
{
	const uint64_t other_views = OPT(CONNECTION) | OPT(TIMEOUT) | OPT(DAEMON) |
		OPT(STATS) | OPT(RATE) | OPT(THRESHOLDS) | OPT(PERSISTENTCONN) |
		OPT(TUN_INFO);
	uint64_t o = p->cl->options;

	if ((o & OPT(WATCH_COUNT)) && !(o & OPT(WATCH)))
		fail(p, 2, "option --count goes with --watch");
	if ((o & OPT(WATCH)) && (o & other_views))
		fail(p, 2, "option --watch shows the services with its own columns: not with -c, --timeout, --daemon, --stats, --rate, --thresholds, --persistent-conn or --tun-info");
}

/* --query and --metrics are listings of their own. */
static void check_query_metrics(struct parser *p)
{
	const uint64_t services_views = OPT(TIMEOUT) | OPT(DAEMON) | OPT(STATS) |
		OPT(RATE) | OPT(THRESHOLDS) | OPT(TUN_INFO) | OPT(WATCH);
	uint64_t o = p->cl->options;

	if ((o & OPT(QUERY)) && (o & (services_views | OPT(METRICS))))
		fail(p, 2, "option --query lists connection entries: not with --timeout, --daemon, --stats, --rate, --thresholds, --tun-info, --watch or --metrics");
	if ((o & OPT(METRICS)) && (o & (services_views | OPT(CONNECTION) |
		OPT(SERVICE) | OPT(PERSISTENTCONN) | OPT(JSON) | OPT(PRETTY))))
		fail(p, 2, "option --metrics prints every service in the Prometheus text format: not with -c, a service, --timeout, --daemon, --stats, --rate, --thresholds, --persistent-conn, --tun-info, --watch or --json");
}

/* One listing per namespace, each headed by its name: reading only. */
static void check_all_netns(struct parser *p)
{
	const struct ipvs_cmdline *cl = p->cl;

	if (!cl->all_netns)
		return;
	if (cl->cmd != CMD_LIST && cl->cmd != CMD_SAVE)
		fail(p, 2, "option --all-netns goes with -L or -S (it lists every named namespace); for a change, give one --netns");
	if (cl->options & (OPT(JSON) | OPT(PRETTY) | OPT(WATCH) | OPT(METRICS)))
		fail(p, 2, "option --all-netns heads each namespace's listing with its name: not with --json, --watch or --metrics");
}

/* -R's options beyond the reference depend on each other. */
static void check_restore(struct parser *p)
{
	uint64_t o = p->cl->options;

	if ((o & (OPT(JSON) | OPT(PRETTY))) && !(o & (OPT(DIFF) | OPT(CHECK))))
		fail(p, 2, "option --json goes with -R --diff (the change set as JSON)");
	if ((o & OPT(SCOPE)) && !(o & (OPT(APPLY) | OPT(DIFF) | OPT(TEST))))
		fail(p, 2, "option --scope goes with -R --apply, --diff or --test (the services the file may hold)");
	if ((o & OPT(WAIT)) && (o & (OPT(DIFF) | OPT(TEST) | OPT(CHECK))))
		fail(p, 2, "option --wait goes with a command that changes the table: --diff, --test and --check only read");
	if ((o & OPT(DRAIN)) && !(o & OPT(APPLY)))
		fail(p, 2, "option --drain goes with -R --apply (the servers it removes are drained)");
	if ((o & OPT(DRAIN_EXPIRE)) && !(o & OPT(DRAIN)))
		fail(p, 2, "option --drain-expire goes with --drain");
}

static void check_values(struct parser *p)
{
	struct ipvs_cmdline *cl = p->cl;

	switch (cl->cmd) {
	case CMD_ADD:
	case CMD_EDIT:
		check_service_values(p);
		break;
	case CMD_STARTDAEMON:
		if (!cl->daemon.mcast_ifn[0])
			strcpy(cl->daemon.mcast_ifn, DEFAULT_MCAST_IFN);
		break;
	case CMD_ADDDEST:
	case CMD_EDITDEST:
		check_server_values(p);
		break;
	case CMD_LIST:
		/* Connections take --persistent-conn; the timeout and
		 * daemon listings do not. */
		if (((cl->options & (OPT(CONNECTION) | OPT(TIMEOUT) | OPT(DAEMON))) &&
		     (cl->options & (OPT(STATS) | OPT(RATE) | OPT(THRESHOLDS)))) ||
		    ((cl->options & (OPT(TIMEOUT) | OPT(DAEMON))) &&
		     (cl->options & OPT(PERSISTENTCONN))))
			fail(p, 2, "options conflicts in the list command");
		check_watch(p);
		check_query_metrics(p);
		break;
	case CMD_RESTORE:
		check_restore(p);
		break;
	default:
		break;
	}
}

void cmdline_defaults(struct ipvs_cmdline *cl)
{
	memset(cl, 0, sizeof(*cl));
	cl->dest.weight = 1;
	cl->dest.conn_flags = IP_VS_CONN_F_DROUTE;
	cl->svc.netmask = 0xffffffff;
}

int cmdline_parse(int argc, char **argv, struct ipvs_cmdline *cl,
		  struct cli_status *st)
{
	struct parser p = {
		.cl = cl,
		.st = st,
		.program = argc > 0 && argv[0] ? argv[0] : "ipvsadm",
	};
	int failed;

	cmdline_defaults(cl);
	/* Not a memset: -R parses every line, and text is 8 KiB. */
	st->exit_status = 0;
	st->to_stdout = 0;
	st->text[0] = '\0';
	/* A failure anywhere below longjmps back here with st filled. */
	failed = setjmp(p.bail);
	if (!failed) {
		if (is_plain(argc, (const char **)argv))
			parse_plain(&p, argc, (const char **)argv);
		else
			parse_with_popt(&p, argc, (const char **)argv);
		check_options(&p);
		check_values(&p);
		check_all_netns(&p);
	}
	drop_arg(&p);
	if (p.popt)
		poptFreeContext(p.popt);
	if (failed) {
		free(cl->scope);
		cl->scope = NULL;
	}
	return failed ? -1 : 0;
}
