/*
 * json.c - strict parsing on top of json-c, and a UTF-8 validator.
 */
#include "core/json.h"

#include <json.h>
#include <string.h>

int utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		unsigned cp;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + n >= len) /* needs bytes i+1 .. i+n */
			return 0;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

/*
 * json-c reads NaN, Infinity and -Infinity even in strict mode; JSON has no
 * such literals. A double parsed from input keeps its source text, so an
 * out-of-range number such as 1e400 (infinite, but JSON) stays allowed.
 */
static int has_bad_literal(struct json_object *o, int depth)
{
	if (depth > 64)
		return 1;
	switch (json_object_get_type(o)) {
	case json_type_double: {
		double d = json_object_get_double(o);
		if (d == d && d - d == 0) /* finite */
			return 0;
		const char *t = json_object_to_json_string(o);
		return !t || strpbrk(t, "NnIi") != NULL;
	}
	case json_type_array:
		for (size_t i = 0, n = json_object_array_length(o); i < n; i++)
			if (has_bad_literal(json_object_array_get_idx(o, i), depth + 1))
				return 1;
		return 0;
	case json_type_object: {
		json_object_object_foreach(o, key, val)
		{
			(void)key;
			if (has_bad_literal(val, depth + 1))
				return 1;
		}
		return 0;
	}
	default: return 0;
	}
}

struct json_object *json_parse_strict(const char *buf, size_t len)
{
	if (!utf8_valid(buf, len) || len > (size_t)0x7fffffff)
		return NULL;
	struct json_tokener *tok = json_tokener_new_ex(32);
	if (!tok)
		return NULL;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	struct json_object *o = json_tokener_parse_ex(tok, buf, (int)len);
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	size_t used = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (jerr != json_tokener_success) {
		json_object_put(o);
		return NULL;
	}
	if (has_bad_literal(o, 0)) {
		json_object_put(o);
		return NULL;
	}
	for (size_t i = used; i < len; i++) {
		char c = buf[i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			json_object_put(o);
			return NULL;
		}
	}
	return o;
}

const char *json_text(struct json_object *o, size_t *len)
{
	size_t n = 0;
	const char *s =
		json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &n);
	if (len)
		*len = n;
	return s;
}
