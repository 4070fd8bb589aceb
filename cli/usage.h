/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef CLI_USAGE_H
#define CLI_USAGE_H

#include <stddef.h>

/* The IPVS version this tool was written for, as -v reports it. */
#define IPVS_VERSION_CODE 0x010201

/* Write the -v line or the -h text into buf; return the length written
 * (snprintf style). */
int version_text(char *buf, size_t len);
int usage_text(char *buf, size_t len, const char *program);

#endif
