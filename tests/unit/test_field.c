/*
 * test_field.c - declared input fields: JSON bodies and query text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <json.h>
#include <stdio.h>
#include <string.h>

#include "controller/field.h"
#include "core/err.h"

static const struct field fields[] = {
	{"username", FT_STRING, 1, 3, 32, field_is_username, "must be 3 to 32 characters of A-Z a-z 0-9 _ . -"},
	{"count", FT_INT, 0, 1, 200, NULL, NULL},
	{"temperature", FT_NUMBER, 0, 0, 2, NULL, NULL},
	{"stream", FT_BOOL, 0, 0, 0, NULL, NULL},
};
#define NF 4

struct result {
	int rc;
	const char *bad;
	char msg[FIELD_MSG_MAX];
	struct field_value v[NF];
	struct json_object *root;
};

static void parse(const char *body, size_t len, struct result *r)
{
	r->rc = field_parse_json(fields, NF, body, len, &r->root, r->v, &r->bad, r->msg);
}

static void expect_bad(const char *body, size_t len, const char *field)
{
	struct result r;
	parse(body, len, &r);
	assert_int_equal(r.rc, -ERR_BAD_REQUEST);
	assert_null(r.root);
	if (field) {
		assert_non_null(r.bad);
		assert_string_equal(r.bad, field);
		assert_non_null(strstr(r.msg, field));
	} else {
		assert_null(r.bad);
	}
}

#define BAD(lit, field) expect_bad(lit, sizeof(lit) - 1, field)

static void valid_body_gives_typed_values(void **state)
{
	(void)state;
	struct result r;
	const char body[] =
		"{\"username\":\"alice_1\",\"count\":200,\"temperature\":1.5,\"stream\":true,\"extra\":[1]}";
	parse(body, sizeof body - 1, &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.v[0].s, "alice_1");
	assert_int_equal(r.v[0].len, 7);
	assert_int_equal(r.v[1].i, 200);
	assert_true(r.v[2].d > 1.49 && r.v[2].d < 1.51);
	assert_int_equal(r.v[3].b, 1);
	for (int i = 0; i < NF; i++)
		assert_int_equal(r.v[i].present, 1);
	json_object_put(r.root);
}

static void optional_fields_absent_or_null_are_not_present(void **state)
{
	(void)state;
	struct result r;
	const char body[] = "{\"username\":\"bob\",\"count\":null}";
	parse(body, sizeof body - 1, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.v[1].present, 0);
	assert_int_equal(r.v[2].present, 0);
	json_object_put(r.root);
}

static void integer_accepted_where_a_number_is_expected(void **state)
{
	(void)state;
	struct result r;
	const char body[] = "{\"username\":\"bob\",\"temperature\":2}";
	parse(body, sizeof body - 1, &r);
	assert_int_equal(r.rc, 0);
	assert_true(r.v[2].d == 2.0);
	json_object_put(r.root);
}

static void body_that_is_not_a_json_object_is_refused(void **state)
{
	(void)state;
	BAD("{", NULL);
	BAD("[1,2]", NULL);
	BAD("\"username\"", NULL);
	BAD("null", NULL);
	BAD("{\"username\":\"bob\"} x", NULL);
	BAD("{\"username\":\"bob\",}", NULL);
	BAD("{'username':'bob'}", NULL);
	BAD("{\"username\":\"b\xff\xfe\"}", NULL); /* invalid UTF-8 */
	BAD("{\"username\":\"\xc0\xaf\"}", NULL);  /* overlong */
	BAD("{\"a\":NaN,\"username\":\"bob\"}", NULL);
}

static void deep_nesting_is_refused(void **state)
{
	(void)state;
	char body[1024];
	size_t n = 0;
	n += (size_t)sprintf(body, "{\"username\":\"bob\",\"x\":");
	for (int i = 0; i < 100; i++)
		body[n++] = '[';
	for (int i = 0; i < 100; i++)
		body[n++] = ']';
	body[n++] = '}';
	expect_bad(body, n, NULL);
}

static void missing_required_field_is_named(void **state)
{
	(void)state;
	BAD("{}", "username");
	BAD("{\"user\":\"bob\"}", "username");
	BAD("{\"username\":null}", "username");
	BAD("", "username"); /* an empty body is {} */
}

static void wrong_types_are_named(void **state)
{
	(void)state;
	BAD("{\"username\":42}", "username");
	BAD("{\"username\":[\"bob\"]}", "username");
	BAD("{\"username\":\"bob\",\"count\":\"5\"}", "count");
	BAD("{\"username\":\"bob\",\"count\":1.5}", "count");
	BAD("{\"username\":\"bob\",\"count\":true}", "count");
	BAD("{\"username\":\"bob\",\"temperature\":\"1\"}", "temperature");
	BAD("{\"username\":\"bob\",\"stream\":1}", "stream");
}

static void values_out_of_range_are_named(void **state)
{
	(void)state;
	BAD("{\"username\":\"bo\"}", "username");
	BAD("{\"username\":\"abcdefghijklmnopqrstuvwxyz0123456\"}", "username");
	BAD("{\"username\":\"bob smith\"}", "username");
	BAD("{\"username\":\"b\xc3\xa9\xc3\xa9\"}", "username");
	BAD("{\"username\":\"bob\",\"count\":0}", "count");
	BAD("{\"username\":\"bob\",\"count\":201}", "count");
	BAD("{\"username\":\"bob\",\"count\":-1}", "count");
	BAD("{\"username\":\"bob\",\"count\":99999999999999999999999}", "count");
	BAD("{\"username\":\"bob\",\"temperature\":2.0001}", "temperature");
	BAD("{\"username\":\"bob\",\"temperature\":-0.1}", "temperature");
	BAD("{\"username\":\"bob\",\"temperature\":1e400}", "temperature");
}

static void nul_in_a_string_is_refused(void **state)
{
	(void)state;
	BAD("{\"username\":\"bo\\u0000b\"}", "username");
}

static void query_text_is_checked_like_json(void **state)
{
	(void)state;
	struct field_value v;
	char msg[FIELD_MSG_MAX];
	const struct field *limit = &fields[1];
	assert_int_equal(field_parse_text(limit, "50", 2, &v, msg), 0);
	assert_int_equal(v.i, 50);
	assert_int_equal(field_parse_text(limit, "abc", 3, &v, msg), -ERR_BAD_REQUEST);
	assert_non_null(strstr(msg, "count"));
	assert_int_equal(field_parse_text(limit, "0", 1, &v, msg), -ERR_BAD_REQUEST);
	assert_int_equal(field_parse_text(limit, "201", 3, &v, msg), -ERR_BAD_REQUEST);
	assert_int_equal(field_parse_text(limit, "", 0, &v, msg), -ERR_BAD_REQUEST);
	assert_int_equal(field_parse_text(limit, "12x", 3, &v, msg), -ERR_BAD_REQUEST);
	assert_int_equal(field_parse_text(limit, "1\0", 2, &v, msg), -ERR_BAD_REQUEST);
	assert_int_equal(field_parse_text(&fields[0], "bo\0b", 4, &v, msg), -ERR_BAD_REQUEST);
	assert_int_equal(field_parse_text(&fields[0], "bob", 3, &v, msg), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_body_gives_typed_values),
		cmocka_unit_test(optional_fields_absent_or_null_are_not_present),
		cmocka_unit_test(integer_accepted_where_a_number_is_expected),
		cmocka_unit_test(body_that_is_not_a_json_object_is_refused),
		cmocka_unit_test(deep_nesting_is_refused),
		cmocka_unit_test(missing_required_field_is_named),
		cmocka_unit_test(wrong_types_are_named),
		cmocka_unit_test(values_out_of_range_are_named),
		cmocka_unit_test(nul_in_a_string_is_refused),
		cmocka_unit_test(query_text_is_checked_like_json),
	};
	return cmocka_run_group_tests_name("field", tests, NULL, NULL);
}
