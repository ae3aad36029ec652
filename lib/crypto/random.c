/*
 * random.c - random bytes and ids from libsodium's CSPRNG.
 */
#include "crypto/random.h"

#include <sodium.h>

int crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void random_bytes(void *buf, size_t n)
{
	randombytes_buf(buf, n);
}

char *random_hex(char *out, size_t nbytes)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[64];
	size_t done = 0;
	while (done < nbytes) {
		size_t n = nbytes - done < sizeof b ? nbytes - done : sizeof b;
		randombytes_buf(b, n);
		for (size_t i = 0; i < n; i++) {
			out[2 * (done + i)] = hex[b[i] >> 4];
			out[2 * (done + i) + 1] = hex[b[i] & 15];
		}
		done += n;
	}
	out[2 * nbytes] = '\0';
	sodium_memzero(b, sizeof b);
	return out;
}

char *random_id(char *out, size_t nbytes)
{
	/*
	 * In blocks of 48 bytes (a multiple of 3, so that unpadded base64 of the
	 * blocks concatenates into the base64 of the whole) of 64 characters.
	 * Each block is given exactly its encoded length plus NUL as room:
	 * sodium_bin2base64 zero-fills all the room it is given, and a caller
	 * may size out to the unpadded length + 1 (23 bytes for 16).
	 */
	unsigned char b[48];
	size_t done = 0, pos = 0;
	out[0] = '\0';
	while (done < nbytes) {
		size_t n = nbytes - done < sizeof b ? nbytes - done : sizeof b;
		randombytes_buf(b, n);
		size_t room = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		sodium_bin2base64(out + pos, room, b, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		pos += room - 1;
		done += n;
	}
	sodium_memzero(b, sizeof b);
	return out;
}
