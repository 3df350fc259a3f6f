-- GET /customers/{id} for customers picked at random (a seed per thread) from $RK_IDS, a file of
-- external ids sampled from the database, one a line; logged in with $RK_SESSION. Every answer
-- must be 200 and hold $RK_EXPECT_TEXT when set (a redirect to the login page is counted as bad;
-- web-bench.sh checks with curl beforehand that a page names its customer).
-- wrk -t2 -c8 -d20s --latency -s customer-page.lua http://127.0.0.1:PORT
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./") .. "report.lua")

expect = 200
wrk.headers["Cookie"] = "rekindle_session=" .. assert(os.getenv("RK_SESSION"), "set RK_SESSION")
local prefix = os.getenv("RK_PAGE_PREFIX") or "/customers/"
local ids = nil

function init(args)
  ids = read_lines(assert(os.getenv("RK_IDS"), "set RK_IDS"))
  math.randomseed(7919 * tid + os.time())
end

function request()
  return wrk.format("GET", prefix .. encode(ids[math.random(#ids)]))
end

local marker = os.getenv("RK_EXPECT_TEXT")
if marker ~= nil and marker ~= "" then
  check = function(body)
    return body ~= nil and string.find(body, marker, 1, true) ~= nil
  end
end
