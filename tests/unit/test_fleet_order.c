/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fleet's canonical form without a kernel: a small model of the
 * kernel's server list (an add goes to the head; an edit to weight 0
 * keeps the last weight that was not 0, an add sets it) takes a
 * service's history, -R --apply's changes are played on it, and the
 * result must be the list a fresh load of the file gives, whatever the
 * history; the rollback must give the history's list back.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "save_restore/apply.h"
#include "unit.h"

#define SVC "-A -t 10.0.0.1:80 -s mh -b mh-fallback,mh-port\n"
#define MAXD 16

/* One service's list as the kernel keeps it, head first. */
struct kdest { char addr[16]; int weight, last_weight; };
struct kmodel { struct kdest d[MAXD]; int n; };

static int find(const struct kmodel *m, const char *addr)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->d[i].addr, addr))
			return i;
	return -1;
}

static void k_add(struct kmodel *m, const char *addr, int w)
{
	memmove(&m->d[1], &m->d[0], (size_t)m->n * sizeof(m->d[0]));
	snprintf(m->d[0].addr, sizeof(m->d[0].addr), "%s", addr);
	m->d[0].weight = m->d[0].last_weight = w;
	m->n++;
}

static void k_edit(struct kmodel *m, const char *addr, int w)
{
	int i = find(m, addr);

	m->d[i].weight = w;
	if (w)
		m->d[i].last_weight = w;
}

static void k_del(struct kmodel *m, const char *addr)
{
	int i = find(m, addr);

	memmove(&m->d[i], &m->d[i + 1], (size_t)(m->n - i - 1) * sizeof(m->d[0]));
	m->n--;
}

/* A history: "a ADDR W", "e ADDR W" or "d ADDR", separated by ';'. */
static void k_history(struct kmodel *m, const char *h)
{
	char copy[512], *step, *save = NULL;

	memset(m, 0, sizeof(*m));
	snprintf(copy, sizeof(copy), "%s", h);
	for (step = strtok_r(copy, ";", &save); step; step = strtok_r(NULL, ";", &save)) {
		char op, addr[16];
		int w = 0;

		if (sscanf(step, " %c %15s %d", &op, addr, &w) < 2)
			continue;
		if (op == 'a')
			k_add(m, addr, w);
		else if (op == 'e')
			k_edit(m, addr, w);
		else
			k_del(m, addr);
	}
}

static void addr_of(char *buf, size_t len, const struct ipvs_dest *d)
{
	inet_ntop(AF_INET, &d->addr.v4, buf, (socklen_t)len);
}

static void k_play(struct kmodel *m, const struct apply_changes *c)
{
	char a[16];
	size_t i;

	for (i = 0; i < c->len; i++) {
		addr_of(a, sizeof(a), &c->cl[i].dest);
		if (c->cl[i].cmd == CMD_ADDDEST)
			k_add(m, a, c->cl[i].dest.weight);
		else if (c->cl[i].cmd == CMD_EDITDEST)
			k_edit(m, a, c->cl[i].dest.weight);
		else if (c->cl[i].cmd == CMD_DELDEST)
			k_del(m, a);
	}
}

/* The live table as the kernel dumps the model: head first. */
static void k_dump(const struct kmodel *m, struct apply_table *t)
{
	struct ipvs_service svc = { 0 };
	int i;

	svc.af = AF_INET;
	svc.protocol = IPPROTO_TCP;
	inet_pton(AF_INET, "10.0.0.1", &svc.addr.v4);
	svc.port = 80;
	strcpy(svc.sched_name, "mh");
	svc.flags = IP_VS_SVC_F_HASHED | IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2;
	svc.netmask = 0xffffffff;
	apply_table_add_svc(t, &svc);
	for (i = 0; i < m->n; i++) {
		struct ipvs_dest d = { 0 };

		d.af = AF_INET;
		inet_pton(AF_INET, m->d[i].addr, &d.addr.v4);
		d.port = 80;
		d.weight = m->d[i].weight;
		d.conn_flags = IP_VS_CONN_F_DROUTE;
		apply_table_add_dest(t, &d);
	}
	/* as apply_run.c's read_live: the head is the newest */
	for (i = 0; i < m->n; i++)
		t->svc[0].dest[i].seq = (uint32_t)(m->n - 1 - i);
	t->daemon_want[0] = t->daemon_want[1] = DAEMON_STOPPED;
}

static int k_same(const struct kmodel *a, const struct kmodel *b)
{
	int i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->d[i].addr, b->d[i].addr) ||
		    a->d[i].weight != b->d[i].weight ||
		    a->d[i].last_weight != b->d[i].last_weight)
			return 0;
	return 1;
}

static int table_from(const char *rules, struct apply_table *t)
{
	FILE *in = fmemopen((void *)rules, strlen(rules), "r");
	FILE *err = fopen("/dev/null", "w");
	int r = apply_table_read(t, in, NULL, err, NULL);

	fclose(in);
	fclose(err);
	return r;
}

/* The changes as text, a reseat step marked with '*'. */
static void changes_text(const struct apply_changes *c, char *out, size_t len)
{
	char line[1024];
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < c->len && n < len; i++) {
		apply_format(line, sizeof(line), &c->cl[i]);
		n += (size_t)snprintf(out + n, len - n, "%s%s\n",
				      apply_is_reseat(c, i) ? "*" : "", line);
	}
}

static const struct {
	const char *name, *history, *file, *changes;
} cases[] = {
	{ "fresh load: nothing", "a 10.0.1.1 1; a 10.0.1.2 1; a 10.0.1.3 1",
	  "-a -t 10.0.0.1:80 -r 10.0.1.1 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.2 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.3 -w 1\n",
	  "" },
	{ "deleted and added again by hand: reseat from it",
	  "a 10.0.1.1 1; a 10.0.1.2 1; a 10.0.1.3 1; d 10.0.1.2; a 10.0.1.2 1",
	  "-a -t 10.0.0.1:80 -r 10.0.1.1 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.2 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.3 -w 1\n",
	  "*-d -t 10.0.0.1:80 -r 10.0.1.2:80\n*-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1\n"
	  "*-d -t 10.0.0.1:80 -r 10.0.1.3:80\n*-a -t 10.0.0.1:80 -r 10.0.1.3:80 -g -w 1\n" },
	{ "the file sets a weight to 0: reseat at 0, no -e",
	  "a 10.0.1.1 1; a 10.0.1.2 1; a 10.0.1.3 1",
	  "-a -t 10.0.0.1:80 -r 10.0.1.1 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.2 -w 0\n-a -t 10.0.0.1:80 -r 10.0.1.3 -w 1\n",
	  "*-d -t 10.0.0.1:80 -r 10.0.1.2:80\n*-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 0\n"
	  "*-d -t 10.0.0.1:80 -r 10.0.1.3:80\n*-a -t 10.0.0.1:80 -r 10.0.1.3:80 -g -w 1\n" },
	{ "drained and back: only the weight", "a 10.0.1.1 1; a 10.0.1.2 1; e 10.0.1.2 0",
	  "-a -t 10.0.0.1:80 -r 10.0.1.1 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.2 -w 2\n",
	  "-e -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 2\n" },
	{ "a server appended: a plain add", "a 10.0.1.1 1; a 10.0.1.2 1",
	  "-a -t 10.0.0.1:80 -r 10.0.1.1 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.2 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.3 -w 1\n",
	  "-a -t 10.0.0.1:80 -r 10.0.1.3:80 -g -w 1\n" },
	{ "a server inserted: the later ones follow it", "a 10.0.1.1 1; a 10.0.1.2 1",
	  "-a -t 10.0.0.1:80 -r 10.0.1.1 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.3 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.2 -w 1\n",
	  "-a -t 10.0.0.1:80 -r 10.0.1.3:80 -g -w 1\n"
	  "*-d -t 10.0.0.1:80 -r 10.0.1.2:80\n*-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1\n" },
	{ "a server removed: a plain delete", "a 10.0.1.1 1; a 10.0.1.2 1; a 10.0.1.3 1",
	  "-a -t 10.0.0.1:80 -r 10.0.1.1 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.3 -w 1\n",
	  "-d -t 10.0.0.1:80 -r 10.0.1.2:80\n" },
	{ "incremental applies with a delete and re-add, then a drain",
	  "a 10.0.1.1 1; a 10.0.1.2 1; a 10.0.1.3 1; a 10.0.1.4 1; d 10.0.1.1; a 10.0.1.1 1; e 10.0.1.3 0",
	  "-a -t 10.0.0.1:80 -r 10.0.1.1 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.2 -w 1\n-a -t 10.0.0.1:80 -r 10.0.1.3 -w 0\n-a -t 10.0.0.1:80 -r 10.0.1.4 -w 1\n",
	  NULL },
};

/* The list a fresh load of the file gives. */
static void k_fresh(struct kmodel *m, struct apply_table *want)
{
	char a[16];
	size_t k;

	memset(m, 0, sizeof(*m));
	for (k = 0; k < want->svc[0].ndest; k++) {
		struct ipvs_dest d = apply_dest_full(&want->svc[0].dest[k]);

		addr_of(a, sizeof(a), &d);
		k_add(m, a, d.weight);
	}
}

/* The same servers with the same weights, in any order. */
static int k_same_set(const struct kmodel *a, const struct kmodel *b)
{
	int i, j;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		j = find(b, a->d[i].addr);
		if (j < 0 || a->d[i].weight != b->d[j].weight ||
		    a->d[i].last_weight != b->d[j].last_weight)
			return 0;
	}
	return 1;
}

static int reseated(const struct apply_changes *c)
{
	size_t i;

	for (i = 0; i < c->len; i++)
		if (apply_is_reseat(c, i))
			return 1;
	return 0;
}

static int plain_delete(const struct apply_changes *c)
{
	size_t i;

	for (i = 0; i < c->len; i++)
		if (c->cl[i].cmd == CMD_DELDEST && !apply_is_reseat(c, i))
			return 1;
	return 0;
}

static void test_case(size_t i)
{
	struct apply_table live = { 0 }, want = { 0 }, again = { 0 };
	struct apply_changes c = { 0 }, undo = { 0 }, second = { 0 };
	struct kmodel m, fresh, before;
	char rules[2048], got[4096];
	unsigned char done[64];
	size_t *origin = NULL;

	snprintf(rules, sizeof(rules), SVC "%s", cases[i].file);
	k_history(&m, cases[i].history);
	before = m;
	k_dump(&m, &live);
	CHECK(table_from(rules, &want) == 0, "%s: the file reads", cases[i].name);
	CHECK(apply_diff(&live, &want, &c) == 0, "%s: diff", cases[i].name);
	changes_text(&c, got, sizeof(got));
	if (cases[i].changes)
		CHECK(!strcmp(got, cases[i].changes), "%s: got \"%s\"", cases[i].name, got);
	k_play(&m, &c);
	k_fresh(&fresh, &want);
	CHECK(k_same(&m, &fresh), "%s: the list is a fresh load's (%s)", cases[i].name, got);
	k_dump(&m, &again);
	CHECK(apply_diff(&again, &want, &second) == 0 && second.len == 0,
	      "%s: a second apply finds nothing", cases[i].name);
	memset(done, 1, sizeof(done));
	CHECK(apply_inverse(&live, &c, done, &undo, &origin) == 0,
	      "%s: the rollback", cases[i].name);
	k_play(&m, &undo);
	/* the kernel hides a last weight, so an undone reseat at 0 is at 0 */
	for (int k = 0; k < before.n; k++)
		if (!before.d[k].weight)
			before.d[k].last_weight = 0;
	for (int k = 0; k < m.n; k++)
		if (!m.d[k].weight)
			m.d[k].last_weight = 0;
	/* the undo of a -d adds at the head: the servers and weights come
	 * back, their order only when nothing was deleted */
	CHECK(k_same_set(&m, &before) && (k_same(&m, &before) || plain_delete(&c) ||
					  reseated(&c)),
	      "%s: the rollback gives the history's list back", cases[i].name);
	free(origin);
	apply_changes_free(&c);
	apply_changes_free(&undo);
	apply_changes_free(&second);
	apply_table_free(&live);
	apply_table_free(&want);
	apply_table_free(&again);
}

/* Schedulers that do not hash over the list are left alone. */
static void test_rr_untouched(void)
{
	struct apply_table live = { 0 }, want = { 0 };
	struct apply_changes c = { 0 };

	table_from("-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.2\n-a -t 10.0.0.1:80 -r 10.0.1.1\n", &live);
	table_from("-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1\n-a -t 10.0.0.1:80 -r 10.0.1.2\n", &want);
	live.svc[0].svc.flags |= IP_VS_SVC_F_HASHED;
	live.daemon_want[0] = live.daemon_want[1] = DAEMON_STOPPED;
	CHECK(apply_diff(&live, &want, &c) == 0 && c.len == 0,
	      "rr: another order is no change (%zu)", c.len);
	apply_changes_free(&c);
	apply_table_free(&live);
	apply_table_free(&want);
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		test_case(i);
	test_rr_untouched();
	UNIT_EXIT();
}
