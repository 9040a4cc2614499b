-- Prepended to every group queue script. KEYS come in the order of QueueKeys.fixedKeys();
-- ARGV[1] is the key prefix (ends with the hash tag and a colon). Time is Redis's own clock,
-- so processes with skewed clocks agree on due times; leases run on the queue's lease clock
-- (advance_lease_clock below), which is driven by Redis's clock too.
-- A group with jobs is in exactly one place: ready, throttled (ready, but its tenant is at its
-- cap), held (ready, but a paused scope covers it), active, parked or paused (parked and paused
-- may overlap); every move between them happens inside one of these scripts.
local K_JOBS, K_READY, K_ACTIVE, K_LEASE, K_SEQ, K_PAUSED, K_PARKED =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local K_DEAD, K_DEADIDX, K_ATTEMPTS, K_DUE, K_TENANTS, K_WAKE, K_THROTTLED, K_DEBOUNCE =
  KEYS[8], KEYS[9], KEYS[10], KEYS[11], KEYS[12], KEYS[13], KEYS[14], KEYS[15]
local K_SCOPES, K_HELD, K_CLOCK = KEYS[16], KEYS[17], KEYS[18]
local PREFIX = ARGV[1]
local TIME = redis.call('TIME')
local NOW = tonumber(TIME[1]) * 1000 + math.floor(tonumber(TIME[2]) / 1000)

-- Lease expiries (the scores in K_ACTIVE) are times of the lease clock, which claim and extend
-- advance by the Redis time passed since the last advance, but by at most a third of the lease
-- per call. While consumers talk to Redis it keeps pace with NOW; time in which Redis answered
-- nobody (an outage, a pause) counts as one step at most, so a live worker, which renews every
-- third of the lease, still holds its groups when Redis returns. K_CLOCK holds 'wall' (the NOW
-- of the last advance) and 'live' (the lease clock); it starts at NOW. Returns the lease clock.
local function advance_lease_clock(lease_ms)
  local clock = redis.call('HMGET', K_CLOCK, 'wall', 'live')
  local live = NOW
  if clock[1] and clock[2] then
    local passed = math.max(0, NOW - tonumber(clock[1])) -- Redis's clock may step back
    live = tonumber(clock[2]) + math.min(passed, math.floor(lease_ms / 3))
  end
  redis.call('HSET', K_CLOCK, 'wall', NOW, 'live', live)
  return live
end

local function group_key(group)
  return PREFIX .. 'g:' .. group
end

-- Group names start with the tenant id, which holds no colon.
local function tenant_of(group)
  return string.match(group, '^[^:]+')
end

-- Throttled groups wait in the tenant's own set (and, for the oldest-ready age, in one set of
-- all throttled groups) with the score they had when ready, so they keep their place in line.
local function throttled_key(tenant)
  return PREFIX .. 'tt:' .. tenant
end

local function throttle(group, score)
  redis.call('ZREM', K_READY, group)
  redis.call('ZADD', K_THROTTLED, score, group)
  redis.call('ZADD', throttled_key(tenant_of(group)), score, group)
end

local function unthrottle(group, tenant)
  local score = redis.call('ZSCORE', K_THROTTLED, group)
  redis.call('ZREM', K_THROTTLED, group)
  redis.call('ZREM', throttled_key(tenant), group)
  if score then
    return redis.call('ZADD', K_READY, 'NX', score, group)
  end
  return 0
end

-- A slot of the tenant freed up: its longest waiting throttled group is ready again.
local function unthrottle_oldest(tenant)
  local oldest = redis.call('ZRANGE', throttled_key(tenant), 0, 0)[1]
  if oldest then
    return unthrottle(oldest, tenant)
  end
  return 0
end

-- A paused scope is "<tenant or *>|<prefix>": it covers the groups of that tenant (or of any)
-- whose name after the tenant starts with the prefix (an empty prefix: all of them).
local function covered(group, scopes)
  local tenant = tenant_of(group)
  local rest = string.sub(group, #tenant + 2)
  for _, scope in ipairs(scopes) do
    local bar = string.find(scope, '|', 1, true)
    local scope_tenant, prefix = string.sub(scope, 1, bar - 1), string.sub(scope, bar + 1)
    if (scope_tenant == '*' or scope_tenant == tenant) and string.sub(rest, 1, #prefix) == prefix then
      return true
    end
  end
  return false
end

-- Lines a group with work up for claiming unless it runs, is throttled, held, paused or parked. Its score is
-- the time from which it may run: not_before, or later when its head job is delayed.
local function make_ready(group, not_before)
  if redis.call('ZSCORE', K_ACTIVE, group) or redis.call('SISMEMBER', K_PAUSED, group) == 1
      or redis.call('HEXISTS', K_PARKED, group) == 1 or redis.call('ZSCORE', K_THROTTLED, group)
      or redis.call('SISMEMBER', K_HELD, group) == 1 then
    return 0
  end
  local head = redis.call('ZRANGE', group_key(group), 0, 0)[1]
  if not head then
    return 0
  end
  local score = not_before
  local due = tonumber(redis.call('HGET', K_DUE, head) or '0')
  if due > score then
    score = due
  end
  return redis.call('ZADD', K_READY, 'NX', score, group)
end

-- A lease's token, from K_LEASE's "<token>|<jobs claimed>" (false when the group is not claimed).
local function lease_token(group)
  local lease = redis.call('HGET', K_LEASE, group)
  return lease and string.match(lease, '^(%d+)|')
end

-- A lapsed lease counts as a failed attempt of the group's head job (its worker may have died
-- on it); claim remembers the lapse under the old token for a day. If that token's worker calls
-- in later (extend, or a report that comes back stale), it was alive and only stalled, so the
-- attempt is given back; a dead worker never calls in and its lapse keeps counting.
local LAPSE_MEMORY_MS = 86400000

local function lapsed_key(token)
  return PREFIX .. 'lapsed:' .. token
end

local function forgive_lapse(token)
  local key = lapsed_key(token)
  local head = redis.call('GET', key)
  if head then
    redis.call('DEL', key)
    if redis.call('HEXISTS', K_JOBS, head) == 1 and tonumber(redis.call('HGET', K_ATTEMPTS, head) or '0') > 0 then
      redis.call('HINCRBY', K_ATTEMPTS, head, -1)
    end
  end
end

-- Ends a group's claim; returns how many throttled groups became ready (0 or 1).
local function release(group)
  redis.call('ZREM', K_ACTIVE, group)
  redis.call('HDEL', K_LEASE, group)
  local tenant = tenant_of(group)
  if redis.call('HINCRBY', K_TENANTS, tenant, -1) <= 0 then
    redis.call('HDEL', K_TENANTS, tenant)
  end
  return unthrottle_oldest(tenant)
end

-- Bodies over 64 KiB live in a key of their own, so the jobs hash every claim reads stays small;
-- the hash then holds BIG_BODY, which no body starts with (bodies are text, never NUL).
local BIG_BODY_BYTES = 65536
local BIG_BODY = '\0big'

local function body_key(id)
  return PREFIX .. 'b:' .. id
end

-- replacing: the job may hold a big body already (a dedup stage), which a small one must drop.
local function put_body(id, body, replacing)
  if #body > BIG_BODY_BYTES then
    redis.call('SET', body_key(id), body)
    redis.call('HSET', K_JOBS, id, BIG_BODY)
  else
    if replacing then
      redis.call('DEL', body_key(id))
    end
    redis.call('HSET', K_JOBS, id, body)
  end
end

-- A body as read from the jobs hash (false when there is none), resolved if it is held apart.
local function resolve_body(id, held)
  if held == BIG_BODY then
    return redis.call('GET', body_key(id))
  end
  return held
end

local function get_body(id)
  return resolve_body(id, redis.call('HGET', K_JOBS, id))
end

local function body_bytes(id)
  local bytes = redis.call('HSTRLEN', K_JOBS, id)
  if bytes == #BIG_BODY and redis.call('HGET', K_JOBS, id) == BIG_BODY then
    return redis.call('STRLEN', body_key(id))
  end
  return bytes
end

local function forget(id)
  if redis.call('HSTRLEN', K_JOBS, id) == #BIG_BODY then
    redis.call('DEL', body_key(id))
  end
  redis.call('HDEL', K_JOBS, id)
  redis.call('HDEL', K_ATTEMPTS, id)
  redis.call('HDEL', K_DUE, id)
  redis.call('HDEL', K_DEBOUNCE, id)
end

local function bury(id, group, body, error, attempts)
  redis.call('HSET', K_DEAD, id, cjson.encode({group = group, body = body, error = error, attempts = attempts, at = NOW}))
  redis.call('ZADD', K_DEADIDX, NOW, id)
end

-- One token per change is enough: a woken dispatcher claims everything that is ready.
local function wake()
  redis.call('LPUSH', K_WAKE, '1')
  redis.call('LTRIM', K_WAKE, 0, 15)
end
