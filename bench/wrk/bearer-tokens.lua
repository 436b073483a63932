-- wrk script for the PermitWatch benchmarks: every request carries one of the bearer tokens in the file named by the
-- environment's BENCH_TOKENS (one per line), rotating, as the Java clients' workers each carry their own. BENCH_METHOD
-- and BENCH_BODY (JSON) make it a write (e.g. POST {}), else a GET. The requests are formatted once in init
-- (wrk.format per request would spend the client's CPU on Lua, not the server's). At the end two lines for the calling
-- program: requests, non-2xx/3xx answers, socket errors, p50/p95/p99/max latency and the duration in microseconds;
-- then the answers by status.
local requests = {}
local next_request = 0
statuses = {} -- global: done() reads each thread's copy with thread:get, which sees globals only
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  local method = os.getenv("BENCH_METHOD") or "GET"
  local body = os.getenv("BENCH_BODY")
  if body == "" then body = nil end
  local file = assert(io.open(os.getenv("BENCH_TOKENS"), "r"))
  for token in file:lines() do
    if token ~= "" then
      local headers = { ["Authorization"] = "Bearer " .. token }
      if body then headers["Content-Type"] = "application/json" end
      requests[#requests + 1] = wrk.format(method, nil, headers, body)
    end
  end
  file:close()
  next_request = math.random(#requests) - 1
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format("WRK requests=%d non2xx=%d socket=%d p50=%d p95=%d p99=%d max=%d duration=%d\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max, summary.duration))
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local line = "WRKSTATUS"
  for status, count in pairs(total) do line = line .. " " .. status .. "=" .. count end
  io.write(line .. "\n")
end
