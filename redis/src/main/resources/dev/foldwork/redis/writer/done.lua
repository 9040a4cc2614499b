-- Forgets pending writes whose events are stored. KEYS: 1 pending, 2 created, 3 due. ARGV: write ids.
for _, id in ipairs(ARGV) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
end
return #ARGV
