/*
 * test_token.c - unit tests of lib/crypto/token: a signed token verifies
 * back to the same claims, and every forgery or malformed token gives
 * -ERR_UNAUTHORIZED. Tokens with bad claims are signed properly with the
 * right key (through libjwt directly), so that each test reaches the claim
 * check it is about instead of failing on the signature. As a test of the
 * crypto layer it may include jwt.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jwt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "crypto/random.h"
#include "crypto/token.h"

#define NOW ((int64_t)1795000000) /* a fixed "now": 2026-11-18 */
#define JTI "0123456789abcdef0123456789abcdef"

static const unsigned char KEY[32] = {
	0x1f, 0x8b, 0x08, 0x00, 0x42, 0x17, 0xa5, 0xee, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57,
	0x28, 0xcf, 0x2f, 0xca, 0x49, 0x01, 0x00, 0x85, 0x11, 0x4a, 0x0d, 0x0b, 0x00, 0x00, 0x00, 0x7e,
};

static const unsigned char OTHER_KEY[32] = {
	0x1f, 0x8b, 0x08, 0x00, 0x42, 0x17, 0xa5, 0xee, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57,
	0x28, 0xcf, 0x2f, 0xca, 0x49, 0x01, 0x00, 0x85, 0x11, 0x4a, 0x0d, 0x0b, 0x00, 0x00, 0x00, 0x7f,
};

static struct token_claims good_claims(void)
{
	struct token_claims c;
	memset(&c, 0, sizeof c);
	snprintf(c.sub, sizeof c.sub, "alice");
	c.uid = 42;
	snprintf(c.jti, sizeof c.jti, "%s", JTI);
	c.iat = NOW - 10;
	c.exp = NOW + 3600;
	return c;
}

/*
 * token_sign of c with KEY; the caller frees. noinline: inlined, gcc 12 at
 * -O3 takes the string for a pointer into this frame (-Wdangling-pointer).
 */
__attribute__((noinline)) static char *sign(const struct token_claims *c)
{
	char *t = NULL;
	assert_int_equal(token_sign(KEY, c, &t), 0);
	assert_non_null(t);
	return t;
}

/* Signs the JSON payload with libjwt, alg and key as given; the caller frees. */
static char *sign_json(const char *payload, jwt_alg_t alg, const unsigned char *key)
{
	jwt_t *jwt = NULL;
	assert_int_equal(jwt_new(&jwt), 0);
	assert_int_equal(jwt_add_grants_json(jwt, payload), 0);
	assert_int_equal(jwt_set_alg(jwt, alg, key, 32), 0);
	char *t = jwt_encode_str(jwt);
	assert_non_null(t);
	jwt_free(jwt);
	return t;
}

/* Unpadded base64url of n bytes into out (room for 4 * n / 3 + 4). */
static void b64url(const unsigned char *in, size_t n, char *out)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		out[o++] = tab[(v >> 18) & 63];
		out[o++] = tab[(v >> 12) & 63];
		if (i + 1 < n)
			out[o++] = tab[(v >> 6) & 63];
		if (i + 2 < n)
			out[o++] = tab[v & 63];
	}
	out[o] = '\0';
}

/* A payload with every claim good, for hand-built tokens. */
static void good_payload(char *out, size_t n, int64_t uid)
{
	snprintf(out, n, "{\"exp\":%lld,\"iat\":%lld,\"jti\":\"%s\",\"sub\":\"alice\",\"uid\":%lld}",
		 (long long)(NOW + 3600), (long long)(NOW - 10), JTI, (long long)uid);
}

static void expect_refused(const char *token)
{
	struct token_claims out;
	memset(&out, 0x55, sizeof out);
	assert_int_equal(token_verify(KEY, token, NOW, &out), -ERR_UNAUTHORIZED);
	/* Nothing of a refused token is left in out. */
	assert_int_equal(out.uid, 0);
	assert_int_equal(out.sub[0], '\0');
}

static void expect_json_refused(const char *payload)
{
	char *t = sign_json(payload, JWT_ALG_HS256, KEY);
	expect_refused(t);
	free(t);
}

/* --- the good path --- */

static void sign_then_verify_round_trips_all_claims(void **state)
{
	(void)state;
	struct token_claims c = good_claims(), out;
	char *t = sign(&c);
	memset(&out, 0, sizeof out);
	assert_int_equal(token_verify(KEY, t, NOW, &out), 0);
	assert_string_equal(out.sub, c.sub);
	assert_int_equal(out.uid, c.uid);
	assert_string_equal(out.jti, c.jti);
	assert_int_equal(out.iat, c.iat);
	assert_int_equal(out.exp, c.exp);
	free(t);
}

static void signed_token_is_three_base64url_parts(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	char *t = sign(&c);
	size_t dots = 0;
	for (const char *p = t; *p; p++) {
		if (*p == '.')
			dots++;
		else
			assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p));
	}
	assert_int_equal(dots, 2);
	/* The header names HS256: {"alg":"HS256","typ":"JWT"} in base64url. */
	assert_memory_equal(t, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", 37);
	free(t);
}

static void hand_signed_good_payload_is_accepted(void **state)
{
	(void)state;
	/* The control for the claim tests below: sign_json with good claims passes. */
	char payload[256];
	struct token_claims out;
	good_payload(payload, sizeof payload, 42);
	char *t = sign_json(payload, JWT_ALG_HS256, KEY);
	assert_int_equal(token_verify(KEY, t, NOW, &out), 0);
	assert_int_equal(out.uid, 42);
	assert_string_equal(out.sub, "alice");
	free(t);
}

static void new_jti_is_32_lowercase_hex_and_fresh(void **state)
{
	(void)state;
	char a[TOKEN_JTI_LEN + 1], b[TOKEN_JTI_LEN + 1];
	token_new_jti(a);
	token_new_jti(b);
	assert_int_equal(strlen(a), TOKEN_JTI_LEN);
	assert_int_equal(strspn(a, "0123456789abcdef"), TOKEN_JTI_LEN);
	assert_string_not_equal(a, b);
}

static void iat_within_clock_skew_is_accepted(void **state)
{
	(void)state;
	struct token_claims c = good_claims(), out;
	c.iat = NOW + 60;
	char *t = sign(&c);
	assert_int_equal(token_verify(KEY, t, NOW, &out), 0);
	free(t);
}

static void sub_of_63_chars_is_accepted(void **state)
{
	(void)state;
	struct token_claims c = good_claims(), out;
	memset(c.sub, 'u', 63);
	c.sub[63] = '\0';
	char *t = sign(&c);
	assert_int_equal(token_verify(KEY, t, NOW, &out), 0);
	assert_string_equal(out.sub, c.sub);
	free(t);
}

/* --- forged signatures and algs --- */

static void alg_none_with_empty_signature_is_refused(void **state)
{
	(void)state;
	static const char head[] = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
	char payload[256], h64[64], p64[400], t[512];
	good_payload(payload, sizeof payload, 42);
	b64url((const unsigned char *)head, strlen(head), h64);
	b64url((const unsigned char *)payload, strlen(payload), p64);
	snprintf(t, sizeof t, "%s.%s.", h64, p64);
	expect_refused(t);
}

static void alg_none_with_some_signature_is_refused(void **state)
{
	(void)state;
	/* Past our shape check, so that libjwt and our alg check see it. */
	static const char head[] = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
	char payload[256], h64[64], p64[400], t[512];
	good_payload(payload, sizeof payload, 42);
	b64url((const unsigned char *)head, strlen(head), h64);
	b64url((const unsigned char *)payload, strlen(payload), p64);
	snprintf(t, sizeof t, "%s.%s.AAAA", h64, p64);
	expect_refused(t);
}

static void signed_with_another_key_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	char *t = NULL;
	assert_int_equal(token_sign(OTHER_KEY, &c, &t), 0);
	expect_refused(t);
	free(t);
}

static void verified_with_another_key_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims(), out;
	char *t = sign(&c);
	assert_int_equal(token_verify(OTHER_KEY, t, NOW, &out), -ERR_UNAUTHORIZED);
	free(t);
}

static void payload_with_one_char_changed_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	char *t = sign(&c);
	char *p = strchr(t, '.') + 5; /* inside the payload part */
	*p = *p == 'A' ? 'B' : 'A';
	expect_refused(t);
	free(t);
}

static void payload_reencoded_with_other_uid_keeps_old_signature_and_is_refused(void **state)
{
	(void)state;
	char payload[256], p64[400], forged[1024];
	struct token_claims c = good_claims();
	char *t = sign(&c);
	char *dot1 = strchr(t, '.'), *dot2 = strrchr(t, '.');
	good_payload(payload, sizeof payload, 1); /* uid 1: the admin, say */
	b64url((const unsigned char *)payload, strlen(payload), p64);
	snprintf(forged, sizeof forged, "%.*s.%s%s", (int)(dot1 - t), t, p64, dot2);
	expect_refused(forged);
	free(t);
}

static void signature_with_one_char_changed_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	char *t = sign(&c);
	char *p = strrchr(t, '.') + 3;
	*p = *p == 'A' ? 'B' : 'A';
	expect_refused(t);
	free(t);
}

static void signature_cut_short_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	char *t = sign(&c);
	t[strlen(t) - 4] = '\0';
	expect_refused(t);
	free(t);
}

static void hs512_with_the_right_key_is_refused(void **state)
{
	(void)state;
	char payload[256];
	good_payload(payload, sizeof payload, 42);
	char *t = sign_json(payload, JWT_ALG_HS512, KEY);
	/* Sanity: libjwt itself accepts it, so only our alg check stands in the way. */
	jwt_t *jwt = NULL;
	assert_int_equal(jwt_decode(&jwt, t, KEY, 32), 0);
	assert_int_equal(jwt_get_alg(jwt), JWT_ALG_HS512);
	jwt_free(jwt);
	expect_refused(t);
	free(t);
}

static void hs384_with_the_right_key_is_refused(void **state)
{
	(void)state;
	char payload[256];
	good_payload(payload, sizeof payload, 42);
	char *t = sign_json(payload, JWT_ALG_HS384, KEY);
	expect_refused(t);
	free(t);
}

static void null_key_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims(), out;
	char *t = sign(&c);
	assert_int_equal(token_verify(NULL, t, NOW, &out), -ERR_UNAUTHORIZED);
	free(t);
}

/* --- time claims --- */

static void expired_token_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	c.iat = NOW - 7200;
	c.exp = NOW - 1;
	char *t = sign(&c);
	expect_refused(t);
	free(t);
}

static void token_expiring_now_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	c.exp = NOW;
	char *t = sign(&c);
	expect_refused(t);
	free(t);
}

static void iat_far_in_the_future_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	c.iat = NOW + 3000;
	c.exp = NOW + 7200;
	char *t = sign(&c);
	expect_refused(t);
	free(t);
}

static void iat_just_past_clock_skew_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	c.iat = NOW + 61;
	char *t = sign(&c);
	expect_refused(t);
	free(t);
}

static void exp_missing_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"iat\":1794999990,\"jti\":\"" JTI "\",\"sub\":\"alice\",\"uid\":42}");
}

static void exp_as_string_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":\"1795003600\",\"iat\":1794999990,\"jti\":\"" JTI
			    "\",\"sub\":\"alice\",\"uid\":42}");
}

static void exp_as_real_number_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600.0,\"iat\":1794999990,\"jti\":\"" JTI
			    "\",\"sub\":\"alice\",\"uid\":42}");
}

static void iat_missing_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"jti\":\"" JTI "\",\"sub\":\"alice\",\"uid\":42}");
}

static void iat_as_string_is_refused(void **state)
{
	(void)state;
	/* libjwt 1.10 reads a string claim as the integer 0 with no error: we must not. */
	expect_json_refused("{\"exp\":1795003600,\"iat\":\"x\",\"jti\":\"" JTI "\",\"sub\":\"alice\",\"uid\":42}");
}

static void iat_null_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":null,\"jti\":\"" JTI "\",\"sub\":\"alice\",\"uid\":42}");
}

/* --- jti --- */

static void jti_missing_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"sub\":\"alice\",\"uid\":42}");
}

static void jti_of_31_hex_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"0123456789abcdef0123456789abcde\","
			    "\"sub\":\"alice\",\"uid\":42}");
}

static void jti_of_33_hex_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"0123456789abcdef0123456789abcdef0\","
			    "\"sub\":\"alice\",\"uid\":42}");
}

static void jti_uppercase_hex_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"0123456789ABCDEF0123456789abcdef\","
			    "\"sub\":\"alice\",\"uid\":42}");
}

static void jti_not_hex_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"0123456789abcdef0123456789abcdeg\","
			    "\"sub\":\"alice\",\"uid\":42}");
}

static void jti_as_number_is_refused(void **state)
{
	(void)state;
	expect_json_refused(
		"{\"exp\":1795003600,\"iat\":1794999990,\"jti\":12345678901234567,\"sub\":\"alice\",\"uid\":42}");
}

/* --- uid --- */

static void uid_missing_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI "\",\"sub\":\"alice\"}");
}

static void uid_zero_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI "\",\"sub\":\"alice\",\"uid\":0}");
}

static void uid_negative_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI "\",\"sub\":\"alice\",\"uid\":-1}");
}

static void uid_as_string_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI
			    "\",\"sub\":\"alice\",\"uid\":\"42\"}");
}

static void uid_as_boolean_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI
			    "\",\"sub\":\"alice\",\"uid\":true}");
}

static void uid_as_real_number_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI
			    "\",\"sub\":\"alice\",\"uid\":42.5}");
}

/* --- sub --- */

static void sub_missing_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI "\",\"uid\":42}");
}

static void sub_empty_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI "\",\"sub\":\"\",\"uid\":42}");
}

static void sub_of_64_chars_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI "\",\"sub\":\""
			    "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu\",\"uid\":42}");
}

static void sub_as_number_is_refused(void **state)
{
	(void)state;
	expect_json_refused("{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI "\",\"sub\":7,\"uid\":42}");
}

/* --- malformed strings --- */

static void null_token_is_refused(void **state)
{
	(void)state;
	struct token_claims out;
	assert_int_equal(token_verify(KEY, NULL, NOW, &out), -ERR_UNAUTHORIZED);
}

static void empty_string_is_refused(void **state)
{
	(void)state;
	expect_refused("");
}

static void two_parts_are_refused(void **state)
{
	(void)state;
	expect_refused("a.b");
}

static void three_short_parts_are_refused(void **state)
{
	(void)state;
	expect_refused("a.b.c");
}

static void only_dots_are_refused(void **state)
{
	(void)state;
	expect_refused("....");
	expect_refused("..");
}

static void five_thousand_as_are_refused(void **state)
{
	(void)state;
	char s[5001];
	memset(s, 'a', 5000);
	s[5000] = '\0';
	expect_refused(s);
}

static void non_ascii_bytes_are_refused(void **state)
{
	(void)state;
	expect_refused("\xc3\xa9yJ.\xff\xfe.\x80");
	expect_refused("eyJhbGciOiJIUzI1NiJ9.\xe2\x82\xac.abc");
}

static void valid_token_with_extra_dot_part_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	char *t = sign(&c), buf[1024];
	snprintf(buf, sizeof buf, "%s.%s", t, "AAAA");
	expect_refused(buf);
	free(t);
}

static void valid_token_with_padding_or_space_is_refused(void **state)
{
	(void)state;
	struct token_claims c = good_claims();
	char *t = sign(&c), buf[1024];
	snprintf(buf, sizeof buf, "%s=", t);
	expect_refused(buf);
	snprintf(buf, sizeof buf, " %s", t);
	expect_refused(buf);
	snprintf(buf, sizeof buf, "%s\n", t);
	expect_refused(buf);
	free(t);
}

static void validly_signed_token_over_max_length_is_refused(void **state)
{
	(void)state;
	/* Good claims plus a padding claim: refused for its length alone. */
	char payload[TOKEN_MAX_LEN + 512];
	int n = snprintf(payload, sizeof payload,
			 "{\"exp\":1795003600,\"iat\":1794999990,\"jti\":\"" JTI
			 "\",\"sub\":\"alice\",\"uid\":42,\"pad\":\"");
	memset(payload + n, 'p', TOKEN_MAX_LEN);
	snprintf(payload + n + TOKEN_MAX_LEN, sizeof payload - (size_t)n - TOKEN_MAX_LEN, "\"}");
	char *t = sign_json(payload, JWT_ALG_HS256, KEY);
	assert_true(strlen(t) > TOKEN_MAX_LEN);
	expect_refused(t);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sign_then_verify_round_trips_all_claims),
		cmocka_unit_test(signed_token_is_three_base64url_parts),
		cmocka_unit_test(hand_signed_good_payload_is_accepted),
		cmocka_unit_test(new_jti_is_32_lowercase_hex_and_fresh),
		cmocka_unit_test(iat_within_clock_skew_is_accepted),
		cmocka_unit_test(sub_of_63_chars_is_accepted),
		cmocka_unit_test(alg_none_with_empty_signature_is_refused),
		cmocka_unit_test(alg_none_with_some_signature_is_refused),
		cmocka_unit_test(signed_with_another_key_is_refused),
		cmocka_unit_test(verified_with_another_key_is_refused),
		cmocka_unit_test(payload_with_one_char_changed_is_refused),
		cmocka_unit_test(payload_reencoded_with_other_uid_keeps_old_signature_and_is_refused),
		cmocka_unit_test(signature_with_one_char_changed_is_refused),
		cmocka_unit_test(signature_cut_short_is_refused),
		cmocka_unit_test(hs512_with_the_right_key_is_refused),
		cmocka_unit_test(hs384_with_the_right_key_is_refused),
		cmocka_unit_test(null_key_is_refused),
		cmocka_unit_test(expired_token_is_refused),
		cmocka_unit_test(token_expiring_now_is_refused),
		cmocka_unit_test(iat_far_in_the_future_is_refused),
		cmocka_unit_test(iat_just_past_clock_skew_is_refused),
		cmocka_unit_test(exp_missing_is_refused),
		cmocka_unit_test(exp_as_string_is_refused),
		cmocka_unit_test(exp_as_real_number_is_refused),
		cmocka_unit_test(iat_missing_is_refused),
		cmocka_unit_test(iat_as_string_is_refused),
		cmocka_unit_test(iat_null_is_refused),
		cmocka_unit_test(jti_missing_is_refused),
		cmocka_unit_test(jti_of_31_hex_is_refused),
		cmocka_unit_test(jti_of_33_hex_is_refused),
		cmocka_unit_test(jti_uppercase_hex_is_refused),
		cmocka_unit_test(jti_not_hex_is_refused),
		cmocka_unit_test(jti_as_number_is_refused),
		cmocka_unit_test(uid_missing_is_refused),
		cmocka_unit_test(uid_zero_is_refused),
		cmocka_unit_test(uid_negative_is_refused),
		cmocka_unit_test(uid_as_string_is_refused),
		cmocka_unit_test(uid_as_boolean_is_refused),
		cmocka_unit_test(uid_as_real_number_is_refused),
		cmocka_unit_test(sub_missing_is_refused),
		cmocka_unit_test(sub_empty_is_refused),
		cmocka_unit_test(sub_of_64_chars_is_refused),
		cmocka_unit_test(sub_as_number_is_refused),
		cmocka_unit_test(null_token_is_refused),
		cmocka_unit_test(empty_string_is_refused),
		cmocka_unit_test(two_parts_are_refused),
		cmocka_unit_test(three_short_parts_are_refused),
		cmocka_unit_test(only_dots_are_refused),
		cmocka_unit_test(five_thousand_as_are_refused),
		cmocka_unit_test(non_ascii_bytes_are_refused),
		cmocka_unit_test(valid_token_with_extra_dot_part_is_refused),
		cmocka_unit_test(valid_token_with_padding_or_space_is_refused),
		cmocka_unit_test(validly_signed_token_over_max_length_is_refused),
	};
	if (crypto_init() != 0)
		return 1;
	return cmocka_run_group_tests_name("token", tests, NULL, NULL);
}
