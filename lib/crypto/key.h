/*
 * key.h - the token signing key: 32 random bytes in a file of mode 0600,
 * created on first start.
 */
#ifndef CRYPTO_KEY_H
#define CRYPTO_KEY_H

#include <stddef.h>

#define KEY_BYTES 32

/*
 * Reads the key at path, or creates it when missing: random bytes written
 * to a temporary file of mode 0600 in the same folder, then linked into
 * place, so that workers starting together agree on one key. Refuses a key
 * file of the wrong size, or one readable or writable by group or others.
 * Returns 0, or -1 with "path: why" in err.
 */
int key_load_or_create(const char *path, unsigned char key[KEY_BYTES], char *err, size_t errlen);

#endif
