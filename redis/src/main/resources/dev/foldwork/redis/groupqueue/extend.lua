-- Keeps running groups active: ARGV[2] is the lease in ms, ARGV[3..] pairs of group and token.
-- A renewed lease runs for ARGV[2] ms of the lease clock from now.
-- Returns the groups whose lease is no longer held by that token (another claim took it over);
-- the caller is alive, so the attempt its lapse cost is given back (forgive_lapse).
local lease_ms = tonumber(ARGV[2])
local LIVE = advance_lease_clock(lease_ms)
local lost = {}
for i = 3, #ARGV, 2 do
  local group, token = ARGV[i], ARGV[i + 1]
  if lease_token(group) == token then
    redis.call('ZADD', K_ACTIVE, 'XX', LIVE + lease_ms, group)
  else
    forgive_lapse(token)
    lost[#lost + 1] = group
  end
end
return lost
