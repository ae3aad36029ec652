/*
 * config.c - the configuration keys, their defaults, ranges and parsing.
 * Knows nothing of the app beyond struct config.
 */
#include "core/config.h"
#include "core/log.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum key_type { K_STR, K_INT, K_URL, K_MODELS, K_REG, K_LEVEL };

struct key {
	const char *name;
	enum key_type type;
	size_t off;  /* offset in struct config */
	size_t size; /* for strings */
	long min, max;
};

#define S(f) offsetof(struct config, f), sizeof(((struct config *)0)->f)
#define I(f) offsetof(struct config, f), 0

static const struct key keys[] = {
	{"data_dir", K_STR, S(data_dir), 0, 0},
	{"db_path", K_STR, S(db_path), 0, 0},
	{"upstream_url", K_URL, S(upstream_url), 0, 0},
	{"api_key", K_STR, S(api_key), 0, 0},
	{"default_model", K_STR, S(default_model), 0, 0},
	{"models", K_MODELS, 0, 0, 0, 0},
	{"context_messages", K_INT, I(context_messages), 0, 200},
	{"rate_limit_seconds", K_INT, I(rate_limit_seconds), 0, 86400},
	{"idle_timeout", K_INT, I(idle_timeout), 1, 86400},
	{"token_lifetime", K_INT, I(token_lifetime), 60, 31536000},
	{"max_tabs", K_INT, I(max_tabs), 1, 100},
	{"registration", K_REG, I(registration_open), 0, 0},
	{"max_body", K_INT, I(max_body), 1024, 16777216},
	{"max_input", K_INT, I(max_input), 1, 16777216},
	{"max_length", K_INT, I(max_length), 1, 1000000},
	{"upstream_timeout", K_INT, I(upstream_timeout), 1, 3600},
	{"login_max_failures", K_INT, I(login_max_failures), 1, 100000},
	{"login_window", K_INT, I(login_window), 1, 86400},
	{"log_level", K_LEVEL, I(log_level), 0, 0},
};

#undef S
#undef I

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	strcpy(c->data_dir, "var");
	strcpy(c->upstream_url, "https://api.openai.com/v1");
	strcpy(c->default_model, "gpt-4o-mini");
	c->context_messages = 15;
	c->rate_limit_seconds = 5;
	c->idle_timeout = 30;
	c->token_lifetime = 86400;
	c->max_tabs = 3;
	c->registration_open = 1;
	c->max_body = 65536;
	c->max_input = 16384;
	c->max_length = 4096;
	c->upstream_timeout = 60;
	c->login_max_failures = 5;
	c->login_window = 300;
	c->log_level = LL_INFO;
}

static int model_name_ok(const char *s, size_t n)
{
	if (n == 0 || n >= CONFIG_MODEL_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!isalnum(ch) && !strchr("._:/-", ch))
			return 0;
	}
	return 1;
}

int config_set(struct config *c, const char *name, const char *value, char *err, size_t errlen)
{
	const struct key *k = NULL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, name) == 0)
			k = &keys[i];
	if (!k) {
		snprintf(err, errlen, "unknown key '%s'", name);
		return -1;
	}
	char *field = (char *)c + k->off;
	size_t vlen = strlen(value);
	switch (k->type) {
	case K_URL:
		if (vlen) {
			const char *host = strncmp(value, "http://", 7) == 0    ? value + 7
					   : strncmp(value, "https://", 8) == 0 ? value + 8
										: NULL;
			if (!host) {
				snprintf(err, errlen, "%s: must start with http:// or https://", name);
				return -1;
			}
			if (*host == '\0' || *host == '/') {
				snprintf(err, errlen, "%s: must name a host", name);
				return -1;
			}
			for (const char *q = value; *q; q++)
				if ((unsigned char)*q <= ' ' || *q == 0x7f) {
					snprintf(err, errlen, "%s: must not hold spaces or control characters", name);
					return -1;
				}
		}
		/* fall through */
	case K_STR:
		if (vlen >= k->size) {
			snprintf(err, errlen, "%s: longer than %zu bytes", name, k->size - 1);
			return -1;
		}
		if (strcmp(name, "default_model") == 0 && !model_name_ok(value, vlen)) {
			snprintf(err, errlen, "%s: '%s' is not a model name", name, value);
			return -1;
		}
		if ((strcmp(name, "data_dir") == 0 || strcmp(name, "db_path") == 0) && vlen == 0) {
			snprintf(err, errlen, "%s: must not be empty", name);
			return -1;
		}
		memcpy(field, value, vlen + 1);
		/* trailing slashes of the URL are dropped: paths are appended to it */
		if (k->type == K_URL)
			for (size_t n = vlen; n > 0 && field[n - 1] == '/'; n--)
				field[n - 1] = '\0';
		if (strcmp(name, "upstream_url") == 0 || strcmp(name, "api_key") == 0)
			c->upstream_configured = c->upstream_configured || vlen > 0;
		return 0;
	case K_INT: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (vlen == 0 || *end || errno) {
			snprintf(err, errlen, "%s: '%s' is not an integer", name, value);
			return -1;
		}
		if (v < k->min || v > k->max) {
			snprintf(err, errlen, "%s: %ld is outside %ld..%ld", name, v, k->min, k->max);
			return -1;
		}
		*(int *)field = (int)v;
		if (field == (char *)&c->max_input)
			c->max_input_given = 1;
		return 0;
	}
	case K_REG:
		if (strcmp(value, "open") == 0)
			c->registration_open = 1;
		else if (strcmp(value, "closed") == 0)
			c->registration_open = 0;
		else {
			snprintf(err, errlen, "%s: '%s' is neither open nor closed", name, value);
			return -1;
		}
		return 0;
	case K_LEVEL: {
		enum log_level l;
		if (log_level_parse(value, &l) != 0) {
			snprintf(err, errlen, "%s: '%s' is not debug, info, warn or error", name, value);
			return -1;
		}
		c->log_level = (int)l;
		return 0;
	}
	case K_MODELS: {
		/* the listed names go to models[1..]; config_finish puts default_model first */
		char names[CONFIG_MODELS_MAX][CONFIG_MODEL_NAME_MAX];
		int n = 1;
		const char *p = value;
		while (*p) {
			while (*p == ' ' || *p == ',')
				p++;
			if (!*p)
				break;
			size_t len = strcspn(p, " ,");
			if (!model_name_ok(p, len)) {
				snprintf(err, errlen, "%s: '%.*s' is not a model name", name, (int)len, p);
				return -1;
			}
			if (n == CONFIG_MODELS_MAX) {
				snprintf(err, errlen, "%s: more than %d models", name, CONFIG_MODELS_MAX - 1);
				return -1;
			}
			memcpy(names[n], p, len);
			names[n++][len] = '\0';
			p += len;
		}
		memcpy(c->models[1], names[1], sizeof names[0] * (size_t)(n - 1));
		c->nmodels = n;
		return 0;
	}
	}
	return -1;
}

/* Derived values and cross-key rules, after all sources are read. */
static int config_finish(struct config *c, char *err, size_t errlen)
{
	if (!c->db_path[0] &&
	    snprintf(c->db_path, sizeof c->db_path, "%s/chat.db", c->data_dir) >= (int)sizeof c->db_path) {
		snprintf(err, errlen, "data_dir: too long");
		return -1;
	}
	if (snprintf(c->key_path, sizeof c->key_path, "%s/jwt.key", c->data_dir) >= (int)sizeof c->key_path) {
		snprintf(err, errlen, "data_dir: too long");
		return -1;
	}
	if (c->max_input > c->max_body && !c->max_input_given)
		c->max_input = c->max_body;
	if (c->max_input > c->max_body) {
		snprintf(err, errlen, "max_input: %d is larger than max_body %d", c->max_input, c->max_body);
		return -1;
	}
	/* default_model first, then the listed ones (models[1..]) without repeats */
	int listed = c->nmodels > 1 ? c->nmodels : 1;
	c->nmodels = 1;
	strcpy(c->models[0], c->default_model);
	for (int i = 1; i < listed; i++)
		if (!config_has_model(c, c->models[i]))
			memmove(c->models[c->nmodels++], c->models[i], sizeof c->models[i]);
	return 0;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

static int load_file(struct config *c, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s:0: cannot open: %s", path, strerror(errno));
		return -1;
	}
	char line[4096], why[512];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			snprintf(err, errlen, "%s:%d: line longer than %zu bytes", path, lineno, sizeof line - 2);
			rc = -1;
			break;
		}
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			snprintf(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		char *key = trim(s), *val = trim(eq + 1);
		size_t vl = strlen(val);
		if (vl >= 2 && val[0] == '"' && val[vl - 1] == '"') {
			val[vl - 1] = '\0';
			val++;
		}
		if (config_set(c, key, val, why, sizeof why) != 0) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, why);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "%s:%d: read error", path, lineno);
		rc = -1;
	}
	fclose(f);
	return rc;
}

int config_load(struct config *c, const char *path, char *err, size_t errlen)
{
	char why[512], envname[64];
	config_defaults(c);
	if (path && *path && load_file(c, path, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		size_t j = 0;
		memcpy(envname, "CHAT_", 5);
		for (; keys[i].name[j]; j++)
			envname[5 + j] = (char)toupper((unsigned char)keys[i].name[j]);
		envname[5 + j] = '\0';
		const char *v = getenv(envname);
		if (!v && strcmp(keys[i].name, "api_key") == 0) {
			v = getenv("OPENAI_API_KEY");
			if (v)
				strcpy(envname, "OPENAI_API_KEY");
		}
		if (v && config_set(c, keys[i].name, v, why, sizeof why) != 0) {
			snprintf(err, errlen, "%s: %s", envname, why);
			return -1;
		}
	}
	if (config_finish(c, why, sizeof why) != 0) {
		snprintf(err, errlen, "%s: %s", path && *path ? path : "environment", why);
		return -1;
	}
	return 0;
}

int config_has_model(const struct config *c, const char *name)
{
	for (int i = 0; i < c->nmodels; i++)
		if (strcmp(c->models[i], name) == 0)
			return 1;
	return 0;
}
