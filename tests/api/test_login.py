"""POST /api/login: validation, registration, the token, the cookie, credentials."""

import re
import secrets
import threading
import time

from harness import (RUN_TAG, check, eq, expect_error, expect_ok, jwt_parts, parse_iso_z, password,
                     remember_password, uname)

JSON = {"Content-Type": "application/json"}


def _pw(n):
    """A random ASCII password of exactly n bytes."""
    s = (secrets.token_hex(n) + "x" * n)[:n]
    return s


# ------------------------------------------------------------ malformed bodies

RAW_BAD = [
    ("malformed_json", b'{"username": "abcdef", "password": '),
    ("json_array", b'["abcdef", "12345678"]'),
    ("json_empty_array", b"[]"),
    ("json_string", b'"username"'),
    ("json_number", b"42"),
    ("json_null", b"null"),
    ("invalid_utf8_username", b'{"username": "ab\xff\xfecd", "password": "Zx9-kq2mLp"}'),
    ("invalid_utf8_password", b'{"username": "utf8pw_' + RUN_TAG.encode() + b'", "password": "Zx9\xc3\x28kq2mLp"}'),
    ("trailing_garbage", b'{"username": "abcdef", "password": "Zx9-kq2mLp"} x'),
    ("two_objects", b'{"username": "abcdef", "password": "Zx9-kq2mLp"}{}'),
    ("empty_body", b""),
    ("deeply_nested_array", b"[" * 5000 + b"]" * 5000),
]


def _make_raw_bad(name, raw):
    def test(t):
        r = t.server.request("POST", "/api/login", raw, headers=JSON)
        expect_error(r, 400, "bad_request")
    test.__name__ = "test_bad_body_" + name
    test.__qualname__ = test.__name__
    return test


for _n, _raw in RAW_BAD:
    globals()["test_bad_body_" + _n] = _make_raw_bad(_n, _raw)


# ------------------------------------------------------------ field validation
# Each case: (name, body builder, field). Builders get a fresh valid username
# and password so that only the named field is wrong.

FIELD_BAD = [
    ("username_missing", lambda u, p: {"password": p}, "username"),
    ("password_missing", lambda u, p: {"username": u}, "password"),
    ("username_number", lambda u, p: {"username": 12345, "password": p}, "username"),
    ("username_null", lambda u, p: {"username": None, "password": p}, "username"),
    ("username_array", lambda u, p: {"username": [u], "password": p}, "username"),
    ("username_object", lambda u, p: {"username": {"a": u}, "password": p}, "username"),
    ("username_bool", lambda u, p: {"username": True, "password": p}, "username"),
    ("password_number", lambda u, p: {"username": u, "password": 123456789}, "password"),
    ("password_null", lambda u, p: {"username": u, "password": None}, "password"),
    ("password_array", lambda u, p: {"username": u, "password": [p]}, "password"),
    ("password_bool", lambda u, p: {"username": u, "password": False}, "password"),
    ("username_empty", lambda u, p: {"username": "", "password": p}, "username"),
    ("username_2_chars", lambda u, p: {"username": "ab", "password": p}, "username"),
    ("username_33_chars", lambda u, p: {"username": (u + "x" * 33)[:33], "password": p}, "username"),
    ("username_space", lambda u, p: {"username": "ab " + u[:20], "password": p}, "username"),
    ("username_e_acute", lambda u, p: {"username": "caf\u00e9" + u[:20], "password": p}, "username"),
    ("username_slash", lambda u, p: {"username": "a/" + u[:20], "password": p}, "username"),
    ("username_lt", lambda u, p: {"username": "a<" + u[:20], "password": p}, "username"),
    ("username_nul", lambda u, p: {"username": u[:10] + "\u0000x", "password": p}, "username"),
    ("password_7_bytes", lambda u, p: {"username": u, "password": "Zx9-kq2"}, "password"),
    ("password_empty", lambda u, p: {"username": u, "password": ""}, "password"),
    ("password_129_bytes", lambda u, p: {"username": u, "password": _pw(129)}, "password"),
    # 3 characters, 6 bytes: the limit counts bytes
    ("password_6_bytes_utf8", lambda u, p: {"username": u, "password": "\u00e9\u00e9\u00e9"}, "password"),
    # 65 characters, 130 bytes
    ("password_130_bytes_utf8", lambda u, p: {"username": u, "password": "\u00e9" * 65}, "password"),
    ("password_nul", lambda u, p: {"username": u, "password": p[:10] + "\u0000" + p[10:]}, "password"),
]


def _make_field_bad(name, build, field):
    def test(t):
        body = build(uname("fv"), password())
        r = t.server.request("POST", "/api/login", body)
        expect_error(r, 400, "bad_request", field=field)
    test.__name__ = "test_field_" + name
    test.__qualname__ = test.__name__
    return test


for _n, _b, _f in FIELD_BAD:
    globals()["test_field_" + _n] = _make_field_bad(_n, _b, _f)


def test_bad_request_after_login_does_not_end_it(t):
    name, pw, tok = t.server.new_user("bk")
    r = t.server.request("POST", "/api/login", {"username": name, "password": "short"})
    expect_error(r, 400, "bad_request", field="password")
    expect_ok(t.server.heartbeat(tok), 200)


# ------------------------------------------------------------ valid edges


def test_username_3_chars_ok(t):
    name = "q" + RUN_TAG[:2]
    r = t.server.login(name, password())
    j = expect_ok(r, 200)
    eq(j.get("username"), name, "username")


def test_username_32_chars_ok(t):
    name = (uname("long") + "L" * 32)[:32]
    r = t.server.login(name, password())
    j = expect_ok(r, 200)
    eq(j.get("username"), name, "username")


def test_username_punctuation_ok(t):
    name = "a.b-c_D9" + uname("p")
    r = t.server.login(name, password())
    j = expect_ok(r, 200)
    eq(j.get("username"), name, "username")


def test_password_8_bytes_ok(t):
    pw = _pw(8)
    remember_password(pw)
    expect_ok(t.server.login(uname("p8"), pw), 200)


def test_password_128_bytes_ok(t):
    pw = _pw(128)
    remember_password(pw)
    expect_ok(t.server.login(uname("p128"), pw), 200)


def test_password_128_bytes_utf8_ok(t):
    name = uname("pu")
    pw = "\u00e9" * 60 + _pw(8)
    t.server.login_ok(name, pw)
    r = t.server.login(name, pw)
    j = expect_ok(r, 200)
    eq(j.get("registered"), False, "registered on the second login")


def test_unknown_fields_ignored(t):
    name, pw = uname("uf"), password()
    r = t.server.request("POST", "/api/login", {"username": name, "password": pw, "remember": True,
                                                "extra": {"a": [1, 2]}, "token": None})
    j = expect_ok(r, 200)
    eq(j.get("username"), name, "username")


# ------------------------------------------------------------ registration and the answer


def test_first_login_registers(t):
    name, pw = uname("reg"), password()
    before = int(time.time())
    r = t.server.login(name, pw)
    after = int(time.time())
    j = expect_ok(r, 200)
    eq(j.get("message"), "Login successful.", "message")
    eq(j.get("username"), name, "username")
    eq(j.get("registered"), True, "registered")
    check(isinstance(j.get("token"), str) and j["token"].count(".") == 2, "token: %r" % j.get("token"))
    exp = parse_iso_z(j.get("expires_at"))
    check(before + 86400 - 5 <= exp <= after + 86400 + 5,
          "expires_at %s is not about 86400 s from now (%d)" % (j["expires_at"], before))


def test_second_login_not_registered(t):
    name, pw, _ = t.server.new_user("sec")
    r = t.server.login(name, pw)
    j = expect_ok(r, 200)
    eq(j.get("registered"), False, "registered")
    eq(j.get("username"), name, "username")
    eq(j.get("message"), "Login successful.", "message")


def test_username_case_insensitive(t):
    base = uname("Ci")
    first = "Bob_" + base
    second = "bOB_" + base.swapcase()
    pw = password()
    j1 = expect_ok(t.server.login(first, pw), 200)
    eq(j1.get("registered"), True, "first registered")
    j2 = expect_ok(t.server.login(second, pw), 200)
    eq(j2.get("registered"), False, "second registered")
    eq(j2.get("username"), first, "username as first registered")
    eq(jwt_parts(j2["token"])[1].get("uid"), jwt_parts(j1["token"])[1].get("uid"), "uid of both logins")


def test_token_is_hs256_jwt_with_claims(t):
    name, pw = uname("jwt"), password()
    now = int(time.time())
    j = expect_ok(t.server.login(name, pw), 200)
    hdr, pl, sig = jwt_parts(j["token"])
    eq(hdr.get("alg"), "HS256", "header alg")
    eq(len(sig), 32, "HS256 signature length")
    check(isinstance(pl.get("jti"), str) and re.fullmatch(r"[0-9a-fA-F]{32}", pl["jti"]), "jti: %r" % pl.get("jti"))
    eq(pl.get("sub"), name, "sub")
    for k in ("uid", "iat", "exp"):
        check(isinstance(pl.get(k), int) and not isinstance(pl.get(k), bool), "%s is not an integer: %r" % (k, pl.get(k)))
    check(pl["uid"] > 0, "uid %r" % pl["uid"])
    check(abs(pl["iat"] - now) <= 5, "iat %d, now %d" % (pl["iat"], now))
    check(abs(pl["exp"] - (now + 86400)) <= 5, "exp %d is not about now + 86400 (%d)" % (pl["exp"], now + 86400))
    check(abs(parse_iso_z(j["expires_at"]) - pl["exp"]) <= 1, "expires_at %s differs from exp %d"
          % (j["expires_at"], pl["exp"]))


def test_jti_unique_per_login(t):
    name, pw, tok1 = t.server.new_user("jti")
    tok2 = t.server.login_ok(name, pw)
    check(tok1 != tok2, "the same token twice")
    check(jwt_parts(tok1)[1]["jti"] != jwt_parts(tok2)[1]["jti"], "the same jti twice")


def test_login_sets_cookie(t):
    name, pw = uname("ck"), password()
    r = t.server.login(name, pw)
    j = expect_ok(r, 200)
    cookies = [c for c in r.all_headers("Set-Cookie") if c.strip().startswith("chat_token=")]
    eq(len(cookies), 1, "Set-Cookie chat_token headers (%r)" % r.all_headers("Set-Cookie"))
    parts = [p.strip() for p in cookies[0].split(";")]
    eq(parts[0], "chat_token=" + j["token"], "cookie value")
    attrs = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        attrs[k.strip().lower()] = v.strip()
    check("httponly" in attrs, "no HttpOnly: %r" % cookies[0])
    eq(attrs.get("samesite", "").lower(), "strict", "SameSite (%r)" % cookies[0])
    eq(attrs.get("path"), "/api", "Path (%r)" % cookies[0])
    check("secure" not in attrs, "Secure over plain http: %r" % cookies[0])


# ------------------------------------------------------------ credentials


def test_wrong_password_401(t):
    name, pw, _ = t.server.new_user("wp")
    r = t.server.login(name, pw + "x")
    expect_error(r, 401, "invalid_credentials")


def test_failed_login_keeps_the_current_login(t):
    name, pw, tok = t.server.new_user("wk")
    expect_error(t.server.login(name, pw.upper() if pw.upper() != pw else pw + "Q"), 401, "invalid_credentials")
    expect_ok(t.server.heartbeat(tok), 200)


def test_registration_closed(t):
    s1 = t.new_server(name="reg-open")
    old, pw = uname("old"), password()
    expect_ok(s1.login(old, pw), 200)
    s1.stop()
    s2 = t.new_server({"registration": "closed"}, data_dir=s1.data_dir, name="reg-closed")
    r = s2.login(uname("new"), password())
    expect_error(r, 403, "registration_closed")
    j = expect_ok(s2.login(old, pw), 200)
    eq(j.get("registered"), False, "registered")
    eq(j.get("username"), old, "username")


def test_parallel_first_logins_register_once(t):
    s = t.server
    base = uname("race")
    pw = password()
    names = [base if i % 2 == 0 else base.swapcase() for i in range(6)]
    results = [None] * len(names)
    barrier = threading.Barrier(len(names))

    def worker(i):
        try:
            barrier.wait(timeout=10)
            results[i] = s.login(names[i], pw)
        except Exception as e:  # noqa: BLE001
            results[i] = e

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(names))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    for r in results:
        check(not isinstance(r, Exception) and r is not None, "a login raised: %r" % (r,))
        expect_ok(r, 200)
    eq(sum(1 for r in results if r.json.get("registered") is True), 1, "logins that registered")
    eq(len({r.json.get("username") for r in results}), 1, "usernames answered (%r)"
       % [r.json.get("username") for r in results])
    eq(len({jwt_parts(r.json["token"])[1].get("uid") for r in results}), 1, "uids")
