/*
 * LD_PRELOAD shim for tests/bats/80-hostile.bats: a kernel without IPVS,
 * as both binaries see it.  The generic netlink family "IPVS" does not
 * resolve, and the old sockopt interface (IP_VS_SO_*, which the
 * reference falls back to) answers ENOPROTOOPT, as a kernel without the
 * ip_vs module does.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#define IP_VS_SO_FIRST	1152	/* IP_VS_BASE_CTL in linux/ip_vs.h */
#define IP_VS_SO_LAST	1160
#define NLE_OBJ_NOTFOUND 12

struct nl_sock;

static int is_ipvs_opt(int level, int name)
{
	return level == IPPROTO_IP && name >= IP_VS_SO_FIRST &&
	       name <= IP_VS_SO_LAST;
}

int genl_ctrl_resolve(struct nl_sock *sk, const char *name)
{
	static int (*real)(struct nl_sock *, const char *);

	if (name && !strcmp(name, "IPVS"))
		return -NLE_OBJ_NOTFOUND;
	if (!real)
		real = (int (*)(struct nl_sock *, const char *))
			dlsym(RTLD_NEXT, "genl_ctrl_resolve");
	return real(sk, name);
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	static int (*real)(int, int, int, void *, socklen_t *);

	if (is_ipvs_opt(level, name)) {
		errno = ENOPROTOOPT;
		return -1;
	}
	if (!real)
		real = (int (*)(int, int, int, void *, socklen_t *))
			dlsym(RTLD_NEXT, "getsockopt");
	return real(fd, level, name, val, len);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	static int (*real)(int, int, int, const void *, socklen_t);

	if (is_ipvs_opt(level, name)) {
		errno = ENOPROTOOPT;
		return -1;
	}
	if (!real)
		real = (int (*)(int, int, int, const void *, socklen_t))
			dlsym(RTLD_NEXT, "setsockopt");
	return real(fd, level, name, val, len);
}
