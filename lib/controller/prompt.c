/*
 * prompt.c - GET /api/prompts: the preset prompts in the caller's language.
 */
#include "controller/handlers.h"
#include "controller/reply.h"
#include "core/err.h"
#include "http/request.h"
#include "service/prompt.h"

#include <json.h>

static int add_prompt(void *arg, int64_t id, const char *name, const char *prompt)
{
	struct json_object *p = json_object_new_object();
	if (!p)
		return -ERR_INTERNAL;
	json_object_object_add(p, "id", json_object_new_int64(id));
	json_object_object_add(p, "name", json_object_new_string(name));
	json_object_object_add(p, "prompt", json_object_new_string(prompt));
	json_object_array_add(arg, p);
	return 0;
}

void prompts_get(struct request *r)
{
	const char *lang = prompt_lang(http_header(r, "Accept-Language"));
	struct json_object *list = json_object_new_array();
	if (!list) {
		reply_error(r, -ERR_INTERNAL, NULL, NULL, 0);
		return;
	}
	int rc = prompts_list(r->app, lang, add_prompt, list);
	if (rc) {
		json_object_put(list);
		reply_error(r, rc, NULL, NULL, 0);
		return;
	}
	struct json_object *o = reply_object("ok");
	if (!o) {
		json_object_put(list);
		reply_error(r, -ERR_INTERNAL, NULL, NULL, 0);
		return;
	}
	json_object_object_add(o, "prompts", list);
	http_add_header(r, "Vary", "Accept-Language");
	reply_send(r, 200, o);
}
