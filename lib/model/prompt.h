/*
 * prompt.h - the preset prompts (the prompts table), one set per language.
 * The defaults are inserted by a migration in sql/.
 */
#ifndef MODEL_PROMPT_H
#define MODEL_PROMPT_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* Called per prompt; strings are NUL-terminated and valid only during the call. Non-zero stops. */
typedef int (*prompt_fn)(void *arg, int64_t id, const char *name, const char *prompt);

/* The prompts of one language ("en" or "zh") in display order. Returns 0 or -ERR_*. */
int prompt_list(struct db *db, const char *lang, prompt_fn fn, void *arg);

/*
 * One prompt by id, any language. name and prompt are malloc'd copies the
 * caller frees. Returns 0, -ERR_NOT_FOUND, -ERR_*.
 */
int prompt_get(struct db *db, int64_t id, char **name, char **prompt);

#endif
