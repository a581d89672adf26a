-- wrk script of the Carechart benchmark.
-- Arguments (after `--`): a file of requests, one per line as METHOD<TAB>PATH<TAB>BODY, a
-- bearer token, and a tag no other run uses. Each connection takes the lines in turn; "{n}" in
-- a body becomes the tag and a counter (notes must differ, or the API refuses them as
-- duplicates). Run with one thread (-t1): the counter is per thread.
-- At the end one line "BENCH_JSON {...}" gives the counts and latency percentiles.

local lines = {}
local position = 0
local counter = 0
local tag = ""

function init(args)
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
    if method then
      table.insert(lines, { method, path, body })
    end
  end
  wrk.headers["Authorization"] = "Bearer " .. args[2]
  tag = args[3]
  wrk.headers["Content-Type"] = "application/json"
  position = math.random(0, #lines - 1)
end

function request()
  position = position % #lines + 1
  local entry = lines[position]
  local body = entry[3]
  if body == "" then
    body = nil
  elseif body:find("{n}", 1, true) then
    counter = counter + 1
    body = body:gsub("{n}", tag .. "-" .. counter)
  end
  return wrk.format(entry[1], entry[2], nil, body)
end

function done(summary, latency, requests)
  local percentiles = {}
  for _, p in ipairs({ 50, 90, 95, 99, 99.9 }) do
    table.insert(percentiles, string.format('"%s":%d', tostring(p), latency:percentile(p)))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"max":%d,"percentiles":{%s}}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max, table.concat(percentiles, ",")))
end
