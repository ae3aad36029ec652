/*
 * field.c - checking declared fields (see field.h).
 */
#include "controller/field.h"
#include "core/err.h"
#include "core/json.h"

#include <errno.h>
#include <json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int field_is_username(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
		      c == '.' || c == '-'))
			return 0;
	}
	return 1;
}

int field_is_token_chars(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
		      c == '-'))
			return 0;
	}
	return 1;
}

static int fail(const struct field *f, char *msg, const char *why)
{
	snprintf(msg, FIELD_MSG_MAX, "%s: %s", f->name, why);
	return -ERR_BAD_REQUEST;
}

/* The rule text of a field, made from its type and range when none is given. */
static int fail_rule(const struct field *f, char *msg)
{
	char why[160];
	if (f->rule)
		return fail(f, msg, f->rule);
	switch (f->type) {
	case FT_STRING: snprintf(why, sizeof why, "must be a string of %.0f to %.0f bytes", f->min, f->max); break;
	case FT_INT: snprintf(why, sizeof why, "must be an integer from %.0f to %.0f", f->min, f->max); break;
	case FT_NUMBER: snprintf(why, sizeof why, "must be a number from %g to %g", f->min, f->max); break;
	case FT_BOOL: snprintf(why, sizeof why, "must be true or false"); break;
	}
	return fail(f, msg, why);
}

static int check_string(const struct field *f, const char *s, size_t len, struct field_value *v, char *msg)
{
	if (memchr(s, '\0', len))
		return fail(f, msg, "must not contain U+0000");
	if (!utf8_valid(s, len))
		return fail(f, msg, "must be valid UTF-8");
	if ((double)len < f->min || (double)len > f->max || (f->check && !f->check(s, len)))
		return fail_rule(f, msg);
	v->s = s;
	v->len = len;
	return 0;
}

static int check_number(const struct field *f, double d, struct field_value *v, char *msg)
{
	if (!isfinite(d) || d < f->min || d > f->max)
		return fail_rule(f, msg);
	v->d = d;
	return 0;
}

static int check_value(const struct field *f, struct json_object *j, struct field_value *v, char *msg)
{
	enum json_type t = json_object_get_type(j);
	switch (f->type) {
	case FT_STRING:
		if (t != json_type_string)
			return fail_rule(f, msg);
		return check_string(f, json_object_get_string(j), (size_t)json_object_get_string_len(j), v, msg);
	case FT_INT: {
		if (t != json_type_int)
			return fail_rule(f, msg);
		errno = 0;
		int64_t i = json_object_get_int64(j);
		/* json-c saturates out-of-range integers; a uint64 beyond INT64_MAX is out of range too */
		if (errno || (i == INT64_MAX && json_object_get_uint64(j) != (uint64_t)INT64_MAX))
			return fail_rule(f, msg);
		if ((double)i < f->min || (double)i > f->max)
			return fail_rule(f, msg);
		v->i = i;
		v->d = (double)i;
		return 0;
	}
	case FT_NUMBER:
		if (t != json_type_int && t != json_type_double)
			return fail_rule(f, msg);
		return check_number(f, json_object_get_double(j), v, msg);
	case FT_BOOL:
		if (t != json_type_boolean)
			return fail_rule(f, msg);
		v->b = json_object_get_boolean(j);
		return 0;
	}
	return fail_rule(f, msg);
}

int field_parse_json(const struct field *fields, int n, const char *body, size_t len, struct json_object **root,
		     struct field_value *vals, const char **bad, char msg[FIELD_MSG_MAX])
{
	struct json_object *o;
	*root = NULL;
	*bad = NULL;
	memset(vals, 0, sizeof *vals * (size_t)n);
	size_t i = 0;
	while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n'))
		i++;
	if (i == len)
		o = json_object_new_object();
	else
		o = json_parse_strict(body, len);
	if (!o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		snprintf(msg, FIELD_MSG_MAX, "The body must be a JSON object in UTF-8.");
		return -ERR_BAD_REQUEST;
	}
	for (int k = 0; k < n; k++) {
		struct json_object *j = NULL;
		const struct field *f = &fields[k];
		int given = json_object_object_get_ex(o, f->name, &j);
		/* an optional field that is absent or null takes its default; a required one must be there */
		if (!given || json_object_is_type(j, json_type_null)) {
			if (!f->required)
				continue;
			*bad = f->name;
			if (given)
				fail_rule(f, msg);
			else
				snprintf(msg, FIELD_MSG_MAX, "%s: is required", f->name);
			json_object_put(o);
			return -ERR_BAD_REQUEST;
		}
		if (check_value(f, j, &vals[k], msg) != 0) {
			*bad = f->name;
			json_object_put(o);
			return -ERR_BAD_REQUEST;
		}
		vals[k].present = 1;
	}
	*root = o;
	return 0;
}

int field_parse_text(const struct field *f, const char *s, size_t len, struct field_value *v, char msg[FIELD_MSG_MAX])
{
	memset(v, 0, sizeof *v);
	if (f->type == FT_STRING) {
		if (check_string(f, s, len, v, msg))
			return -ERR_BAD_REQUEST;
		v->present = 1;
		return 0;
	}
	if (len == 0 || len > 32 || memchr(s, '\0', len))
		return fail_rule(f, msg);
	char buf[33], *end;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	if (f->type == FT_INT) {
		long long i = strtoll(buf, &end, 10);
		if (*end || errno || (double)i < f->min || (double)i > f->max)
			return fail_rule(f, msg);
		v->i = i;
		v->d = (double)i;
	} else if (f->type == FT_NUMBER) {
		double d = strtod(buf, &end);
		if (*end || errno || check_number(f, d, v, msg))
			return fail_rule(f, msg);
	} else {
		if (strcmp(buf, "true") == 0)
			v->b = 1;
		else if (strcmp(buf, "false") != 0)
			return fail_rule(f, msg);
	}
	v->present = 1;
	return 0;
}
