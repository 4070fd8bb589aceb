/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --check (live/check.h): gather the table to check, run the side asked
 * for, and print the findings through the listings' printer, so that
 * --json costs nothing more.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "live/check.h"
#include "live/check_int.h"
#include "print/print.h"

void check_add(struct check_report *r, const char *id, const char *where,
	       const char *fix, const char *fmt, ...)
{
	struct check_finding *f;
	va_list ap;
	size_t i;

	for (i = 0; i < r->len; i++)
		if (!strcmp(r->f[i].id, id) && !strcmp(r->f[i].where, where))
			return;
	if (r->len == CHECK_MAX_FINDINGS) {
		r->dropped++;
		return;
	}
	f = &r->f[r->len++];
	snprintf(f->id, sizeof(f->id), "%s", id);
	snprintf(f->where, sizeof(f->where), "%s", where);
	snprintf(f->fix, sizeof(f->fix), "%s", fix);
	va_start(ap, fmt);
	vsnprintf(f->problem, sizeof(f->problem), fmt, ap);
	va_end(ap);
}

void check_addr(char *buf, size_t len, int af, const union ipvs_addr *a,
		int bracket)
{
	char text[INET6_ADDRSTRLEN] = "?";

	inet_ntop(af, a, text, sizeof(text));
	snprintf(buf, len, af == AF_INET6 && bracket ? "[%s]" : "%s", text);
}

static void print_findings(const struct check_report *r, int real_server)
{
	size_t i;

	pr_open_object(NULL);
	pr_open_array("findings");
	for (i = 0; i < r->len; i++) {
		const struct check_finding *f = &r->f[i];

		pr_open_object(NULL);
		pr_string("id", NULL, f->id);
		pr_string("where", "%s: ", f->where);
		pr_string("problem", "%s\n", f->problem);
		pr_string("fix", "    fix: %s\n", f->fix);
		pr_close_object();
	}
	pr_close_array();
	if (!real_server)
		pr_uint("services", NULL, (unsigned int)r->services);
	pr_uint("count", NULL, (unsigned int)(r->len + r->dropped));
	if (r->dropped)
		pr_text("(and %zu more)\n", r->dropped);
	if (!r->len && real_server)
		pr_text("No findings: this real server is set up for its method.\n");
	else if (!r->len)
		pr_text("No findings: %zu service%s checked.\n", r->services,
			r->services == 1 ? "" : "s");
	pr_close_object();
}

static int gather(struct ipvs_sock *s, FILE *rules, struct apply_table *t)
{
	int err;

	if (rules) {
		err = apply_table_read(t, rules, NULL, stderr, NULL);
		if (err == -1)
			fprintf(stderr, "%s\n", strerror(ENOMEM));
		return err ? 2 : 0;
	}
	err = apply_table_dump(s, t);
	if (err) {
		fprintf(stderr, "%s\n", cmd_strerror(CMD_LIST, err));
		return 2;
	}
	return 0;
}

int check_run(struct ipvs_sock *s, const struct ipvs_cmdline *cl, FILE *rules)
{
	struct check_report r = { 0 };
	struct apply_table t = { 0 };
	int real_server = cl->cmd == CMD_CHECK && cl->dest.af;
	int status = 0;

	r.f = calloc(CHECK_MAX_FINDINGS, sizeof(*r.f));
	if (!r.f) {
		fprintf(stderr, "%s\n", strerror(ENOMEM));
		return 2;
	}
	if (real_server)
		check_real_server(cl, &r);
	else
		status = gather(s, rules, &t);
	if (!status && !real_server)
		check_director(&t, &r);
	if (!status) {
		if (cl->format & FMT_JSON)
			pr_set_json(!!(cl->format & FMT_PRETTY));
		print_findings(&r, real_server);
		status = pr_flush() ? 2 : r.len ? 1 : 0;
	}
	apply_table_free(&t);
	free(r.f);
	return status;
}
