/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --apply / -R --diff: turn the live table into the file's table with
 * the fewest changes, editing in place (-E, -e) so that the connections
 * of a service or server that stays are kept; nothing is cleared first.
 *
 * Both tables are compared field by field as the kernel keeps them: the
 * file's lines are parsed with the reference's defaults (-w 1, -g, wlc,
 * 255.255.255.255) and the kernel reports what it was given, so applying
 * the same file twice finds nothing to change the second time.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "cli/addr.h"
#include "print/list_fmt.h"
#include "print/resolve.h"
#include "save_restore/apply.h"

/* ---- identities and settings ---- */

static int same_addr(int af, const union ipvs_addr *a, const union ipvs_addr *b)
{
	return !memcmp(a, b, af == AF_INET6 ? 16 : 4);
}

/* af + protocol/address/port, or af + fwmark. */
static int same_service(const struct apply_service *a,
			const struct apply_service *b)
{
	if (a->af != b->af || a->fwmark != b->fwmark)
		return 0;
	if (a->fwmark)
		return 1;
	return a->protocol == b->protocol && a->port == b->port &&
	       same_addr(a->af, &a->addr, &b->addr);
}

static int same_dest(const struct apply_dest *a, const struct apply_dest *b)
{
	return a->af == b->af && a->port == b->port &&
	       same_addr(a->af, &a->addr, &b->addr);
}

/* What -E sets.  The kernel adds "hashed" to the flags it reports; the
 * timeout and mask only matter for a persistent service. */
static int same_svc_settings(const struct apply_service *a,
			     const struct apply_service *b)
{
	uint32_t fa = a->flags & ~(uint32_t)IP_VS_SVC_F_HASHED;
	uint32_t fb = b->flags & ~(uint32_t)IP_VS_SVC_F_HASHED;

	if (fa != fb || strcmp(a->sched_name, b->sched_name) ||
	    strcmp(a->pe_name, b->pe_name))
		return 0;
	if (!(fa & IP_VS_SVC_F_PERSISTENT))
		return 1;
	return a->timeout == b->timeout && a->netmask == b->netmask;
}

/* What -e sets.  The kernel makes every server at a local address
 * "Local", whatever method it was given: that is no difference. */
static int same_dest_settings(const struct apply_dest *a,
			      const struct apply_dest *b)
{
	uint32_t fa = a->conn_flags & IP_VS_CONN_F_FWD_MASK;
	uint32_t fb = b->conn_flags & IP_VS_CONN_F_FWD_MASK;

	if (a->weight != b->weight || a->u_threshold != b->u_threshold ||
	    a->l_threshold != b->l_threshold)
		return 0;
	if (fa == IP_VS_CONN_F_LOCALNODE || fb == IP_VS_CONN_F_LOCALNODE)
		return 1;
	if (fa != fb)
		return 0;
	if (fa != IP_VS_CONN_F_TUNNEL || a->tun_type != b->tun_type)
		return fa != IP_VS_CONN_F_TUNNEL;
	if (a->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_IPIP)
		return 1;
	return a->tun_port == b->tun_port && a->tun_flags == b->tun_flags;
}

/* A running daemon is as wanted when what the file gave matches; what it
 * left out is the kernel's default, whatever that is. */
static int same_daemon(const struct ipvs_daemon *live,
		       const struct ipvs_daemon *want)
{
	if (strcmp(live->mcast_ifn, want->mcast_ifn) ||
	    live->syncid != want->syncid)
		return 0;
	if (want->sync_maxlen && want->sync_maxlen != live->sync_maxlen)
		return 0;
	if (want->mcast_port && want->mcast_port != live->mcast_port)
		return 0;
	if (want->mcast_ttl && want->mcast_ttl != live->mcast_ttl)
		return 0;
	if (want->mcast_af && (want->mcast_af != live->mcast_af ||
			       !same_addr(want->mcast_af, &want->mcast_group,
					  &live->mcast_group)))
		return 0;
	return 1;
}

/* ---- records ---- */

/* The fields a table's record shares with the library's, copied either
 * way; the rest of the target is zero. */
#define COPY_SERVICE(to, from) do {					\
	memset(&(to), 0, sizeof(to));					\
	(to).af = (from)->af;						\
	(to).protocol = (from)->protocol;				\
	(to).port = (from)->port;					\
	(to).fwmark = (from)->fwmark;					\
	(to).addr = (from)->addr;					\
	(to).flags = (from)->flags;					\
	(to).timeout = (from)->timeout;					\
	(to).netmask = (from)->netmask;					\
	memcpy((to).sched_name, (from)->sched_name, sizeof((to).sched_name)); \
	memcpy((to).pe_name, (from)->pe_name, sizeof((to).pe_name));	\
} while (0)

#define COPY_DEST(to, from) do {					\
	memset(&(to), 0, sizeof(to));					\
	(to).af = (from)->af;						\
	(to).port = (from)->port;					\
	(to).addr = (from)->addr;					\
	(to).conn_flags = (from)->conn_flags;				\
	(to).weight = (from)->weight;					\
	(to).u_threshold = (from)->u_threshold;				\
	(to).l_threshold = (from)->l_threshold;				\
	(to).tun_port = (from)->tun_port;				\
	(to).tun_flags = (from)->tun_flags;				\
	(to).tun_type = (from)->tun_type;				\
} while (0)

struct apply_service apply_service_of(const struct ipvs_service *svc)
{
	struct apply_service s;

	COPY_SERVICE(s, svc);
	return s;
}

struct apply_dest apply_dest_of(const struct ipvs_dest *dest)
{
	struct apply_dest d;

	COPY_DEST(d, dest);
	return d;
}

struct ipvs_service apply_service_full(const struct apply_service *svc)
{
	struct ipvs_service s;

	COPY_SERVICE(s, svc);
	return s;
}

struct ipvs_dest apply_dest_full(const struct apply_dest *dest)
{
	struct ipvs_dest d;

	COPY_DEST(d, dest);
	return d;
}

/* ---- tables in memory ---- */

/* One step of a multiplicative hash, a word at a time. */
static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

static uint64_t addr_hash(uint64_t h, int af, const union ipvs_addr *a)
{
	int i, words = af == AF_INET6 ? 4 : 1;

	for (i = 0; i < words; i++)
		h = mix(h, a->word[i]);
	return h;
}

static uint64_t svc_hash(const void *elem)
{
	const struct apply_service *svc = elem;
	uint64_t h = mix(0, (uint64_t)svc->af << 32 | svc->fwmark);

	if (svc->fwmark)
		return h;
	h = mix(h, (uint64_t)svc->protocol << 16 | svc->port);
	return addr_hash(h, svc->af, &svc->addr);
}

static uint64_t dest_hash(const void *elem)
{
	const struct apply_dest *d = elem;

	return addr_hash(mix(0, (uint64_t)d->af << 16 | d->port), d->af, &d->addr);
}

static int svc_equal(const void *a, const void *b)
{
	return same_service(a, b);
}

static int dest_equal(const void *a, const void *b)
{
	return same_dest(a, b);
}

struct index_kind {
	uint64_t (*hash)(const void *elem);
	int (*equal)(const void *a, const void *b);
	size_t size;			/* of an element; its key comes first */
};

static const struct index_kind svc_kind = { svc_hash, svc_equal, sizeof(struct apply_svc) };
static const struct index_kind dest_kind = { dest_hash, dest_equal, sizeof(struct apply_dest) };

static void index_drop(struct apply_index *ix)
{
	free(ix->slot);
	memset(ix, 0, sizeof(*ix));
}

static void index_put(struct apply_index *ix, const struct index_kind *k,
		      const char *base, size_t i)
{
	size_t h = (size_t)k->hash(base + i * k->size) & (ix->cap - 1);

	while (ix->slot[h])
		h = (h + 1) & (ix->cap - 1);
	ix->slot[h] = i + 1;
}

static void *linear_find(const struct index_kind *k, char *base, size_t len,
			 const void *key)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (k->equal(base + i * k->size, key))
			return base + i * k->size;
	return NULL;
}

/* Up to this many elements a search is as quick as a hash index, and
 * needs no memory: most services have fewer real servers than this. */
#define INDEX_MIN 16

/* The element whose key equals key's, or NULL (a linear search for a
 * short array, and when out of memory). */
static void *index_find(struct apply_index *ix, const struct index_kind *k,
			void *base, size_t len, const void *key)
{
	char *b = base;
	size_t h;

	if (len <= INDEX_MIN)
		return linear_find(k, b, len, key);
	if (ix->cap < 2 * len + 2) {
		size_t cap = 8;

		while (cap < 2 * len + 2)
			cap *= 2;
		index_drop(ix);
		ix->slot = calloc(cap, sizeof(*ix->slot));
		if (!ix->slot)
			return linear_find(k, b, len, key);
		ix->cap = cap;
	}
	for (; ix->indexed < len; ix->indexed++)
		index_put(ix, k, b, ix->indexed);
	for (h = (size_t)k->hash(key) & (ix->cap - 1); ix->slot[h];
	     h = (h + 1) & (ix->cap - 1))
		if (k->equal(b + (ix->slot[h] - 1) * k->size, key))
			return b + (ix->slot[h] - 1) * k->size;
	return NULL;
}

/* A file names a service again on each of its servers' lines: the
 * service found last is tried before the index. */
static struct apply_svc *find_svc(struct apply_table *t,
				  const struct apply_service *key)
{
	struct apply_svc *as;

	if (t->last_found < t->len && same_service(&t->svc[t->last_found].svc, key))
		return &t->svc[t->last_found];
	as = index_find(&t->svc_index, &svc_kind, t->svc, t->len, key);
	if (as)
		t->last_found = (size_t)(as - t->svc);
	return as;
}

static struct apply_dest *find_dest(struct apply_svc *as,
				    const struct apply_dest *key)
{
	return as ? index_find(&as->dest_index, &dest_kind, as->dest,
			       as->ndest, key) : NULL;
}

struct apply_svc *apply_find_svc(struct apply_table *t,
				 const struct ipvs_service *key)
{
	struct apply_service k = apply_service_of(key);

	return find_svc(t, &k);
}

struct apply_dest *apply_find_dest(struct apply_svc *as,
				   const struct ipvs_dest *key)
{
	struct apply_dest k = apply_dest_of(key);

	return find_dest(as, &k);
}

/* Room for n more servers; grows by half (not double) since most
 * services stop at a few servers. */
static int svc_reserve(struct apply_svc *as, size_t n)
{
	size_t cap = as->cap;
	struct apply_dest *grown;

	if (as->ndest + n <= cap)
		return 0;
	while (cap < as->ndest + n)
		cap += cap / 2 + 4;
	grown = reallocarray(as->dest, cap, sizeof(*grown));
	if (!grown)
		return -1;
	as->dest = grown;
	as->cap = cap;
	return 0;
}

static int svc_add_dest(struct apply_svc *as, const struct apply_dest *dest)
{
	if (svc_reserve(as, 1))
		return -1;
	as->dest[as->ndest++] = *dest;
	return 0;
}

int apply_table_add_svc(struct apply_table *t, const struct ipvs_service *svc)
{
	if (t->len == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct apply_svc *grown = reallocarray(t->svc, cap, sizeof(*grown));

		if (!grown)
			return -1;
		t->svc = grown;
		t->cap = cap;
	}
	memset(&t->svc[t->len], 0, sizeof(t->svc[0]));
	t->svc[t->len++].svc = apply_service_of(svc);
	return 0;
}

int apply_table_add_dest(struct apply_table *t, const struct ipvs_dest *dest)
{
	return apply_table_add_dests(t, dest, 1);
}

int apply_table_add_dests(struct apply_table *t, const struct ipvs_dest *dest,
			  size_t n)
{
	struct apply_svc *as = t->len ? &t->svc[t->len - 1] : NULL;
	size_t i;

	if (!as || svc_reserve(as, n))
		return -1;
	for (i = 0; i < n; i++)
		as->dest[as->ndest++] = apply_dest_of(&dest[i]);
	return 0;
}

static void del_svc(struct apply_table *t, struct apply_svc *as)
{
	size_t i = (size_t)(as - t->svc);

	free(as->dest);
	index_drop(&as->dest_index);
	memmove(as, as + 1, (t->len - i - 1) * sizeof(*as));
	t->len--;
	index_drop(&t->svc_index);
}

static void clear_services(struct apply_table *t)
{
	while (t->len)
		del_svc(t, &t->svc[t->len - 1]);
}

void apply_table_free(struct apply_table *t)
{
	clear_services(t);
	free(t->svc);
	index_drop(&t->svc_index);
	memset(t, 0, sizeof(*t));
}

/* ---- replaying the file ---- */

static int daemon_index(uint32_t state)
{
	return state == IP_VS_STATE_BACKUP;
}

/* One line on the table: 0, an errno the kernel would give, or -1. */
static int replay_service(struct apply_table *t, const struct ipvs_cmdline *cl)
{
	struct apply_service svc = apply_service_of(&cl->svc);
	struct apply_svc *as = find_svc(t, &svc);

	switch (cl->cmd) {
	case CMD_ADD:
		if (as)
			return EEXIST;
		return apply_table_add_svc(t, &cl->svc);
	case CMD_EDIT:
		if (!as)
			return ESRCH;
		as->svc = svc;
		return 0;
	default:	/* CMD_DEL */
		if (!as)
			return ESRCH;
		del_svc(t, as);
		return 0;
	}
}

static int replay_dest(struct apply_table *t, const struct ipvs_cmdline *cl)
{
	struct apply_service svc = apply_service_of(&cl->svc);
	struct apply_dest dest = apply_dest_of(&cl->dest);
	struct apply_svc *as = find_svc(t, &svc);
	struct apply_dest *d = find_dest(as, &dest);

	if (!as)
		return ESRCH;
	switch (cl->cmd) {
	case CMD_ADDDEST:
		if (d)
			return EEXIST;
		return svc_add_dest(as, &dest);
	case CMD_EDITDEST:
		if (!d)
			return ENOENT;
		*d = dest;
		return 0;
	default:	/* CMD_DELDEST */
		if (!d)
			return ENOENT;
		memmove(d, d + 1, (size_t)(as->dest + as->ndest - d - 1) * sizeof(*d));
		as->ndest--;
		index_drop(&as->dest_index);
		return 0;
	}
}

static int replay_line(struct apply_table *t, const struct ipvs_cmdline *cl)
{
	int i = daemon_index(cl->daemon.state);

	switch (cl->cmd) {
	case CMD_FLUSH:
		clear_services(t);
		return 0;
	case CMD_ADD: case CMD_EDIT: case CMD_DEL:
		return replay_service(t, cl);
	case CMD_ADDDEST: case CMD_EDITDEST: case CMD_DELDEST:
		return replay_dest(t, cl);
	case CMD_TIMEOUT:
		/* 0 leaves a timeout as it is */
		if (cl->timeouts.tcp)
			t->timeouts.tcp = cl->timeouts.tcp;
		if (cl->timeouts.tcp_fin)
			t->timeouts.tcp_fin = cl->timeouts.tcp_fin;
		if (cl->timeouts.udp)
			t->timeouts.udp = cl->timeouts.udp;
		return 0;
	case CMD_STARTDAEMON:
		if (t->daemon_want[i] == DAEMON_RUNNING)
			return EEXIST;
		t->daemon_want[i] = DAEMON_RUNNING;
		t->daemon[i] = cl->daemon;
		return 0;
	case CMD_STOPDAEMON:
		t->daemon_want[i] = DAEMON_STOPPED;
		return 0;
	default:	/* listings and -Z change no rule */
		return 0;
	}
}

struct replay {
	struct apply_table *table;
	const char *name;
	FILE *err;
	int refused;
	int nomem;
};

/* restore_read's callback: one good line, replayed on the table. */
static void replay_cmd(void *arg, unsigned long line,
		       const struct ipvs_cmdline *cl)
{
	struct replay *rp = arg;
	int r;

	if (rp->nomem)
		return;
	r = replay_line(rp->table, cl);
	if (r < 0) {
		rp->nomem = 1;
	} else if (r) {
		restore_report(rp->err, rp->name, line, cmd_strerror(cl->cmd, r));
		rp->refused++;
	}
}

int apply_table_read(struct apply_table *t, FILE *in, const char *name,
		     FILE *err, struct module_check *modules)
{
	struct replay rp = { .table = t, .name = name, .err = err };
	struct restore_reader r = {
		.name = name, .argv0 = program_invocation_name, .err = err,
		.fn = replay_cmd, .arg = &rp, .modules = modules,
	};

	if (restore_read(in, &r) != 0)
		return -2;
	return rp.nomem ? -1 : rp.refused;
}

/* ---- the difference ---- */

static int push(struct apply_changes *out, enum ipvs_cmd cmd,
		const struct apply_service *svc, const struct apply_dest *dest)
{
	struct ipvs_cmdline *cl;

	if (out->len == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 32;
		struct ipvs_cmdline *grown = reallocarray(out->cl, cap, sizeof(*grown));

		if (!grown)
			return -1;
		out->cl = grown;
		out->cap = cap;
	}
	cl = &out->cl[out->len++];
	memset(cl, 0, sizeof(*cl));
	cl->cmd = cmd;
	if (svc)
		cl->svc = apply_service_full(svc);
	if (dest)
		cl->dest = apply_dest_full(dest);
	return 0;
}

static int diff_services(struct apply_table *live,
			 struct apply_table *want, struct apply_changes *out)
{
	size_t i, k;

	for (i = 0; i < want->len; i++) {
		struct apply_svc *l = find_svc(live, &want->svc[i].svc);

		if (!l && push(out, CMD_ADD, &want->svc[i].svc, NULL))
			return -1;
		if (l && !same_svc_settings(&l->svc, &want->svc[i].svc) &&
		    push(out, CMD_EDIT, &want->svc[i].svc, NULL))
			return -1;
	}
	for (i = 0; i < want->len; i++) {
		struct apply_svc *w = &want->svc[i];
		struct apply_svc *l = find_svc(live, &w->svc);

		for (k = 0; k < w->ndest; k++) {
			const struct apply_dest *d = find_dest(l, &w->dest[k]);

			if (!d && push(out, CMD_ADDDEST, &w->svc, &w->dest[k]))
				return -1;
			if (d && !same_dest_settings(d, &w->dest[k]) &&
			    push(out, CMD_EDITDEST, &w->svc, &w->dest[k]))
				return -1;
		}
	}
	/* Deletions last: a server leaves only once the others are ready. */
	for (i = 0; i < live->len; i++) {
		struct apply_svc *l = &live->svc[i];
		struct apply_svc *w = find_svc(want, &l->svc);

		for (k = 0; w && k < l->ndest; k++)
			if (!find_dest(w, &l->dest[k]) &&
			    push(out, CMD_DELDEST, &l->svc, &l->dest[k]))
				return -1;
	}
	for (i = 0; i < live->len; i++)
		if (!find_svc(want, &live->svc[i].svc) &&
		    push(out, CMD_DEL, &live->svc[i].svc, NULL))
			return -1;
	return 0;
}

static int diff_timeouts(const struct ipvs_timeouts *live,
			 const struct ipvs_timeouts *want,
			 struct apply_changes *out)
{
	if ((!want->tcp || want->tcp == live->tcp) &&
	    (!want->tcp_fin || want->tcp_fin == live->tcp_fin) &&
	    (!want->udp || want->udp == live->udp))
		return 0;
	if (push(out, CMD_TIMEOUT, NULL, NULL))
		return -1;
	out->cl[out->len - 1].timeouts = *want;
	return 0;
}

static int push_daemon(struct apply_changes *out, enum ipvs_cmd cmd,
		       const struct ipvs_daemon *d)
{
	if (push(out, cmd, NULL, NULL))
		return -1;
	out->cl[out->len - 1].daemon = *d;
	return 0;
}

static int diff_daemons(struct apply_table *live,
			struct apply_table *want, struct apply_changes *out)
{
	int i;

	for (i = 0; i < 2; i++) {
		int running = live->daemon_want[i] == DAEMON_RUNNING;

		switch (want->daemon_want[i]) {
		case DAEMON_RUNNING:
			if (running && same_daemon(&live->daemon[i], &want->daemon[i]))
				break;
			if (running && push_daemon(out, CMD_STOPDAEMON, &live->daemon[i]))
				return -1;
			if (push_daemon(out, CMD_STARTDAEMON, &want->daemon[i]))
				return -1;
			break;
		case DAEMON_STOPPED:
			if (running && push_daemon(out, CMD_STOPDAEMON, &live->daemon[i]))
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

int apply_diff(struct apply_table *live, struct apply_table *want,
	       struct apply_changes *out)
{
	if (diff_services(live, want, out) ||
	    diff_timeouts(&live->timeouts, &want->timeouts, out) ||
	    diff_daemons(live, want, out))
		return -1;
	return 0;
}

int apply_changes_add(struct apply_changes *c, const struct ipvs_cmdline *cl)
{
	if (push(c, cl->cmd, NULL, NULL))
		return -1;
	c->cl[c->len - 1] = *cl;
	return 0;
}

void apply_changes_free(struct apply_changes *c)
{
	free(c->cl);
	memset(c, 0, sizeof(*c));
}

/* ---- changes as rules lines ---- */

/* Appends to buf like snprintf at its end; never overflows. */
static void __attribute__((format(printf, 3, 4)))
add(char *buf, size_t len, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, len - n, fmt, ap);
	va_end(ap);
}

static void fmt_service(char *buf, size_t len, const struct ipvs_service *svc)
{
	char a[ADDRPORT_LEN];

	if (svc->fwmark) {
		add(buf, len, " -f %u%s", svc->fwmark,
		    svc->af == AF_INET6 ? " -6" : "");
		return;
	}
	fmt_addrport(a, sizeof(a), svc->af, &svc->addr, svc->port,
		     svc->protocol, FMT_NUMERIC);
	add(buf, len, " %s %s", proto_switch(svc->protocol), a);
}

/* The -A/-E options, in the order and form of -S. */
static void fmt_svc_settings(char *buf, size_t len,
			     const struct ipvs_service *svc)
{
	char flags[64];

	add(buf, len, " -s %s", svc->sched_name);
	if (svc->flags & IP_VS_SVC_F_PERSISTENT) {
		add(buf, len, " -p %u", svc->timeout);
		if (svc->af == AF_INET && svc->netmask != 0xffffffffU) {
			struct in_addr m = { .s_addr = svc->netmask };
			char mb[INET_ADDRSTRLEN];

			inet_ntop(AF_INET, &m, mb, sizeof(mb));
			add(buf, len, " -M %s", mb);
		}
		if (svc->af == AF_INET6 && svc->netmask != 128)
			add(buf, len, " -M %u", svc->netmask);
	}
	if (svc->pe_name[0])
		add(buf, len, " --pe %s", svc->pe_name);
	if (svc->flags & IP_VS_SVC_F_ONEPACKET)
		add(buf, len, " -o");
	if (svc_has_sched_flags(svc->flags)) {
		fmt_sched_flags(flags, sizeof(flags), svc->sched_name, svc->flags);
		add(buf, len, " -b %s", flags);
	}
}

/* The -a/-e options, in the order and form of -S. */
static void fmt_dest_settings(char *buf, size_t len, const struct ipvs_dest *d)
{
	add(buf, len, " %s -w %d", fwd_switch(d->conn_flags), d->weight);
	if ((d->conn_flags & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL) {
		add(buf, len, " --tun-type %s", tun_type_name(d->tun_type));
		if (d->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
			add(buf, len, " --tun-port %u", d->tun_port);
		if (d->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP)
			add(buf, len, " %s", tun_csum_switch(d->tun_flags));
	}
	if (d->u_threshold)
		add(buf, len, " -x %u", d->u_threshold);
	if (d->l_threshold)
		add(buf, len, " -y %u", d->l_threshold);
}

static void fmt_daemon(char *buf, size_t len, const struct ipvs_cmdline *cl)
{
	const struct ipvs_daemon *d = &cl->daemon;
	char group[INET6_ADDRSTRLEN];

	add(buf, len, "%s %s", cl->cmd == CMD_STARTDAEMON ? "--start-daemon"
			: "--stop-daemon",
	    d->state == IP_VS_STATE_BACKUP ? "backup" : "master");
	if (cl->cmd == CMD_STOPDAEMON)
		return;
	add(buf, len, " --mcast-interface %s --syncid %u", d->mcast_ifn, d->syncid);
	if (d->sync_maxlen)
		add(buf, len, " --sync-maxlen %u", d->sync_maxlen);
	if (d->mcast_af && inet_ntop(d->mcast_af, &d->mcast_group, group,
				     sizeof(group)))
		add(buf, len, " --mcast-group %s", group);
	if (d->mcast_port)
		add(buf, len, " --mcast-port %u", d->mcast_port);
	if (d->mcast_ttl)
		add(buf, len, " --mcast-ttl %u", d->mcast_ttl);
}

void apply_format(char *buf, size_t len, const struct ipvs_cmdline *cl)
{
	static const char *const letter[] = {
		[CMD_ADD] = "-A", [CMD_EDIT] = "-E", [CMD_DEL] = "-D",
		[CMD_ADDDEST] = "-a", [CMD_EDITDEST] = "-e", [CMD_DELDEST] = "-d",
	};
	char a[ADDRPORT_LEN];

	buf[0] = '\0';
	switch (cl->cmd) {
	case CMD_TIMEOUT:
		add(buf, len, "--set %d %d %d", cl->timeouts.tcp,
		    cl->timeouts.tcp_fin, cl->timeouts.udp);
		return;
	case CMD_STARTDAEMON: case CMD_STOPDAEMON:
		fmt_daemon(buf, len, cl);
		return;
	case CMD_ADD: case CMD_EDIT: case CMD_DEL:
	case CMD_ADDDEST: case CMD_EDITDEST: case CMD_DELDEST:
		break;
	default:
		return;
	}
	add(buf, len, "%s", letter[cl->cmd]);
	fmt_service(buf, len, &cl->svc);
	if (cl->cmd == CMD_ADD || cl->cmd == CMD_EDIT)
		fmt_svc_settings(buf, len, &cl->svc);
	if (cl->cmd != CMD_ADDDEST && cl->cmd != CMD_EDITDEST &&
	    cl->cmd != CMD_DELDEST)
		return;
	fmt_addrport(a, sizeof(a), cl->dest.af, &cl->dest.addr, cl->dest.port,
		     cl->svc.protocol, FMT_NUMERIC);
	add(buf, len, " -r %s", a);
	if (cl->cmd != CMD_DELDEST)
		fmt_dest_settings(buf, len, &cl->dest);
}
