/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef CLI_OPTABLE_H
#define CLI_OPTABLE_H

#include <stddef.h>
#include "cli/cmd.h"

#define TUNNEL_OPTIONS (OPT(TUN_TYPE) | OPT(TUN_PORT) | OPT(TUN_NOCSUM) | \
			OPT(TUN_CSUM) | OPT(TUN_REMCSUM))

const char *option_name(enum ipvs_opt_index i);
/* 0 when the options suit the command, else -1 with the message in msg. */
int check_command_options(enum ipvs_cmd cmd, uint64_t options,
			  char *msg, size_t len);
int check_tunnel_options(unsigned int tun_type, uint64_t options,
			 char *msg, size_t len);

#endif
