-- heartbeat.lua - wrk script for bin/bench: POST /api/heartbeat with a
-- Bearer token and "Content-Length: 0" (lighttpd wants one on every POST).
--
--   wrk -t THREADS ... -s heartbeat.lua URL -- TOKENS_FILE THREADS
--
-- TOKENS_FILE holds one token per line (one per bench user). Thread k of
-- THREADS takes the tokens k+1, k+1+THREADS, ... and cycles through them
-- request by request, so every login row is hit, none is the only one.

local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local reqs = {}
local n = 0
local i = 0

function init(args)
  local path, threads = args[1], tonumber(args[2] or "1")
  local all = {}
  for line in io.lines(path) do
    if #line > 0 then all[#all + 1] = line end
  end
  local me = id or 0
  for k = 1, #all do
    if (k - 1) % threads == me then
      reqs[#reqs + 1] = wrk.format("POST", "/api/heartbeat", {
        ["Host"] = wrk.headers["Host"] or "127.0.0.1",
        ["Authorization"] = "Bearer " .. all[k],
      }, "")  -- an empty body: wrk.format then sends "Content-Length: 0"
    end
  end
  n = #reqs
  if n == 0 then
    io.stderr:write("heartbeat.lua: no token for thread " .. me .. "\n")
    os.exit(2)
  end
end

function request()
  i = i % n + 1
  return reqs[i]
end
