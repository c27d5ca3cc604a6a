# Sourced by the benchmark scripts that start servers: remembers their PIDs, stops only those on exit, and waits
# for a server to answer PING. The caller appends to `pids` after each start.
pids=()
stop_servers() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
}
trap stop_servers EXIT INT TERM

wait_pong() { # port
  for _ in $(seq 1 600); do
    [[ "$(redis-cli -p "$1" ping 2>/dev/null)" == PONG ]] && return 0
    sleep 0.1
  done
  echo "${0##*/}: nothing answers PING on port $1" >&2
  exit 1
}
