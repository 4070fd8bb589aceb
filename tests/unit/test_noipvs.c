/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A kernel without IPVS, for real: where the generic netlink family IPVS
 * does not resolve (and, as root, modprobe ip_vs cannot load it), every
 * command but -h, -v and -R --test fails with one line and status 2, as
 * root and as nobody.  Runs ./ipvsadm; skipped where the kernel has IPVS
 * (the lab), so it runs on the machine that builds.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libipvs/ipvs.h"
#include "unit.h"

#define NO_IPVS "Can't initialize ipvs: Protocol not available (no IP Virtual Server in this kernel: is the ip_vs module available?)\n"

/* Run ./ipvsadm ARGS (as uid when uid > 0) with stdin from /dev/null;
 * its stdout and stderr together in out.  Returns the exit status, or
 * 128 + signal. */
static int run(uid_t uid, char *out, size_t len, char *const argv[])
{
	int pipefd[2], status;
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(pipefd) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, STDIN_FILENO);
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(pipefd[1], STDERR_FILENO);
		close(pipefd[0]);
		if (uid > 0 && (setgroups(0, NULL) < 0 || setgid(uid) < 0 ||
				 setuid(uid) < 0))
			_exit(125);
		execv("./ipvsadm", argv);
		_exit(127);
	}
	close(pipefd[1]);
	while (n + 1 < len && (r = read(pipefd[0], out + n, len - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void check_user(uid_t uid, const char *who)
{
	static char *const cmds[][6] = {
		{ "ipvsadm", NULL },
		{ "ipvsadm", "-L", "-n", NULL },
		{ "ipvsadm", "-A", "-t", "10.0.0.1:80", NULL },
		{ "ipvsadm", "-S", "-n", NULL },
		{ "ipvsadm", "-R", NULL },
		{ "ipvsadm", "-C", NULL },
	};
	char out[4096];
	size_t i;
	int status;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		status = run(uid, out, sizeof(out), cmds[i]);
		CHECK(status == 2 && !strcmp(out, NO_IPVS),
		      "no IPVS, %s: %s %s: status 2, one line (got %d: %.512s)", who,
		      cmds[i][1] ? cmds[i][1] : "(no arguments)",
		      cmds[i][1] && cmds[i][2] ? cmds[i][2] : "", status, out);
	}
	status = run(uid, out, sizeof(out), (char *const[]){ "ipvsadm", "-R", "--test", NULL });
	CHECK(status == 0 && !out[0], "no IPVS, %s: -R --test of nothing works (got %d: %.512s)",
	      who, status, out);
	status = run(uid, out, sizeof(out), (char *const[]){ "ipvsadm", "-v", NULL });
	CHECK(status == 0 && !strncmp(out, "ipvsadm v", 9),
	      "no IPVS, %s: -v works (got %d)", who, status);
}

int main(void)
{
	struct ipvs_sock *s;
	int err = 0;

	if (access("./ipvsadm", X_OK) < 0) {
		printf("ok - no ./ipvsadm here: skipped\n");
		UNIT_EXIT();
	}
	s = ipvs_open(&err);
	if (s || err != -ENOPROTOOPT || access("/proc/net/ip_vs", F_OK) == 0) {
		ipvs_close(s);
		printf("ok - this kernel has IPVS (or no generic netlink): skipped\n");
		UNIT_EXIT();
	}
	check_user(geteuid(), geteuid() == 0 ? "root" : "this user");
	if (geteuid() == 0)
		check_user(65534, "nobody");
	UNIT_EXIT();
}
