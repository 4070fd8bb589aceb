/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * How a listing is printed: the printers' own flags.  The command line
 * sets them from its options (-n, -S, --stats...); the printers need
 * nothing else of it.
 */
#ifndef PRINT_FORMAT_H
#define PRINT_FORMAT_H

#define FMT_NONE		0x0000
#define FMT_NUMERIC		0x0001
#define FMT_RULE		0x0002	/* -S: print as ipvsadm rules */
#define FMT_STATS		0x0004
#define FMT_RATE		0x0008
#define FMT_THRESHOLDS		0x0010
#define FMT_PERSISTENTCONN	0x0020
#define FMT_NOSORT		0x0040
#define FMT_EXACT		0x0080
#define FMT_TUN_INFO		0x0100
#define FMT_JSON		0x0200	/* --json: listings as JSON */
#define FMT_PRETTY		0x0400	/* --pretty: indented JSON */

#endif
