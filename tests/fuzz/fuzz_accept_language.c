/*
 * fuzz_accept_language.c - libFuzzer target: prompt_lang over any
 * Accept-Language value (the input, NUL-terminated). It must answer "en"
 * or "zh", and "en" when the text holds no "zh" in any case.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "service/prompt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	const char *lang = prompt_lang(s);
	if (!lang || (strcmp(lang, "en") != 0 && strcmp(lang, "zh") != 0))
		abort();
	int has_zh = 0;
	for (size_t i = 0; s[i] && s[i + 1]; i++)
		has_zh |= (s[i] == 'z' || s[i] == 'Z') && (s[i + 1] == 'h' || s[i + 1] == 'H');
	if (!has_zh && strcmp(lang, "en") != 0)
		abort();
	free(s);
	return 0;
}
