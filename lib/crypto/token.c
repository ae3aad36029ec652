/*
 * token.c - login tokens as JWT signed with HS256, through libjwt 1.10.
 *
 * libjwt 1.10 checks the signature with the alg named in the token's own
 * header, skips the check when no key is given (reporting alg none), and
 * checks no claims. So token_verify refuses anything not shaped like a JWT
 * before libjwt sees it, always passes the key, then requires HS256 and
 * checks every claim itself. Integer claims are read from their JSON text,
 * because 1.10's jwt_get_grant_int answers 0 with errno 0 for a string, a
 * real, a boolean or null, and -1 with errno ENOENT for a missing claim.
 * Never logs a token or the key.
 */
#include "crypto/token.h"
#include "crypto/random.h"
#include "core/err.h"
#include "core/log.h"

#include <jwt.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_KEY_LEN 32  /* bytes of the HS256 key */
#define TOKEN_IAT_SKEW 60 /* seconds an iat may lie ahead of our clock */

void token_new_jti(char out[TOKEN_JTI_LEN + 1])
{
	random_hex(out, TOKEN_JTI_LEN / 2);
}

int token_sign(const unsigned char *key, const struct token_claims *c, char **out)
{
	jwt_t *jwt = NULL;
	char *s = NULL;
	int ret = -ERR_INTERNAL;

	if (out)
		*out = NULL;
	if (!key || !c || !out)
		goto out;
#if LONG_MAX < INT64_MAX
	/* libjwt takes long: refuse what it would truncate where long is 32 bits. */
	if (c->uid < LONG_MIN || c->uid > LONG_MAX || c->iat < LONG_MIN || c->iat > LONG_MAX || c->exp < LONG_MIN ||
	    c->exp > LONG_MAX)
		goto out;
#endif
	if (jwt_new(&jwt) != 0)
		goto out;
	if (jwt_add_grant(jwt, "sub", c->sub) != 0 || jwt_add_grant_int(jwt, "uid", (long)c->uid) != 0 ||
	    jwt_add_grant(jwt, "jti", c->jti) != 0 || jwt_add_grant_int(jwt, "iat", (long)c->iat) != 0 ||
	    jwt_add_grant_int(jwt, "exp", (long)c->exp) != 0)
		goto out;
	if (jwt_set_alg(jwt, JWT_ALG_HS256, key, TOKEN_KEY_LEN) != 0)
		goto out;
	/* libjwt 1.10 has no jwt_free_str: the string comes from its default allocator, malloc. */
	s = jwt_encode_str(jwt);
	if (!s)
		goto out;
	*out = s;
	ret = 0;
out:
	if (ret != 0)
		log_event(LL_ERROR, "crypto", "token_sign", "failed", NULL);
	jwt_free(jwt); /* scrubs its copy of the key */
	return ret;
}

static int is_b64url(unsigned char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
	       ch == '_';
}

/*
 * 1 when s is three non-empty runs of base64url characters joined by two
 * dots, and at most TOKEN_MAX_LEN long; 0 otherwise.
 */
static int token_shape_ok(const char *s)
{
	size_t len = strnlen(s, TOKEN_MAX_LEN + 1), run = 0;
	int dots = 0;

	if (len == 0 || len > TOKEN_MAX_LEN)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (run == 0 || ++dots > 2)
				return 0;
			run = 0;
		} else if (is_b64url((unsigned char)s[i])) {
			run++;
		} else {
			return 0;
		}
	}
	return dots == 2 && run > 0;
}

/* Reads claim name as a JSON integer (digits only, int64 range) into *v. Returns 0 or -1. */
static int claim_int(jwt_t *jwt, const char *name, int64_t *v)
{
	char *js = jwt_get_grants_json(jwt, name);
	const char *p = js;
	char *end = NULL;
	long long n;
	int ret = -1;

	if (!js)
		goto out;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		goto out;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			goto out;
	errno = 0;
	n = strtoll(js, &end, 10);
	if (errno != 0 || *end != '\0')
		goto out;
	*v = (int64_t)n;
	ret = 0;
out:
	free(js);
	return ret;
}

/* 1 when s is exactly TOKEN_JTI_LEN lowercase hex characters. */
static int jti_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] && i <= TOKEN_JTI_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == TOKEN_JTI_LEN;
}

int token_verify(const unsigned char *key, const char *token, int64_t now, struct token_claims *out)
{
	struct token_claims c;
	jwt_t *jwt = NULL;
	const char *s, *why = "ok";
	int ret = -ERR_UNAUTHORIZED;

	memset(&c, 0, sizeof c);
	if (out)
		memset(out, 0, sizeof *out);
	if (!key || !out || !token) {
		why = "null_argument";
		goto out;
	}
	if (!token_shape_ok(token)) {
		why = "malformed";
		goto out;
	}
	/* Always with the key: without one, libjwt 1.10 checks no signature at all. */
	if (jwt_decode(&jwt, token, key, TOKEN_KEY_LEN) != 0 || !jwt) {
		why = "bad_signature_or_format";
		goto out;
	}
	/* The token's header picks the alg libjwt verified with: only ours is acceptable. */
	if (jwt_get_alg(jwt) != JWT_ALG_HS256) {
		why = "bad_alg";
		goto out;
	}
	if (claim_int(jwt, "exp", &c.exp) != 0 || c.exp <= now) {
		why = "expired_or_no_exp";
		goto out;
	}
	/* Written so as not to overflow: iat <= now + TOKEN_IAT_SKEW. */
	if (claim_int(jwt, "iat", &c.iat) != 0 || (c.iat > now && c.iat - now > TOKEN_IAT_SKEW)) {
		why = "bad_iat";
		goto out;
	}
	s = jwt_get_grant(jwt, "jti");
	if (!s || !jti_ok(s)) {
		why = "bad_jti";
		goto out;
	}
	memcpy(c.jti, s, TOKEN_JTI_LEN + 1);
	if (claim_int(jwt, "uid", &c.uid) != 0 || c.uid <= 0) {
		why = "bad_uid";
		goto out;
	}
	s = jwt_get_grant(jwt, "sub");
	if (!s || !s[0] || strnlen(s, sizeof c.sub) >= sizeof c.sub) {
		why = "bad_sub";
		goto out;
	}
	memcpy(c.sub, s, strlen(s) + 1);
	*out = c;
	ret = 0;
out:
	if (ret != 0)
		log_event(LL_DEBUG, "crypto", "token_verify", "refused", "reason=%s", why);
	jwt_free(jwt);
	return ret;
}
