/*
 * pwhash.c - times password_hash (argon2id, lib/crypto/password.c) alone,
 * outside the server: N hashes of a fixed password, one line per hash in
 * milliseconds on stdout, a summary (p50, p99, mean) on stderr.
 * Built and run by bin/bench; not part of the product.
 *
 *   pwhash [N]     N defaults to 20, at most 1000
 */
#include "crypto/password.h"
#include "crypto/random.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static double pct(const double *v, int n, double p)
{
	int k = (int)(p / 100.0 * n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return v[k - 1];
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20;
	if (n < 1 || n > 1000) {
		fprintf(stderr, "usage: pwhash [N]   (1..1000)\n");
		return 2;
	}
	if (crypto_init() != 0) {
		fprintf(stderr, "pwhash: libsodium init failed\n");
		return 1;
	}
	log_init(LL_WARN, stderr);

	static const char pw[] = "correct horse battery staple";
	char out[PASSWORD_HASH_MAX];
	double *ms = calloc((size_t)n, sizeof *ms);
	if (!ms)
		return 1;
	double sum = 0;
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		if (password_hash(pw, strlen(pw), out) != 0) {
			fprintf(stderr, "pwhash: password_hash failed\n");
			return 1;
		}
		ms[i] = now_ms() - t0;
		sum += ms[i];
		printf("%.3f\n", ms[i]);
	}
	if (password_verify(out, pw, strlen(pw)) != 0) {
		fprintf(stderr, "pwhash: the last hash does not verify\n");
		return 1;
	}
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	fprintf(stderr, "pwhash: n=%d p50=%.1f ms p99=%.1f ms mean=%.1f ms (%s)\n", n, pct(ms, n, 50), pct(ms, n, 99),
		sum / n, out[0] ? "argon2id" : "?");
	free(ms);
	return 0;
}
