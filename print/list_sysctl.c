/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --sysctl: the IPVS settings of this network namespace, one a line:
 * every key the kernel has (libipvs reads them from /proc), with what the
 * table of print/sysctl_keys.c knows of it.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "print/list.h"
#include "print/print.h"
#include "print/sysctl_keys.h"

#define SYSCTL_FMT "%-26s %-10s %-10s %-8s %s"

/* The kernel prints pairs with a tab: one space reads better in columns. */
static void untab(char *value)
{
	for (; *value; value++)
		if (*value == '\t')
			*value = ' ';
}

static const char *sysctl_state_word(const struct sysctl_key *k, const char *value)
{
	switch (sysctl_is_default(k, value)) {
	case 1:
		return "default";
	case 0:
		return "changed";
	default:
		return k ? "machine" : "unknown";
	}
}

static void print_setting(const struct ipvs_sysctl *e)
{
	const struct sysctl_key *k = sysctl_key_find(e->name);
	const char *dflt = k && k->dflt ? k->dflt : "-";
	const char *state = sysctl_state_word(k, e->value);
	char value[IPVS_SYSCTL_VALUE_LEN];

	snprintf(value, sizeof(value), "%s", e->value);
	untab(value);
	pr_open_object(NULL);
	pr_string("name", "%-26s ", e->name);
	pr_string("value", "%-10s ", value);
	if (k && k->dflt)
		pr_string("default", "%-10s ", dflt);
	else
		pr_text("%-10s ", dflt);
	pr_string("state", "%-8s ", state);
	if (!pr_is_json() || k)
		pr_string("meaning", "%s", k ? k->meaning : "(not in this ipvsadm's table)");
	pr_bool("is_default", NULL, !strcmp(state, "default"));
	pr_bool("writable", NULL, e->writable);
	pr_nl();
	pr_close_object();
}

int list_sysctl(unsigned int format)
{
	struct ipvs_sysctl_list l;
	struct utsname u;
	size_t i;
	int err;

	if (format & FMT_JSON)
		pr_set_json(!!(format & FMT_PRETTY));
	err = ipvs_sysctl_dump(&l);
	if (err) {
		pr_error("Can't read the IPVS settings in /proc/sys/net/ipv4/vs: %s\n",
			 strerror(-err));
		return 1;
	}
	if (uname(&u))
		strcpy(u.release, "?");
	pr_open_object(NULL);
	pr_string("kernel", "IPVS settings (net.ipv4.vs) of this network namespace, kernel %s",
		  u.release);
	pr_nl();
	pr_text(SYSCTL_FMT, "Key", "Value", "Default", "State", "Meaning");
	pr_nl();
	pr_open_array("sysctl");
	for (i = 0; i < l.len; i++)
		print_setting(&l.entry[i]);
	pr_close_array();
	pr_close_object();
	ipvs_sysctl_list_free(&l);
	return pr_flush() ? 1 : 0;
}
