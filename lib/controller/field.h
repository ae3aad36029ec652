/*
 * field.h - declared input fields, checked before a handler reads them.
 *
 * A handler declares a static table of struct field; field_parse_json
 * checks a JSON body against it and hands back typed values. Unknown
 * fields are ignored; a missing required field, a wrong JSON type, a value
 * out of range, a string that is not valid UTF-8 or holds U+0000 is a
 * bad_request naming the field.
 */
#ifndef CONTROLLER_FIELD_H
#define CONTROLLER_FIELD_H

#include <stddef.h>
#include <stdint.h>

struct json_object;

enum field_type { FT_STRING, FT_INT, FT_NUMBER, FT_BOOL };

struct field {
	const char *name;
	enum field_type type;
	int required;
	double min, max;                         /* bytes for strings, values for numbers */
	int (*check)(const char *s, size_t len); /* extra check of a string, 1 = fine; may be NULL */
	const char *rule;                        /* says what the field must be, for the message */
};

struct field_value {
	int present;
	const char *s; /* FT_STRING: borrowed from the parsed JSON, NUL-terminated */
	size_t len;
	int64_t i; /* FT_INT */
	double d;  /* FT_NUMBER (also set for FT_INT) */
	int b;     /* FT_BOOL */
};

/* Room for a validation message. */
#define FIELD_MSG_MAX 256

/*
 * Parses body[0..len) as a JSON object and checks it against fields[0..n).
 * On success returns 0, *root holds the parsed object (the caller releases
 * it with json_object_put; the string values point into it) and vals[k]
 * corresponds to fields[k]. On failure returns -ERR_BAD_REQUEST, *root is
 * NULL, *bad is the failing field's name (NULL when the body itself is not
 * a JSON object) and msg says why, naming the field.
 * An empty body counts as {}.
 */
int field_parse_json(const struct field *fields, int n, const char *body, size_t len, struct json_object **root,
		     struct field_value *vals, const char **bad, char msg[FIELD_MSG_MAX]);

/*
 * Checks one text value (a query parameter) against f: FT_STRING, FT_INT
 * and FT_NUMBER are read from text. Returns 0 and fills v, or
 * -ERR_BAD_REQUEST with msg.
 */
int field_parse_text(const struct field *f, const char *s, size_t len, struct field_value *v, char msg[FIELD_MSG_MAX]);

/* Character rules for string fields. */
int field_is_username(const char *s, size_t len);    /* 3..32 of A-Z a-z 0-9 _ . - (length checked by min/max) */
int field_is_token_chars(const char *s, size_t len); /* A-Z a-z 0-9 _ - (request ids) */

#endif
