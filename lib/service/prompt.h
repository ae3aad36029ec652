/*
 * prompt.h - the preset prompts offered to a user, in the user's language.
 */
#ifndef SERVICE_PROMPT_H
#define SERVICE_PROMPT_H

#include <stdint.h>

struct app;

/*
 * The language of the prompt set for an Accept-Language value: "zh" when
 * the language with the highest q-value (first wins on ties) is Chinese
 * (zh, zh-CN, zh-Hans, ...), "en" otherwise, and for NULL or garbage.
 * Returns a static string.
 */
const char *prompt_lang(const char *accept_language);

/* Called per prompt; strings valid during the call only. Non-zero stops. */
typedef int (*prompt_each_fn)(void *arg, int64_t id, const char *name, const char *prompt);

/* The prompts of lang in display order. Returns 0 or -ERR_*. */
int prompts_list(struct app *app, const char *lang, prompt_each_fn fn, void *arg);

#endif
