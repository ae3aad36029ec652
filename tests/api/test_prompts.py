"""GET /api/prompts: login required, English and Chinese sets by Accept-Language."""

import re

from harness import check, eq, expect_error, expect_ok

CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def get_prompts(t, lang=None):
    s = t.server
    _, _, tok = s.new_user("pr")
    headers = {"Accept-Language": lang} if lang is not None else None
    j = expect_ok(s.request("GET", "/api/prompts", token=tok, headers=headers), 200)
    eq(j.get("message"), "ok", "message")
    prompts = j.get("prompts")
    check(isinstance(prompts, list), "prompts is not a list: %r" % (prompts,))
    return prompts


def is_chinese(prompts):
    return all(CJK.search(p["name"]) for p in prompts)


def is_english(prompts):
    return not any(CJK.search(p["name"]) or CJK.search(p["prompt"]) for p in prompts)


def test_prompts_require_login(t):
    expect_error(t.server.request("GET", "/api/prompts"), 401, "unauthorized")


def test_prompts_shape(t):
    prompts = get_prompts(t)
    check(len(prompts) >= 8, "only %d prompts" % len(prompts))
    for p in prompts:
        check(isinstance(p, dict), "prompt is not an object: %r" % (p,))
        check(isinstance(p.get("id"), int) and not isinstance(p.get("id"), bool), "id: %r" % (p,))
        check(isinstance(p.get("name"), str) and p["name"], "name: %r" % (p,))
        check(isinstance(p.get("prompt"), str) and p["prompt"], "prompt: %r" % (p,))
    ids = [p["id"] for p in prompts]
    eq(len(set(ids)), len(ids), "unique ids (%r)" % ids)


def test_prompts_head(t):
    s = t.server
    _, _, tok = s.new_user("prh")
    r = s.request("HEAD", "/api/prompts", token=tok)
    eq(r.status, 200, "HEAD /api/prompts")
    eq(r.raw, b"", "HEAD body")


def test_prompts_default_english(t):
    prompts = get_prompts(t)
    check(is_english(prompts), "CJK in the default set: %r" % [p["name"] for p in prompts])


def test_prompts_en_us(t):
    prompts = get_prompts(t, "en-US,en;q=0.9")
    check(is_english(prompts), "CJK in the English set: %r" % [p["name"] for p in prompts])


def test_prompts_zh_cn(t):
    prompts = get_prompts(t, "zh-CN,zh;q=0.9")
    check(len(prompts) >= 8, "only %d prompts" % len(prompts))
    check(is_chinese(prompts), "names without CJK: %r" % [p["name"] for p in prompts])


def test_prompts_q_values(t):
    prompts = get_prompts(t, "en;q=0.5, zh;q=0.8")
    check(is_chinese(prompts), "zh preferred by q, got %r" % [p["name"] for p in prompts])


def test_prompts_french_falls_back_to_english(t):
    prompts = get_prompts(t, "fr")
    check(is_english(prompts), "fr: %r" % [p["name"] for p in prompts])


def test_prompts_same_count_both_languages(t):
    en = get_prompts(t, "en")
    zh = get_prompts(t, "zh-CN")
    eq(len(zh), len(en), "number of Chinese prompts vs English")
