/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libipvs/ipvs_merge.c: reads of a service list, or of one service's
 * real servers, that repeat or skip entries (what a multi-part dump does
 * while tables change) merge into the list in the kernel's order.
 */
#include <stdlib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "libipvs/ipvs.h"
#include "libipvs/ipvs_int.h"
#include "tests/unit/unit.h"

/* Service n: TCP 10.x.y.z:80 from n. */
static struct ipvs_service svc(unsigned int n)
{
	struct ipvs_service s;

	memset(&s, 0, sizeof(s));
	s.af = AF_INET;
	s.protocol = IPPROTO_TCP;
	s.addr.v4.s_addr = htonl(0x0a000000u + n);
	s.port = 80;
	return s;
}

static unsigned int num(const struct ipvs_service *s)
{
	return ntohl(s->addr.v4.s_addr) - 0x0a000000u;
}

/* A list of the services numbered in nums[0..n). */
static struct ipvs_service_list list_of(const unsigned int *nums, size_t n)
{
	struct ipvs_service_list l = { calloc(n + 1, sizeof(*l.svc)), n, n + 1 };

	for (size_t i = 0; i < n; i++)
		l.svc[i] = svc(nums[i]);
	return l;
}

/* "1 2 3" */
static const char *show(const struct ipvs_service_list *l)
{
	static char buf[512];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->len && o < sizeof(buf) - 16; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%u",
				      i ? " " : "", num(&l->svc[i]));
	return buf;
}

static void merge_case(const char *name, const unsigned int *m, size_t mn,
			const unsigned int *r, size_t rn, const char *want,
			size_t want_added, int want_same)
{
	struct ipvs_service_list merged = list_of(m, mn), read = list_of(r, rn);
	size_t added = 99;
	int same = 99, err = ipvs_merge_services(&merged, &read, &added, &same);

	CHECK(err == 0 && !strcmp(show(&merged), want) && added == want_added &&
	      same == want_same, "merge: %s: [%s] added %zu same %d", name,
	      show(&merged), added, same);
	ipvs_service_list_free(&merged);
	ipvs_service_list_free(&read);
}

#define N(...) (const unsigned int[]){ __VA_ARGS__ }
#define LEN(...) (sizeof(N(__VA_ARGS__)) / sizeof(unsigned int))

static void small_cases(void)
{
	merge_case("first read, a repeat dropped", NULL, 0,
		   N(1, 2, 2, 3), 4, "1 2 3", 3, 0);
	merge_case("same entries: agreement", N(1, 2, 3), 3,
		   N(1, 2, 3), 3, "1 2 3", 0, 1);
	merge_case("same entries, one repeated: agreement", N(1, 2, 3), 3,
		   N(1, 2, 2, 3), 4, "1 2 3", 0, 1);
	merge_case("a read that skipped one: nothing added, no agreement",
		   N(1, 2, 3), 3, N(1, 3), 2, "1 2 3", 0, 0);
	merge_case("a skipped entry goes back after its predecessor",
		   N(1, 3, 4), 3, N(1, 2, 3, 4), 4, "1 2 3 4", 1, 0);
	merge_case("one missing at the front", N(2, 3), 2,
		   N(1, 2, 3), 3, "1 2 3", 1, 0);
	merge_case("one missing at the end", N(1, 2), 2,
		   N(1, 2, 3), 3, "1 2 3", 1, 0);
	merge_case("two runs missing", N(1, 4, 7), 3,
		   N(1, 2, 3, 4, 5, 6, 7, 8), 8, "1 2 3 4 5 6 7 8", 5, 0);
	merge_case("orders disagree: nothing lost", N(1, 2, 3), 3,
		   N(3, 9, 1, 8), 4, "1 2 3 9 8", 2, 0);
	merge_case("an empty read of an empty list agrees", NULL, 0,
		   NULL, 0, "", 0, 1);
}

/* Two reads of 10,000 services, each skipping and repeating its own
 * entries, give back every service once, in order. */
static void large_case(void)
{
	enum { TOTAL = 10000 };
	unsigned int *a = malloc(2 * TOTAL * sizeof(*a));
	unsigned int *b = malloc(2 * TOTAL * sizeof(*b));
	size_t an = 0, bn = 0, added = 0, skipped = 0;
	struct ipvs_service_list merged = { 0 }, ra, rb;
	int same = 0, err, in_order = 1;

	for (unsigned int i = 0; i < TOTAL; i++) {
		if (i % 97 != 5)
			a[an++] = i;
		else
			skipped++;
		if (i % 89 == 0 && i % 97 != 5)
			a[an++] = i;	/* a repeat */
		if (i % 97 != 50)	/* other skips */
			b[bn++] = i;
	}
	ra = list_of(a, an);
	rb = list_of(b, bn);
	err = ipvs_merge_services(&merged, &ra, &added, &same);
	err |= ipvs_merge_services(&merged, &rb, &added, &same);
	for (size_t i = 0; i < merged.len; i++)
		in_order &= num(&merged.svc[i]) == i;
	CHECK(err == 0 && merged.len == TOTAL && in_order,
	      "merge: 10,000 services from two reads with different skips and repeats: %zu, in order %d",
	      merged.len, in_order);
	CHECK(added == skipped && !same,
	      "merge: the second read added the %zu the first skipped (%zu)",
	      skipped, added);
	ipvs_service_list_free(&merged);
	ipvs_service_list_free(&ra);
	ipvs_service_list_free(&rb);
	free(a);
	free(b);
}

/* Real server n: 172.16.x.y:8000 + n % 3 from n (a key is address and
 * port, so two servers may share an address). */
static struct ipvs_dest dest(unsigned int n)
{
	struct ipvs_dest d;

	memset(&d, 0, sizeof(d));
	d.af = AF_INET;
	d.addr.v4.s_addr = htonl(0xac100000u + n / 3);
	d.port = (uint16_t)(8000 + n % 3);
	d.weight = (int32_t)n;		/* not part of the key */
	return d;
}

static struct ipvs_dest_list dests_of(const unsigned int *nums, size_t n)
{
	struct ipvs_dest_list l = { calloc(n + 1, sizeof(*l.dest)), n, n + 1 };

	for (size_t i = 0; i < n; i++)
		l.dest[i] = dest(nums[i]);
	return l;
}

static const char *show_dests(const struct ipvs_dest_list *l)
{
	static char buf[512];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->len && o < sizeof(buf) - 16; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%d",
				      i ? " " : "", l->dest[i].weight);
	return buf;
}

static void dest_case(const char *name, const unsigned int *m, size_t mn,
		      const unsigned int *r, size_t rn, const char *want,
		      size_t want_added, int want_same)
{
	struct ipvs_dest_list merged = dests_of(m, mn), read = dests_of(r, rn);
	size_t added = 99;
	int same = 99, err = ipvs_merge_dests(&merged, &read, &added, &same);

	CHECK(err == 0 && !strcmp(show_dests(&merged), want) &&
	      added == want_added && same == want_same,
	      "merge servers: %s: [%s] added %zu same %d", name,
	      show_dests(&merged), added, same);
	ipvs_dest_list_free(&merged);
	ipvs_dest_list_free(&read);
}

/* A server added at the head of the list between two parts repeats the
 * last of the first part; one removed before the resume point skips. */
static void dest_cases(void)
{
	dest_case("first read, a repeat at a part boundary dropped", NULL, 0,
		  N(1, 2, 3, 3, 4, 5), 6, "1 2 3 4 5", 5, 0);
	dest_case("a second read that agrees", N(1, 2, 3, 4, 5), 5,
		  N(1, 2, 3, 4, 5), 5, "1 2 3 4 5", 0, 1);
	dest_case("same address, other port: another server", N(3), 1,
		  N(3, 4, 5), 3, "3 4 5", 2, 0);
	dest_case("a skipped server goes back after its predecessor",
		  N(0, 1, 2, 4), 4, N(0, 1, 2, 3, 4), 5, "0 1 2 3 4", 1, 0);
	dest_case("a new server at the head", N(1, 2), 2, N(7, 1, 2), 3,
		  "7 1 2", 1, 0);
}

int main(void)
{
	small_cases();
	large_case();
	dest_cases();
	UNIT_EXIT();
}
