/*
 * auth.c - where the caller's token comes from (header or cookie with the
 * CSRF guard), handed to the service to check.
 */
#include "controller/handlers.h"
#include "core/err.h"
#include "crypto/token.h"
#include "http/request.h"
#include "service/auth.h"

#include <string.h>
#include <strings.h>

int controller_auth(struct request *r, const char *override)
{
	char cookie[TOKEN_MAX_LEN + 1];
	const char *token = override;
	if (!token) {
		const char *h = http_header(r, "Authorization");
		if (h && strncasecmp(h, "Bearer ", 7) == 0) {
			token = h + 7;
			while (*token == ' ')
				token++;
		} else if (!h) {
			/* the cookie counts only with the header a cross-site form cannot send */
			const char *xrw = http_header(r, "X-Requested-With");
			if (xrw && strcmp(xrw, "chat") == 0 && http_cookie(r, "chat_token", cookie, sizeof cookie) == 1)
				token = cookie;
		}
	}
	if (!token || !*token)
		return -ERR_UNAUTHORIZED;
	struct principal who;
	int rc = auth_check(r->app, token, &who);
	if (rc)
		return rc;
	r->user_id = who.user_id;
	memcpy(r->username, who.username, sizeof r->username);
	memcpy(r->jti, who.jti, sizeof r->jti);
	return 0;
}
