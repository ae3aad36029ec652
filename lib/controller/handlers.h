/*
 * handlers.h - the handlers of the route table, one per resource and method.
 * Each runs after the dispatcher's checks: r->body holds the body (JSON
 * media type, within max_body) for routes that take one, and for routes
 * that need a login r->user_id, r->username and r->jti name the caller.
 * Each comment lists the statuses a handler answers itself.
 */
#ifndef CONTROLLER_HANDLERS_H
#define CONTROLLER_HANDLERS_H

struct request;

/* POST /api/login: 200, 400, 401 invalid_credentials, 403, 429, 500, 503. */
void login_post(struct request *r);
/* POST /api/logout: 200, 400, 401, 500, 503. */
void logout_post(struct request *r);
/* POST /api/heartbeat: 200. */
void heartbeat_post(struct request *r);
/* GET /api/prompts: 200, 500, 503. */
void prompts_get(struct request *r);
/* GET /api/health: 200, 503. */
void health_get(struct request *r);

/*
 * Finds the caller's token (Authorization: Bearer, else the chat_token
 * cookie when X-Requested-With: chat is present) and checks it through the
 * service; on success fills r->user_id, r->username, r->jti. override, when
 * not NULL, is checked instead (a token given in a body).
 * Returns 0 or the error to answer (-ERR_UNAUTHORIZED, -ERR_SESSION_EXPIRED,
 * -ERR_LOGGED_IN_ELSEWHERE, -ERR_BUSY, -ERR_INTERNAL).
 */
int controller_auth(struct request *r, const char *override);

#endif
