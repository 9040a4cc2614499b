-- Keeps running groups active: ARGV[2] is the lease in ms, ARGV[3..] pairs of group and token.
-- Returns how many leases were still held.
local lease_ms = tonumber(ARGV[2])
local held = 0
for i = 3, #ARGV, 2 do
  local lease = redis.call('HGET', K_LEASE, ARGV[i])
  if lease and string.match(lease, '^(%d+)|') == ARGV[i + 1] then
    redis.call('ZADD', K_ACTIVE, 'XX', NOW + lease_ms, ARGV[i])
    held = held + 1
  end
end
return held
