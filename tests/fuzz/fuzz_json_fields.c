/*
 * fuzz_json_fields.c - libFuzzer target: the input is a request body for
 * field_parse_json over a table with every field type (a required string
 * with a character rule, optional strings, integers and numbers with
 * ranges, a bool). On success every present value must honour its
 * declaration, and the parsed object must print back as strict JSON; on
 * failure nothing is handed out and the message is a string.
 */
#include <json.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "controller/field.h"
#include "core/err.h"
#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct field fields[] = {
	{"username", FT_STRING, 1, 3, 32, field_is_username, "must be 3 to 32 characters of A-Z a-z 0-9 _ . -"},
	{"title", FT_STRING, 0, 0, 64, NULL, NULL},
	{"request_id", FT_STRING, 0, 1, 40, field_is_token_chars, NULL},
	{"limit", FT_INT, 0, 1, 200, NULL, NULL},
	{"offset", FT_INT, 0, -9007199254740992.0, 9007199254740992.0, NULL, NULL},
	{"temperature", FT_NUMBER, 0, 0, 2, NULL, NULL},
	{"bias", FT_NUMBER, 0, -1e300, 1e300, NULL, NULL},
	{"stream", FT_BOOL, 0, 0, 0, NULL, NULL},
};
#define NF ((int)(sizeof fields / sizeof fields[0]))

static void check_ok(struct json_object *root, const struct field_value *v)
{
	if (!root || !json_object_is_type(root, json_type_object))
		abort();
	for (int k = 0; k < NF; k++) {
		const struct field *f = &fields[k];
		if (!v[k].present) {
			if (f->required)
				abort();
			continue;
		}
		switch (f->type) {
		case FT_STRING:
			if (!v[k].s || strlen(v[k].s) != v[k].len || !utf8_valid(v[k].s, v[k].len))
				abort();
			if ((double)v[k].len < f->min || (double)v[k].len > f->max)
				abort();
			if (f->check && !f->check(v[k].s, v[k].len))
				abort();
			break;
		case FT_INT:
			if ((double)v[k].i < f->min || (double)v[k].i > f->max || v[k].d != (double)v[k].i)
				abort();
			break;
		case FT_NUMBER:
			if (!isfinite(v[k].d) || v[k].d < f->min || v[k].d > f->max)
				abort();
			break;
		case FT_BOOL:
			if (v[k].b != 0 && v[k].b != 1)
				abort();
			break;
		}
	}
	/* what the server would echo back must itself be strict JSON */
	size_t n = 0;
	const char *text = json_text(root, &n);
	struct json_object *again = json_parse_strict(text, n);
	if (!again)
		abort();
	json_object_put(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct field_value v[NF];
	struct json_object *root = (struct json_object *)1;
	const char *bad = (const char *)1;
	char msg[FIELD_MSG_MAX];

	msg[0] = '\0';
	int rc = field_parse_json(fields, NF, (const char *)data, size, &root, v, &bad, msg);
	if (rc == 0) {
		check_ok(root, v);
		json_object_put(root);
		return 0;
	}
	if (rc != -ERR_BAD_REQUEST || root != NULL || !msg[0] || strnlen(msg, FIELD_MSG_MAX) == FIELD_MSG_MAX)
		abort();
	if (bad) { /* the failing field is one of ours, by pointer */
		int found = 0;
		for (int k = 0; k < NF; k++)
			found |= bad == fields[k].name;
		if (!found)
			abort();
	}
	return 0;
}
