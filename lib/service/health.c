/*
 * health.c - the health check.
 */
#include "service/health.h"
#include "core/app.h"
#include "core/err.h"
#include "core/log.h"
#include "model/db.h"

int health_check(struct app *app)
{
	if (!app->db || db_ping(app->db) != 0) {
		log_event(LL_ERROR, "service", "health", "db_unavailable", NULL);
		return -ERR_UNAVAILABLE;
	}
	return 0;
}
