-- Gives a write's events their seqs and records the write, atomically: after this returns 'ok',
-- the events' (id, seq) pairs are fixed, whoever appends them (the writer, or recovery if it died).
-- KEYS: 1 pending (hash write id -> record), 2 created (zset write id -> ms), 3 due (zset write
-- id -> ms it may be recovered at), 4.. one counter per stream.
-- ARGV: 1 write id, 2 counter ttl ms, 3 recover after ms, 4 events (JSON), then per stream three:
-- expected last seq ('-': none), number of new events, seed ('?': not read; else the store's last seq).
-- Streams with new events come first, in the order of the record's events.
-- A write id already recorded gets its recorded seqs back, so a retried call is harmless.
-- Returns {'ok', first seq of each stream with events...} | {'seed', stream index...} |
-- {'stale', stream index, its last seq} | {'blocked', write id, age ms}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl, recover_after = tonumber(ARGV[2]), tonumber(ARGV[3])

-- The same write again (its reply was lost, or Redis was loading): the seqs it already has.
local recorded = redis.call('HGET', KEYS[1], ARGV[1])
if recorded then
  local again = {'ok'}
  local firsts = string.sub(recorded, 1, string.find(recorded, '\n', 1, true) - 1)
  for first in string.gmatch(firsts, '[^,]+') do
    again[#again + 1] = tonumber(first)
  end
  return again
end
local streams = #KEYS - 3

local last, missing, seeded = {}, {}, false
for i = 1, streams do
  local value = redis.call('GET', KEYS[i + 3])
  if value then
    last[i] = tonumber(value)
  else
    local seed = ARGV[4 + (i - 1) * 3 + 3]
    if seed == '?' then
      missing[#missing + 1] = i
    else
      last[i] = tonumber(seed)
      seeded = true
    end
  end
end
if #missing > 0 then
  local reply = {'seed'}
  for _, i in ipairs(missing) do reply[#reply + 1] = i end
  return reply
end

-- A counter expires only after ttl without writes, so a pending write of its stream would be
-- older than ttl: if none is, every write of the stream is in the store and the seed is its end.
-- (A second of margin covers the gap between TIME and the clock Redis expires keys by.)
if seeded then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  if oldest[2] and now - tonumber(oldest[2]) + 1000 >= ttl then
    return {'blocked', oldest[1], now - tonumber(oldest[2])}
  end
end

for i = 1, streams do
  local expected = ARGV[4 + (i - 1) * 3 + 1]
  if expected ~= '-' and tonumber(expected) ~= last[i] then
    return {'stale', i, last[i]}
  end
end

local reply = {'ok'}
for i = 1, streams do
  local count = tonumber(ARGV[4 + (i - 1) * 3 + 2])
  redis.call('SET', KEYS[i + 3], last[i] + count, 'PX', ttl)
  if count > 0 then
    reply[#reply + 1] = last[i] + 1
  end
end
local firsts = {}
for i = 2, #reply do firsts[#firsts + 1] = tostring(reply[i]) end
redis.call('HSET', KEYS[1], ARGV[1], table.concat(firsts, ',') .. '\n' .. ARGV[4])
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('ZADD', KEYS[3], now + recover_after, ARGV[1])
return reply
