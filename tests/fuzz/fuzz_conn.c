/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One /proc/net/ip_vs_conn line through conn_parse_line() (print/list_fmt.c),
 * then the formatting the listing does with it.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "print/list_fmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conn_line c;
	char *line = malloc(size + 1);
	char text[INET6_ADDRSTRLEN], exp[16];

	memcpy(line, data, size);
	line[size] = '\0';
	if (conn_parse_line(line, &c) == 0) {
		inet_ntop(c.af, &c.caddr, text, sizeof(text));
		inet_ntop(c.af, &c.vaddr, text, sizeof(text));
		inet_ntop(c.af, &c.daddr, text, sizeof(text));
		fmt_expire(exp, sizeof(exp), c.expires);
	}
	free(line);
	return 0;
}
