-- Keeps running groups active: ARGV[2] is the lease in ms, ARGV[3..] pairs of group and token.
-- A renewed lease runs for ARGV[2] ms of the lease clock from now.
-- Returns the groups whose lease is no longer held by that token (another claim took it over).
local lease_ms = tonumber(ARGV[2])
local LIVE = advance_lease_clock(lease_ms)
local lost = {}
for i = 3, #ARGV, 2 do
  local lease = redis.call('HGET', K_LEASE, ARGV[i])
  if lease and string.match(lease, '^(%d+)|') == ARGV[i + 1] then
    redis.call('ZADD', K_ACTIVE, 'XX', LIVE + lease_ms, ARGV[i])
  else
    lost[#lost + 1] = ARGV[i]
  end
end
return lost
