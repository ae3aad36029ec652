/*
 * health.c - GET /api/health, without login: 200 while the database
 * answers, 503 otherwise.
 */
#include "controller/handlers.h"
#include "controller/reply.h"
#include "core/app.h"
#include "http/request.h"
#include "service/health.h"

#include <json.h>

void health_get(struct request *r)
{
	int rc = health_check(r->app);
	if (rc) {
		reply_error(r, rc, NULL, NULL, 0);
		return;
	}
	struct json_object *o = reply_object("ok");
	if (o)
		json_object_object_add(o, "version", json_object_new_string(r->app->version));
	reply_send(r, 200, o);
}
