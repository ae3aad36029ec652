/*
 * login.c - the login resource: POST /api/login and POST /api/logout.
 */
#include "controller/field.h"
#include "controller/handlers.h"
#include "controller/reply.h"
#include "core/app.h"
#include "core/clock.h"
#include "core/err.h"
#include "crypto/token.h"
#include "http/request.h"
#include "service/auth.h"

#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct field login_fields[] = {
	{"username", FT_STRING, 1, 3, 32, field_is_username, "must be 3 to 32 characters of A-Z a-z 0-9 _ . -"},
	{"password", FT_STRING, 1, 8, 128, NULL, "must be a string of 8 to 128 bytes"},
};

static const struct field logout_fields[] = {
	{"token", FT_STRING, 0, 1, TOKEN_MAX_LEN, NULL, NULL},
};

/* Sets the login cookie; max_age 0 clears it. */
static void set_cookie(struct request *r, const char *token, int max_age)
{
	char buf[TOKEN_MAX_LEN + 128];
	snprintf(buf, sizeof buf, "chat_token=%s; Path=/api; Max-Age=%d; HttpOnly; SameSite=Strict%s", token, max_age,
		 r->https ? "; Secure" : "");
	http_add_header(r, "Set-Cookie", buf);
}

void login_post(struct request *r)
{
	struct field_value v[2];
	struct json_object *root = NULL;
	const char *bad;
	char msg[FIELD_MSG_MAX], iso[CLOCK_ISO_LEN];
	struct login_result res;

	int rc = field_parse_json(login_fields, 2, r->body ? r->body : "", r->body_len, &root, v, &bad, msg);
	if (rc) {
		reply_error(r, rc, bad, msg, 0);
		return;
	}
	rc = auth_login(r->app, v[0].s, v[1].s, v[1].len, r->remote_addr, &res);
	json_object_put(root);
	if (rc) {
		reply_error(r, rc, NULL, NULL, res.retry_after);
		return;
	}
	r->user_id = res.user_id; /* for the request's log line */
	struct json_object *o = reply_object("Login successful.");
	if (o) {
		json_object_object_add(o, "token", json_object_new_string(res.token));
		json_object_object_add(o, "expires_at", json_object_new_string(clock_iso(res.expires_ms, iso)));
		json_object_object_add(o, "username", json_object_new_string(res.username));
		json_object_object_add(o, "registered", json_object_new_boolean(res.registered));
		set_cookie(r, res.token, r->app->cfg.token_lifetime);
	}
	free(res.token);
	reply_send(r, 200, o);
}

void logout_post(struct request *r)
{
	struct field_value v[1];
	struct json_object *root = NULL;
	const char *bad;
	char msg[FIELD_MSG_MAX];

	int rc = field_parse_json(logout_fields, 1, r->body ? r->body : "", r->body_len, &root, v, &bad, msg);
	if (rc) {
		reply_error(r, rc, bad, msg, 0);
		return;
	}
	/* whatever happens, the browser forgets the cookie */
	set_cookie(r, "", 0);
	rc = controller_auth(r, v[0].present ? v[0].s : NULL);
	json_object_put(root);
	if (rc == 0) {
		struct principal who = {.user_id = r->user_id};
		memcpy(who.jti, r->jti, sizeof who.jti);
		rc = auth_logout(r->app, &who);
	}
	if (rc) {
		reply_error(r, rc, NULL, NULL, 0);
		return;
	}
	reply_send(r, 200, reply_object("Logout successful."));
}
