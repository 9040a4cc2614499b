-- Gives a write's events their seqs and records the write, atomically: after this returns 'ok',
-- the events' (id, seq) pairs are fixed, whoever appends them (the writer, or recovery if it died).
-- KEYS: 1 pending (hash write id -> record), 2 created (zset write id -> ms), 3 due (zset write
-- id -> ms it may be recovered at), 4 boot (hash: run id, epoch, ms first seen), 5.. one counter per stream.
-- ARGV: 1 write id, 2 counter ttl ms, 3 recover after ms, 4 events (JSON), 5 restart grace ms, then
-- per stream three: expected last seq ('-': none), number of new events, seed ('?': not read; else
-- the store's last seq). Streams with new events come first, in the order of the record's events.
-- A write id already recorded gets its recorded seqs back, so a retried call is harmless.
-- A counter is "<seq>:<epoch>". The epoch counts the Redis processes (run ids) the counters were
-- written under: a Redis that restarted may have lost its last writes (appendfsync everysec, or
-- a machine crash), so a counter of an older epoch may be behind the store. Such a counter is
-- checked against the store once (seeded again, keeping the larger), after a grace that lets the
-- writes given seqs before the restart reach the store.
-- Returns {'ok', first seq of each stream with events...} | {'seed', stream index...} |
-- {'stale', stream index, its last seq} | {'blocked', write id, age ms} | {'restarted', ms left}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl, recover_after, grace = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[5])

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
local streams = #KEYS - 4
local function arg(i, k)
  return ARGV[5 + (i - 1) * 3 + k]
end

local run_id = string.match(redis.call('INFO', 'server'), 'run_id:(%w+)')
local boot = redis.call('HMGET', KEYS[4], 'run', 'epoch', 'at')
local epoch = tonumber(boot[2] or '0')
if boot[1] ~= run_id then
  epoch = epoch + 1
  redis.call('HSET', KEYS[4], 'run', run_id, 'epoch', epoch, 'at', now)
  boot[3] = tostring(now)
end

local last, missing, seeded, waiting = {}, {}, false, false
for i = 1, streams do
  local value = redis.call('GET', KEYS[i + 4])
  local counted, counted_epoch
  if value then
    counted = tonumber(string.match(value, '^%d+'))
    counted_epoch = tonumber(string.match(value, ':(%d+)$') or '0')
  end
  local seed = arg(i, 3)
  if counted and counted_epoch == epoch then
    last[i] = counted
  elseif counted and now - tonumber(boot[3]) < grace then
    waiting = true
  elseif seed == '?' then
    missing[#missing + 1] = i
  else
    last[i] = math.max(counted or 0, tonumber(seed))
    seeded = true
  end
end
if waiting then
  return {'restarted', grace - (now - tonumber(boot[3]))}
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
  local expected = arg(i, 1)
  if expected ~= '-' and tonumber(expected) ~= last[i] then
    return {'stale', i, last[i]}
  end
end

local reply = {'ok'}
for i = 1, streams do
  local count = tonumber(arg(i, 2))
  redis.call('SET', KEYS[i + 4], (last[i] + count) .. ':' .. epoch, 'PX', ttl)
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
