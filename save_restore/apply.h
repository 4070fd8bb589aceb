/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --apply and -R --diff: make the kernel's table the one a rules file
 * describes by sending only the difference.  Three steps, each with one
 * job: the file's table is built in memory by replaying its lines
 * (apply_table_replay), the live table is read from the kernel, and
 * apply_diff() compares the two into a change set of ordinary command
 * lines (-A -E -a -e -d -D --set --start-daemon --stop-daemon), which are
 * then sent in batches or printed.  The first and third steps need no
 * kernel, so unit tests drive them with tables built in memory.
 */
#ifndef SAVE_RESTORE_APPLY_H
#define SAVE_RESTORE_APPLY_H

#include <stdio.h>
#include "cli/cmd.h"
#include "cli/sysctl_set.h"
#include "save_restore/restore_int.h"

/* A hash index of an array's keys: slot[i] is an element's position + 1,
 * 0 when empty.  It covers the first `indexed` elements; appending adds to
 * it on the next lookup, deleting drops it (rebuilt on the next lookup). */
struct apply_index {
	size_t *slot;
	size_t cap, indexed;
};

/*
 * A service and a real server as a table keeps them: their identity and
 * what -A/-E and -a/-e set, under the names of struct ipvs_service and
 * struct ipvs_dest, without the kernel's counters, which a table never
 * compares.  Whole records made two tables of 10,000 x 10 take 57 MB.
 */
struct apply_service {
	uint16_t af, protocol, port;
	uint32_t fwmark;
	union ipvs_addr addr;
	uint32_t flags, timeout, netmask;
	char sched_name[IP_VS_SCHEDNAME_MAXLEN];
	char pe_name[IP_VS_PENAME_MAXLEN];
};

struct apply_dest {
	uint16_t af, port;
	union ipvs_addr addr;
	uint32_t conn_flags;
	int32_t weight;
	uint32_t u_threshold, l_threshold;
	uint16_t tun_port, tun_flags;
	uint8_t tun_type;
	uint32_t seq;		/* when it joined its service: the kernel's list
				 * has the newest at its head (apply_order.c) */
};

/* Between a table's records and the library's (counters zero). */
struct apply_service apply_service_of(const struct ipvs_service *svc);
struct apply_dest apply_dest_of(const struct ipvs_dest *dest);
struct ipvs_service apply_service_full(const struct apply_service *svc);
struct ipvs_dest apply_dest_full(const struct apply_dest *dest);

struct apply_svc {
	struct apply_service svc;	/* first: the index hashes it */
	struct apply_dest *dest;
	size_t ndest, cap;
	struct apply_index dest_index;
	uint32_t next_seq;	/* the next server's seq */
};

/* What a table says about a sync daemon of one state. */
enum apply_daemon_want { DAEMON_UNSAID, DAEMON_RUNNING, DAEMON_STOPPED };

struct apply_table {
	struct apply_svc *svc;
	size_t len, cap;
	struct apply_index svc_index;
	size_t last_found;		/* a hint: where find_svc found one last */
	struct ipvs_timeouts timeouts;	/* 0: unsaid (the file) or unknown */
	enum apply_daemon_want daemon_want[2];	/* [0] master, [1] backup */
	struct ipvs_daemon daemon[2];
	/* --sysctl lines (apply_sysctl.c).  The file's table: the settings
	 * it wants, one per key.  The live table, after apply_sysctl_diff:
	 * those that change, with their values before in setting_old. */
	struct sysctl_assign *setting, *setting_old;
	size_t nsetting;
	/* Scopes (cli/scope.h): the command line's (not owned) and the
	 * file's own --scope line (owned), or NULL. */
	const struct ipvs_scope *outer_scope;
	struct ipvs_scope *scope;
};

/* What a change is for: most are plain; a reseat deletes a server that
 * stays, or adds it (or a new one) again, so that the kernel's list order
 * and hidden last weight become those a fresh load of the file gives
 * (apply_order.c). */
enum apply_kind { CHANGE_PLAIN, CHANGE_RESEAT };

/* The change set: one parsed command line per change, in the order to
 * send them.  kind[i] is cl[i]'s kind (kind NULL: all plain). */
struct apply_changes {
	struct ipvs_cmdline *cl;
	unsigned char *kind;
	size_t len, cap;
};

/* cl[i] is a reseat step. */
static inline int apply_is_reseat(const struct apply_changes *c, size_t i)
{
	return c->kind && c->kind[i] == CHANGE_RESEAT;
}

/* Read the rules in in (checked line by line as -R does, bad lines
 * reported to err) and replay every good line on table (which starts as
 * it is, normally empty).  A line the kernel would refuse on this table
 * (a service added twice, a server of an unknown service...) is reported
 * to err as "LINE: message" with the reference's words.  Listing and -Z
 * lines change nothing.  With modules, a scheduler or persistence engine
 * the kernel lacks makes its line bad, as with -R --test.  Returns the
 * number of refused lines, -2 when a line is bad, or -1 when out of
 * memory. */
int apply_table_read(struct apply_table *table, FILE *in, const char *name,
		     FILE *err, struct module_check *modules);

/* Drop from live every service outside the scopes of want (the file
 * and the command line): they belong to another owner, so the change set
 * neither edits nor deletes them. */
void apply_scope_filter(struct apply_table *live, struct apply_table *want);

/* -S --scope: the services of the kernel's table inside cl's scope, with
 * their real servers, as -S -n writes them.  Returns the exit status. */
int apply_scope_save(struct ipvs_sock *s, const struct ipvs_cmdline *cl);

/* Add a service, or real servers to the last service added: for
 * building tables in memory (the live table, unit tests).  0 or -1. */
int apply_table_add_svc(struct apply_table *table,
			const struct ipvs_service *svc);
int apply_table_add_dest(struct apply_table *table,
			 const struct ipvs_dest *dest);
int apply_table_add_dests(struct apply_table *table,
			  const struct ipvs_dest *dest, size_t n);
void apply_table_free(struct apply_table *table);

/* The kernel's services and their real servers added to table, in the
 * kernel's order.  0 or a negative errno (-ENOMEM when out of memory). */
int apply_table_dump(struct ipvs_sock *s, struct apply_table *table);

/* The service or server of a table with key's identity, or NULL (also
 * for a NULL service). */
struct apply_svc *apply_find_svc(struct apply_table *table,
				 const struct ipvs_service *key);
struct apply_dest *apply_find_dest(struct apply_svc *svc,
				   const struct ipvs_dest *key);

/* The changes that turn live into want.  Order: add or edit services,
 * add or edit real servers, reseat the servers of services whose
 * scheduler hashes over the list (apply_order.c), delete real servers,
 * delete services, then timeouts and daemons.  The tables' indexes are built on the way.
 * 0, or -1 when out of memory. */
int apply_diff(struct apply_table *live, struct apply_table *want,
	       struct apply_changes *out);
/* Append a copy of cl: 0, or -1 when out of memory. */
int apply_changes_add(struct apply_changes *c, const struct ipvs_cmdline *cl);
void apply_changes_free(struct apply_changes *c);

/* One change as a rules line (numeric, the -S form), without newline. */
void apply_format(char *buf, size_t len, const struct ipvs_cmdline *cl);

/* The changes that undo those of c marked in done (done[i] != 0), in the
 * order to send them (the last change first), from the snapshot live that
 * c was computed from.  (*origin)[k] is the index in c of the change that
 * out's k-th undoes (free it).  0, or -1 when out of memory. */
int apply_inverse(struct apply_table *live, const struct apply_changes *c,
		  const unsigned char *done, struct apply_changes *out,
		  size_t **origin);

/* --diff --json: the change set c as a JSON object on stdout, each change
 * with its fields before (from live) and after.  0, or -1 when stdout
 * cannot be written. */
int apply_print_json(struct apply_table *live, const struct apply_changes *c,
		     int pretty);

/* --diff's status when there are changes (0: none; 2: a bad file). */
#define APPLY_EXIT_CHANGES 1

/* The whole command: read in (name NULL for stdin), check it like -R --test,
 * read the live table over s, then (cl's options) with --diff print the
 * changes (as JSON with --json), else send them as one transaction: when
 * the kernel refuses one, those already made are undone.  With --drain
 * the servers the file removes are set to weight 0 instead of deleted,
 * and each is appended to drains as a CMD_DRAIN command line for the
 * caller to wait for (drains may be NULL without --drain).
 * Returns the exit status. */
int apply_run(struct ipvs_sock *s, FILE *in, const char *name,
	      const struct ipvs_cmdline *cl, struct apply_changes *drains);

/* --sysctl lines of a rules file (apply_sysctl.c). */
/* A line's settings into the file's table (a later value of a key wins):
 * 0, or -1 with why in msg (a bad value, a key this kernel lacks). */
int apply_sysctl_want(struct apply_table *want, const struct ipvs_cmdline *cl,
		      char *msg, size_t len);
/* The settings of want that differ from the kernel's, into live: 0 or
 * -1 when out of memory. */
int apply_sysctl_diff(struct apply_table *live, const struct apply_table *want);
/* --diff: those changes as --sysctl lines on stdout, or JSON objects
 * inside the "changes" array. */
void apply_sysctl_print(const struct apply_table *live);
void apply_sysctl_print_json(const struct apply_table *live);
/* --apply: write them, all or nothing (0, or -1 reported on stderr);
 * and put back the values before, for a rollback. */
int apply_sysctl_set(struct apply_table *live);
void apply_sysctl_undo(struct apply_table *live);
void apply_sysctl_free(struct apply_table *t);

#endif
