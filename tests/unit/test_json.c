/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the JSON form of the printer (print/print.c): escaping,
 * nesting, numbers, pretty printing, and that the text form is kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print/print.h"
#include "tests/unit/unit.h"

static FILE *capture_file;
static int saved_stdout = -1;

/* Send the printer's output (it writes to fd 1) to a temporary file. */
static void capture_start(void)
{
	fflush(stdout);
	capture_file = tmpfile();
	saved_stdout = dup(STDOUT_FILENO);
	dup2(fileno(capture_file), STDOUT_FILENO);
}

/* Flush the printer, restore stdout and return what it wrote. */
static const char *capture_end(void)
{
	static char out[8192];
	size_t n;

	pr_flush();
	dup2(saved_stdout, STDOUT_FILENO);
	close(saved_stdout);
	rewind(capture_file);
	n = fread(out, 1, sizeof(out) - 1, capture_file);
	out[n] = '\0';
	fclose(capture_file);
	return out;
}

static void check_out(const char *got, const char *want, const char *what)
{
	CHECK(!strcmp(got, want), "%s", what);
	if (strcmp(got, want))
		printf("#   want '%s'\n#   got  '%s'\n", want, got);
}

/* Text form first: keys ignored, JSON-only values (NULL format) silent. */
static void test_text(void)
{
	capture_start();
	pr_open_object(NULL);
	pr_text("Title %d\n", 1);
	pr_open_array("services");
	pr_open_object(NULL);
	pr_string("scheduler", "%s", "rr");
	pr_string("address", NULL, "10.0.0.1");
	pr_uint("port", NULL, 80);
	pr_int("weight", " %-6d", -3);
	pr_u64("conns", " %llu", 18446744073709551615ULL);
	pr_bool("ops", " ops", 1);
	pr_bool("persistent", " persistent", 0);
	pr_nl();
	pr_close_object();
	pr_close_array();
	pr_close_object();
	check_out(capture_end(), "Title 1\nrr -3     18446744073709551615 ops\n",
		  "text form unchanged by keys and JSON-only values");
}

static void test_nesting(void)
{
	pr_set_json(0);
	CHECK(pr_is_json(), "JSON mode is on");
	capture_start();
	pr_open_object(NULL);
	pr_text("a title that JSON drops\n");
	pr_string("version", NULL, "1.2.1");
	pr_open_array("services");
	pr_open_object(NULL);
	pr_string("scheduler", " %s", "wlc");
	pr_open_array("sched_flags");
	pr_string(NULL, NULL, "sh-fallback");
	pr_string(NULL, NULL, "sh-port");
	pr_close_array();
	pr_open_array("servers");
	pr_close_array();
	pr_nl();
	pr_close_object();
	pr_open_object(NULL);
	pr_close_object();
	pr_close_array();
	pr_open_object("empty");
	pr_close_object();
	pr_close_object();
	check_out(capture_end(),
		  "{\"version\":\"1.2.1\",\"services\":[{\"scheduler\":\"wlc\","
		  "\"sched_flags\":[\"sh-fallback\",\"sh-port\"],\"servers\":[]},{}],"
		  "\"empty\":{}}\n",
		  "nested objects and arrays, commas, a final newline");
}

static void test_numbers(void)
{
	capture_start();
	pr_open_object(NULL);
	pr_int("neg", " %5d", -2147483647 - 1);
	pr_uint("u", "%x", 4294967295U);
	pr_u64("big", "%9llu", 18446744073709551615ULL);
	pr_u64("zero", NULL, 0);
	pr_bool("t", " yes", 1);
	pr_bool("f", " yes", 0);
	pr_close_object();
	check_out(capture_end(),
		  "{\"neg\":-2147483648,\"u\":4294967295,"
		  "\"big\":18446744073709551615,\"zero\":0,\"t\":true,\"f\":false}\n",
		  "numbers are exact decimal integers whatever the text format");
}

static void test_escaping(void)
{
	capture_start();
	pr_open_object(NULL);
	pr_string("q", "%s", "a\"b\\c/d");
	pr_string("ctl", "%s", "\n\t\r\b\f\x01\x1f\x7f");
	pr_string("utf8", "%s", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	pr_string("bad", "%s", "\xff\xc3(\xe2\x82\xed\xa0\x80");
	pr_string("we\"ird", "%s", "");
	pr_string("null", "%s", NULL);
	pr_close_object();
	check_out(capture_end(),
		  "{\"q\":\"a\\\"b\\\\c/d\","
		  "\"ctl\":\"\\n\\t\\r\\b\\f\\u0001\\u001f\\u007f\","
		  "\"utf8\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\","
		  "\"bad\":\"\\ufffd\\ufffd(\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\","
		  "\"we\\\"ird\":\"\",\"null\":\"\"}\n",
		  "strings and keys escaped; invalid UTF-8 replaced");
}

static void test_pretty(void)
{
	pr_set_json(1);
	capture_start();
	pr_open_object(NULL);
	pr_open_object("timeouts");
	pr_int("tcp", " %d", 900);
	pr_int("udp", " %d", 300);
	pr_close_object();
	pr_open_array("daemons");
	pr_close_array();
	pr_open_array("list");
	pr_uint(NULL, NULL, 1);
	pr_uint(NULL, NULL, 2);
	pr_close_array();
	pr_close_object();
	check_out(capture_end(),
		  "{\n"
		  "  \"timeouts\": {\n"
		  "    \"tcp\": 900,\n"
		  "    \"udp\": 300\n"
		  "  },\n"
		  "  \"daemons\": [],\n"
		  "  \"list\": [\n"
		  "    1,\n"
		  "    2\n"
		  "  ]\n"
		  "}\n",
		  "--pretty indents by two spaces per level");
}

static void test_two_documents(void)
{
	pr_set_json(0);
	capture_start();
	pr_open_object(NULL);
	pr_uint("a", NULL, 1);
	pr_close_object();
	pr_open_object(NULL);
	pr_uint("b", NULL, 2);
	pr_close_object();
	pr_close_object();	/* one close too many: ignored */
	check_out(capture_end(), "{\"a\":1}\n{\"b\":2}\n",
		  "documents one after the other, each on its own line");
}

int main(void)
{
	test_text();
	test_nesting();
	test_numbers();
	test_escaping();
	test_pretty();
	test_two_documents();
	UNIT_EXIT();
}
