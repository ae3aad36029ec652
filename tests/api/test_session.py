"""Logins as sessions: one device per user, logout, heartbeat, idle timeout."""

import threading
import time

from harness import check, eq, expect_error, expect_ok, password, serial, uname


def _cleared(cookie):
    parts = [p.strip() for p in cookie.split(";")]
    name, _, value = parts[0].partition("=")
    attrs = {p.partition("=")[0].strip().lower(): p.partition("=")[2].strip() for p in parts[1:]}
    return name == "chat_token" and attrs.get("max-age") == "0"


# ------------------------------------------------------------ one device per user


def test_second_login_ends_the_first(t):
    s = t.server
    name, pw, tok1 = s.new_user("od")
    tok2 = s.login_ok(name, pw)
    expect_error(s.heartbeat(tok1), 401, "logged_in_elsewhere")
    expect_ok(s.heartbeat(tok2), 200)


def test_parallel_logins_of_one_user_leave_one(t):
    s = t.server
    name, pw, first = s.new_user("pl")
    results = [None] * 10
    barrier = threading.Barrier(10)

    def worker(i):
        try:
            barrier.wait(timeout=10)
            results[i] = s.login(name, pw)
        except Exception as e:  # noqa: BLE001
            results[i] = e

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(10)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    tokens = []
    for r in results:
        check(not isinstance(r, Exception) and r is not None, "a login raised: %r" % (r,))
        expect_ok(r, 200)
        tokens.append(r.json["token"])
    eq(len(set(tokens)), 10, "distinct tokens")
    beats = [s.heartbeat(tk) for tk in tokens]
    good = [b for b in beats if b.status == 200]
    eq(len(good), 1, "tokens that still work (%s)" % [b.status for b in beats])
    for b in beats:
        if b.status != 200:
            expect_error(b, 401, "logged_in_elsewhere")
    expect_error(s.heartbeat(first), 401, "logged_in_elsewhere")


def test_parallel_logins_of_twenty_users(t):
    s = t.server
    names = [(uname("pu"), password()) for _ in range(20)]
    results = [None] * 20
    barrier = threading.Barrier(20)

    def worker(i):
        try:
            barrier.wait(timeout=10)
            results[i] = s.login(*names[i])
        except Exception as e:  # noqa: BLE001
            results[i] = e

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    for i, r in enumerate(results):
        check(not isinstance(r, Exception) and r is not None, "login %d raised: %r" % (i, r))
        j = expect_ok(r, 200)
        eq(j.get("username"), names[i][0], "username")
        eq(j.get("registered"), True, "registered")
    for r in results:
        expect_ok(s.heartbeat(r.json["token"]), 200)


# ------------------------------------------------------------ logout


def test_logout_with_bearer(t):
    s = t.server
    _, _, tok = s.new_user("lb")
    r = s.request("POST", "/api/logout", token=tok)
    j = expect_ok(r, 200)
    eq(j, {"status": 0, "message": "Logout successful."}, "body")
    cookies = r.all_headers("Set-Cookie")
    check(any(_cleared(c) for c in cookies), "no Set-Cookie clearing chat_token (Max-Age=0): %r" % cookies)
    expect_error(s.heartbeat(tok), 401, "unauthorized")


def test_logout_with_token_in_body(t):
    s = t.server
    _, _, tok = s.new_user("lbd")
    r = s.request("POST", "/api/logout", {"token": tok})
    j = expect_ok(r, 200)
    eq(j.get("message"), "Logout successful.", "message")
    expect_error(s.heartbeat(tok), 401, "unauthorized")


def test_logout_with_cookie(t):
    s = t.server
    _, _, tok = s.new_user("lck")
    r = s.request("POST", "/api/logout", cookie="chat_token=" + tok, headers={"X-Requested-With": "chat"})
    expect_ok(r, 200)
    expect_error(s.heartbeat(tok), 401, "unauthorized")


def test_logout_with_replaced_token_keeps_the_new_login(t):
    s = t.server
    name, pw, old = s.new_user("lr")
    new = s.login_ok(name, pw)
    s.request("POST", "/api/logout", token=old)  # 401 or 200: either way it must not end the new login
    expect_ok(s.heartbeat(new), 200)


def test_logout_without_token_401(t):
    r = t.server.request("POST", "/api/logout")
    expect_error(r, 401, "unauthorized")


def test_logout_twice_401(t):
    s = t.server
    _, _, tok = s.new_user("l2")
    expect_ok(s.request("POST", "/api/logout", token=tok), 200)
    expect_error(s.request("POST", "/api/logout", token=tok), 401, "unauthorized")


def test_login_after_logout(t):
    s = t.server
    name, pw, tok = s.new_user("la")
    expect_ok(s.request("POST", "/api/logout", token=tok), 200)
    tok2 = s.login_ok(name, pw)
    expect_ok(s.heartbeat(tok2), 200)


# ------------------------------------------------------------ heartbeat


def test_heartbeat_ok(t):
    s = t.server
    _, _, tok = s.new_user("hb")
    j = expect_ok(s.heartbeat(tok), 200)
    eq(j, {"status": 0, "message": "ok", "idle_timeout": 30}, "body")


def test_heartbeat_without_token_401(t):
    expect_error(t.server.heartbeat(None), 401, "unauthorized")


# ------------------------------------------------------------ idle timeout


@serial
def test_idle_timeout(t):
    s = t.new_server({"idle_timeout": 2})
    name, pw, tok = s.new_user("idle")
    j = expect_ok(s.heartbeat(tok), 200)
    eq(j.get("idle_timeout"), 2, "idle_timeout")
    t0 = time.monotonic()
    for i in range(1, 5):
        time.sleep(max(0, t0 + i - time.monotonic()))
        expect_ok(s.heartbeat(tok), 200)
    time.sleep(3.5)
    expect_error(s.heartbeat(tok), 401, "session_expired")
    tok2 = s.login_ok(name, pw)
    expect_ok(s.heartbeat(tok2), 200)


@serial
def test_idle_timeout_any_request_is_activity(t):
    s = t.new_server({"idle_timeout": 2})
    _, _, tok = s.new_user("idlep")
    t0 = time.monotonic()
    for i in range(1, 5):
        time.sleep(max(0, t0 + i - time.monotonic()))
        expect_ok(s.request("GET", "/api/prompts", token=tok), 200)
    expect_ok(s.heartbeat(tok), 200)


@serial
def test_idle_timeout_of_one_second_kept_by_frequent_requests(t):
    # activity is recorded at a tenth of a short timeout, not once a second:
    # a client beating every 0.5 s must never expire under idle_timeout = 1
    s = t.new_server({"idle_timeout": 1})
    _, _, tok = s.new_user("idle1")
    t0 = time.monotonic()
    for i in range(1, 7):
        time.sleep(max(0, t0 + i * 0.5 - time.monotonic()))
        expect_ok(s.heartbeat(tok), 200)
    time.sleep(1.6)
    expect_error(s.heartbeat(tok), 401, "session_expired")
