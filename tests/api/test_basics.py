"""The envelope, /api/health, unknown routes and wrong methods."""

from harness import check, eq, expect_envelope, expect_error, expect_ok


def test_health_ok(t):
    r = t.server.request("GET", "/api/health")
    j = expect_ok(r, 200)
    eq(j.get("status"), 0, "status")
    eq(j.get("message"), "ok", "message")
    check(isinstance(j.get("version"), str) and j["version"], "version missing: %r" % j)


def test_health_needs_no_login_and_ignores_token_garbage(t):
    r = t.server.request("GET", "/api/health", headers={"Authorization": "Bearer abc"})
    expect_ok(r, 200)


def test_health_query_string_ignored(t):
    r = t.server.request("GET", "/api/health?x=1")
    j = expect_ok(r, 200)
    eq(j.get("message"), "ok", "message")


def test_health_head(t):
    r = t.server.request("HEAD", "/api/health")
    eq(r.status, 200, "HEAD /api/health")
    expect_envelope(r)
    eq(r.raw, b"", "HEAD body")


def test_cache_control_no_store(t):
    r = t.server.request("GET", "/api/health")
    cc = [p.strip().lower() for p in (r.header("Cache-Control") or "").split(",")]
    check("no-store" in cc, "Cache-Control: %r" % r.header("Cache-Control"))
    ct = r.header("Content-Type") or ""
    eq(ct.split(";")[0].strip().lower(), "application/json", "Content-Type")


def test_unknown_path_404(t):
    r = t.server.request("GET", "/api/nope")
    expect_error(r, 404, "not_found")


def test_unknown_path_post_404(t):
    r = t.server.request("POST", "/api/nope", {"a": 1})
    expect_error(r, 404, "not_found")


def test_subpath_of_known_route_404(t):
    r = t.server.request("POST", "/api/login/extra", {"username": "abc", "password": "12345678"})
    expect_error(r, 404, "not_found")


def test_api_root_404(t):
    r = t.server.request("GET", "/api/")
    expect_error(r, 404, "not_found")


def _allow(r):
    return [m.strip().upper() for m in (r.header("Allow") or "").split(",") if m.strip()]


def test_get_login_405_allow_post(t):
    r = t.server.request("GET", "/api/login")
    expect_error(r, 405, "method_not_allowed")
    eq(_allow(r), ["POST"], "Allow header")


def test_delete_heartbeat_405_allow_post(t):
    r = t.server.request("DELETE", "/api/heartbeat")
    expect_error(r, 405, "method_not_allowed")
    eq(_allow(r), ["POST"], "Allow header")


def test_get_logout_405_allow_post(t):
    r = t.server.request("GET", "/api/logout")
    expect_error(r, 405, "method_not_allowed")
    eq(_allow(r), ["POST"], "Allow header")


def test_post_health_405_allow_get_head(t):
    r = t.server.request("POST", "/api/health", {})
    expect_error(r, 405, "method_not_allowed")
    eq(sorted(_allow(r)), ["GET", "HEAD"], "Allow header")


def test_put_prompts_405_allow_get_head(t):
    r = t.server.request("PUT", "/api/prompts", {})
    expect_error(r, 405, "method_not_allowed")
    eq(sorted(_allow(r)), ["GET", "HEAD"], "Allow header")

