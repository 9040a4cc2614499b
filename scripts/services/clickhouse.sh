# Sourced by scripts/test and scripts/bench. Makes sure a ClickHouse answers over HTTP and
# exports its address as FOLDWORK_CLICKHOUSE_URL for the tests and benchmarks.
#
# A developer who already runs ClickHouse sets FOLDWORK_CLICKHOUSE_URL (for example
# http://127.0.0.1:8123) and nothing is started. Otherwise this installs Debian's
# clickhouse-server when it is missing (as root), starts the binary with a minimal config whose
# data lives in a temporary folder, on 127.0.0.1 (HTTP $FOLDWORK_CLICKHOUSE_HTTP_PORT, default
# 8123, or the next free port when that is taken), and clickhouse_stop_if_started stops it by its PID.
#
# The lower-level functions (clickhouse_configure, clickhouse_launch, clickhouse_kill) are also
# used by the server-restart test, which runs its own server on other ports.

clickhouse_ensure() {
  if [ -n "${FOLDWORK_CLICKHOUSE_URL:-}" ]; then
    if clickhouse_answers "$FOLDWORK_CLICKHOUSE_URL"; then
      echo "clickhouse: using the server at $FOLDWORK_CLICKHOUSE_URL"
      return 0
    fi
    echo "clickhouse: FOLDWORK_CLICKHOUSE_URL=$FOLDWORK_CLICKHOUSE_URL does not answer SELECT 1" >&2
    return 1
  fi
  # 8123 and 9000 unless taken (another run, another service): then the next free ones.
  local http_port="${FOLDWORK_CLICKHOUSE_HTTP_PORT:-$(clickhouse_free_port 8123)}"
  local tcp_port="${FOLDWORK_CLICKHOUSE_TCP_PORT:-$(clickhouse_free_port 9000)}"
  if clickhouse_port_taken "$http_port" || clickhouse_port_taken "$tcp_port"; then
    echo "clickhouse: port $http_port or $tcp_port is taken; set FOLDWORK_CLICKHOUSE_URL to use a running server," \
      "or other FOLDWORK_CLICKHOUSE_HTTP_PORT / FOLDWORK_CLICKHOUSE_TCP_PORT" >&2
    return 1
  fi
  clickhouse_install_if_missing || return 1
  local dir
  dir="$(mktemp -d /tmp/foldwork-clickhouse.XXXXXX)"
  clickhouse_configure "$dir" "$http_port" "$tcp_port"
  FOLDWORK_STARTED_CLICKHOUSE_DIR="$dir" # set first, so a server that started but never answered is stopped too
  clickhouse_launch "$dir" || return 1
  export FOLDWORK_CLICKHOUSE_URL="http://127.0.0.1:$http_port"
  echo "clickhouse: started on $FOLDWORK_CLICKHOUSE_URL (data and log in $dir)"
}

clickhouse_stop_if_started() {
  if [ -n "${FOLDWORK_STARTED_CLICKHOUSE_DIR:-}" ]; then
    clickhouse_kill "$FOLDWORK_STARTED_CLICKHOUSE_DIR"
    rm -rf "$FOLDWORK_STARTED_CLICKHOUSE_DIR"
    FOLDWORK_STARTED_CLICKHOUSE_DIR=""
  fi
}

clickhouse_install_if_missing() {
  if command -v clickhouse-server >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "clickhouse: clickhouse-server is missing; install it (apt-get install clickhouse-server)" \
      "or point FOLDWORK_CLICKHOUSE_URL at a running ClickHouse" >&2
    return 1
  fi
  echo "clickhouse: installing clickhouse-server (about 20 s)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    clickhouse-server clickhouse-client >/dev/null
}

# Writes a minimal server config into DIR: listens on 127.0.0.1 only, keeps data under DIR,
# a passwordless default user reachable from 127.0.0.1.
clickhouse_configure() {
  local dir="$1" http_port="$2" tcp_port="$3"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/format_schemas"
  cat >"$dir/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$dir/server.log</log>
    <errorlog>$dir/server.err.log</errorlog>
    <size>100M</size>
    <count>1</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http_port</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <keep_alive_timeout>60</keep_alive_timeout>
  <max_connections>256</max_connections>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
</yandex>
EOF
  cat >"$dir/users.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
EOF
}

# Starts the server configured in DIR in the background, records its PID in DIR/server.pid and
# waits (up to 30 s) until it answers SELECT 1.
clickhouse_launch() {
  local dir="$1"
  local http_port
  http_port="$(sed -n 's:.*<http_port>\([0-9]*\)</http_port>.*:\1:p' "$dir/config.xml")"
  clickhouse-server --config-file="$dir/config.xml" >"$dir/stdout.log" 2>&1 </dev/null &
  echo $! >"$dir/server.pid"
  for _ in $(seq 1 300); do
    if clickhouse_answers "http://127.0.0.1:$http_port"; then
      return 0
    fi
    if ! kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; then
      echo "clickhouse: the server exited at start; see $dir/server.err.log and $dir/stdout.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "clickhouse: did not answer on 127.0.0.1:$http_port within 30 s; see $dir/server.err.log" >&2
  return 1
}

# Stops the server whose PID is in DIR/server.pid with SIGNAL (default TERM, a clean shutdown
# that can take seconds while clients hold connections) and waits until it has exited.
clickhouse_kill() {
  local dir="$1" signal="${2:-TERM}" pid
  [ -f "$dir/server.pid" ] || return 0
  pid="$(cat "$dir/server.pid")"
  kill -s "$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/server.pid"; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/server.pid"
}

clickhouse_port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

clickhouse_free_port() {
  local port="$1"
  while clickhouse_port_taken "$port"; do
    port=$((port + 1))
  done
  echo "$port"
}

clickhouse_answers() {
  [ "$(curl -sS --max-time 2 --data-binary 'SELECT 1' "$1/" 2>/dev/null)" = "1" ]
}
