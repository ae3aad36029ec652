/*
 * test_password.c - unit tests of lib/crypto/password: argon2id hashes
 * with at least OWASP's parameters (m >= 19456 KiB, t >= 2), salted,
 * verifying the right password only, refusing malformed hashes without
 * crashing, taking any non-NUL byte and long passwords.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "crypto/password.h"
#include "crypto/random.h"

#define PW "correct horse battery staple"

static void hash_then_verify_ok(void **state)
{
	(void)state;
	char h[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash(PW, strlen(PW), h), 0);
	assert_int_equal(password_verify(h, PW, strlen(PW)), 0);
}

static void wrong_password_is_refused(void **state)
{
	(void)state;
	char h[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash(PW, strlen(PW), h), 0);
	assert_int_equal(password_verify(h, "correct horse battery stapl", strlen(PW) - 1), -ERR_INVALID_CREDENTIALS);
	assert_int_equal(password_verify(h, "Correct horse battery staple", strlen(PW)), -ERR_INVALID_CREDENTIALS);
	assert_int_equal(password_verify(h, "", 0), -ERR_INVALID_CREDENTIALS);
}

static void hash_is_argon2id_with_owasp_parameters(void **state)
{
	(void)state;
	char h[PASSWORD_HASH_MAX];
	unsigned v = 0, m = 0, t = 0, p = 0;
	assert_int_equal(password_hash(PW, strlen(PW), h), 0);
	assert_memory_equal(h, "$argon2id$", 10);
	assert_int_equal(sscanf(h, "$argon2id$v=%u$m=%u,t=%u,p=%u$", &v, &m, &t, &p), 4);
	assert_int_equal(v, 19);
	assert_true(m >= 19456);
	assert_true(t >= 2);
	assert_true(p >= 1);
}

static void same_password_hashes_differ_by_salt(void **state)
{
	(void)state;
	char a[PASSWORD_HASH_MAX], b[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash(PW, strlen(PW), a), 0);
	assert_int_equal(password_hash(PW, strlen(PW), b), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(password_verify(a, PW, strlen(PW)), 0);
	assert_int_equal(password_verify(b, PW, strlen(PW)), 0);
}

static void malformed_hashes_are_refused(void **state)
{
	(void)state;
	char good[PASSWORD_HASH_MAX], cut[PASSWORD_HASH_MAX], flipped[PASSWORD_HASH_MAX];
	char unterminated[PASSWORD_HASH_MAX + 64];
	assert_int_equal(password_hash(PW, strlen(PW), good), 0);

	/* The right hash cut short, and with one character of its digest changed. */
	snprintf(cut, sizeof cut, "%.*s", (int)strlen(good) - 5, good);
	snprintf(flipped, sizeof flipped, "%s", good);
	size_t last = strlen(flipped) - 2;
	flipped[last] = flipped[last] == 'A' ? 'B' : 'A';

	/* Longer than any hash, with no NUL inside PASSWORD_HASH_MAX. */
	memset(unterminated, '$', sizeof unterminated - 1);
	unterminated[sizeof unterminated - 1] = '\0';

	const char *bad[] = {
		"",
		"$",
		"$argon2id$",
		"$argon2id$v=19$",
		"$argon2id$v=19$m=65536,t=2,p=1$",
		"$argon2id$v=19$m=65536,t=2,p=1$$",
		"$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
		"$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
		"plain text password",
		cut,
		flipped,
		unterminated,
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(password_verify(bad[i], PW, strlen(PW)), -ERR_INVALID_CREDENTIALS);
}

static void null_hash_is_refused(void **state)
{
	(void)state;
	assert_int_equal(password_verify(NULL, PW, strlen(PW)), -ERR_INVALID_CREDENTIALS);
}

static void high_bytes_and_128_byte_password_work(void **state)
{
	(void)state;
	char pw[128], h[PASSWORD_HASH_MAX];
	for (size_t i = 0; i < sizeof pw; i++)
		pw[i] = (char)(0x80 + i); /* 0x80 .. 0xff */
	assert_int_equal(password_hash(pw, sizeof pw, h), 0);
	assert_int_equal(password_verify(h, pw, sizeof pw), 0);
	pw[0] = (char)0x81;
	assert_int_equal(password_verify(h, pw, sizeof pw), -ERR_INVALID_CREDENTIALS);
}

static void long_password_is_not_truncated(void **state)
{
	(void)state;
	/* bcrypt reads only 72 bytes: a difference at byte 127 must still count. */
	char pw[128], h[PASSWORD_HASH_MAX];
	memset(pw, 'a', sizeof pw);
	assert_int_equal(password_hash(pw, sizeof pw, h), 0);
	pw[127] = 'b';
	assert_int_equal(password_verify(h, pw, sizeof pw), -ERR_INVALID_CREDENTIALS);
	assert_int_equal(password_verify(h, pw, 127), -ERR_INVALID_CREDENTIALS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_then_verify_ok),
		cmocka_unit_test(wrong_password_is_refused),
		cmocka_unit_test(hash_is_argon2id_with_owasp_parameters),
		cmocka_unit_test(same_password_hashes_differ_by_salt),
		cmocka_unit_test(malformed_hashes_are_refused),
		cmocka_unit_test(null_hash_is_refused),
		cmocka_unit_test(high_bytes_and_128_byte_password_work),
		cmocka_unit_test(long_password_is_not_truncated),
	};
	if (crypto_init() != 0)
		return 1;
	return cmocka_run_group_tests_name("password", tests, NULL, NULL);
}
