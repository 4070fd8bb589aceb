/*
 * nsx: network namespaces for the bats suites, in one small static program.
 *
 *   nsx add NAME...                 like `ip netns add NAME` for each NAME,
 *                                   and bring lo up in it
 *   nsx del NAME...                 like `ip -force netns del NAME`
 *   nsx run NAME PROG ARGV0 ARG...  exec PROG with argv ARGV0 ARG... inside
 *                                   the namespace NAME (no PATH search)
 *   nsx list NAME READS PROG ARGV0 ARG...
 *                                   run it as `run` does (NAME "-": in
 *                                   this namespace), again while its
 *                                   output shows a service twice, READS
 *                                   times at most; then print the last
 *                                   run's stdout, then its stderr, and
 *                                   exit with its status
 *   nsx list-flush NAME READS PROG ARGV0 ARG...
 *                                   the same, then empty the IPVS table
 *                                   of the namespace (what `ipvsadm -C`
 *                                   does) when the listing was not empty
 *   nsx flush NAME                  empty the IPVS table of the namespace
 *                                   NAME ("-": this one)
 *   nsx state NAME...               for each namespace NAME ("-": this
 *                                   one), its IPVS state read by netlink:
 *                                   a line "= NAME", the services (each
 *                                   followed by its real servers), the
 *                                   timeouts and the sync daemons, every
 *                                   attribute but the counters, in hex;
 *                                   services and servers sorted
 *
 * Why list: the reference ipvsadm's listings tear.  The kernel resumes a
 * dump at a count of entries into a service table all namespaces share
 * (up to 6.1 at least), and every dump takes two calls at least; a
 * service added in another namespace between them (another test running
 * beside this one) sends the entries behind it again, and the reference
 * prints them twice.  A real table never shows a service twice, so such
 * a read is taken again (tests/bats/helpers.bash's ref_in, run-cases,
 * random-diff).  Done here, in C, because the same check in the suite's
 * bash cost the emulated lab about 15 ms a listing.
 *
 * Why state: random-diff compares what a case leaves in two namespaces.
 * It read it with the reference's -S, and --timeout and --daemon, through
 * `nsx list`: four execs a case at least, two of them dynamic.  One static
 * exec reads both namespaces, and sees more than -S shows (thresholds,
 * tunnel settings, persistence engine, every daemon setting).
 *
 * Why: in the emulated lab every exec of a dynamically linked program costs
 * tens of milliseconds (the loader's mmaps and page faults under TCG, and
 * its file lookups over 9p).  A test used to pay nsenter + ipvsadm for each
 * command and three `ip` runs to make its namespaces; a static nsx makes
 * that one cheap exec.  Built with -static by `make labtools`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/genetlink.h>
#include <linux/ip_vs.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <unistd.h>

#define NETNS_DIR "/run/netns"

static int fail(const char *what, const char *name)
{
	fprintf(stderr, "nsx: %s %s: %s\n", what, name, strerror(errno));
	return 1;
}

static int ns_path(char *buf, size_t len, const char *name)
{
	int n = snprintf(buf, len, NETNS_DIR "/%s", name);

	if (n < 0 || (size_t)n >= len || strchr(name, '/') || !name[0]) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* The interface lo of the current network namespace, up. */
static int lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc = -1;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return rc;
}

/* As iproute2 does: a new netns kept alive by a bind mount of its nsfs file. */
static int ns_add(const char *name)
{
	char path[256];
	int fd;

	if (ns_path(path, sizeof(path), name) < 0)
		return fail("bad name", name);
	if (mkdir(NETNS_DIR, 0755) < 0 && errno != EEXIST)
		return fail("mkdir", NETNS_DIR);
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0)
		return fail("create", path);
	close(fd);
	if (unshare(CLONE_NEWNET) < 0) {
		unlink(path);
		return fail("unshare for", name);
	}
	if (mount("/proc/self/ns/net", path, "none", MS_BIND, NULL) < 0) {
		unlink(path);
		return fail("bind mount", path);
	}
	if (lo_up() < 0)
		return fail("lo up in", name);
	return 0;
}

static int ns_del(const char *name)
{
	char path[256];

	if (ns_path(path, sizeof(path), name) < 0)
		return fail("bad name", name);
	if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT)
		return fail("umount", path);
	if (unlink(path) < 0 && errno != ENOENT)
		return fail("unlink", path);
	return 0;
}

static int ns_enter(const char *name)
{
	char path[256];
	int fd;

	if (ns_path(path, sizeof(path), name) < 0)
		return fail("bad name", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("open", path);
	if (setns(fd, CLONE_NEWNET) < 0)
		return fail("setns", path);
	close(fd);
	return 0;
}

static int ns_run(const char *name, const char *prog, char **argv)
{
	if (ns_enter(name))
		return 1;
	execv(prog, argv);
	fail("exec", prog);
	return 127;
}

/* A file's whole contents, from its start (NUL-terminated; NULL on error). */
static char *slurp(int fd, size_t *len)
{
	struct stat st;
	char *buf;
	ssize_t n;
	size_t got = 0;

	if (fstat(fd, &st) < 0 || lseek(fd, 0, SEEK_SET) < 0)
		return NULL;
	buf = malloc((size_t)st.st_size + 1);
	while (buf && got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (buf)
		buf[got] = '\0';
	*len = got;
	return buf;
}

static int cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Whether text shows a service twice: a save line "-A ...", or in a
 * service listing (the header "IP Virtual Server version ...") a line
 * that is not a real server's (those start with a space and may repeat
 * across services).
 */
static int torn(const char *text)
{
	int listing = strncmp(text, "IP Virtual Server version ", 26) == 0;
	size_t n = 0, cap = 64, i;
	char *copy = strdup(text), **line = malloc(cap * sizeof(*line));
	char *p, *next;
	int twice = 0;

	if (!copy || !line) {
		free(copy);
		free(line);
		return 0;
	}
	for (p = copy; *p; p = next) {
		next = strchr(p, '\n');
		next = next ? (*next = '\0', next + 1) : p + strlen(p);
		if (strncmp(p, "-A ", 3) != 0 && (!listing || *p == ' ' || !*p))
			continue;
		if (n == cap) {
			char **more = realloc(line, (cap *= 2) * sizeof(*line));

			if (!more)
				break;
			line = more;
		}
		line[n++] = p;
	}
	qsort(line, n, sizeof(*line), cmp_lines);
	for (i = 1; i < n && !twice; i++)
		twice = strcmp(line[i - 1], line[i]) == 0;
	free(line);
	free(copy);
	return twice;
}

/* Run prog once with stdout and stderr into out and err (memory files,
 * rewound); its wait status, or -1. */
static int run_into(const char *prog, char **argv, int out, int err)
{
	int status;
	pid_t pid;

	if (ftruncate(out, 0) < 0 || ftruncate(err, 0) < 0 ||
	    lseek(out, 0, SEEK_SET) < 0 || lseek(err, 0, SEEK_SET) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (dup2(out, 1) < 0 || dup2(err, 2) < 0)
			_exit(127);
		execv(prog, argv);
		fprintf(stderr, "nsx: exec %s: %s\n", prog, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * The IPVS table of the current namespace emptied, as `ipvsadm -C` does
 * (IPVS_CMD_FLUSH): the case runners clear the table after every case,
 * and an exec of the reference for that cost the lab ~40 ms a case.
 */
struct genl_req {
	struct nlmsghdr n;
	struct genlmsghdr g;
	char attrs[64];
};

/* Send req, read the answer into buf; its length, or -1. */
static ssize_t genl_talk(int fd, struct genl_req *req, char *buf, size_t size)
{
	ssize_t n;

	if (send(fd, req, req->n.nlmsg_len, 0) < 0)
		return -1;
	do
		n = recv(fd, buf, size, 0);
	while (n < 0 && errno == EINTR);
	return n;
}

/* The status of an answer that is an ack or an error: 0, or -1 (errno). */
static int genl_status(const char *buf, ssize_t n)
{
	const struct nlmsghdr *h = (const struct nlmsghdr *)buf;

	if (n < (ssize_t)sizeof(*h) || h->nlmsg_type != NLMSG_ERROR) {
		errno = EPROTO;
		return -1;
	}
	errno = -((const struct nlmsgerr *)NLMSG_DATA(h))->error;
	return errno ? -1 : 0;
}

/* The generic netlink id of the family "IPVS", or -1. */
static int ipvs_family(int fd)
{
	struct genl_req req = { 0 };
	struct nlattr *a = (struct nlattr *)req.attrs;
	char buf[4096];
	ssize_t n;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int len;

	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(IPVS_GENL_NAME);
	memcpy((char *)a + NLA_HDRLEN, IPVS_GENL_NAME, sizeof(IPVS_GENL_NAME));
	req.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + NLA_ALIGN(a->nla_len));
	req.n.nlmsg_type = GENL_ID_CTRL;
	req.n.nlmsg_flags = NLM_F_REQUEST;
	req.g.cmd = CTRL_CMD_GETFAMILY;
	req.g.version = 1;
	n = genl_talk(fd, &req, buf, sizeof(buf));
	if (n < (ssize_t)NLMSG_LENGTH(GENL_HDRLEN) || h->nlmsg_type != GENL_ID_CTRL) {
		if (n >= 0 && genl_status(buf, n) == 0)
			errno = EPROTO;
		return -1;
	}
	len = (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	if (len > n - (int)NLMSG_LENGTH(GENL_HDRLEN))
		len = (int)(n - NLMSG_LENGTH(GENL_HDRLEN));
	a = (struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN);
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= len) {
		if (a->nla_type == CTRL_ATTR_FAMILY_ID && a->nla_len >= NLA_HDRLEN + 2)
			return *(unsigned short *)((char *)a + NLA_HDRLEN);
		len -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	errno = ENOENT;
	return -1;
}

static int ipvs_flush(void)
{
	struct genl_req req = { 0 };
	char buf[4096];
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	int family = fd < 0 ? -1 : ipvs_family(fd);
	int rc = -1;

	if (family >= 0) {
		req.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
		req.n.nlmsg_type = (unsigned short)family;
		req.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
		req.g.cmd = IPVS_CMD_FLUSH;
		req.g.version = IPVS_GENL_VERSION;
		rc = genl_status(buf, genl_talk(fd, &req, buf, sizeof(buf)));
	}
	if (fd >= 0)
		close(fd);
	return rc < 0 ? fail("flush", "the IPVS table") : 0;
}

/*
 * nsx state: the IPVS state of namespaces, as text, for comparing.
 */
struct text {
	char *buf;
	size_t len, cap;
};

static void text_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;
		char *more = realloc(t->buf, cap);

		if (!more) {
			perror("nsx: realloc");
			exit(1);
		}
		t->buf = more;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static void text_str(struct text *t, const char *s)
{
	text_add(t, s, strlen(s));
}

/* The attributes in [a, a+len) as " TYPE:HEX..." (nested ones in
 * braces), but those of type skip1 and skip2 (the counters). */
static void attrs_text(struct text *t, const struct nlattr *a, int len,
		       int skip1, int skip2)
{
	char hex[16];

	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= len) {
		int type = a->nla_type & NLA_TYPE_MASK;
		const unsigned char *v = (const unsigned char *)a + NLA_HDRLEN;

		if (type != skip1 && type != skip2) {
			snprintf(hex, sizeof(hex), " %d:", type);
			text_str(t, hex);
			for (int i = 0; i < a->nla_len - NLA_HDRLEN; i++) {
				snprintf(hex, sizeof(hex), "%02x", v[i]);
				text_add(t, hex, 2);
			}
		}
		len -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
}

/* The attribute of type in [a, a+len), or NULL. */
static const struct nlattr *attr_find(const struct nlattr *a, int len, int type)
{
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= len) {
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		len -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
	return NULL;
}

static void attr_put(struct genl_req *req, size_t *off, const struct nlattr *a)
{
	memcpy(req->attrs + *off, a, a->nla_len);
	*off += NLA_ALIGN(a->nla_len);
}

/*
 * Send req (a dump or a get) and call each answer's top attribute of type
 * want with ctx; -1 on error.  The answers of a dump end with NLMSG_DONE.
 */
typedef void (*attr_fn)(void *ctx, const struct nlattr *a);

static int genl_each(int fd, struct genl_req *req, int want, attr_fn fn, void *ctx)
{
	static char buf[65536];
	int done = 0;

	if (send(fd, req, req->n.nlmsg_len, 0) < 0)
		return -1;
	while (!done) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		for (; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			int len = (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
			const struct nlattr *a;

			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR)
				return genl_status((char *)h, (ssize_t)h->nlmsg_len);
			if (len < 0)
				continue;
			a = attr_find((const struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN),
				      len, want);
			if (a)
				fn(ctx, a);
			done = !(h->nlmsg_flags & NLM_F_MULTI);
		}
	}
	return 0;
}

struct lines {
	char **line;
	size_t n, cap;
};

static void lines_add(struct lines *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->line = realloc(l->line, l->cap * sizeof(*l->line));
		if (!l->line) {
			perror("nsx: realloc");
			exit(1);
		}
	}
	l->line[l->n++] = s;
}

/* lines sorted into t, each with prefix, then freed. */
static void lines_out(struct text *t, struct lines *l, const char *prefix)
{
	qsort(l->line, l->n, sizeof(*l->line), cmp_lines);
	for (size_t i = 0; i < l->n; i++) {
		text_str(t, prefix);
		text_str(t, l->line[i]);
		text_str(t, "\n");
		free(l->line[i]);
	}
	free(l->line);
	memset(l, 0, sizeof(*l));
}

struct dump_ctx {
	struct lines lines;
	int skip1, skip2;
	struct genl_req *keys;   /* services: their key attributes kept */
	size_t nkeys;
};

static void dump_line(void *ctx, const struct nlattr *a)
{
	struct dump_ctx *d = ctx;
	struct text t = { 0 };

	attrs_text(&t, (const struct nlattr *)((const char *)a + NLA_HDRLEN),
		   a->nla_len - NLA_HDRLEN, d->skip1, d->skip2);
	text_add(&t, "", 0);
	lines_add(&d->lines, t.buf);
}

/* A service's line, and the request for its servers kept in d->keys. */
static void service_line(void *ctx, const struct nlattr *a)
{
	static const int key[] = { IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_PROTOCOL,
		IPVS_SVC_ATTR_ADDR, IPVS_SVC_ATTR_PORT, IPVS_SVC_ATTR_FWMARK };
	struct dump_ctx *d = ctx;
	const struct nlattr *in = (const struct nlattr *)((const char *)a + NLA_HDRLEN);
	int len = a->nla_len - NLA_HDRLEN;
	struct genl_req *req;
	struct nlattr *nest;
	size_t off = NLA_HDRLEN;

	dump_line(ctx, a);
	d->keys = realloc(d->keys, (d->nkeys + 1) * sizeof(*d->keys));
	if (!d->keys) {
		perror("nsx: realloc");
		exit(1);
	}
	req = &d->keys[d->nkeys++];
	memset(req, 0, sizeof(*req));
	nest = (struct nlattr *)req->attrs;
	for (size_t i = 0; i < sizeof(key) / sizeof(key[0]); i++) {
		const struct nlattr *k = attr_find(in, len, key[i]);

		if (k && off + NLA_ALIGN(k->nla_len) <= sizeof(req->attrs))
			attr_put(req, &off, k);
	}
	nest->nla_type = NLA_F_NESTED | IPVS_CMD_ATTR_SERVICE;
	nest->nla_len = (unsigned short)off;
}

static void genl_init(struct genl_req *req, int family, int cmd, int dump)
{
	req->n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + NLA_ALIGN(
		((struct nlattr *)req->attrs)->nla_len));
	req->n.nlmsg_type = (unsigned short)family;
	req->n.nlmsg_flags = NLM_F_REQUEST | (dump ? NLM_F_DUMP : 0);
	req->g.cmd = (unsigned char)cmd;
	req->g.version = IPVS_GENL_VERSION;
}

/* The services with their servers, the timeouts and the daemons into t. */
static int state_read(int fd, int family, struct text *t)
{
	struct dump_ctx svc = { .skip1 = IPVS_SVC_ATTR_STATS,
				.skip2 = IPVS_SVC_ATTR_STATS64 };
	struct lines blocks = { 0 };
	struct genl_req req = { 0 };
	int rc = 0;

	genl_init(&req, family, IPVS_CMD_GET_SERVICE, 1);
	rc |= genl_each(fd, &req, IPVS_CMD_ATTR_SERVICE, service_line, &svc);
	/* Each service's block: its line, then its servers' sorted; the
	 * blocks sorted by their text. */
	for (size_t i = 0; i < svc.nkeys && !rc; i++) {
		struct dump_ctx dst = { .skip1 = IPVS_DEST_ATTR_STATS,
					.skip2 = IPVS_DEST_ATTR_STATS64 };
		struct text block = { 0 };

		genl_init(&svc.keys[i], family, IPVS_CMD_GET_DEST, 1);
		rc |= genl_each(fd, &svc.keys[i], IPVS_CMD_ATTR_DEST, dump_line, &dst);
		text_str(&block, "S");
		text_str(&block, svc.lines.line[i]);
		text_str(&block, "\n");
		lines_out(&block, &dst.lines, "  D");
		lines_add(&blocks, block.buf);
	}
	for (size_t i = 0; i < svc.lines.n; i++)
		free(svc.lines.line[i]);
	free(svc.lines.line);
	free(svc.keys);
	for (size_t i = 0; i < blocks.n; i++)    /* blocks end with "\n" */
		blocks.line[i][strlen(blocks.line[i]) - 1] = '\0';
	lines_out(t, &blocks, "");
	{
		struct text timeouts = { 0 };
		struct genl_req get = { 0 };
		static char buf[4096];
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		ssize_t n;

		genl_init(&get, family, IPVS_CMD_GET_CONFIG, 0);
		n = genl_talk(fd, &get, buf, sizeof(buf));
		if (n < (ssize_t)NLMSG_LENGTH(GENL_HDRLEN) || h->nlmsg_type == NLMSG_ERROR)
			return -1;
		attrs_text(&timeouts, (const struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN),
			   (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN), -1, -1);
		text_str(t, "T");
		if (timeouts.buf)
			text_str(t, timeouts.buf);
		text_str(t, "\n");
		free(timeouts.buf);
	}
	{
		struct dump_ctx daemons = { .skip1 = -1, .skip2 = -1 };
		struct genl_req get = { 0 };

		genl_init(&get, family, IPVS_CMD_GET_DAEMON, 1);
		rc |= genl_each(fd, &get, IPVS_CMD_ATTR_DAEMON, dump_line, &daemons);
		lines_out(t, &daemons.lines, "M");
	}
	return rc;
}

/*
 * Each namespace's state, read until two reads in a row are the same
 * (a dump can tear, see "Why list" above), 5 reads at most.
 */
static int ns_state(char **names, int count)
{
	int home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	struct text out = { 0 };

	if (home < 0)
		return fail("open", "/proc/self/ns/net");
	for (int i = 0; i < count; i++) {
		struct text last = { 0 };
		int fd, family, same = 0;

		if (setns(home, CLONE_NEWNET) < 0)
			return fail("setns", "home");
		if (strcmp(names[i], "-") != 0 && ns_enter(names[i]))
			return 1;
		fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
		family = fd < 0 ? -1 : ipvs_family(fd);
		if (family < 0)
			return fail("IPVS family in", names[i]);
		for (int r = 0; r < 5 && !same; r++) {
			struct text now = { 0 };

			if (state_read(fd, family, &now) < 0)
				return fail("read the IPVS state of", names[i]);
			same = last.buf && now.buf && strcmp(last.buf, now.buf) == 0;
			free(last.buf);
			last = now;
		}
		close(fd);
		text_str(&out, "= ");
		text_str(&out, names[i]);
		text_str(&out, "\n");
		if (last.buf)
			text_str(&out, last.buf);
		free(last.buf);
	}
	close(home);
	if (out.len && write_all(1, out.buf, out.len) < 0)
		return fail("write", "output");
	free(out.buf);
	return 0;
}

/* nsx list (flush 0) and list-flush (flush 1). */
static int ns_list(const char *name, const char *reads, const char *prog,
		   char **argv, int flush)
{
	int out = memfd_create("nsx-out", MFD_CLOEXEC);
	int err = memfd_create("nsx-err", MFD_CLOEXEC);
	int tries = atoi(reads), status;
	char *text = NULL, *errs;
	size_t len, errlen = 0;

	if (out < 0 || err < 0)
		return fail("memfd_create", "");
	if (strcmp(name, "-") != 0 && ns_enter(name))
		return 1;
	for (int i = 0;; i++) {
		free(text);
		status = run_into(prog, argv, out, err);
		text = status < 0 ? NULL : slurp(out, &len);
		if (!text)
			return fail("run", prog);
		if (i + 1 >= tries || !torn(text))
			break;
	}
	errs = slurp(err, &errlen);
	if (write_all(1, text, len) < 0 || (errs && write_all(2, errs, errlen) < 0))
		status = -1;
	free(text);
	free(errs);
	if (status < 0)
		return fail("write", "output");
	if (flush && len && ipvs_flush())
		return 1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc >= 5 && strcmp(argv[1], "run") == 0)
		return ns_run(argv[2], argv[3], argv + 4);
	if (argc >= 6 && strcmp(argv[1], "list") == 0)
		return ns_list(argv[2], argv[3], argv[4], argv + 5, 0);
	if (argc >= 6 && strcmp(argv[1], "list-flush") == 0)
		return ns_list(argv[2], argv[3], argv[4], argv + 5, 1);
	if (argc == 3 && strcmp(argv[1], "flush") == 0)
		return (strcmp(argv[2], "-") != 0 && ns_enter(argv[2])) || ipvs_flush();
	if (argc >= 3 && strcmp(argv[1], "state") == 0)
		return ns_state(argv + 2, argc - 2);
	if (argc >= 2 && strcmp(argv[1], "add") == 0) {
		for (i = 2; i < argc; i++)
			rc |= ns_add(argv[i]);
		return rc;
	}
	if (argc >= 2 && strcmp(argv[1], "del") == 0) {
		for (i = 2; i < argc; i++)
			rc |= ns_del(argv[i]);
		return rc;
	}
	fprintf(stderr, "usage: nsx add NAME... | nsx del NAME... | "
			"nsx run NAME PROG ARGV0 [ARG...] | "
			"nsx list[-flush] NAME READS PROG ARGV0 [ARG...] | "
			"nsx flush NAME | nsx state NAME...\n");
	return 2;
}
