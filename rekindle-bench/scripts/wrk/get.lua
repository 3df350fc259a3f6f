-- GET the URL given to wrk, logged in: the session cookie from $RK_SESSION. Every answer must be
-- 200 and a page of the dashboard (a redirect to the login page is counted as bad).
-- wrk -t2 -c8 -d20s --latency -s get.lua 'http://127.0.0.1:PORT/customers?sort=p-alive'
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./") .. "report.lua")

expect = 200
wrk.headers["Cookie"] = "rekindle_session=" .. assert(os.getenv("RK_SESSION"), "set RK_SESSION")
local marker = os.getenv("RK_EXPECT_TEXT")
if marker ~= nil and marker ~= "" then
  check = function(body)
    return body ~= nil and string.find(body, marker, 1, true) ~= nil
  end
end
