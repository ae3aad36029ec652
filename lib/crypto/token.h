/*
 * token.h - login tokens: JWT signed with HS256 (libjwt 1.10).
 *
 * Claims: sub (username), uid (user id, integer), jti (32 hex chars = 128
 * random bits), iat, exp. libjwt 1.10 trusts the token's own alg and checks
 * no claims, so token_verify always passes the key to jwt_decode, then
 * requires JWT_ALG_HS256 and checks exp, iat, jti and uid itself.
 */
#ifndef CRYPTO_TOKEN_H
#define CRYPTO_TOKEN_H

#include <stdint.h>

#define TOKEN_JTI_LEN 32   /* hex characters */
#define TOKEN_MAX_LEN 4096 /* longer input is refused before parsing */

struct token_claims {
	char sub[64];                /* username */
	int64_t uid;                 /* users.id */
	char jti[TOKEN_JTI_LEN + 1]; /* lowercase hex */
	int64_t iat;                 /* seconds since the epoch */
	int64_t exp;                 /* seconds since the epoch */
};

/*
 * Writes a fresh jti (128 random bits as 32 lowercase hex) into out, which
 * holds TOKEN_JTI_LEN + 1 bytes.
 */
void token_new_jti(char out[TOKEN_JTI_LEN + 1]);

/*
 * Signs the claims with key (32 bytes). *out is a NUL-terminated string the
 * caller frees with free(). Returns 0 or -ERR_INTERNAL.
 */
int token_sign(const unsigned char *key, const struct token_claims *c, char **out);

/*
 * Verifies token against key at time now (seconds): signature, alg HS256,
 * exp > now, iat <= now + 60 (clock skew), a jti of 32 hex chars, uid > 0,
 * sub present. Fills out on success. Returns 0, or -ERR_UNAUTHORIZED for
 * anything else (malformed, forged, alg none, another key, expired).
 */
int token_verify(const unsigned char *key, const char *token, int64_t now, struct token_claims *out);

#endif
