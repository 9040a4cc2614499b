-- Claims pending writes that are due for recovery: each is leased (its due time moves lease ms
-- ahead), so two recoverers do not both run it while the lease holds.
-- KEYS: 1 pending, 2 created, 3 due. ARGV: 1 lease ms, 2 most writes to claim.
-- Returns {write id, record, write id, record, ...}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ids = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local reply = {}
for _, id in ipairs(ids) do
  local record = redis.call('HGET', KEYS[1], id)
  if record then
    redis.call('ZADD', KEYS[3], now + tonumber(ARGV[1]), id)
    reply[#reply + 1] = id
    reply[#reply + 1] = record
  else
    redis.call('ZREM', KEYS[2], id)
    redis.call('ZREM', KEYS[3], id)
  end
end
return reply
