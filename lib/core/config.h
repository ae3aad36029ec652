/*
 * config.h - the configuration: one "key = value" file plus environment.
 *
 * Every key can also be set as CHAT_<KEY> (upper case); the environment
 * wins over the file. api_key is also read from OPENAI_API_KEY (after
 * CHAT_API_KEY). Read once, before the accept loop. docs/CONFIG.md lists
 * every key; the table in config.c is the one place they are declared.
 */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include <stddef.h>

#define CONFIG_PATH_MAX 1024
#define CONFIG_MODELS_MAX 16
#define CONFIG_MODEL_NAME_MAX 128

struct config {
	char data_dir[CONFIG_PATH_MAX];
	char db_path[CONFIG_PATH_MAX];  /* default: <data_dir>/chat.db */
	char key_path[CONFIG_PATH_MAX]; /* derived: <data_dir>/jwt.key */
	char upstream_url[CONFIG_PATH_MAX];
	char api_key[512];
	char default_model[CONFIG_MODEL_NAME_MAX];
	char models[CONFIG_MODELS_MAX][CONFIG_MODEL_NAME_MAX]; /* default_model is always models[0] */
	int nmodels;
	int context_messages;
	int rate_limit_seconds;
	int idle_timeout;
	int token_lifetime;
	int max_tabs;
	int registration_open;
	int max_body;
	int max_input;
	int max_length;
	int upstream_timeout;
	int login_max_failures;
	int login_window;
	int log_level;           /* enum log_level */
	int upstream_configured; /* upstream_url or api_key was given (file or environment) */
	int max_input_given;     /* when not, the default max_input follows a smaller max_body down */
};

/* Fills c with the defaults. */
void config_defaults(struct config *c);

/*
 * Loads the defaults, then the file at path (skipped when path is NULL),
 * then the environment. Returns 0, or -1 with "file:line: why" (or
 * "CHAT_KEY: why" for the environment) in err.
 */
int config_load(struct config *c, const char *path, char *err, size_t errlen);

/* Sets one key from text; returns 0 or -1 with why in err. */
int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen);

/* 1 if name is a configured model (the allow-list), 0 otherwise. */
int config_has_model(const struct config *c, const char *name);

#endif
