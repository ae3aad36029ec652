/*
 * err.c - the error table: status, API code and default message per error.
 * Touches nothing else.
 */
#include "core/err.h"

static const struct {
	int status;
	const char *code;
	const char *message;
} err_table[ERR__MAX] = {
	[ERR_NONE] = {200, "ok", "ok"},
	[ERR_BAD_REQUEST] = {400, "bad_request", "The request is malformed."},
	[ERR_UNAUTHORIZED] = {401, "unauthorized", "A valid login token is required."},
	[ERR_SESSION_EXPIRED] = {401, "session_expired", "The login expired after a period of inactivity."},
	[ERR_LOGGED_IN_ELSEWHERE] = {401, "logged_in_elsewhere", "This account has logged in on another device."},
	[ERR_INVALID_CREDENTIALS] = {401, "invalid_credentials", "Wrong username or password."},
	[ERR_REGISTRATION_CLOSED] = {403, "registration_closed", "Registration of new users is closed."},
	[ERR_NOT_FOUND] = {404, "not_found", "Not found."},
	[ERR_METHOD_NOT_ALLOWED] = {405, "method_not_allowed", "Method not allowed."},
	[ERR_PAYLOAD_TOO_LARGE] = {413, "payload_too_large", "The request body is too large."},
	[ERR_UNSUPPORTED_MEDIA] = {415, "unsupported_media_type", "The request body must be application/json."},
	[ERR_IN_PROGRESS] = {409, "in_progress", "A request with this request_id is still being answered."},
	[ERR_TAB_LIMIT] = {409, "tab_limit", "The maximum number of chat sessions is reached."},
	[ERR_CONFLICT] = {409, "conflict", "The resource already exists."},
	[ERR_RATE_LIMITED] = {429, "rate_limited", "Too many requests; wait before asking again."},
	[ERR_LOGIN_THROTTLED] = {429, "login_throttled", "Too many failed logins; try again later."},
	[ERR_UPSTREAM_ERROR] = {502, "upstream_error", "The model API answered with an error."},
	[ERR_UPSTREAM_UNAVAILABLE] = {503, "upstream_unavailable", "The model API is unavailable."},
	[ERR_UPSTREAM_TIMEOUT] = {504, "upstream_timeout", "The model API did not answer in time."},
	[ERR_BUSY] = {503, "unavailable", "The server is busy; try again."},
	[ERR_UNAVAILABLE] = {503, "unavailable", "The service is unavailable."},
	[ERR_INTERNAL] = {500, "internal", "Internal server error."},
};

int err_norm(int e)
{
	if (e < 0)
		e = -e;
	if (e <= 0 || e >= ERR__MAX)
		return e == 0 ? ERR_NONE : ERR_INTERNAL;
	return e;
}

int err_status(int e)
{
	return err_table[err_norm(e)].status;
}
const char *err_code(int e)
{
	return err_table[err_norm(e)].code;
}
const char *err_message(int e)
{
	return err_table[err_norm(e)].message;
}
