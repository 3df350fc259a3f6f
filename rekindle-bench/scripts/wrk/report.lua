-- Shared by the web benchmark's wrk scripts (web-bench.sh): counts answers whose status is not
-- the one expected (wrk itself counts a 302 to the login page as a success, which would make a
-- lost session look fast) and prints one parseable line at the end:
--   RESULT requests=N seconds=S rps=R p50_ms=A p95_ms=B p99_ms=C bad=K errors=E
-- (bad: answers not as expected; errors: connections that failed or timed out)
-- wrk's own --latency table has no 95th percentile, hence this.
-- A script sets `expect` (a status, default 200) and may set `check(body)`, which returns false
-- for an answer whose body is wrong.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

bad = 0
first_bad = nil

function response(status, headers, body)
  if status ~= expect or (check ~= nil and not check(body)) then
    bad = bad + 1
    if first_bad == nil then
      first_bad = tostring(status) .. " " .. string.sub(tostring(body), 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  local sample = nil
  for _, t in ipairs(threads) do
    bad_total = bad_total + (t:get("bad") or 0)
    sample = sample or t:get("first_bad")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.3f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f bad=%d errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    bad_total, e.connect + e.read + e.write + e.timeout))
  if sample ~= nil then
    io.write("FIRST_BAD " .. string.gsub(sample, "[\r\n]", " ") .. "\n")
  end
end

-- Lines of a file, for the customer ids the script sampled from the database.
function read_lines(path)
  local lines = {}
  local f = assert(io.open(path, "r"), "cannot read " .. tostring(path))
  for line in f:lines() do
    if line ~= "" then
      table.insert(lines, line)
    end
  end
  f:close()
  assert(#lines > 0, path .. " is empty")
  return lines
end

-- A path segment: everything but unreserved characters percent-encoded.
function encode(s)
  return (string.gsub(s, "[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

-- A JSON string's contents (the ids sampled are plain, but be safe).
function json_escape(s)
  return (string.gsub(s, '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end))
end
