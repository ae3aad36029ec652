/*
 * reply.c - error and success envelopes (see reply.h).
 */
#include "controller/reply.h"
#include "core/err.h"
#include "core/log.h"
#include "http/request.h"

#include <json.h>
#include <stdio.h>

void reply_error(struct request *r, int err, const char *field, const char *message, int retry_after)
{
	int e = err_norm(err);
	int status = err_status(e);
	char buf[32];
	struct json_object *o = json_object_new_object();
	if (!o) {
		static const char fallback[] =
			"{\"status\":500,\"message\":\"Internal server error.\",\"error\":\"internal\"}";
		http_send(r, 500, "application/json", fallback, sizeof fallback - 1);
		return;
	}
	json_object_object_add(o, "status", json_object_new_int(status));
	json_object_object_add(o, "message", json_object_new_string(message ? message : err_message(e)));
	json_object_object_add(o, "error", json_object_new_string(err_code(e)));
	if (field)
		json_object_object_add(o, "field", json_object_new_string(field));
	if (retry_after > 0) {
		snprintf(buf, sizeof buf, "%d", retry_after);
		http_add_header(r, "Retry-After", buf);
		json_object_object_add(o, "retry_after", json_object_new_int(retry_after));
	}
	if (status == 500)
		log_event(LL_ERROR, "controller", "internal_error", err_code(err), NULL);
	http_send_json(r, status, o);
	json_object_put(o);
}

struct json_object *reply_object(const char *message)
{
	struct json_object *o = json_object_new_object();
	if (!o)
		return NULL;
	json_object_object_add(o, "status", json_object_new_int(0));
	json_object_object_add(o, "message", json_object_new_string(message));
	return o;
}

void reply_send(struct request *r, int status, struct json_object *o)
{
	if (!o) {
		reply_error(r, -ERR_INTERNAL, NULL, NULL, 0);
		return;
	}
	http_send_json(r, status, o);
	json_object_put(o);
}
