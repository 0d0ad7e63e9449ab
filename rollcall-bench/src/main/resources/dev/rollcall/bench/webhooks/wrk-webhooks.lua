-- wrk script for the webhook-ingress benchmark (WrkLoad writes the requests file).
-- Arguments: the requests file (one event per line: id TAB timestamp TAB signature TAB body) and
-- the thread count; thread k sends lines k, k + threads, ... in order, each once. Every answer is
-- counted by status; done() prints the counts and the latency percentiles (microseconds) for the
-- Java side to parse.
local next_thread = 1
local threads = {}

function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  local file, thread_count = args[1], tonumber(args[2])
  requests = {}
  local line_number = 0
  for line in io.lines(file) do
    if line_number % thread_count == thread_index - 1 then
      local id, timestamp, signature, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp,
        ["webhook-signature"] = signature,
      }, body)
    end
    line_number = line_number + 1
  end
  sent = 0
  accepted = 0
  duplicate = 0
  other = 0
  exhausted = 0
end

function request()
  sent = sent + 1
  if sent > #requests then
    exhausted = 1
    sent = #requests -- re-send the last one: answered as a duplicate, and reported
  end
  return requests[sent]
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  elseif status == 200 then
    duplicate = duplicate + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local totals = { accepted = 0, duplicate = 0, other = 0, exhausted = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  io.write(string.format("RESULT accepted=%d duplicate=%d other=%d exhausted=%d duration_us=%d"
      .. " errors=%d p50_us=%d p99_us=%d max_us=%d\n",
      totals.accepted, totals.duplicate, totals.other, totals.exhausted, summary.duration,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      latency:percentile(50), latency:percentile(99), latency.max))
end
