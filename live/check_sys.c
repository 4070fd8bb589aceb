/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host's facts for --check (live/check_sys.h).  Routes come from
 * /proc/net/route and /proc/net/ipv6_route, the main table as the kernel
 * prints it: enough to tell a directly connected network from one behind
 * a gateway, without rtnetlink or running ip(8).
 */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live/check_sys.h"

long sys_sysctl(const char *name)
{
	char path[256], buf[64];
	size_t i, n = strlen("/proc/sys/");
	FILE *f;
	long v;

	snprintf(path, sizeof(path), "/proc/sys/%s", name);
	/* every dot is a folder: an interface name with a dot (eth0.100)
	 * is not handled */
	for (i = n; path[i]; i++)
		if (path[i] == '.')
			path[i] = '/';
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f) || sscanf(buf, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static const void *sockaddr_bytes(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	return &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
}

int sys_addr_iface(int af, const union ipvs_addr *addr, char *name)
{
	struct ifaddrs *all, *i;
	size_t len = af == AF_INET6 ? 16 : 4;
	int found = 0;

	if (getifaddrs(&all))
		return 0;
	for (i = all; i && !found; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != af ||
		    memcmp(sockaddr_bytes(i->ifa_addr), addr, len))
			continue;
		snprintf(name, IFNAMSIZ, "%s", i->ifa_name);
		found = 1;
	}
	freeifaddrs(all);
	return found;
}

/* /proc/net/route: "Iface Destination Gateway Flags ... Mask ...", the
 * addresses as hex words in network order. */
static void route4(const union ipvs_addr *addr, struct sys_route *r)
{
	char line[512], dev[IFNAMSIZ];
	unsigned int dst, gw, flags, mask, best = 0;
	FILE *f = fopen("/proc/net/route", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%15s %x %x %x %*d %*d %*d %x", dev, &dst, &gw,
			   &flags, &mask) != 5 || !(flags & 1 /* RTF_UP */))
			continue;
		if ((addr->v4.s_addr & mask) != dst)
			continue;
		if (r->found && __builtin_popcount(mask) < (int)best)
			continue;
		best = (unsigned int)__builtin_popcount(mask);
		r->found = 1;
		r->prefix = best;
		r->via_gateway = gw != 0;
		r->gateway.v4.s_addr = gw;
		snprintf(r->dev, sizeof(r->dev), "%s", dev);
	}
	fclose(f);
}

static int hex128(const char *s, uint8_t *out)
{
	int i;

	for (i = 0; i < 16; i++)
		if (sscanf(s + 2 * i, "%2hhx", &out[i]) != 1)
			return -1;
	return 0;
}

/* /proc/net/ipv6_route: "DST PLEN SRC SPLEN NEXTHOP METRIC REF USE FLAGS
 * DEV", every table: local and unreachable routes are skipped. */
static void route6(const union ipvs_addr *addr, struct sys_route *r)
{
	char line[512], dst[33], hop[33], dev[IFNAMSIZ];
	unsigned int plen, flags;
	FILE *f = fopen("/proc/net/ipv6_route", "r");
	union ipvs_addr net, gw;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned int whole, rest;

		if (sscanf(line, "%32s %x %*s %*x %32s %*x %*x %*x %x %15s", dst,
			   &plen, hop, &flags, dev) != 5 || plen > 128 ||
		    !(flags & 1) || (flags & 0x200 /* RTF_REJECT */) ||
		    !strcmp(dev, "lo") || hex128(dst, net.v6.s6_addr) ||
		    hex128(hop, gw.v6.s6_addr))
			continue;
		whole = plen / 8;
		rest = plen % 8;
		if (memcmp(net.v6.s6_addr, addr->v6.s6_addr, whole) ||
		    (rest && ((net.v6.s6_addr[whole] ^ addr->v6.s6_addr[whole]) &
			      (uint8_t)(0xff << (8 - rest)))))
			continue;
		if (r->found && plen < r->prefix)
			continue;
		r->found = 1;
		r->prefix = plen;
		r->gateway = gw;
		r->via_gateway = !IN6_IS_ADDR_UNSPECIFIED(&gw.v6);
		snprintf(r->dev, sizeof(r->dev), "%s", dev);
	}
	fclose(f);
}

void sys_route_to(int af, const union ipvs_addr *addr, struct sys_route *r)
{
	memset(r, 0, sizeof(*r));
	if (af == AF_INET6)
		route6(addr, r);
	else
		route4(addr, r);
}

int sys_default_gateway(int af, union ipvs_addr *gw, char *dev)
{
	union ipvs_addr any = { 0 };
	struct sys_route r;

	sys_route_to(af, &any, &r);
	if (!r.found || r.prefix != 0 || !r.via_gateway)
		return 0;
	*gw = r.gateway;
	snprintf(dev, IFNAMSIZ, "%s", r.dev);
	return 1;
}

int sys_iface_flags(const char *name)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), r;

	if (fd < 0)
		return -1;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	r = ioctl(fd, SIOCGIFFLAGS, &ifr);
	close(fd);
	return r ? -1 : (unsigned short)ifr.ifr_flags;
}

int sys_iface_type(const char *name)
{
	char path[128];
	FILE *f;
	int type = -1;

	snprintf(path, sizeof(path), "/sys/class/net/%s/type", name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &type) != 1)
		type = -1;
	fclose(f);
	return type;
}

void sys_iface_driver(const char *name, char *driver, size_t len)
{
	struct ethtool_drvinfo info = { .cmd = ETHTOOL_GDRVINFO };
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	driver[0] = '\0';
	if (fd < 0)
		return;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ifr.ifr_data = (void *)&info;
	if (ioctl(fd, SIOCETHTOOL, &ifr) == 0)
		snprintf(driver, len, "%s", info.driver);
	close(fd);
}

int sys_module_loaded(const char *name)
{
	char path[128];
	struct stat sb;

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return stat(path, &sb) == 0;
}
