-- Claims up to ARGV[2] ready groups: each group's first jobs (at most ARGV[4], stopping at one
-- that is not due yet), marking the group active for ARGV[3] ms of the lease clock. A ready
-- group of a tenant already running ARGV[5] groups (0: no cap) moves, once, to the tenant's
-- throttled set, keeping its place; each release of a group of that tenant brings the oldest
-- back, and every claim reconciles the few oldest throttled groups (a lowered count, a raised
-- cap). A ready group a paused scope covers moves, once, to the held set until the scope is
-- resumed.
-- Groups whose lease expired on the lease clock (their worker died or stalled) are lined up
-- again first.
-- Returns {next wake-up ms or -1, then per group: group, token, ms it waited since it was ready,
-- n, n x (id, body, failed attempts)}.
-- The reply carries at most ARGV[6] bytes of bodies: a group gets at least its head job, and a
-- group whose head would go over the budget waits for the next claim (the first always comes).
local max_groups, lease_ms, max_jobs, tenant_cap, max_bytes =
  tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local bytes = 0
local LIVE = advance_lease_clock(lease_ms)

-- A lapsed lease counts as a failed attempt of the group's head job, so a job that kills its
-- worker every time runs out of attempts like any other failing job (unless its worker calls in
-- later: see forgive_lapse).
for _, group in ipairs(redis.call('ZRANGEBYSCORE', K_ACTIVE, '-inf', LIVE, 'LIMIT', 0, 256)) do
  local token = lease_token(group)
  release(group) -- a throttled group it brings back is claimed below
  local head = redis.call('ZRANGE', group_key(group), 0, 0)[1]
  if head then
    redis.call('HINCRBY', K_ATTEMPTS, head, 1)
    if token then
      redis.call('SET', lapsed_key(token), head, 'PX', LAPSE_MEMORY_MS)
    end
  end
  make_ready(group, NOW)
end

local tenant_active = {}
local function active_of(tenant)
  if tenant_active[tenant] == nil then
    tenant_active[tenant] = tonumber(redis.call('HGET', K_TENANTS, tenant) or '0')
  end
  return tenant_active[tenant]
end

for _, group in ipairs(redis.call('ZRANGE', K_THROTTLED, 0, 3)) do
  local tenant = tenant_of(group)
  if tenant_cap == 0 or active_of(tenant) < tenant_cap then
    unthrottle(group, tenant)
  end
end

local scopes = redis.call('SMEMBERS', K_SCOPES) -- almost always none

local out = {-1}
local taken = 0
local candidates = redis.call('ZRANGEBYSCORE', K_READY, '-inf', NOW, 'WITHSCORES', 'LIMIT', 0, max_groups * 4)
for c = 1, #candidates, 2 do
  local group, score = candidates[c], candidates[c + 1]
  if taken >= max_groups or bytes >= max_bytes then
    break
  end
  local tenant = tenant_of(group)
  if #scopes > 0 and covered(group, scopes) then
    redis.call('ZREM', K_READY, group)
    redis.call('SADD', K_HELD, group)
  elseif tenant_cap > 0 and active_of(tenant) >= tenant_cap then
    throttle(group, score)
  else
    local ids = redis.call('ZRANGE', group_key(group), 0, max_jobs - 1)
    local head_bytes = 0
    if #ids > 0 then
      head_bytes = body_bytes(ids[1])
    end
    if #ids > 0 and taken > 0 and bytes + head_bytes > max_bytes then
      break -- over the budget: this group stays ready, first in line for the next claim
    end
    redis.call('ZREM', K_READY, group)
    if #ids > 0 then
      local dues = redis.call('HMGET', K_DUE, unpack(ids))
      local n = 1
      while n < #ids and (not dues[n + 1] or tonumber(dues[n + 1]) <= NOW) do
        n = n + 1
      end
      local bodies = redis.call('HMGET', K_JOBS, unpack(ids, 1, n))
      for j = 1, n do
        bodies[j] = resolve_body(ids[j], bodies[j])
      end
      local group_bytes = string.len(bodies[1] or '')
      for j = 2, n do
        local len = string.len(bodies[j] or '')
        if bytes + group_bytes + len > max_bytes then
          n = j - 1
          break
        end
        group_bytes = group_bytes + len
      end
      bytes = bytes + group_bytes
      local claimed = {unpack(ids, 1, n)}
      local attempts = redis.call('HMGET', K_ATTEMPTS, unpack(claimed))
      local token = tostring(redis.call('INCR', K_SEQ))
      redis.call('ZADD', K_ACTIVE, LIVE + lease_ms, group)
      redis.call('HSET', K_LEASE, group, token .. '|' .. n)
      redis.call('HINCRBY', K_TENANTS, tenant, 1)
      tenant_active[tenant] = tenant_active[tenant] + 1
      taken = taken + 1
      out[#out + 1] = group
      out[#out + 1] = token
      out[#out + 1] = math.max(0, NOW - tonumber(score))
      out[#out + 1] = n
      for j = 1, n do
        out[#out + 1] = claimed[j]
        out[#out + 1] = bodies[j] or ''
        out[#out + 1] = tonumber(attempts[j] or '0')
      end
    end
  end
end

local next_ready = redis.call('ZRANGE', K_READY, 0, 0, 'WITHSCORES')[2]
local next_expiry = redis.call('ZRANGE', K_ACTIVE, 0, 0, 'WITHSCORES')[2]
if next_ready then
  out[1] = tonumber(next_ready)
end
if next_expiry then
  local expiry_at = NOW + tonumber(next_expiry) - LIVE -- the wake-up is Redis time, not lease-clock time
  if out[1] < 0 or expiry_at < out[1] then
    out[1] = expiry_at
  end
end
return out
