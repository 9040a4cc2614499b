-- Pauses (ARGV[3] = 'pause') or resumes (ARGV[3] = 'resume') group ARGV[2]. A running batch
-- finishes; nothing more of the group starts while it is paused. Returns 1.
local group = ARGV[2]
if ARGV[3] == 'pause' then
  redis.call('SADD', K_PAUSED, group)
  redis.call('ZREM', K_READY, group)
  redis.call('ZREM', K_THROTTLED, group)
  redis.call('ZREM', throttled_key(tenant_of(group)), group)
else
  redis.call('SREM', K_PAUSED, group)
  if make_ready(group, NOW) > 0 then
    wake()
  end
end
return 1
