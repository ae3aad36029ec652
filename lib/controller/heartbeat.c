/*
 * heartbeat.c - POST /api/heartbeat: the dispatcher's login check already
 * recorded the activity; this answers the idle timeout.
 */
#include "controller/handlers.h"
#include "controller/reply.h"
#include "core/app.h"
#include "http/request.h"

#include <json.h>

void heartbeat_post(struct request *r)
{
	struct json_object *o = reply_object("ok");
	if (o)
		json_object_object_add(o, "idle_timeout", json_object_new_int(r->app->cfg.idle_timeout));
	reply_send(r, 200, o);
}
