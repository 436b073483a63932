-- wrk script for the PermitWatch benchmarks: every request carries one of the bearer tokens in the file named by the
-- environment's BENCH_TOKENS (one per line), rotating, so that several callers are served as in the Java client.
-- The requests are formatted once in init (wrk.format per request would spend the client's CPU on Lua, not the
-- server's). At the end one line for the calling program: requests, non-2xx/3xx answers, socket errors, p50/p95/max
-- latency in microseconds.
local requests = {}
local next_request = 0

function init(args)
  local file = assert(io.open(os.getenv("BENCH_TOKENS"), "r"))
  for token in file:lines() do
    if token ~= "" then
      requests[#requests + 1] = wrk.format(nil, nil, { ["Authorization"] = "Bearer " .. token })
    end
  end
  file:close()
  next_request = math.random(#requests) - 1
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format("WRK requests=%d non2xx=%d socket=%d p50=%d p95=%d max=%d duration=%d\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency.max, summary.duration))
end
