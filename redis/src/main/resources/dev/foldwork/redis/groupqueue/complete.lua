-- Reports claimed groups back. ARGV[2..] per group: group, token, done count, outcome, failed job
-- id, retry delay ms, failed attempts, error, then the done job ids. The done jobs are removed;
-- outcome ok: nothing failed; retry: the failed job stays at the head and the group waits out
-- the delay; dead: the failed job moves to the dead letters; park: the group stops, visibly,
-- until an operator retries or skips. A group whose lease was taken over is left alone (stale),
-- but its reporter was alive, so the attempt its lapse cost is given back (forgive_lapse).
-- Returns {completed jobs, stale groups, then per group 1 if its report counted, 0 if stale}.
local completed, stale, readied = 0, 0, 0
local counted = {}
local i = 2
while i <= #ARGV do
  local group, token, done, outcome = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3]
  local failed, retry_delay, attempts, error = ARGV[i + 4], tonumber(ARGV[i + 5]), tonumber(ARGV[i + 6]), ARGV[i + 7]
  local first = i + 8
  i = first + done
  if lease_token(group) ~= token then
    forgive_lapse(token)
    stale = stale + 1
    counted[#counted + 1] = 0
  else
    counted[#counted + 1] = 1
    local gkey = group_key(group)
    for j = first, first + done - 1 do
      redis.call('ZREM', gkey, ARGV[j])
      forget(ARGV[j])
    end
    completed = completed + done
    readied = readied + release(group)
    local not_before = NOW
    if outcome == 'retry' then
      redis.call('HSET', K_ATTEMPTS, failed, attempts)
      not_before = NOW + retry_delay
    elseif outcome == 'dead' then
      bury(failed, group, get_body(failed), error, attempts)
      redis.call('ZREM', gkey, failed)
      forget(failed)
    elseif outcome == 'park' then
      redis.call('HSET', K_ATTEMPTS, failed, attempts)
      redis.call('HSET', K_PARKED, group, cjson.encode({job = failed, error = error, attempts = attempts, at = NOW}))
    end
    readied = readied + make_ready(group, not_before)
  end
end
if readied > 0 then
  wake()
end
local reply = {completed, stale}
for _, c in ipairs(counted) do
  reply[#reply + 1] = c
end
return reply
