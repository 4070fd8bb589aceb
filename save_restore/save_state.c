/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -S --sysctl: the whole state as rules lines that -R, -R --apply and
 * the boot service read back: the services and servers as -S writes
 * them, then the --set timeouts, a --start-daemon line for each running
 * sync daemon, and a --sysctl line for each IPVS setting that differs
 * from the kernel's default.  A key whose default depends on the machine
 * (sync_qlen_max, est_cpulist) is not written: its value would not fit
 * another machine.  Plain -S stays 1.31's.
 */
#include <stdio.h>
#include <string.h>

#include "print/list.h"
#include "print/sysctl_keys.h"
#include "save_restore/apply.h"
#include "save_restore/save_state.h"

static int save_timeouts_daemons(struct ipvs_sock *s)
{
	struct ipvs_cmdline cl;
	struct ipvs_daemon d[2];
	char line[1024];
	int n, i, err;

	cmdline_defaults(&cl);
	cl.cmd = CMD_TIMEOUT;
	err = ipvs_get_timeouts(s, &cl.timeouts);
	if (err)
		return err;
	apply_format(line, sizeof(line), &cl);
	printf("%s\n", line);
	memset(d, 0, sizeof(d));
	n = ipvs_get_daemons(s, d);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (!(d[i].state & (IP_VS_STATE_MASTER | IP_VS_STATE_BACKUP)))
			continue;
		cl.cmd = CMD_STARTDAEMON;
		cl.daemon = d[i];
		cl.daemon.state = (d[i].state & IP_VS_STATE_BACKUP) ?
			IP_VS_STATE_BACKUP : IP_VS_STATE_MASTER;
		apply_format(line, sizeof(line), &cl);
		printf("%s\n", line);
	}
	return 0;
}

static int save_settings(void)
{
	struct ipvs_sysctl_list l;
	size_t i, j;
	int err = ipvs_sysctl_dump(&l);

	if (err)
		return err;
	for (i = 0; i < l.len; i++) {
		const struct ipvs_sysctl *e = &l.entry[i];
		char value[IPVS_SYSCTL_VALUE_LEN];

		if (!e->writable ||
		    sysctl_is_default(sysctl_key_find(e->name), e->value) != 0)
			continue;
		/* one word: a pair is written A,B */
		snprintf(value, sizeof(value), "%s", e->value);
		for (j = 0; value[j]; j++)
			if (value[j] == '\t' || value[j] == ' ')
				value[j] = ',';
		printf("--sysctl %s=%s\n", e->name, value);
	}
	ipvs_sysctl_list_free(&l);
	return 0;
}

int save_state(struct ipvs_sock *s, unsigned int format)
{
	int status = list_all(s, format | FMT_RULE);
	int err;

	if (status)
		return status;
	err = save_timeouts_daemons(s);
	if (!err)
		err = save_settings();
	if (err) {
		fflush(stdout);
		fprintf(stderr, "%s\n", list_strerror(err));
		return 1;
	}
	return fflush(stdout) ? 1 : 0;
}
