/*
 * password.c - argon2id password hashes through libsodium's crypto_pwhash.
 */
#include "crypto/password.h"
#include "core/err.h"
#include "core/log.h"

#include <sodium.h>
#include <string.h>

_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");

/* argon2id, 2 passes, 64 MiB: libsodium's INTERACTIVE limits, above OWASP's 19 MiB / 2 passes floor. */
#define PW_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PW_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

int password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_MAX])
{
	if (crypto_pwhash_str_alg(out, pw, len, PW_OPSLIMIT, PW_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		log_event(LL_ERROR, "crypto", "password_hash", "out_of_memory", NULL);
		return -ERR_INTERNAL;
	}
	return 0;
}

int password_verify(const char *hash, const char *pw, size_t len)
{
	if (!hash || strnlen(hash, PASSWORD_HASH_MAX) >= PASSWORD_HASH_MAX)
		return -ERR_INVALID_CREDENTIALS;
	return crypto_pwhash_str_verify(hash, pw, len) == 0 ? 0 : -ERR_INVALID_CREDENTIALS;
}
