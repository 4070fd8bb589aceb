/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "--sysctl NAME=VALUE..." lines in a rules file, for -R --apply and
 * -R --diff: the settings a file names are compared with the kernel's
 * and only those that differ are written (or printed).  A setting the
 * file does not name is left as it is: the line form is opt-in.  They
 * are written before the table's changes and put back when those are
 * rolled back, so the transaction covers both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/print.h"
#include "print/sysctl_keys.h"
#include "save_restore/apply.h"

static int add_setting(struct apply_table *t, const struct sysctl_assign *a)
{
	struct sysctl_assign *grown;
	size_t i;

	for (i = 0; i < t->nsetting; i++) {
		if (!strcmp(t->setting[i].name, a->name)) {
			t->setting[i] = *a;
			return 0;
		}
	}
	grown = reallocarray(t->setting, t->nsetting + 1, sizeof(*grown));
	if (!grown)
		return -1;
	t->setting = grown;
	t->setting[t->nsetting++] = *a;
	return 0;
}

int apply_sysctl_want(struct apply_table *want, const struct ipvs_cmdline *cl,
		      char *msg, size_t len)
{
	struct sysctl_assign *a;
	size_t n, i;
	int err = sysctl_cmdline_settings(cl, &a, &n, msg, len);

	for (i = 0; !err && i < n; i++)
		if (add_setting(want, &a[i])) {
			snprintf(msg, len, "out of memory");
			err = -1;
		}
	free(a);
	return err;
}

int apply_sysctl_diff(struct apply_table *live, const struct apply_table *want)
{
	size_t i, n = 0;

	apply_sysctl_free(live);
	if (!want->nsetting)
		return 0;
	live->setting = calloc(want->nsetting, sizeof(*live->setting));
	live->setting_old = calloc(want->nsetting, sizeof(*live->setting_old));
	if (!live->setting || !live->setting_old)
		return -1;
	for (i = 0; i < want->nsetting; i++) {
		struct sysctl_assign *old = &live->setting_old[n];

		strcpy(old->name, want->setting[i].name);
		/* read when the file was checked: a failure now reads as "" */
		if (ipvs_sysctl_read(old->name, old->value, sizeof(old->value)))
			old->value[0] = '\0';
		if (sysctl_same_value(old->value, want->setting[i].value))
			continue;
		live->setting[n++] = want->setting[i];
	}
	live->nsetting = n;
	return 0;
}

/* A value as one word of a rules line (a pair A B as A,B), or with sep
 * ' ' as the listing shows it. */
static const char *one_word(const char *value, char sep, char *buf, size_t len)
{
	size_t i;

	snprintf(buf, len, "%s", value);
	for (i = 0; buf[i]; i++)
		if (buf[i] == ' ' || buf[i] == '\t')
			buf[i] = sep;
	return buf;
}

void apply_sysctl_print(const struct apply_table *live)
{
	char value[IPVS_SYSCTL_VALUE_LEN];
	size_t i;

	for (i = 0; i < live->nsetting; i++)
		printf("--sysctl %s=%s\n", live->setting[i].name,
		       one_word(live->setting[i].value, ',', value, sizeof(value)));
}

void apply_sysctl_print_json(const struct apply_table *live)
{
	char rule[IPVS_SYSCTL_NAME_LEN + IPVS_SYSCTL_VALUE_LEN + 16];
	char value[IPVS_SYSCTL_VALUE_LEN];
	size_t i;

	for (i = 0; i < live->nsetting; i++) {
		const struct sysctl_assign *a = &live->setting[i];

		snprintf(rule, sizeof(rule), "--sysctl %s=%s", a->name,
			 one_word(a->value, ',', value, sizeof(value)));
		pr_open_object(NULL);
		pr_string("op", NULL, "sysctl");
		pr_string("sysctl", NULL, a->name);
		pr_string("rule", NULL, rule);
		pr_open_object("changed");
		pr_open_object("value");
		pr_string("old", NULL, one_word(live->setting_old[i].value, ' ',
						 value, sizeof(value)));
		pr_string("new", NULL, a->value);
		pr_close_object();
		pr_close_object();
		pr_close_object();
	}
}

int apply_sysctl_set(struct apply_table *live)
{
	char msg[512];

	if (!live->nsetting ||
	    !sysctl_assign_all(live->setting, live->nsetting, live->setting_old,
			       msg, sizeof(msg)))
		return 0;
	fprintf(stderr, "%s\n", msg);
	return -1;
}

void apply_sysctl_undo(struct apply_table *live)
{
	size_t i, failed = 0;

	for (i = live->nsetting; i-- > 0;)
		if (ipvs_sysctl_write(live->setting_old[i].name,
				      live->setting_old[i].value)) {
			fprintf(stderr, "undo refused: --sysctl %s=%s\n",
				live->setting_old[i].name,
				live->setting_old[i].value);
			failed++;
		}
	if (live->nsetting && !failed)
		fprintf(stderr, "Rolled back: the %zu setting%s written put back\n",
			live->nsetting, live->nsetting == 1 ? "" : "s");
}

void apply_sysctl_free(struct apply_table *t)
{
	free(t->setting);
	free(t->setting_old);
	t->setting = t->setting_old = NULL;
	t->nsetting = 0;
}
