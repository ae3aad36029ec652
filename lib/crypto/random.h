/*
 * random.h - unguessable random bytes and ids (libsodium).
 */
#ifndef CRYPTO_RANDOM_H
#define CRYPTO_RANDOM_H

#include <stddef.h>

/* Initialises libsodium; returns 0 or -1. Call once at start, before any other crypto_ function. */
int crypto_init(void);

/* Fills buf with n random bytes. */
void random_bytes(void *buf, size_t n);

/*
 * Writes nbytes random bytes as lowercase hex plus NUL into out, which must
 * hold 2 * nbytes + 1 bytes. Returns out.
 */
char *random_hex(char *out, size_t nbytes);

/*
 * Writes nbytes random bytes as unpadded base64url (A-Z a-z 0-9 - _) plus
 * NUL into out, which must hold 4 * ((nbytes + 2) / 3) + 1 bytes. Used for
 * chat session and message ids (at least 12 bytes = 96 bits). Returns out.
 */
char *random_id(char *out, size_t nbytes);

#endif
