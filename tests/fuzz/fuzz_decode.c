/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The netlink reply decoders (libipvs/ipvs_decode.c) on arbitrary
 * messages: the input is the whole message, header included, copied
 * into a buffer of exactly its size whose nlmsg_len is that size, so
 * ASan reports any read past the message.  Every decoder sees it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

#include "ipvs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh;
	struct ipvs_service svc;
	struct ipvs_dest dest;
	struct ipvs_daemon d;
	struct ipvs_timeouts t;
	struct ipvs_info info;

	if (size < sizeof(*nlh) || size > 65535)
		return 0;
	nlh = malloc(size);
	memcpy(nlh, data, size);
	nlh->nlmsg_len = (uint32_t)size;

	ipvs_decode_service(nlh, &svc);
	ipvs_decode_dest(nlh, &dest);
	ipvs_decode_daemon(nlh, &d);
	ipvs_decode_timeouts(nlh, &t);
	ipvs_decode_info(nlh, &info);
	free(nlh);
	return 0;
}
