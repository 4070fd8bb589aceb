/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One parsed ipvsadm command line: what to do and with which values.
 * The parser (parse.c) fills it without touching the kernel, so the CLI,
 * the restore file reader and the unit tests share one grammar.
 */
#ifndef CLI_CMD_H
#define CLI_CMD_H

#include <stdint.h>
#include "libipvs/ipvs.h"
#include "print/conn_query.h"
#include "print/format.h"
#include "cli/scope.h"

enum ipvs_cmd {
	CMD_NONE = 0,
	CMD_ADD,		/* -A */
	CMD_EDIT,		/* -E */
	CMD_DEL,		/* -D */
	CMD_FLUSH,		/* -C */
	CMD_LIST,		/* -L, -l */
	CMD_ADDDEST,		/* -a */
	CMD_DELDEST,		/* -d */
	CMD_EDITDEST,		/* -e */
	CMD_TIMEOUT,		/* --set */
	CMD_STARTDAEMON,	/* --start-daemon */
	CMD_STOPDAEMON,		/* --stop-daemon */
	CMD_RESTORE,		/* -R */
	CMD_SAVE,		/* -S */
	CMD_ZERO,		/* -Z */
	CMD_DRAIN,		/* --drain: beyond the reference */
	CMD_SYSCTL,		/* --sysctl [NAME=VALUE...]: beyond the reference */
	CMD_SCOPE,		/* --scope: a rules file's scope (cli/scope.h) */
	CMD_CHECK,		/* --check: the set-up around the table */
	CMD_HELP,		/* -h: not a kernel command */
	CMD_VERSION,		/* -v: not a kernel command */
};
#define CMD_KERNEL_COUNT CMD_CHECK	/* commands in the compatibility table */

/* Option bits, in the order of the reference's compatibility table. */
enum ipvs_opt_index {
	OPTI_NUMERIC, OPTI_CONNECTION, OPTI_SERVICE, OPTI_SCHEDULER,
	OPTI_PERSISTENT, OPTI_NETMASK, OPTI_SERVER, OPTI_FORWARD,
	OPTI_WEIGHT, OPTI_UTHRESHOLD, OPTI_LTHRESHOLD, OPTI_MCAST,
	OPTI_TIMEOUT, OPTI_DAEMON, OPTI_STATS, OPTI_RATE, OPTI_THRESHOLDS,
	OPTI_PERSISTENTCONN, OPTI_NOSORT, OPTI_SYNCID, OPTI_EXACT,
	OPTI_ONEPACKET, OPTI_PE, OPTI_SCHED_FLAGS, OPTI_MCAST_GROUP,
	OPTI_MCAST_PORT, OPTI_MCAST_TTL, OPTI_SYNC_MAXLEN, OPTI_TUN_INFO,
	OPTI_TUN_TYPE, OPTI_TUN_PORT, OPTI_TUN_NOCSUM, OPTI_TUN_CSUM,
	OPTI_TUN_REMCSUM,
	/* Beyond the reference: new options only ever go here. */
	OPTI_JSON, OPTI_PRETTY, OPTI_TEST, OPTI_WATCH, OPTI_WATCH_COUNT,
	OPTI_APPLY, OPTI_DIFF, OPTI_DRAIN, OPTI_SYSCTL, OPTI_DRAIN_EXPIRE,
	OPTI_SCOPE, OPTI_WAIT, OPTI_CHECK, OPTI_NETNS, OPTI_QUERY, OPTI_METRICS,
	OPTI_COUNT
};
#define OPT(name) (1ULL << OPTI_##name)

struct ipvs_cmdline {
	enum ipvs_cmd cmd;
	uint64_t options;		/* OPT(...) bits given */
	unsigned int format;		/* FMT_* bits (print/format.h) */
	struct ipvs_service svc;	/* -t/-u/--sctp-service/-f and service options */
	struct ipvs_dest dest;		/* -r and real server options */
	struct ipvs_timeouts timeouts;	/* --set */
	struct ipvs_daemon daemon;	/* --start-daemon/--stop-daemon */
	unsigned long watch_ms;		/* -L --watch: the interval */
	unsigned long watch_count;	/* --count: frames, 0 for no end */
	uint32_t drain_timeout;		/* --drain[=SECONDS], also of -R --apply */
	/* --sysctl NAME=VALUE...: the words of the parsed argv that are not
	 * options are the settings (cli/sysctl_set.c); valid only while
	 * that argv is. */
	char *const *sysctl_argv;
	int sysctl_argc;
	uint32_t wait_seconds;		/* --wait=SECONDS: for the table's lock */
	/* --scope: allocated by the parser; its owner frees it (a rules
	 * file's reader takes a --scope line's).  The real server of
	 * --check=METHOD:ADDR is dest's af, addr and forwarding method. */
	struct ipvs_scope *scope;
	char netns[256];		/* --netns: NAME, PATH or PID */
	unsigned int all_netns;		/* --all-netns (the same option bit) */
	struct conn_query query;	/* --query's terms; -t/-r added at run */
	unsigned int server_port_given;	/* -r had a port (for --query) */
};

/*
 * What the parser says when it stops early: the text for stderr (or
 * stdout for -h), already with its trailing newline, and the exit status
 * the reference gives for it.
 */
struct cli_status {
	int exit_status;
	int to_stdout;			/* -h prints its usage on stdout */
	char text[8192];
};

/*
 * Parse argv (argv[0] is the program name the messages use).
 * Returns 0 when cl holds a command to run, -1 when st holds the
 * message and exit status to give instead (including -h and -v).
 */
int cmdline_parse(int argc, char **argv, struct ipvs_cmdline *cl,
		  struct cli_status *st);

/* cl zeroed, with the reference's defaults (-w 1, -g, mask /32). */
void cmdline_defaults(struct ipvs_cmdline *cl);

/*
 * The lines -S writes for nearly every service and real server,
 * "-A -t|-u ADDR:PORT -s SCHED" and "-a -t|-u ADDR[:PORT] -r ADDR[:PORT]
 * -m|-g|-i -w WEIGHT" with dotted-quad addresses, read straight from the
 * line (len bytes, no newline, not changed) without argv or option
 * tables: -R of 10,000 x 10 is 110,000 of them.  Returns 1 with cl
 * exactly as cmdline_parse() fills it from the line's words, or 0 for any
 * other line (other words or blanks, another form, a value it would
 * refuse), which the caller then splits and parses in full.
 */
int cmdline_parse_rule(const char *line, size_t len, struct ipvs_cmdline *cl);

/* The reference's text for a kernel error of a command. */
const char *cmd_strerror(enum ipvs_cmd cmd, int err);

#endif
