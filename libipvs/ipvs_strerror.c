/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The words for kernel errors that mean the same for every IPVS request.
 */
#include <errno.h>
#include <string.h>

#include "ipvs.h"

struct error_word {
	int err;
	const char *text;
};

static const struct error_word error_words[] = {
	{ EPERM, "Permission denied (you must be root)" },
	{ EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..." },
	{ ENOPROTOOPT, "Protocol not available" },
	{ ENOMEM, "Memory allocation problem" },
	{ EOPNOTSUPP, "Operation not supported with IPv6" },
	{ EAFNOSUPPORT, "Operation not supported with specified address family" },
	{ EMSGSIZE, "Module is wrong version" },
	/* ours only: a dump that kept changing while it was read */
	{ EINTR, "The table kept changing while it was read: try again" },
};

const char *ipvs_strerror(int err)
{
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(error_words) / sizeof(error_words[0]); i++)
		if (error_words[i].err == err)
			return error_words[i].text;
	return strerror(err);
}
