"""The dispatcher: body size (413), media type (415), and the order of the checks
(404/405, then 413, then 415, then 401, then the handler's 400)."""

import json

from harness import eq, expect_error, expect_ok, password, uname

SMALL = {"max_body": 2048, "max_input": 1024}


def small(t):
    return t.named_server("max_body_2048", SMALL)


def big_login_body(size=4000):
    body = {"username": "abcdef", "password": "12345678", "pad": ""}
    raw = json.dumps(body)
    body["pad"] = "x" * (size - len(raw))
    out = json.dumps(body).encode()
    assert len(out) == size
    return out


JSON = {"Content-Type": "application/json"}


def test_body_over_max_body_413(t):
    r = small(t).request("POST", "/api/login", big_login_body(4000), headers=JSON)
    expect_error(r, 413, "payload_too_large")


def test_body_over_max_body_chunked_413(t):
    r = small(t).request("POST", "/api/login", big_login_body(4000), headers=JSON, chunked=True)
    expect_error(r, 413, "payload_too_large")


def test_body_under_max_body_accepted(t):
    s = small(t)
    name, pw = uname("mb"), password()
    body = {"username": name, "password": pw, "pad": ""}
    body["pad"] = "y" * (1900 - len(json.dumps(body)))
    r = s.request("POST", "/api/login", body)
    j = expect_ok(r, 200)
    eq(j.get("registered"), True, "registered")


def test_body_over_default_max_body_413(t):
    r = t.server.request("POST", "/api/login", big_login_body(70000), headers=JSON)
    expect_error(r, 413, "payload_too_large")


def test_order_404_before_413(t):
    r = small(t).request("POST", "/api/nope", big_login_body(4000), headers=JSON)
    expect_error(r, 404, "not_found")


def test_order_405_before_413(t):
    r = small(t).request("POST", "/api/health", big_login_body(4000), headers=JSON)
    expect_error(r, 405, "method_not_allowed")


def test_order_413_before_415(t):
    r = small(t).request("POST", "/api/login", big_login_body(4000), headers={"Content-Type": "text/plain"})
    expect_error(r, 413, "payload_too_large")


def test_order_413_before_401(t):
    r = small(t).request("POST", "/api/heartbeat", big_login_body(4000), headers=JSON)
    expect_error(r, 413, "payload_too_large")


def test_text_plain_415(t):
    body = json.dumps({"username": uname("tp"), "password": password()}).encode()
    r = t.server.request("POST", "/api/login", body, headers={"Content-Type": "text/plain"})
    expect_error(r, 415, "unsupported_media_type")


def test_no_content_type_415(t):
    body = json.dumps({"username": uname("nc"), "password": password()}).encode()
    r = t.server.request("POST", "/api/login", body)
    expect_error(r, 415, "unsupported_media_type")


def test_form_urlencoded_415(t):
    r = t.server.request("POST", "/api/login", b"username=abcdef&password=12345678",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    expect_error(r, 415, "unsupported_media_type")


def test_json_charset_accepted(t):
    body = json.dumps({"username": uname("cs"), "password": password()}).encode()
    r = t.server.request("POST", "/api/login", body, headers={"Content-Type": "application/json; charset=utf-8"})
    expect_ok(r, 200)


def test_json_mixed_case_accepted(t):
    body = json.dumps({"username": uname("mc"), "password": password()}).encode()
    r = t.server.request("POST", "/api/login", body, headers={"Content-Type": "Application/JSON"})
    expect_ok(r, 200)


def test_order_404_before_415(t):
    r = t.server.request("POST", "/api/nope", b"hello", headers={"Content-Type": "text/plain"})
    expect_error(r, 404, "not_found")


def test_order_405_before_415(t):
    r = t.server.request("POST", "/api/health", b"hello", headers={"Content-Type": "text/plain"})
    expect_error(r, 405, "method_not_allowed")


def test_order_415_before_401(t):
    r = t.server.request("POST", "/api/heartbeat", b"hello", headers={"Content-Type": "text/plain"})
    expect_error(r, 415, "unsupported_media_type")


def test_order_401_before_400(t):
    r = t.server.request("POST", "/api/heartbeat", b"{not json", headers=JSON)
    expect_error(r, 401, "unauthorized")


def test_heartbeat_without_body_needs_no_content_type(t):
    _, _, tok = t.server.new_user("hb")
    r = t.server.request("POST", "/api/heartbeat", token=tok)
    expect_ok(r, 200)


def test_logout_without_body_needs_no_content_type(t):
    _, _, tok = t.server.new_user("lo")
    r = t.server.request("POST", "/api/logout", token=tok)
    expect_ok(r, 200)


def test_heartbeat_logged_in_text_plain_body_415(t):
    _, _, tok = t.server.new_user("hbt")
    r = t.server.request("POST", "/api/heartbeat", b"hello", headers={"Content-Type": "text/plain"}, token=tok)
    expect_error(r, 415, "unsupported_media_type")


def test_heartbeat_logged_in_body_over_max_body_413(t):
    s = small(t)
    _, _, tok = s.new_user("hbb")
    r = s.request("POST", "/api/heartbeat", big_login_body(4000), headers=JSON, token=tok)
    expect_error(r, 413, "payload_too_large")
