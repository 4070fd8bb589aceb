/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the listings' pure formatting (print/list_fmt.c, resolve.c). */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "cli/cmd.h"
#include "print/list_fmt.h"
#include "print/resolve.h"
#include "tests/unit/unit.h"

static void check_num(unsigned long long v, unsigned int format, const char *want)
{
	char buf[48];

	fmt_largenum(buf, sizeof(buf), v, format);
	CHECK(!strcmp(buf, want), "largenum %llu fmt %#x -> '%s' (got '%s')",
	      v, format, want, buf);
}

static void test_largenum(void)
{
	check_num(0, 0, "        0");
	check_num(99999999ULL, 0, " 99999999");
	check_num(100000000ULL, 0, "  100000K");
	check_num(999999999ULL, 0, "  999999K");
	check_num(1000000000ULL, 0, "    1000M");
	check_num(99999999999ULL, 0, "   99999M");
	check_num(100000000000ULL, 0, "     100G");
	check_num(99999999999999ULL, 0, "   99999G");
	check_num(100000000000000ULL, 0, "     100T");
	check_num(18446744073709551615ULL, 0, "18446744T");
	check_num(0, FMT_EXACT, "        0");
	check_num(12345678ULL, FMT_EXACT, " 12345678");
	check_num(123456789ULL, FMT_EXACT, " 123456789");
	check_num(1200560000ULL, FMT_EXACT, " 1200560000");
	check_num(18446744073709551615ULL, FMT_EXACT, " 18446744073709551615");
}

static void check_flags(const char *sched, uint32_t flags, const char *want)
{
	char buf[64];

	fmt_sched_flags(buf, sizeof(buf), sched, flags);
	CHECK(!strcmp(buf, want), "sched flags %s %#x -> '%s' (got '%s')",
	      sched, flags, want, buf);
}

static void test_sched_flags(void)
{
	uint32_t all = IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3;

	check_flags("rr", 0, "");
	check_flags("rr", all, "flag-1,flag-2,flag-3");
	check_flags("wlc", IP_VS_SVC_F_SCHED2, "flag-2");
	check_flags("lc", IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED3, "flag-1,flag-3");
	check_flags("sh", all, "sh-fallback,sh-port");
	check_flags("sh", IP_VS_SVC_F_SCHED3, "");
	check_flags("sh", IP_VS_SVC_F_SCHED2, "sh-port");
	check_flags("mh", IP_VS_SVC_F_SCHED1, "mh-fallback");
	check_flags("mh", all, "mh-fallback,mh-port");
	check_flags("mh", IP_VS_SVC_F_SCHED3, "");
	CHECK(svc_has_sched_flags(IP_VS_SVC_F_SCHED3), "SCHED3 counts as a flag");
	CHECK(!svc_has_sched_flags(IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET),
	      "persistent/ops are not scheduler flags");
}

static void test_names(void)
{
	CHECK(!strcmp(fwd_name(IP_VS_CONN_F_MASQ), "Masq"), "fwd Masq");
	CHECK(!strcmp(fwd_name(IP_VS_CONN_F_LOCALNODE), "Local"), "fwd Local");
	CHECK(!strcmp(fwd_name(IP_VS_CONN_F_TUNNEL), "Tunnel"), "fwd Tunnel");
	CHECK(!strcmp(fwd_name(IP_VS_CONN_F_DROUTE | 0x100), "Route"), "fwd Route, other bits ignored");
	CHECK(!strcmp(fwd_switch(IP_VS_CONN_F_MASQ), "-m"), "switch -m");
	CHECK(!strcmp(fwd_switch(IP_VS_CONN_F_TUNNEL), "-i"), "switch -i");
	CHECK(!strcmp(fwd_switch(IP_VS_CONN_F_DROUTE), "-g"), "switch -g");
	CHECK(!strcmp(fwd_switch(IP_VS_CONN_F_LOCALNODE), "-g"), "switch local -> -g");
	CHECK(!strcmp(proto_name(IPPROTO_SCTP), "SCTP"), "proto SCTP");
	CHECK(!strcmp(proto_switch(IPPROTO_SCTP), "--sctp-service"), "switch sctp");
	CHECK(!strcmp(proto_switch(IPPROTO_UDP), "-u"), "switch udp");
}

static void test_tun_info(void)
{
	struct ipvs_dest d;
	char buf[64];

	memset(&d, 0, sizeof(d));
	d.conn_flags = IP_VS_CONN_F_MASQ;
	fmt_tun_info(buf, sizeof(buf), &d);
	CHECK(!strcmp(buf, "n/a"), "tun info of a masq server is n/a");
	d.conn_flags = IP_VS_CONN_F_TUNNEL;
	fmt_tun_info(buf, sizeof(buf), &d);
	CHECK(!strcmp(buf, "ipip"), "tun info ipip (got '%s')", buf);
	d.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	d.tun_port = 6080;
	d.tun_flags = IP_VS_TUNNEL_ENCAP_FLAG_CSUM;
	fmt_tun_info(buf, sizeof(buf), &d);
	CHECK(!strcmp(buf, "gue:6080:+c"), "tun info gue (got '%s')", buf);
	d.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GRE;
	d.tun_flags = IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;
	fmt_tun_info(buf, sizeof(buf), &d);
	CHECK(!strcmp(buf, "gre:r+c"), "tun info gre remcsum (got '%s')", buf);
	d.tun_flags = IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM;
	fmt_tun_info(buf, sizeof(buf), &d);
	CHECK(!strcmp(buf, "gre:-c"), "tun info gre nocsum (got '%s')", buf);
	CHECK(!strcmp(tun_csum_switch(IP_VS_TUNNEL_ENCAP_FLAG_CSUM), "--tun-csum"), "--tun-csum");
	CHECK(!strcmp(tun_csum_switch(0), "--tun-nocsum"), "--tun-nocsum");
	CHECK(!strcmp(tun_csum_switch(IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM), "--tun-remcsum"), "--tun-remcsum");
}

static void test_addrport(void)
{
	union ipvs_addr a;
	char buf[ADDRPORT_LEN];

	memset(&a, 0, sizeof(a));
	inet_pton(AF_INET, "10.0.0.1", &a.v4);
	fmt_addrport(buf, sizeof(buf), AF_INET, &a, 80, IPPROTO_TCP, FMT_NUMERIC);
	CHECK(!strcmp(buf, "10.0.0.1:80"), "numeric IPv4 (got '%s')", buf);
	inet_pton(AF_INET6, "2001:db8::1", &a.v6);
	fmt_addrport(buf, sizeof(buf), AF_INET6, &a, 65535, IPPROTO_UDP, FMT_NUMERIC);
	CHECK(!strcmp(buf, "[2001:db8::1]:65535"), "numeric IPv6 in brackets (got '%s')", buf);
	inet_pton(AF_INET6, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", &a.v6);
	fmt_addrport(buf, 20, AF_INET6, &a, 1, IPPROTO_UDP, FMT_NUMERIC);
	CHECK(strlen(buf) == 19, "cut to the buffer (got '%s')", buf);
}

static void test_conn_parse(void)
{
	struct conn_line c;
	char exp[16];
	char want[INET6_ADDRSTRLEN];

	CHECK(conn_parse_line("TCP 0A000001 9E25 0A000002 0050 C0A80102 1F90 ESTABLISHED    899\n", &c) == 0,
	      "parse IPv4 line");
	CHECK(c.fields == 9, "nine fields (got %d)", c.fields);
	CHECK(c.af == AF_INET && c.proto == IPPROTO_TCP, "IPv4 TCP");
	CHECK(c.caddr.v4.s_addr == htonl(0x0A000001) && c.cport == 0x9E25, "client");
	CHECK(c.vaddr.v4.s_addr == htonl(0x0A000002) && c.vport == 80, "virtual");
	CHECK(c.daddr.v4.s_addr == htonl(0xC0A80102) && c.dport == 8080, "destination");
	CHECK(!strcmp(c.state, "ESTABLISHED") && c.expires == 899, "state, expires");
	CHECK(c.pe_name[0] == '\0' && c.pe_data[0] == '\0', "no pe");

	CHECK(conn_parse_line("UDP 2001:0db8:0000:0000:0000:0000:0000:0001 E225 "
			      "2001:0db8:0000:0000:0000:0000:0000:0001 0035 "
			      "2001:0db8:0000:0000:0000:0000:0000:0010 14E9 UDP 260 sip abc@x\n", &c) == 0,
	      "parse IPv6 line with pe");
	CHECK(c.af == AF_INET6 && c.proto == IPPROTO_UDP && c.fields == 11, "IPv6 UDP, 11 fields");
	inet_ntop(AF_INET6, &c.daddr.v6, want, sizeof(want));
	CHECK(!strcmp(want, "2001:db8::10"), "IPv6 destination (got %s)", want);
	CHECK(!strcmp(c.pe_name, "sip") && !strcmp(c.pe_data, "abc@x"), "pe name and data");

	CHECK(conn_parse_line("SCTP 0A000001 0001 0A000001 0002 0A000001 0003 NONE 5", &c) == 0 &&
	      c.proto == IPPROTO_SCTP, "SCTP");
	CHECK(conn_parse_line("XYZ 0A000001 0001 0A000001 0002 0A000001 0003 NONE 5", &c) == 0 &&
	      c.proto == 0, "unknown protocol");
	CHECK(conn_parse_line("\n", &c) == -1, "blank line");
	CHECK(conn_parse_line("   ", &c) == -1, "spaces only");

	fmt_expire(exp, sizeof(exp), 899);
	CHECK(!strcmp(exp, "14:59"), "expire 14:59 (got %s)", exp);
	fmt_expire(exp, sizeof(exp), 0);
	CHECK(!strcmp(exp, "00:00"), "expire 00:00");
	fmt_expire(exp, sizeof(exp), 6000);
	CHECK(!strcmp(exp, "100:00"), "expire 100:00 (got %s)", exp);
}

int main(void)
{
	test_largenum();
	test_sched_flags();
	test_names();
	test_tun_info();
	test_addrport();
	test_conn_parse();
	UNIT_EXIT();
}
