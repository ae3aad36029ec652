/*
 * password.h - password hashes: argon2id through libsodium's crypto_pwhash,
 * stored in the encoded "$argon2id$v=19$m=...,t=...,p=1$..." form.
 */
#ifndef CRYPTO_PASSWORD_H
#define CRYPTO_PASSWORD_H

#include <stddef.h>

#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */

/*
 * Hashes the password (len bytes, may hold any byte but NUL) into out
 * (PASSWORD_HASH_MAX bytes, NUL-terminated). Parameters: argon2id,
 * 2 passes, 64 MiB (libsodium's INTERACTIVE; above the 19 MiB floor).
 * Returns 0, or -ERR_INTERNAL when memory could not be had.
 */
int password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_MAX]);

/*
 * Checks pw against an encoded hash. Returns 0 when it matches,
 * -ERR_INVALID_CREDENTIALS when it does not or the hash is malformed.
 * Takes constant time for a given hash.
 */
int password_verify(const char *hash, const char *pw, size_t len);

#endif
