/*
 * nsx: network namespaces for the bats suites, in one small static program.
 *
 *   nsx add NAME...                 like `ip netns add NAME` for each NAME,
 *                                   and bring lo up in it
 *   nsx del NAME...                 like `ip -force netns del NAME`
 *   nsx run NAME PROG ARGV0 ARG...  exec PROG with argv ARGV0 ARG... inside
 *                                   the namespace NAME (no PATH search)
 *
 * Why: in the emulated lab every exec of a dynamically linked program costs
 * tens of milliseconds (the loader's mmaps and page faults under TCG, and
 * its file lookups over 9p).  A test used to pay nsenter + ipvsadm for each
 * command and three `ip` runs to make its namespaces; a static nsx makes
 * that one cheap exec.  Built with -static by `make labtools`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define NETNS_DIR "/run/netns"

static int fail(const char *what, const char *name)
{
	fprintf(stderr, "nsx: %s %s: %s\n", what, name, strerror(errno));
	return 1;
}

static int ns_path(char *buf, size_t len, const char *name)
{
	int n = snprintf(buf, len, NETNS_DIR "/%s", name);

	if (n < 0 || (size_t)n >= len || strchr(name, '/') || !name[0]) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* The interface lo of the current network namespace, up. */
static int lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc = -1;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return rc;
}

/* As iproute2 does: a new netns kept alive by a bind mount of its nsfs file. */
static int ns_add(const char *name)
{
	char path[256];
	int fd;

	if (ns_path(path, sizeof(path), name) < 0)
		return fail("bad name", name);
	if (mkdir(NETNS_DIR, 0755) < 0 && errno != EEXIST)
		return fail("mkdir", NETNS_DIR);
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0)
		return fail("create", path);
	close(fd);
	if (unshare(CLONE_NEWNET) < 0) {
		unlink(path);
		return fail("unshare for", name);
	}
	if (mount("/proc/self/ns/net", path, "none", MS_BIND, NULL) < 0) {
		unlink(path);
		return fail("bind mount", path);
	}
	if (lo_up() < 0)
		return fail("lo up in", name);
	return 0;
}

static int ns_del(const char *name)
{
	char path[256];

	if (ns_path(path, sizeof(path), name) < 0)
		return fail("bad name", name);
	if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT)
		return fail("umount", path);
	if (unlink(path) < 0 && errno != ENOENT)
		return fail("unlink", path);
	return 0;
}

static int ns_run(const char *name, const char *prog, char **argv)
{
	char path[256];
	int fd;

	if (ns_path(path, sizeof(path), name) < 0)
		return fail("bad name", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("open", path);
	if (setns(fd, CLONE_NEWNET) < 0)
		return fail("setns", path);
	close(fd);
	execv(prog, argv);
	fail("exec", prog);
	return 127;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc >= 5 && strcmp(argv[1], "run") == 0)
		return ns_run(argv[2], argv[3], argv + 4);
	if (argc >= 2 && strcmp(argv[1], "add") == 0) {
		for (i = 2; i < argc; i++)
			rc |= ns_add(argv[i]);
		return rc;
	}
	if (argc >= 2 && strcmp(argv[1], "del") == 0) {
		for (i = 2; i < argc; i++)
			rc |= ns_del(argv[i]);
		return rc;
	}
	fprintf(stderr, "usage: nsx add NAME... | nsx del NAME... | "
			"nsx run NAME PROG ARGV0 [ARG...]\n");
	return 2;
}
