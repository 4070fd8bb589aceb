/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --netns and --all-netns: entering another network namespace before the
 * IPVS socket opens and /proc/net/ip_vs* is read (/proc/net is
 * /proc/self/net, which follows the thread's namespace).
 */
#ifndef CLI_NETNS_H
#define CLI_NETNS_H

#include <stddef.h>

#define NETNS_RUN_DIR "/var/run/netns"

/* Where a --netns value points: /var/run/netns/NAME when that exists or
 * the value has no '/' and is not a number, the value itself when it
 * has a '/', /proc/PID/ns/net for a number. */
void netns_path(const char *spec, char *path, size_t len);
/* Enter the namespace; returns 0, or -1 after printing why (with
 * iproute2's words) on stderr. */
int netns_enter(const char *spec);
/* --all-netns: enter the namespace NAME of NETNS_RUN_DIR: 0; 1, saying
 * nothing, when it is gone or not yet a namespace (another program adds
 * or deletes namespaces meanwhile); -1 with the message printed. */
int netns_enter_named(const char *name);
/* The names in NETNS_RUN_DIR, sorted, as one malloc'd array of
 * malloc'd strings; returns how many (0 when the folder is missing or
 * empty), or -1 when out of memory. */
int netns_names(char ***names);
void netns_names_free(char **names, int n);

#endif
