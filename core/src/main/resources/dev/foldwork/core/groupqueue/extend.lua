-- Keeps running groups active: ARGV[2] is the lease in ms, ARGV[3..] pairs of group and token.
-- Returns the groups whose lease is no longer held by that token (another claim took it over).
local lease_ms = tonumber(ARGV[2])
local lost = {}
for i = 3, #ARGV, 2 do
  local lease = redis.call('HGET', K_LEASE, ARGV[i])
  if lease and string.match(lease, '^(%d+)|') == ARGV[i + 1] then
    redis.call('ZADD', K_ACTIVE, 'XX', NOW + lease_ms, ARGV[i])
  else
    lost[#lost + 1] = ARGV[i]
  end
end
return lost
