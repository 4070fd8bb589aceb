/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm: administer the kernel's IP Virtual Server table.
 *
 * A drop-in replacement for ipvsadm 1.31: the same grammar, output and
 * exit statuses.  The command line is parsed first, without the kernel,
 * so -h and -v work anywhere; then one netlink session (libipvs) serves
 * the command.
 *
 * This file is the top of the program and the only place that chooses
 * between its parts: a single command (cli/), a restore or an apply
 * (save_restore/), the live view or a drain (live/).  No part below calls
 * up into another; where restore needs to run a line it cannot run itself
 * (--drain), it is handed run_line().
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/exec.h"
#include "cli/lock.h"
#include "cli/netns.h"
#include "cli/sysctl_set.h"
#include "live/check.h"
#include "live/drain.h"
#include "live/watch.h"
#include "print/list.h"
#include "save_restore/apply.h"
#include "save_restore/restore.h"
#include "save_restore/save_state.h"

/* Like the reference, load ip_vs when the kernel has it as a module. */
static void load_ipvs_module(void)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return;
	if (pid == 0) {
		static char *const argv[] = { "/sbin/modprobe", "-q", "--",
					      "ip_vs", NULL };

		execv(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
}

/*
 * Open the socket and ask the kernel for its IPVS version, as the
 * reference does first: that also proves we may talk to it (root).
 * On failure, one line says why.
 */
static struct ipvs_sock *open_ipvs(void)
{
	struct ipvs_info info = { 0 };
	struct ipvs_sock *s;
	int err;

	s = ipvs_open(&err);
	if (!s && geteuid() == 0) {
		load_ipvs_module();
		s = ipvs_open(&err);
	}
	if (s) {
		err = ipvs_get_info(s, &info);
		if (!err)
			return s;
		ipvs_close(s);
	}
	if (err == -EPERM || err == -EACCES)
		fprintf(stderr, "Can't initialize ipvs: %s\n",
			cmd_strerror(CMD_NONE, EPERM));
	else if (err == -ENOPROTOOPT || err == -ENOENT)
		fprintf(stderr, "Can't initialize ipvs: %s (no IP Virtual Server in this kernel: is the ip_vs module available?)\n",
			cmd_strerror(CMD_NONE, ENOPROTOOPT));
	else
		fprintf(stderr, "Can't initialize ipvs: %s\n", cmd_strerror(CMD_NONE, err));
	return NULL;
}

/* -R --apply and -R --diff.  With --drain the servers the file removes
 * are drained here, once every other change is in: the drain loop is the
 * live part's, above the rules files. */
static int apply_command(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	struct apply_changes drains = { 0 };
	int status = apply_run(s, stdin, NULL, cl, &drains);

	/* The changes are in; the drains only wait and delete what the
	 * file removed: other writers need not wait minutes for that. */
	table_unlock();
	if (status == 0 && drains.len)
		status = drain_many(s, drains.cl, drains.len);
	apply_changes_free(&drains);
	return status;
}

/* A line of a restore input that is not a request: a listing (printed
 * once, even with --watch) or a drain. */
static int run_line(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	if (cl->cmd == CMD_DRAIN)
		return drain_run(s, cl);
	if (cl->cmd == CMD_SYSCTL)
		return sysctl_run(cl);
	return cmdline_exec(s, cl);
}

/* The command of the command line. */
static int run_command(struct ipvs_sock *s, const struct ipvs_cmdline *cl)
{
	switch (cl->cmd) {
	case CMD_CHECK:
		return check_run(s, cl, NULL);
	case CMD_RESTORE:
		if (cl->options & (OPT(APPLY) | OPT(DIFF)))
			return apply_command(s, cl);
		return restore_run(s, stdin, NULL, run_line);
	case CMD_SAVE:
		/* the option table lets at most one of the two through */
		if (cl->options & OPT(SYSCTL))
			return save_state(s, cl->format);
		if (cl->options & OPT(SCOPE))
			return apply_scope_save(s, cl);
		return cmdline_exec(s, cl);
	case CMD_LIST:
		if (cl->options & OPT(WATCH))
			return watch_run(s, cl);
		return cmdline_exec(s, cl);
	case CMD_SCOPE:
		fputs("--scope alone is a rules file's line; on the command line it goes with -R --apply, -R --diff or -S\n",
		      stderr);
		return 2;
	default:
		return run_line(s, cl);
	}
}

/* The command in the current namespace, with its own socket. */
static int run_here(const struct ipvs_cmdline *cl)
{
	struct ipvs_sock *s = open_ipvs();
	int status;

	if (!s)
		return 2;
	status = run_command(s, cl);
	ipvs_close(s);
	return status;
}

/*
 * --all-netns: the listing in every namespace of /var/run/netns, each
 * headed by "\nnetns: NAME\n" as `ip -all-netns exec` heads its runs.
 * One that fails does not stop the others; the status is the last
 * failure's, or 0.
 */
static int run_all_netns(const struct ipvs_cmdline *cl)
{
	int home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	int i, n, status = 0, one;
	char **names;

	if (home < 0) {
		perror("Cannot open the current network namespace");
		return 2;
	}
	n = netns_names(&names);
	if (n < 0) {
		fprintf(stderr, "%s\n", strerror(ENOMEM));
		close(home);
		return 2;
	}
	for (i = 0; i < n; i++) {
		one = netns_enter_named(names[i]);
		if (one == 1)
			continue;
		printf("\nnetns: %s\n", names[i]);
		fflush(stdout);
		one = one ? 2 : run_here(cl);
		fflush(stdout);
		if (one)
			status = one;
		if (setns(home, CLONE_NEWNET) < 0) {
			perror("Cannot return to the first network namespace");
			status = 2;
			break;
		}
	}
	netns_names_free(names, n);
	close(home);
	return status;
}

int main(int argc, char **argv)
{
	struct ipvs_cmdline cl = { 0 };
	struct cli_status st;
	struct ipvs_sock *s;
	int status = 0;

	if (argc > 1 && cmdline_parse(argc, argv, &cl, &st)) {
		fputs(st.text, st.to_stdout ? stdout : stderr);
		return st.exit_status;
	}
	if (argc > 1 && cl.all_netns) {
		status = run_all_netns(&cl);
		if (fflush(stdout) && !status)
			status = 1;
		return status;
	}
	/* Before the socket opens and /proc/net is read: both follow. */
	if (argc > 1 && cl.netns[0] && netns_enter(cl.netns))
		return 2;
	/* -R --test changes nothing and needs no IPVS socket. */
	if (argc > 1 && cl.cmd == CMD_RESTORE && (cl.options & OPT(TEST))) {
		status = restore_test(stdin, NULL, cl.scope);
		free(cl.scope);
		return status;
	}
	/* A rules file's and a real server's checks need no IPVS here:
	 * a real server usually has none. */
	if (argc > 1 && ((cl.cmd == CMD_RESTORE && (cl.options & OPT(CHECK))) ||
			 (cl.cmd == CMD_CHECK && cl.dest.af)))
		return check_run(NULL, &cl, cl.cmd == CMD_RESTORE ? stdin : NULL);
	s = open_ipvs();
	if (!s) {
		free(cl.scope);
		return 2;
	}
	if (argc > 1 && cmd_changes_table(&cl))
		status = table_lock(&cl);	/* 2: another writer holds it */
	if (!status)
		status = argc > 1 ? run_command(s, &cl) : list_all(s, FMT_NONE);
	free(cl.scope);
	ipvs_close(s);
	if (fflush(stdout) && !status)
		status = 1;
	return status;
}
