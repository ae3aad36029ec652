/*
 * fuzz_config_line.c - libFuzzer target for config_set. The input is one
 * or more lines; each is split into key and value at its first '=' (no
 * trimming: config_set gets exactly what is there). After each call,
 * successful or not, every numeric field must be within its range in
 * docs/CONFIG.md, every string NUL-terminated inside its array, and the
 * upstream URL empty or http(s):// without a trailing '/'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define IN(v, lo, hi) ((v) >= (lo) && (v) <= (hi))

static void check(const struct config *c)
{
	if (!IN(c->context_messages, 0, 200) || !IN(c->rate_limit_seconds, 0, 86400) ||
	    !IN(c->idle_timeout, 1, 86400) || !IN(c->token_lifetime, 60, 31536000) || !IN(c->max_tabs, 1, 100) ||
	    !IN(c->registration_open, 0, 1) || !IN(c->max_body, 1024, 16777216) || !IN(c->max_input, 1, 16777216) ||
	    !IN(c->max_length, 1, 1000000) || !IN(c->upstream_timeout, 1, 3600) ||
	    !IN(c->login_max_failures, 1, 100000) || !IN(c->login_window, 1, 86400) || !IN(c->log_level, 0, 3))
		abort();
	if (strnlen(c->data_dir, sizeof c->data_dir) == sizeof c->data_dir || !c->data_dir[0] ||
	    strnlen(c->db_path, sizeof c->db_path) == sizeof c->db_path ||
	    strnlen(c->api_key, sizeof c->api_key) == sizeof c->api_key ||
	    strnlen(c->default_model, sizeof c->default_model) == sizeof c->default_model || !c->default_model[0])
		abort();
	size_t n = strnlen(c->upstream_url, sizeof c->upstream_url);
	if (n == sizeof c->upstream_url)
		abort();
	if (n && (c->upstream_url[n - 1] == '/' ||
		  (strncmp(c->upstream_url, "http://", 7) != 0 && strncmp(c->upstream_url, "https://", 8) != 0)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config c; /* 20 KiB: not on the stack */
	char err[512];
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	config_defaults(&c);
	check(&c);
	for (char *line = buf; line;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *eq = strchr(line, '=');
		if (eq) {
			*eq = '\0';
			err[0] = '\0';
			if (config_set(&c, line, eq + 1, err, sizeof err) != 0 && !err[0])
				abort(); /* a refusal always says why */
			check(&c);
		}
		line = next;
	}
	free(buf);
	return 0;
}
