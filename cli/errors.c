/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The words the reference uses for a kernel error: first those that
 * depend on the command, then those that do not (ipvs_strerror).
 * The printers, which know no commands, use list_strerror().
 */
#include <errno.h>
#include <string.h>

#include "cli/cmd.h"

struct error_text {
	enum ipvs_cmd cmd;
	int err;
	const char *text;
};

static const struct error_text error_texts[] = {
	{ CMD_ADD, EEXIST, "Service already exists" },
	{ CMD_ADD, ENOENT, "Scheduler or persistence engine not found" },
	{ CMD_EDIT, ESRCH, "No such service" },
	{ CMD_EDIT, ENOENT, "Scheduler or persistence engine not found" },
	{ CMD_DEL, ESRCH, "No such service" },
	{ CMD_ZERO, ESRCH, "No such service" },
	{ CMD_LIST, ESRCH, "No such service" },
	{ CMD_ADDDEST, ESRCH, "Service not defined" },
	{ CMD_ADDDEST, EEXIST, "Destination already exists" },
	{ CMD_EDITDEST, ESRCH, "Service not defined" },
	{ CMD_EDITDEST, ENOENT, "No such destination" },
	{ CMD_DELDEST, ESRCH, "Service not defined" },
	{ CMD_DELDEST, ENOENT, "No such destination" },
	{ CMD_STARTDAEMON, EEXIST, "Daemon has already run" },
	{ CMD_STOPDAEMON, ESRCH, "No daemon is running" },
};

const char *cmd_strerror(enum ipvs_cmd cmd, int err)
{
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(error_texts) / sizeof(error_texts[0]); i++) {
		const struct error_text *e = &error_texts[i];

		if (e->cmd == cmd && e->err == err)
			return e->text;
	}
	return ipvs_strerror(err);
}
