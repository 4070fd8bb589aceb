/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which option goes with which command, as data: one row per command,
 * one column per option, in the order of enum ipvs_opt_index.
 *   '+' the option is required   'x' the option is illegal
 *   '1' at most one of the '1' options may be given   ' ' optional
 * The rows reproduce the reference's rules, so errors come out the same.
 */
#include <stdio.h>

#include "cli/optable.h"

static const char *const option_names[OPTI_COUNT] = {
	"numeric", "connection", "service-address", "scheduler",
	"persistent", "netmask", "real-server", "forwarding-method",
	"weight", "u-threshold", "l-threshold", "mcast-interface",
	"timeout", "daemon", "stats", "rate", "thresholds",
	"persistent-conn", "nosort", "syncid", "exact", "ops", "pe",
	"sched-flags", "mcast-group", "mcast-port", "mcast-ttl",
	"sync-maxlen", "tun-info", "tun-type", "tun-port", "tun-nocsum",
	"tun-csum", "tun-remcsum", "json", "pretty", "test", "watch", "count",
	"apply", "diff", "drain", "sysctl", "drain-expire", "scope", "wait",
	"check", "netns", "query", "metrics",
};

static const char *const command_names[CMD_KERNEL_COUNT] = {
	"add-service", "edit-service", "delete-service", "flush", "list",
	"add-server", "delete-server", "edit-server", "set",
	"start-daemon", "stop-daemon", "restore", "save", "zero",
	"drain-server", "sysctl", "scope", "check",
};

/*         -n -c svc -s -p -M -r fwd -w -x -y mcast tout dmn stats rate thr pc nosort
 *         syncid exact ops pe -b grp port ttl maxlen tinfo ttype tport nocsum csum remcsum
 *         and beyond the reference: json pretty test watch count apply diff drain
 *         sysctl drain-expire scope wait check netns query metrics */
static const char command_rules[CMD_KERNEL_COUNT][OPTI_COUNT + 1] = {
	[CMD_ADD         - 1] = "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxxxxxxxxxxxxx x xx",
	[CMD_EDIT        - 1] = "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxxxxxxxxxxxxx x xx",
	[CMD_DEL         - 1] = "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx x xx",
	[CMD_FLUSH       - 1] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx x xx",
	[CMD_LIST        - 1] = " 11xxxxxxxxx11       xxxxxxx xxxxx  x  xxxxxxxx   ",
	[CMD_ADDDEST     - 1] = "xx+xxx+    xxxxxxxxxxxxxxxxxx     xxxxxxxxxxx x xx",
	[CMD_DELDEST     - 1] = "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx x xx",
	[CMD_EDITDEST    - 1] = "xx+xxx+    xxxxxxxxxxxxxxxxxx     xxxxxxxxxxx x xx",
	[CMD_TIMEOUT     - 1] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx x xx",
	[CMD_STARTDAEMON - 1] = "xxxxxxxxxxx xxxxxxx xxxx    xxxxxxxxxxxxxxxxx x xx",
	[CMD_STOPDAEMON  - 1] = "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxx x xx",
	[CMD_RESTORE     - 1] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  1xx11 x   1 xx",
	[CMD_SAVE        - 1] = " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx1x1xx xx",
	[CMD_ZERO        - 1] = "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx x xx",
	[CMD_DRAIN       - 1] = "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx x x xx",
	[CMD_SYSCTL      - 1] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  xxxxxxxxxxx xx",
	[CMD_SCOPE       - 1] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	[CMD_CHECK       - 1] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  xxxxxxxxxxx xx",
};

/* Tunnel types against tun-port, tun-nocsum, tun-csum, tun-remcsum. */
static const char tunnel_rules[][4 + 1] = {
	[IP_VS_CONN_F_TUNNEL_TYPE_IPIP] = "xxxx",
	[IP_VS_CONN_F_TUNNEL_TYPE_GUE] = "+111",
	[IP_VS_CONN_F_TUNNEL_TYPE_GRE] = "x11x",
};

static const char *const tunnel_names[] = { "ipip", "gue", "gre" };

const char *option_name(enum ipvs_opt_index i)
{
	return option_names[i];
}

/*
 * Check options against one row of rules; the first offending column
 * decides the message, as in the reference.  what is "command" or
 * "tunnel type".
 */
static int check_row(const char *rule, unsigned int first, unsigned int count,
		     uint64_t options, const char *owner, const char *what,
		     char *msg, size_t len)
{
	unsigned int j, exclusive = 0, last = 0;

	for (j = 0; j < count; j++) {
		unsigned int opt = first + j;
		int given = !!(options & (1ULL << opt));

		if (!given && rule[j] == '+') {
			snprintf(msg, len, "You need to supply the '%s' option for the '%s' %s",
				 option_names[opt], owner, what);
			return -1;
		}
		if (given && rule[j] == 'x') {
			snprintf(msg, len, "Illegal '%s' option with the '%s' %s",
				 option_names[opt], owner, what);
			return -1;
		}
		if (given && rule[j] == '1' && exclusive++) {
			snprintf(msg, len, "The option '%s' conflicts with the '%s' option in the '%s' %s",
				 option_names[opt], option_names[last], owner, what);
			return -1;
		}
		if (given && rule[j] == '1')
			last = opt;
	}
	return 0;
}

/* A command's row as masks of options: needed ('+'), illegal ('x'),
 * and of which at most one ('1'). */
struct row_masks {
	uint64_t need, deny, one;
};

static const struct row_masks *command_masks(enum ipvs_cmd cmd)
{
	static struct row_masks masks[CMD_KERNEL_COUNT];
	static int ready;
	unsigned int c, j;

	for (c = 0; !ready && c < CMD_KERNEL_COUNT; c++) {
		for (j = 0; j < OPTI_COUNT; j++) {
			uint64_t bit = 1ULL << j;

			masks[c].need |= command_rules[c][j] == '+' ? bit : 0;
			masks[c].deny |= command_rules[c][j] == 'x' ? bit : 0;
			masks[c].one |= command_rules[c][j] == '1' ? bit : 0;
		}
	}
	ready = 1;
	return &masks[cmd - 1];
}

int check_command_options(enum ipvs_cmd cmd, uint64_t options,
			  char *msg, size_t len)
{
	const struct row_masks *m;

	if (cmd == CMD_NONE || cmd > CMD_KERNEL_COUNT)
		return 0;
	/* -R checks every line: the masks say "good" at once, and only a
	 * bad line walks the row for its message. */
	m = command_masks(cmd);
	if ((options & m->need) == m->need && !(options & m->deny) &&
	    __builtin_popcountll(options & m->one) <= 1)
		return 0;
	return check_row(command_rules[cmd - 1], 0, OPTI_COUNT, options,
			 command_names[cmd - 1], "command", msg, len);
}

int check_tunnel_options(unsigned int tun_type, uint64_t options,
			 char *msg, size_t len)
{
	if (tun_type >= sizeof(tunnel_rules) / sizeof(tunnel_rules[0]))
		return 0;
	return check_row(tunnel_rules[tun_type], OPTI_TUN_PORT, 4, options,
			 tunnel_names[tun_type], "tunnel type", msg, len);
}
