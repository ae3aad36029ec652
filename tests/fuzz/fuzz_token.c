/*
 * fuzz_token.c - libFuzzer target for token_verify, in two modes.
 *
 * Without a NUL byte the input is the token itself, checked against a
 * fixed key the fuzzer does not know: token_verify must never accept it
 * (the seed tokens are signed with another key, so they fail too).
 *
 * With a NUL byte the input is "header JSON" NUL "payload JSON": the
 * harness encodes and signs them with the key (HS256 over base64url, as a
 * client holding the key would), so the fuzzer reaches the alg and claim
 * checks behind the signature. On success the claims must honour the
 * contract of token.h; the same token with its signature changed must fail.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "crypto/random.h"
#include "crypto/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW ((int64_t)1700000000)

static const unsigned char key[32] = "fuzz-key-fuzz-key-fuzz-key-0123";

static int hex_lower(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[n] == '\0';
}

static void check_claims(const struct token_claims *c)
{
	if (c->exp <= NOW || (c->iat > NOW && c->iat - NOW > 60) || c->uid <= 0)
		abort();
	if (!hex_lower(c->jti, TOKEN_JTI_LEN))
		abort();
	size_t n = strnlen(c->sub, sizeof c->sub);
	if (n == 0 || n == sizeof c->sub)
		abort();
}

/* Base64url (no padding) of b[0..n) at out; returns the length written. */
static size_t b64url(char *out, size_t outlen, const uint8_t *b, size_t n)
{
	sodium_bin2base64(out, outlen, b, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return strlen(out);
}

static void signed_mode(const uint8_t *hdr, size_t hn, const uint8_t *pay, size_t pn)
{
	size_t cap = sodium_base64_ENCODED_LEN(hn, sodium_base64_VARIANT_URLSAFE_NO_PADDING) +
		     sodium_base64_ENCODED_LEN(pn, sodium_base64_VARIANT_URLSAFE_NO_PADDING) +
		     sodium_base64_ENCODED_LEN(crypto_auth_hmacsha256_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING) +
		     4;
	char *tok = malloc(cap);
	if (!tok)
		return;
	size_t len = b64url(tok, cap, hdr, hn);
	tok[len++] = '.';
	len += b64url(tok + len, cap - len, pay, pn);
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)tok, len, key);
	tok[len++] = '.';
	size_t sig = len;
	len += b64url(tok + len, cap - len, mac, sizeof mac);

	struct token_claims c;
	if (token_verify(key, tok, NOW, &c) == 0) {
		check_claims(&c);
		/* the first signature character carries 6 bits of the MAC: changing it must fail */
		tok[sig] = tok[sig] == 'A' ? 'B' : 'A';
		if (token_verify(key, tok, NOW, &c) == 0)
			abort();
	}
	free(tok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	if (!once) {
		if (crypto_init() != 0)
			abort();
		log_init(LL_ERROR, NULL);
		once = 1;
	}
	const uint8_t *nul = memchr(data, '\0', size);
	if (nul) {
		signed_mode(data, (size_t)(nul - data), nul + 1, size - (size_t)(nul - data) - 1);
		return 0;
	}
	char *tok = malloc(size + 1);
	if (!tok)
		return 0;
	memcpy(tok, data, size);
	tok[size] = '\0';
	struct token_claims c;
	if (token_verify(key, tok, NOW, &c) == 0)
		abort(); /* accepted a token the fuzzer could not have signed */
	free(tok);
	return 0;
}
