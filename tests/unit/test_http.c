/*
 * test_http.c - the http layer over a fake io: path, query, cookies, the
 * body cap, the media type, and the bytes of a response.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "http/request.h"
#include "../fake_io.h"

static void path_starts_at_api_and_drops_the_query(void **state)
{
	(void)state;
	const char *const p1[] = {"REQUEST_URI", "/api/login?x=1", NULL};
	const char *const p2[] = {"REQUEST_URI", "/chat/api/chat_sessions/abc", NULL};
	const char *const p3[] = {"REQUEST_URI", "/index.html", NULL};
	struct fake_io f = {.params = p1};
	struct request r;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_string_equal(r.path, "/api/login");
	assert_string_equal(r.query, "x=1");
	assert_string_equal(r.method, "GET");
	http_request_reset(&r);
	f.params = p2;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_string_equal(r.path, "/api/chat_sessions/abc");
	http_request_reset(&r);
	f.params = p3;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_string_equal(r.path, "");
	http_request_reset(&r);
}

static void query_values_are_decoded(void **state)
{
	(void)state;
	const char *const p[] = {"REQUEST_URI", "/api/x?a=1&limit=5%30&name=a+b%2Fc&empty=&bad=%zz&nul=a%00b", NULL};
	struct fake_io f = {.params = p};
	struct request r;
	char v[32];
	size_t n;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_int_equal(http_query(&r, "limit", v, sizeof v, &n), 1);
	assert_string_equal(v, "50");
	assert_int_equal(http_query(&r, "name", v, sizeof v, &n), 1);
	assert_string_equal(v, "a b/c");
	assert_int_equal(http_query(&r, "empty", v, sizeof v, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(http_query(&r, "missing", v, sizeof v, &n), 0);
	assert_int_equal(http_query(&r, "bad", v, sizeof v, &n), -1);
	assert_int_equal(http_query(&r, "nul", v, sizeof v, &n), 1);
	assert_int_equal(n, 3); /* the NUL is kept in the length, for the field check to refuse */
	assert_int_equal(http_query(&r, "a", v, 1, &n), -1); /* no room */
	http_request_reset(&r);
}

static void cookies_are_found_by_exact_name(void **state)
{
	(void)state;
	const char *const p[] = {"HTTP_COOKIE", "xchat_token=no; chat_token=abc.def; other=\"q\"", NULL};
	struct fake_io f = {.params = p};
	struct request r;
	char v[16];
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_int_equal(http_cookie(&r, "chat_token", v, sizeof v), 1);
	assert_string_equal(v, "abc.def");
	assert_int_equal(http_cookie(&r, "other", v, sizeof v), 1);
	assert_string_equal(v, "q");
	assert_int_equal(http_cookie(&r, "token", v, sizeof v), 0);
	assert_int_equal(http_cookie(&r, "chat_token", v, 4), -1);
	http_request_reset(&r);
}

static void declared_oversized_body_is_refused_unread(void **state)
{
	(void)state;
	const char *const p[] = {"REQUEST_METHOD", "POST", "CONTENT_LENGTH", "100000", NULL};
	struct fake_io f = {.params = p, .body = "{}", .body_len = 2};
	struct request r;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_int_equal(http_read_body(&r, 1024), -ERR_PAYLOAD_TOO_LARGE);
	assert_int_equal(f.reads, 0);
	http_request_reset(&r);
}

static void undeclared_oversized_body_stops_past_the_cap(void **state)
{
	(void)state;
	static char big[5000];
	memset(big, 'a', sizeof big);
	const char *const p[] = {"REQUEST_METHOD", "POST", NULL};
	struct fake_io f = {.params = p, .body = big, .body_len = sizeof big};
	struct request r;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_int_equal(http_read_body(&r, 1024), -ERR_PAYLOAD_TOO_LARGE);
	assert_true(f.body_pos <= 1024 + 7);
	http_request_reset(&r);
}

static void body_is_read_whole_through_short_reads(void **state)
{
	(void)state;
	const char body[] = "{\"username\":\"alice\",\"password\":\"secret-pw\"}";
	char cl[16];
	snprintf(cl, sizeof cl, "%zu", sizeof body - 1);
	const char *const p[] = {"REQUEST_METHOD", "POST", "CONTENT_LENGTH", cl, NULL};
	struct fake_io f = {.params = p, .body = body, .body_len = sizeof body - 1};
	struct request r;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_int_equal(http_read_body(&r, 1024), 0);
	assert_int_equal(r.body_len, sizeof body - 1);
	assert_string_equal(r.body, body);
	http_request_reset(&r);
}

static void body_shorter_than_declared_is_a_bad_request(void **state)
{
	(void)state;
	const char *const p[] = {"REQUEST_METHOD", "POST", "CONTENT_LENGTH", "50", NULL};
	struct fake_io f = {.params = p, .body = "{}", .body_len = 2};
	struct request r;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_int_equal(http_read_body(&r, 1024), -ERR_BAD_REQUEST);
	http_request_reset(&r);
}

static void json_media_types(void **state)
{
	(void)state;
	static const struct {
		const char *ct;
		int json;
	} cases[] = {
		{"application/json", 1},
		{"application/json; charset=utf-8", 1},
		{"Application/JSON", 1},
		{"application/json ;charset=UTF-8", 1},
		{"text/plain", 0},
		{"application/jsonp", 0},
		{"application/x-www-form-urlencoded", 0},
		{"", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *const p[] = {"CONTENT_TYPE", cases[i].ct, NULL};
		struct fake_io f = {.params = p};
		struct request r;
		http_request_init(&r, NULL, &fake_io_ops, &f);
		assert_int_equal(http_is_json(&r), cases[i].json);
		http_request_reset(&r);
	}
}

static void response_has_status_length_and_api_headers(void **state)
{
	(void)state;
	const char *const p[] = {"REQUEST_METHOD", "GET", NULL};
	struct fake_io f = {.params = p};
	struct request r;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	http_add_header(&r, "Retry-After", "3");
	http_add_header(&r, "X-Bad", "a\r\nSet-Cookie: evil=1"); /* header injection is dropped */
	assert_int_equal(http_send(&r, 429, "application/json", "{}", 2), 0);
	assert_non_null(strstr(f.out, "Status: 429 Too Many Requests\r\n"));
	assert_non_null(strstr(f.out, "Content-Length: 2\r\n"));
	assert_non_null(strstr(f.out, "Cache-Control: no-store\r\n"));
	assert_non_null(strstr(f.out, "X-Content-Type-Options: nosniff\r\n"));
	assert_non_null(strstr(f.out, "Retry-After: 3\r\n"));
	assert_null(strstr(f.out, "evil"));
	assert_int_equal(strcmp(f.out + f.out_len - 6, "\r\n\r\n{}"), 0);
	/* a second response is refused */
	assert_int_equal(http_send(&r, 200, "application/json", "{}", 2), -1);
	http_request_reset(&r);
}

static void head_gets_headers_without_body(void **state)
{
	(void)state;
	const char *const p[] = {"REQUEST_METHOD", "HEAD", NULL};
	struct fake_io f = {.params = p};
	struct request r;
	http_request_init(&r, NULL, &fake_io_ops, &f);
	assert_int_equal(http_send(&r, 200, "application/json", "{\"a\":1}", 7), 0);
	assert_non_null(strstr(f.out, "Content-Length: 7\r\n"));
	assert_int_equal(strcmp(f.out + f.out_len - 4, "\r\n\r\n"), 0);
	http_request_reset(&r);
}

static void request_ids_differ(void **state)
{
	(void)state;
	const char *const p[] = {NULL};
	struct fake_io f = {.params = p};
	struct request a, b;
	http_request_init(&a, NULL, &fake_io_ops, &f);
	char first[sizeof a.rid];
	memcpy(first, a.rid, sizeof first);
	http_request_reset(&a);
	http_request_init(&b, NULL, &fake_io_ops, &f);
	assert_string_not_equal(first, b.rid);
	http_request_reset(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_starts_at_api_and_drops_the_query),
		cmocka_unit_test(query_values_are_decoded),
		cmocka_unit_test(cookies_are_found_by_exact_name),
		cmocka_unit_test(declared_oversized_body_is_refused_unread),
		cmocka_unit_test(undeclared_oversized_body_stops_past_the_cap),
		cmocka_unit_test(body_is_read_whole_through_short_reads),
		cmocka_unit_test(body_shorter_than_declared_is_a_bad_request),
		cmocka_unit_test(json_media_types),
		cmocka_unit_test(response_has_status_length_and_api_headers),
		cmocka_unit_test(head_gets_headers_without_body),
		cmocka_unit_test(request_ids_differ),
	};
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
