"""Login throttling: per username (login_max_failures) and per client address
(4 x login_max_failures), both within login_window. Dedicated servers: the
shared one must not collect failures from these tests."""

from harness import check, eq, expect_error, expect_ok, password, uname

MAX3 = {"login_max_failures": 3, "login_window": 300}


def expect_throttled(r, window=300):
    j = expect_error(r, 429, "login_throttled")
    ra = r.header("Retry-After")
    check(ra is not None and ra.strip().isdigit(), "Retry-After header: %r" % (ra,))
    check(1 <= int(ra) <= window, "Retry-After %s outside 1..%d" % (ra, window))
    v = j.get("retry_after")
    check(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= window, "retry_after field: %r" % (v,))
    return j


def fail_n(s, name, pw, n):
    for i in range(n):
        r = s.login(name, pw + "-wrong%d" % i)
        expect_error(r, 401, "invalid_credentials")


# Server A: 6 failures in all (3 + 3), below the address limit of 12.

def test_throttle_username_after_max_failures(t):
    s = t.named_server("throttle_a", MAX3)
    name, pw, _ = s.new_user("th")
    fail_n(s, name, pw, 3)
    expect_throttled(s.login(name, pw))


def test_throttle_other_username_not_throttled(t):
    s = t.named_server("throttle_a", MAX3)
    a, apw, _ = s.new_user("tha")
    b, bpw, _ = s.new_user("thb")
    fail_n(s, a, apw, 3)
    expect_ok(s.login(b, bpw), 200)


# Server B: 4 + 2 + 3 = 9 failures.

def test_throttle_success_clears_failures(t):
    s = t.named_server("throttle_b", MAX3)
    name, pw, _ = s.new_user("tc")
    fail_n(s, name, pw, 2)
    expect_ok(s.login(name, pw), 200)
    fail_n(s, name, pw, 2)
    j = expect_ok(s.login(name, pw), 200)
    eq(j.get("registered"), False, "registered")


def test_throttle_bad_requests_do_not_count(t):
    s = t.named_server("throttle_b", MAX3)
    name, pw, _ = s.new_user("tbr")
    fail_n(s, name, pw, 2)
    for body in ({"username": name, "password": "short"},
                 {"username": name, "password": 12345678},
                 {"username": name}):
        expect_error(s.request("POST", "/api/login", body), 400, "bad_request")
    expect_error(s.request("POST", "/api/login", b'{"username": "%s", "password": ' % name.encode(),
                           headers={"Content-Type": "application/json"}), 400, "bad_request")
    expect_ok(s.login(name, pw), 200)


def test_throttle_username_case_insensitive(t):
    s = t.named_server("throttle_b", MAX3)
    name, pw, _ = s.new_user("tCase")
    fail_n(s, name.lower(), pw, 3)
    expect_throttled(s.login(name.upper(), pw))


# Dedicated servers for the address limit.

def test_throttle_address(t):
    s = t.new_server(MAX3)
    users = [s.new_user("ta%d" % i) for i in range(4)]
    spare, spare_pw, _ = s.new_user("tas")
    # 12 failures over 4 usernames: none of them is refused before the limit
    for name, pw, _ in users:
        fail_n(s, name, pw, 3)
    expect_throttled(s.login(spare, spare_pw))


def test_throttle_address_unknown_username(t):
    s = t.new_server(MAX3)
    users = [s.new_user("tu%d" % i) for i in range(4)]
    for name, pw, _ in users:
        fail_n(s, name, pw, 3)
    expect_throttled(s.login(uname("tunew"), password()))


def test_throttle_address_other_address_not_throttled(t):
    s = t.new_server({"login_max_failures": 1})
    users = [s.new_user("to%d" % i) for i in range(5)]
    for name, pw, _ in users[:4]:
        fail_n(s, name, pw, 1)
    name, pw, _ = users[4]
    expect_throttled(s.login(name, pw))
    expect_ok(s.login(name, pw, source="127.0.0.2"), 200)


def test_throttle_address_ignores_x_forwarded_for(t):
    s = t.new_server({"login_max_failures": 1})
    users = [s.new_user("tx%d" % i) for i in range(5)]
    for i, (name, pw, _) in enumerate(users[:4]):
        r = s.login(name, pw + "-wrong", headers={"X-Forwarded-For": "10.9.8.%d" % i, "X-Real-IP": "10.9.8.%d" % i})
        expect_error(r, 401, "invalid_credentials")
    name, pw, _ = users[4]
    expect_throttled(s.login(name, pw, headers={"X-Forwarded-For": "10.1.2.3", "X-Real-IP": "10.1.2.3"}))
