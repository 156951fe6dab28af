-- wrk script: every response must be a 200 whose body is the full page.
-- Usage: wrk -s bench/check.lua URL -- EXPECTED_BODY_BYTES
-- Prints one line, BENCH_CHECK responses=N non200=N short=N, that bench/pages.py reads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expected = tonumber(args[1]) or -1
  responses = 0
  non200 = 0
  wrong_length = 0
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then
    non200 = non200 + 1
  end
  if expected >= 0 and #body ~= expected then
    wrong_length = wrong_length + 1
  end
end

function done(summary, latency, requests)
  local total, bad, wrong = 0, 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("responses")
    bad = bad + thread:get("non200")
    wrong = wrong + thread:get("wrong_length")
  end
  io.write(string.format("BENCH_CHECK responses=%d non200=%d wrong_length=%d\n", total, bad, wrong))
end
