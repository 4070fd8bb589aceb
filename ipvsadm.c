/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm: administer the kernel's IP Virtual Server table.
 *
 * A drop-in replacement for ipvsadm 1.31: the same grammar, output and
 * exit statuses.  The command line is parsed first, without the kernel,
 * so -h and -v work anywhere; then one netlink session (libipvs) serves
 * the command.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/drain.h"
#include "cli/exec.h"
#include "cli/list.h"
#include "cli/watch.h"
#include "save_restore/apply.h"
#include "save_restore/restore.h"

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
	struct ipvs_info info;
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

	if (status == 0 && drains.len)
		status = drain_many(s, drains.cl, drains.len);
	apply_changes_free(&drains);
	return status;
}

int main(int argc, char **argv)
{
	struct ipvs_cmdline cl;
	struct cli_status st;
	struct ipvs_sock *s;
	int status;

	if (argc > 1 && cmdline_parse(argc, argv, &cl, &st)) {
		fputs(st.text, st.to_stdout ? stdout : stderr);
		return st.exit_status;
	}
	/* -R --test changes nothing and needs no IPVS socket. */
	if (argc > 1 && cl.cmd == CMD_RESTORE && (cl.options & OPT(TEST)))
		return restore_test(stdin, NULL);
	s = open_ipvs();
	if (!s)
		return 2;
	if (argc > 1 && cl.cmd == CMD_LIST && (cl.options & OPT(WATCH)))
		status = watch_run(s, &cl);
	else if (argc > 1 && cl.cmd == CMD_RESTORE &&
		 (cl.options & (OPT(APPLY) | OPT(DIFF))))
		status = apply_command(s, &cl);
	else if (argc > 1)
		status = cmdline_exec(s, &cl);
	else
		status = list_all(s, FMT_NONE);
	ipvs_close(s);
	if (fflush(stdout) && !status)
		status = 1;
	return status;
}
