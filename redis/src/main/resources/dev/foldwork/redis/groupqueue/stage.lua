-- Stages jobs atomically, in ARGV order. ARGV[2] is the debounce max wait factor; ARGV[3] the
-- most jobs a held-back group (parked, paused, or held by a paused scope) takes as hints;
-- ARGV[4..] come in fives: mode, group, body, delay ms, note.
-- mode n: into the named group; h: a hint, into the named group unless that group is held back
-- and holds ARGV[3] jobs already: then it is shed (its events are in the event log, which the
-- group reads when it runs again); o: into a group of its own (the job id is appended to the
-- name); d: dedup, replaces the group's last job that has not started (and restarts its delay,
-- but never past max wait factor delays after that job was first staged, and never into a backoff
-- it is waiting out) or queues behind the running one; x: straight to the dead letters, note is the error.
-- Returns {staged, coalesced, shed}.
local max_wait_factor = tonumber(ARGV[2])
local max_held_hints = tonumber(ARGV[3])

local function held_back(group)
  return redis.call('HEXISTS', K_PARKED, group) == 1 or redis.call('SISMEMBER', K_PAUSED, group) == 1
      or redis.call('SISMEMBER', K_HELD, group) == 1
end

local staged, coalesced, shed, readied = 0, 0, 0, 0
for i = 4, #ARGV, 5 do
  local mode, group, body, delay, note = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3]), ARGV[i + 4]
  local due = NOW + delay
  local joined = false
  if mode == 'h' and redis.call('ZCARD', group_key(group)) >= max_held_hints and held_back(group) then
    shed = shed + 1
    joined = true
  elseif mode == 'd' then
    local gkey = group_key(group)
    local queued = redis.call('ZCARD', gkey)
    local running = 0
    local lease = redis.call('HGET', K_LEASE, group)
    if lease then
      running = tonumber(string.match(lease, '|(%d+)$'))
    end
    if queued > running then
      local last = redis.call('ZRANGE', gkey, -1, -1)[1]
      local deadline = tonumber(redis.call('HGET', K_DEBOUNCE, last) or due)
      if due > deadline then
        due = deadline
      end
      put_body(last, body, true)
      redis.call('HSET', K_DUE, last, due)
      local ready_at = redis.call('ZSCORE', K_READY, group)
      if queued == 1 and ready_at and tonumber(ready_at) < due then
        redis.call('ZADD', K_READY, 'XX', due, group)
      end
      coalesced = coalesced + 1
      joined = true
    end
  end
  if not joined then
    local seq = redis.call('INCR', K_SEQ)
    local id = tostring(seq)
    if mode == 'o' or mode == 'x' then
      group = group .. id
    end
    if mode == 'x' then
      bury(id, group, body, note, 0)
    else
      put_body(id, body, false)
      if delay > 0 then
        redis.call('HSET', K_DUE, id, due)
      end
      if mode == 'd' then
        redis.call('HSET', K_DEBOUNCE, id, NOW + max_wait_factor * delay)
      end
      redis.call('ZADD', group_key(group), seq, id)
      staged = staged + 1
      readied = readied + make_ready(group, NOW)
    end
  end
end
if readied > 0 then
  wake()
end
return {staged, coalesced, shed}
