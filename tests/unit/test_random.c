/*
 * test_random.c - unit tests of lib/crypto/random: random_hex and random_id
 * write exactly the documented length and alphabet, end with NUL, stay in
 * the documented buffer (heap buffers of the exact size, so that
 * AddressSanitizer sees any overflow) and differ from call to call.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/random.h"

static int all_hex_lower(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

static int all_b64url(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return 0;
	return 1;
}

/* Size random_id documents for its output buffer. */
static size_t id_buf_size(size_t nbytes)
{
	return 4 * ((nbytes + 2) / 3) + 1;
}

/* Unpadded base64 length of nbytes. */
static size_t id_len(size_t nbytes)
{
	return 4 * (nbytes / 3) + (nbytes % 3 ? nbytes % 3 + 1 : 0);
}

static void hex_16_bytes_gives_32_lowercase_hex_chars_and_nul(void **state)
{
	(void)state;
	char *out = malloc(33);
	assert_non_null(out);
	memset(out, 'X', 33);
	assert_ptr_equal(random_hex(out, 16), out);
	assert_int_equal(out[32], '\0');
	assert_int_equal(strlen(out), 32);
	assert_true(all_hex_lower(out));
	free(out);
}

static void hex_longer_than_internal_block_is_complete(void **state)
{
	(void)state;
	/* 100 bytes spans two of random_hex's 64-byte blocks. */
	char *out = malloc(201);
	assert_non_null(out);
	memset(out, 'X', 201);
	random_hex(out, 100);
	assert_int_equal(strlen(out), 200);
	assert_true(all_hex_lower(out));
	free(out);
}

static void hex_two_calls_differ(void **state)
{
	(void)state;
	char a[33], b[33];
	random_hex(a, 16);
	random_hex(b, 16);
	assert_string_not_equal(a, b);
}

static void hex_is_not_constant_within_a_string(void **state)
{
	(void)state;
	char a[65];
	random_hex(a, 32);
	/* 64 equal characters would mean the bytes are not random (chance 16^-63). */
	size_t same = 0;
	for (size_t i = 1; i < 64; i++)
		same += a[i] == a[0];
	assert_true(same < 63);
}

static void check_id(size_t nbytes)
{
	size_t size = id_buf_size(nbytes);
	char *out = malloc(size);
	assert_non_null(out);
	memset(out, 'X', size);
	assert_ptr_equal(random_id(out, nbytes), out);
	assert_int_equal(strlen(out), id_len(nbytes));
	assert_true(all_b64url(out));
	free(out);
}

static void id_12_bytes_gives_16_base64url_chars(void **state)
{
	(void)state;
	assert_int_equal(id_len(12), 16);
	check_id(12);
}

static void id_16_bytes_gives_22_base64url_chars(void **state)
{
	(void)state;
	assert_int_equal(id_len(16), 22);
	check_id(16);
}

static void id_other_sizes_stay_in_their_buffer(void **state)
{
	(void)state;
	/* 1 and 2 leave a partial group; 49 and 100 span random_id's 48-byte blocks. */
	static const size_t sizes[] = {1, 2, 3, 47, 48, 49, 100};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		check_id(sizes[i]);
}

static void id_writes_nothing_past_its_nul(void **state)
{
	(void)state;
	/* 16 bytes: 22 characters and NUL; the documented 25-byte room is not all written. */
	char out[25];
	memset(out, 'X', sizeof out);
	random_id(out, 16);
	assert_int_equal(out[22], '\0');
	assert_int_equal(out[23], 'X');
	assert_int_equal(out[24], 'X');
}

static void id_has_no_padding(void **state)
{
	(void)state;
	char out[25];
	random_id(out, 16);
	assert_null(strchr(out, '='));
}

static void id_12_two_calls_differ(void **state)
{
	(void)state;
	char a[17], b[17];
	random_id(a, 12);
	random_id(b, 12);
	assert_string_not_equal(a, b);
}

static void id_16_two_calls_differ(void **state)
{
	(void)state;
	char a[25], b[25];
	random_id(a, 16);
	random_id(b, 16);
	assert_string_not_equal(a, b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hex_16_bytes_gives_32_lowercase_hex_chars_and_nul),
		cmocka_unit_test(hex_longer_than_internal_block_is_complete),
		cmocka_unit_test(hex_two_calls_differ),
		cmocka_unit_test(hex_is_not_constant_within_a_string),
		cmocka_unit_test(id_12_bytes_gives_16_base64url_chars),
		cmocka_unit_test(id_16_bytes_gives_22_base64url_chars),
		cmocka_unit_test(id_other_sizes_stay_in_their_buffer),
		cmocka_unit_test(id_writes_nothing_past_its_nul),
		cmocka_unit_test(id_has_no_padding),
		cmocka_unit_test(id_12_two_calls_differ),
		cmocka_unit_test(id_16_two_calls_differ),
	};
	if (crypto_init() != 0)
		return 1;
	return cmocka_run_group_tests_name("random", tests, NULL, NULL);
}
