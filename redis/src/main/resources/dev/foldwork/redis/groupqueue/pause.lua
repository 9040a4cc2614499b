-- Pauses or resumes, by ARGV[3]: 'pause' and 'resume' group ARGV[2]; 'pause-scope' and
-- 'resume-scope' the scope ARGV[2] ("<tenant or *>|<prefix>", see covered in lib.lua). A running
-- batch finishes; nothing more of a paused group starts. A scope's groups are held as claims meet
-- them; resuming it lines up again every held group no other paused scope covers. Returns the
-- number of groups lined up again (1 for a group).
local target, action = ARGV[2], ARGV[3]
if action == 'pause' then
  redis.call('SADD', K_PAUSED, target)
  redis.call('ZREM', K_READY, target)
  redis.call('ZREM', K_THROTTLED, target)
  redis.call('ZREM', throttled_key(tenant_of(target)), target)
  return 1
elseif action == 'resume' then
  redis.call('SREM', K_PAUSED, target)
  if make_ready(target, NOW) > 0 then
    wake()
  end
  return 1
elseif action == 'pause-scope' then
  redis.call('SADD', K_SCOPES, target)
  return 0
elseif action == 'resume-scope' then
  redis.call('SREM', K_SCOPES, target)
  local scopes = redis.call('SMEMBERS', K_SCOPES)
  local readied = 0
  for _, group in ipairs(redis.call('SMEMBERS', K_HELD)) do
    if not covered(group, scopes) then
      redis.call('SREM', K_HELD, group)
      readied = readied + make_ready(group, NOW)
    end
  end
  if readied > 0 then
    wake()
  end
  return readied
end
return redis.error_reply('unknown pause action ' .. tostring(action))
