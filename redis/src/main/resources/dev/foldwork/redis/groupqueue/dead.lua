-- Acts on dead letter ARGV[2]. ARGV[3] = 'retry': staged again at the tail of its group as a new
-- job with fresh attempts, and returns the new job's id; 'discard': dropped, returns 1.
-- Returns 0 when there is no such dead letter.
local id = ARGV[2]
local dead = redis.call('HGET', K_DEAD, id)
if not dead then
  return 0
end
redis.call('HDEL', K_DEAD, id)
redis.call('ZREM', K_DEADIDX, id)
if ARGV[3] == 'retry' then
  local entry = cjson.decode(dead)
  local seq = redis.call('INCR', K_SEQ)
  put_body(tostring(seq), entry.body, false)
  redis.call('ZADD', group_key(entry.group), seq, tostring(seq))
  if make_ready(entry.group, NOW) > 0 then
    wake()
  end
  return seq
end
return 1
