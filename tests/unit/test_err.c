/*
 * test_err.c - the error table matches shared/API.md's table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/err.h"

static const struct {
	int e;
	int status;
	const char *code;
} api_table[] = {
	{ERR_BAD_REQUEST, 400, "bad_request"},
	{ERR_UNAUTHORIZED, 401, "unauthorized"},
	{ERR_SESSION_EXPIRED, 401, "session_expired"},
	{ERR_LOGGED_IN_ELSEWHERE, 401, "logged_in_elsewhere"},
	{ERR_INVALID_CREDENTIALS, 401, "invalid_credentials"},
	{ERR_REGISTRATION_CLOSED, 403, "registration_closed"},
	{ERR_NOT_FOUND, 404, "not_found"},
	{ERR_METHOD_NOT_ALLOWED, 405, "method_not_allowed"},
	{ERR_PAYLOAD_TOO_LARGE, 413, "payload_too_large"},
	{ERR_UNSUPPORTED_MEDIA, 415, "unsupported_media_type"},
	{ERR_IN_PROGRESS, 409, "in_progress"},
	{ERR_TAB_LIMIT, 409, "tab_limit"},
	{ERR_RATE_LIMITED, 429, "rate_limited"},
	{ERR_LOGIN_THROTTLED, 429, "login_throttled"},
	{ERR_UPSTREAM_ERROR, 502, "upstream_error"},
	{ERR_UPSTREAM_UNAVAILABLE, 503, "upstream_unavailable"},
	{ERR_UPSTREAM_TIMEOUT, 504, "upstream_timeout"},
	{ERR_INTERNAL, 500, "internal"},
};

static void api_codes_and_statuses_match_the_contract(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof api_table / sizeof api_table[0]; i++) {
		assert_int_equal(err_status(api_table[i].e), api_table[i].status);
		assert_string_equal(err_code(api_table[i].e), api_table[i].code);
		/* a negated value, as functions return it, maps the same */
		assert_int_equal(err_status(-api_table[i].e), api_table[i].status);
		assert_string_equal(err_code(-api_table[i].e), api_table[i].code);
	}
}

static void every_error_has_a_code_a_message_and_an_error_status(void **state)
{
	(void)state;
	for (int e = 1; e < ERR__MAX; e++) {
		assert_non_null(err_code(e));
		assert_true(strlen(err_code(e)) > 0);
		assert_true(strlen(err_message(e)) > 0);
		assert_in_range(err_status(e), 400, 599);
		for (const char *c = err_code(e); *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || *c == '_');
	}
}

static void codes_are_unique_but_for_the_shared_unavailable(void **state)
{
	(void)state;
	for (int a = 1; a < ERR__MAX; a++)
		for (int b = a + 1; b < ERR__MAX; b++)
			if (strcmp(err_code(a), err_code(b)) == 0) {
				assert_string_equal(err_code(a), "unavailable");
				assert_int_equal(err_status(a), 503);
				assert_int_equal(err_status(b), 503);
			}
}

static void out_of_range_values_are_internal(void **state)
{
	(void)state;
	assert_int_equal(err_norm(ERR__MAX), ERR_INTERNAL);
	assert_int_equal(err_norm(-12345), ERR_INTERNAL);
	assert_int_equal(err_status(99999), 500);
	assert_string_equal(err_code(ERR__MAX + 3), "internal");
	assert_int_equal(err_norm(0), ERR_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(api_codes_and_statuses_match_the_contract),
		cmocka_unit_test(every_error_has_a_code_a_message_and_an_error_status),
		cmocka_unit_test(codes_are_unique_but_for_the_shared_unavailable),
		cmocka_unit_test(out_of_range_values_are_internal),
	};
	return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
