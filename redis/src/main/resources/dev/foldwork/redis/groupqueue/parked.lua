-- Releases parked group ARGV[2]. ARGV[3] = 'retry': its failed head job runs again with fresh
-- attempts; 'skip': the head job moves to the dead letters and the group goes on behind it.
-- Returns 0 when the group was not parked.
local group = ARGV[2]
local parked = redis.call('HGET', K_PARKED, group)
if not parked then
  return 0
end
local entry = cjson.decode(parked)
redis.call('HDEL', K_PARKED, group)
if ARGV[3] == 'skip' then
  bury(entry.job, group, get_body(entry.job), 'skipped by an operator after: ' .. entry.error, entry.attempts)
  redis.call('ZREM', group_key(group), entry.job)
  forget(entry.job)
else
  redis.call('HDEL', K_ATTEMPTS, entry.job)
end
if make_ready(group, NOW) > 0 then
  wake()
end
return 1
