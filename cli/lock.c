/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The table's lock (cli/lock.h): one open and one flock per command.  The
 * holder writes its PID into the file so that a writer who gives up can
 * say who holds it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/lock.h"

static int lock_fd = -1;

int cmd_changes_table(const struct ipvs_cmdline *cl)
{
	switch (cl->cmd) {
	case CMD_ADD: case CMD_EDIT: case CMD_DEL: case CMD_FLUSH:
	case CMD_ADDDEST: case CMD_DELDEST: case CMD_EDITDEST:
	case CMD_TIMEOUT: case CMD_STARTDAEMON: case CMD_STOPDAEMON:
	case CMD_ZERO: case CMD_DRAIN:
		return 1;
	case CMD_RESTORE:
		return !(cl->options & (OPT(DIFF) | OPT(TEST) | OPT(CHECK)));
	default:
		return 0;
	}
}

static void lock_path(char *buf, size_t len)
{
	struct stat st;

	if (stat("/proc/self/ns/net", &st) == 0)
		snprintf(buf, len, "/run/ipvsadm.%llu.lock",
			 (unsigned long long)st.st_ino);
	else
		snprintf(buf, len, "/run/ipvsadm.lock");
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The holder's PID as it wrote it, or 0 when not written yet. */
static long holder_pid(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid = 0;

	if (n > 0) {
		buf[n] = '\0';
		sscanf(buf, "%ld", &pid);
	}
	return pid;
}

static int give_up(int fd, const char *path, unsigned int wait_s)
{
	long pid = holder_pid(fd);
	char who[64] = "another process";

	if (pid > 0)
		snprintf(who, sizeof(who), "process %ld", pid);
	fprintf(stderr, "The IPVS table is being changed by %s (it holds %s); %s\n",
		who, path, wait_s ? "gave up waiting for it (--wait=SECONDS waits longer)"
				  : "not waiting (--wait=0)");
	close(fd);
	return 2;
}

int table_lock(const struct ipvs_cmdline *cl)
{
	unsigned int wait_s = (cl->options & OPT(WAIT)) ? cl->wait_seconds
							: LOCK_WAIT_DEFAULT;
	long long deadline = now_ms() + (long long)wait_s * 1000;
	long step_ms = 1;
	char path[64], pid[24];
	int fd, n;

	lock_path(path, sizeof(path));
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return 0;
	while (flock(fd, LOCK_EX | LOCK_NB)) {
		long long left = deadline - now_ms();
		struct timespec pause;

		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			close(fd);
			return 0;
		}
		if (left <= 0)
			return give_up(fd, path, wait_s);
		if (step_ms > left)
			step_ms = (long)left;
		pause.tv_sec = step_ms / 1000;
		pause.tv_nsec = (step_ms % 1000) * 1000000L;
		nanosleep(&pause, NULL);
		step_ms = step_ms * 2 > 50 ? 50 : step_ms * 2;
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) != n) {
		/* the lock holds all the same; only the holder's name is lost */
	}
	lock_fd = fd;
	return 0;
}

void table_unlock(void)
{
	if (lock_fd >= 0)
		close(lock_fd);
	lock_fd = -1;
}
