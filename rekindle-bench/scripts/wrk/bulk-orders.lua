-- POST /api/v1/orders/bulk: $RK_BULK_ORDERS new orders (default 10,000) per request, as CSV or
-- JSON ($RK_BULK_FORMAT, csv by default), for customers picked at random from $RK_IDS. The body is
-- prepared once per thread with a placeholder in every order id; each request replaces it with a
-- prefix unique to this run ($RK_RUN), thread and request, so every order of every request is an
-- insert. The answer must be 200 and report every row inserted, none rejected. Key: $RK_KEY.
-- Orders per second = requests per second x orders per request.
-- wrk -t2 -c2 -d20s --latency -s bulk-orders.lua http://127.0.0.1:PORT
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./") .. "report.lua")

expect = tonumber(os.getenv("RK_BULK_STATUS") or "200")
local orders = tonumber(os.getenv("RK_BULK_ORDERS") or "10000")
local format = os.getenv("RK_BULK_FORMAT") or "csv"
local run = assert(os.getenv("RK_RUN"), "set RK_RUN")
local headers = {
  ["Content-Type"] = (format == "json") and "application/json" or "text/csv",
  ["Authorization"] = "Bearer " .. assert(os.getenv("RK_KEY"), "set RK_KEY"),
}
local template = nil
local n = 0

function init(args)
  local ids = read_lines(assert(os.getenv("RK_IDS"), "set RK_IDS"))
  math.randomseed(7919 * tid + os.time())
  local parts = {}
  if format == "json" then
    for i = 1, orders do
      parts[i] = string.format(
        '{"customer_id":"%s","order_id":"wb@@-%d","date":"1998-07-%02d","amount":"%d.%02d"}',
        json_escape(ids[math.random(#ids)]), i, i % 28 + 1, i % 300 + 5, i % 100)
    end
    template = "[" .. table.concat(parts, ",\n") .. "]"
  else
    for i = 1, orders do
      parts[i] = string.format("%s,wb@@-%d,1998-07-%02d,%d.%02d",
        ids[math.random(#ids)], i, i % 28 + 1, i % 300 + 5, i % 100)
    end
    template = "customer_id,order_id,date,amount\n" .. table.concat(parts, "\n") .. "\n"
  end
  -- the answer counts what was stored: all inserted, nothing refused
  local inserted = string.format('"inserted":%d', orders)
  check = function(body)
    return body ~= nil and string.find(body, inserted, 1, true) ~= nil
        and string.find(body, '"rejected":0', 1, true) ~= nil
  end
end

function request()
  n = n + 1
  local body = string.gsub(template, "@@", "-" .. run .. "-" .. tid .. "-" .. n)
  return wrk.format("POST", "/api/v1/orders/bulk", headers, body)
end
