/*
 * fuzz_utf8.c - libFuzzer target: utf8_valid must agree with a plain
 * reference decoder written here (shortest form, no surrogates, at most
 * U+10FFFF), and json_parse_strict must never accept text that is not
 * valid UTF-8. Every string and key of an accepted document must be valid
 * UTF-8 too (escapes such as a lone \ud800 must not smuggle bad bytes in).
 */
#include <json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 if s[0..n) is well-formed UTF-8: decode each sequence, then check its value. */
static int ref_utf8(const uint8_t *s, size_t n)
{
	static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t i = 0;
	while (i < n) {
		uint8_t b = s[i];
		size_t len;
		uint32_t cp;
		if (b < 0x80) {
			len = 1;
			cp = b;
		} else if ((b & 0xE0) == 0xC0) {
			len = 2;
			cp = b & 0x1Fu;
		} else if ((b & 0xF0) == 0xE0) {
			len = 3;
			cp = b & 0x0Fu;
		} else if ((b & 0xF8) == 0xF0) {
			len = 4;
			cp = b & 0x07u;
		} else {
			return 0; /* a continuation byte, or F8..FF */
		}
		if (n - i < len)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3Fu);
		}
		if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

static void check_strings(struct json_object *o, int depth)
{
	if (depth > 40)
		abort(); /* deeper than json_parse_strict allows */
	switch (json_object_get_type(o)) {
	case json_type_string:
		if (!ref_utf8((const uint8_t *)json_object_get_string(o), (size_t)json_object_get_string_len(o)))
			abort();
		break;
	case json_type_array:
		for (size_t i = 0, n = json_object_array_length(o); i < n; i++)
			check_strings(json_object_array_get_idx(o, i), depth + 1);
		break;
	case json_type_object: {
		json_object_object_foreach(o, key, val)
		{
			if (!ref_utf8((const uint8_t *)key, strlen(key)))
				abort();
			check_strings(val, depth + 1);
		}
		break;
	}
	default: break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int ref = ref_utf8(data, size);
	if (utf8_valid((const char *)data, size) != ref)
		abort();
	struct json_object *o = json_parse_strict((const char *)data, size);
	if (o) {
		if (!ref)
			abort();
		check_strings(o, 0);
		json_object_put(o);
	}
	return 0;
}
