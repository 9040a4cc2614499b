# Sourced by scripts/test and scripts/bench. Makes sure a Redis answers on 127.0.0.1:6379
# (or $FOLDWORK_REDIS_PORT). Uses one that already runs; otherwise installs Debian's
# redis-server when missing (as root) and starts one that keeps nothing on disk.

redis_ensure() {
  local port="${FOLDWORK_REDIS_PORT:-6379}"
  if redis_answers "$port"; then
    echo "redis: using the server already on 127.0.0.1:$port"
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      echo "redis: redis-server is missing; install it (apt-get install redis-server) or start a Redis on 127.0.0.1:$port" >&2
      return 1
    fi
    echo "redis: installing redis-server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  fi
  local dir
  dir="$(mktemp -d /tmp/foldwork-redis.XXXXXX)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 1 50); do
    if redis_answers "$port"; then
      FOLDWORK_STARTED_REDIS_PIDFILE="$dir/redis.pid"
      echo "redis: started on 127.0.0.1:$port (log $dir/redis.log)"
      return 0
    fi
    sleep 0.1
  done
  echo "redis: did not answer on 127.0.0.1:$port within 5 s; see $dir/redis.log" >&2
  return 1
}

redis_answers() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null
  fi
}

redis_stop_if_started() {
  if [ -n "${FOLDWORK_STARTED_REDIS_PIDFILE:-}" ] && [ -f "$FOLDWORK_STARTED_REDIS_PIDFILE" ]; then
    kill "$(cat "$FOLDWORK_STARTED_REDIS_PIDFILE")" 2>/dev/null || true
  fi
}
