-- POST /api/v1/orders: one new order per request, for a customer picked at random from $RK_IDS,
-- with an order id unique to this run ($RK_RUN), thread and request, so that every request is an
-- insert (201). The API key comes from $RK_KEY.
-- wrk -t2 -c8 -d20s --latency -s single-order.lua http://127.0.0.1:PORT
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./") .. "report.lua")

expect = 201
local ids = nil
local n = 0
local run = assert(os.getenv("RK_RUN"), "set RK_RUN")
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. assert(os.getenv("RK_KEY"), "set RK_KEY"),
}

function init(args)
  ids = read_lines(assert(os.getenv("RK_IDS"), "set RK_IDS"))
  math.randomseed(7919 * tid + os.time())
end

function request()
  n = n + 1
  local body = string.format(
    '{"customer_id":"%s","order_id":"wb-%s-%d-%d","date":"1998-07-%02d","amount":"%d.%02d"}',
    json_escape(ids[math.random(#ids)]), run, tid, n, n % 28 + 1, n % 300 + 5, n % 100)
  return wrk.format("POST", "/api/v1/orders", headers, body)
end
