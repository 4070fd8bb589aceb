/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "print/format.h"
#include "print/minifmt.h"
#include "print/resolve.h"

static const char *host_name(int af, const union ipvs_addr *addr,
			     char *tmp, size_t len)
{
	struct hostent *h;

	h = gethostbyaddr(addr, af == AF_INET6 ? sizeof(struct in6_addr) :
			  sizeof(struct in_addr), af);
	if (h && h->h_name)
		return h->h_name;
	if (!inet_ntop(af, addr, tmp, (socklen_t)len))
		return NULL;
	return tmp;
}

static const char *service_name(uint16_t port, uint16_t proto,
				char *tmp, size_t len)
{
	const char *pname = NULL;

	switch (proto) {
	case IPPROTO_TCP: pname = "tcp"; break;
	case IPPROTO_UDP: pname = "udp"; break;
	case IPPROTO_SCTP: pname = "sctp"; break;
	}
	if (pname) {
		const struct servent *se = getservbyport(htons(port), pname);

		if (se && se->s_name)
			return se->s_name;
	}
	snprintf(tmp, len, "%u", port);
	return tmp;
}

/* "a.b.c.d:port", as inet_ntop() and "%s:%u" write it, without either:
 * a listing formats one per line. */
static char *fmt_ipv4_port(char *buf, size_t len, const union ipvs_addr *addr,
			   uint16_t port)
{
	const unsigned char *b = (const unsigned char *)&addr->v4.s_addr;
	char tmp[sizeof("255.255.255.255:65535")], *p = tmp;

	for (int i = 0; i < 4; i++) {
		p += fmt_decimal(p, b[i]);
		*p++ = i < 3 ? '.' : ':';
	}
	p += fmt_decimal(p, port);
	if (len) {
		size_t n = (size_t)(p - tmp) < len ? (size_t)(p - tmp) : len - 1;

		memcpy(buf, tmp, n);
		buf[n] = '\0';
	}
	return buf;
}

char *fmt_addrport(char *buf, size_t len, int af, const union ipvs_addr *addr,
		   uint16_t port, uint16_t proto, unsigned int format)
{
	const char *lb = af == AF_INET ? "" : "[";
	const char *rb = af == AF_INET ? "" : "]";
	char abuf[INET6_ADDRSTRLEN];

	if ((format & FMT_NUMERIC) && af == AF_INET)
		return fmt_ipv4_port(buf, len, addr, port);
	if (format & FMT_NUMERIC) {
		if (!inet_ntop(af, addr, abuf, sizeof(abuf)))
			abuf[0] = '\0';
		snprintf(buf, len, "%s%s%s:%u", lb, abuf, rb, port);
	} else {
		char pbuf[16];
		const char *host = host_name(af, addr, abuf, sizeof(abuf));
		const char *serv = service_name(port, proto, pbuf, sizeof(pbuf));

		snprintf(buf, len, "%s%s%s:%s", lb, host ? host : "", rb, serv);
	}
	return buf;
}
