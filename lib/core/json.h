/*
 * json.h - strict JSON parsing and UTF-8 checks on top of json-c.
 */
#ifndef CORE_JSON_H
#define CORE_JSON_H

#include <stddef.h>

struct json_object;

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF), else 0. */
int utf8_valid(const char *s, size_t len);

/*
 * Parses buf[0..len) as exactly one JSON value: strict syntax, valid UTF-8,
 * nesting at most 32 deep, nothing but white space after it. Returns a new
 * object the caller releases with json_object_put, or NULL when the text is
 * not such JSON. A JSON null parses to NULL too: callers that need an
 * object check json_object_is_type.
 */
struct json_object *json_parse_strict(const char *buf, size_t len);

/*
 * The JSON text of o without spaces or escaped slashes; *len (may be NULL)
 * gets its length. The string belongs to o.
 */
const char *json_text(struct json_object *o, size_t *len);

#endif
