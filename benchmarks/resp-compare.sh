#!/usr/bin/env bash
# Ferrite beside a real redis-server over loopback, in one interleaved run:
#   benchmarks/resp-compare.sh
# 1. resp-bench.sh --compare (redis = A, ferrite = B): the redis-benchmark matrix at pipeline 1 and 16;
# 2. connection scaling: GET at -P 1 with 1, 50, 1000 and 10000 clients (10000 only if `ulimit -n` can be raised),
#    A,B alternated ROUNDS times, median throughput and p99;
# 3. heap per idle connection at IDLE_CONNS connections (jcmd GC.run + GC.heap_info before and after);
# 4. time from `java -jar` to first PONG (startup-time.py) beside redis-server's, and start() of a second
#    in-JVM server to PONG (io.ferrite.bench.ServerStartup).
# Writes benchmarks/results/{resp-compare-raw.csv,resp-compare.csv,connections.csv,memory-startup.txt} and
# resp-compare.svg (plotted from those CSVs). Builds the jars if missing; stops only the servers it started.
# Knobs: REDIS_PORT (16421) FERRITE_PORT (16431) N_SCALE (0.25) ROUNDS (3) IDLE_CONNS (10000)
#        FERRITE_JAVA_OPTS ("-Xms1g -Xmx1g") SKIP_MATRIX=1 SKIP_CONNECTIONS=1 SKIP_MEMORY=1
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
tools="${TOOLS:-$root/../shared/tools}"
[[ -x "$tools/resp-bench.sh" ]] || tools=/work/shared/tools
REDIS_PORT=${REDIS_PORT:-16421}
FERRITE_PORT=${FERRITE_PORT:-16431}
ROUNDS=${ROUNDS:-3}
N_SCALE=${N_SCALE:-0.25}
IDLE_CONNS=${IDLE_CONNS:-10000}
export FERRITE_JAVA_OPTS=${FERRITE_JAVA_OPTS:-"-Xms1g -Xmx1g"}
out="$here/results"
mkdir -p "$out"

server_jar() { ls "$root"/ferrite-net/target/ferrite-net-*-server.jar 2>/dev/null | head -n 1; }
if [[ -z "$(server_jar)" || ! -f "$here/target/benchmarks.jar" ]]; then
  (cd "$root" && mvn -B -q -DskipTests package -pl ferrite-net,benchmarks -am) >&2 || exit 1
fi

# As many descriptors as 10000 clients on each side need; without them the 10000 step is skipped.
ulimit -n 32768 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fds=$(ulimit -n)
clients_list="1 50 1000"
# Each process (redis-benchmark, the server) needs its own 10000 descriptors and a few more.
[[ "$fds" -ge 10500 ]] && clients_list="$clients_list 10000"

# shellcheck source=servers.sh
source "$here/servers.sh"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --maxclients 20000 \
  >"$out/redis.log" 2>&1 &
redis_pid=$!; pids+=("$redis_pid")
# shellcheck disable=SC2086
java $FERRITE_JAVA_OPTS -jar "$(server_jar)" --port "$FERRITE_PORT" --save '' --maxclients 20000 >"$out/ferrite.log" 2>&1 &
ferrite_pid=$!; pids+=("$ferrite_pid")
wait_pong "$REDIS_PORT"; wait_pong "$FERRITE_PORT"
echo "# $(date -u +%F) $(nproc) cores, $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f3)" \
  > "$out/environment.txt"

if [[ "${SKIP_MATRIX:-0}" != 1 ]]; then
  echo "resp-compare: redis-benchmark matrix (A = redis, B = ferrite)" >&2
  RAW="$out/resp-compare-raw.csv" N_SCALE=$N_SCALE ROUNDS=$ROUNDS \
    "$tools/resp-bench.sh" --compare 127.0.0.1 "$REDIS_PORT" 127.0.0.1 "$FERRITE_PORT" redis ferrite \
    > "$out/resp-compare.csv"
  cat "$out/resp-compare.csv"
fi

# run_conns PORT CLIENTS -> "rps,p99" of GET at -P 1
run_conns() {
  local n=$(( $2 >= 1000 ? 200000 : ($2 == 1 ? 20000 : 100000) ))
  timeout -k 5 120 redis-benchmark -p "$1" -c "$2" -n "$n" -r 100000 -d 3 -P 1 -t get --csv 2>/dev/null |
    tr -d '"' | awk -F, 'NR > 1 && NF >= 7 {print $2 "," $7; exit}'
}

if [[ "${SKIP_CONNECTIONS:-0}" != 1 ]]; then
  echo "label,clients,rps,p99_ms,round" > "$out/connections-raw.csv"
  for c in $clients_list; do
    for ((r = 1; r <= ROUNDS; r++)); do
      for side in redis ferrite; do
        port=$REDIS_PORT; [[ $side == ferrite ]] && port=$FERRITE_PORT
        echo "resp-compare: $c clients, round $r: $side" >&2
        res=$(run_conns "$port" "$c"); echo "$side,$c,${res:-NA,NA},$r" >> "$out/connections-raw.csv"
      done
    done
  done
  python3 - "$out/connections-raw.csv" > "$out/connections.csv" <<'PY'
import csv, statistics, sys
runs = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["rps"] != "NA":
        runs.setdefault((int(r["clients"]), r["label"]), []).append((float(r["rps"]), float(r["p99_ms"])))
print("clients,redis_rps,ferrite_rps,rps_ferrite/redis,redis_p99_ms,ferrite_p99_ms,p99_ferrite/redis")
for c in sorted({k[0] for k in runs}):
    a, b = runs.get((c, "redis"), []), runs.get((c, "ferrite"), [])
    if not a or not b:
        continue
    ar, br = statistics.median(x[0] for x in a), statistics.median(x[0] for x in b)
    ap, bp = statistics.median(x[1] for x in a), statistics.median(x[1] for x in b)
    print(f"{c},{ar:.0f},{br:.0f},{br / ar:.3f},{ap:.3f},{bp:.3f},{bp / ap if ap else float('nan'):.3f}")
PY
  cat "$out/connections.csv"
fi

heap_used_kb() { # pid -> KB used after a full GC
  jcmd "$1" GC.run >/dev/null 2>&1; sleep 0.5; jcmd "$1" GC.run >/dev/null 2>&1; sleep 0.5
  jcmd "$1" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9
}

if [[ "${SKIP_MEMORY:-0}" != 1 ]]; then
  {
    if [[ "$fds" -ge $((IDLE_CONNS + 1000)) ]]; then
      before=$(heap_used_kb "$ferrite_pid")
      fifo=$(mktemp -u); mkfifo "$fifo"
      # Opens the connections, sends one PING on each so the server has served it once, then holds them idle.
      python3 - "$FERRITE_PORT" "$IDLE_CONNS" > "$fifo" <<'PY' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
conns = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"PING\r\n"); conns.append(s)
for s in conns:
    while not s.recv(16).endswith(b"\r\n"): pass
print("open", flush=True)
time.sleep(600)
PY
      holder=$!; pids+=("$holder")
      read -r _ < "$fifo"; rm -f "$fifo"
      connected=$(redis-cli -p "$FERRITE_PORT" info clients | tr -d '\r' | awk -F: '$1 == "connected_clients" {print $2}')
      after=$(heap_used_kb "$ferrite_pid")
      kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
      awk -v b="$before" -v a="$after" -v n="$IDLE_CONNS" -v c="$connected" \
        'BEGIN { printf "idle_connections=%d connected_clients=%s heap_before_kb=%d heap_after_kb=%d heap_bytes_per_idle_connection=%.0f\n", n, c, b, a, (a - b) * 1024 / n }'
    else
      echo "idle connections: skipped, ulimit -n is $fds"
    fi
  } | tee "$out/memory-startup.txt"
fi

stop_servers; pids=()
if [[ "${SKIP_MEMORY:-0}" != 1 ]]; then
  {
    echo "redis-server exec to PONG: $(python3 "$tools/startup-time.py" --port "$FERRITE_PORT" --runs 5 -- \
      redis-server --port "$FERRITE_PORT" --save '' --appendonly no | tail -1)"
    # shellcheck disable=SC2086
    echo "ferrite java -jar to PONG: $(python3 "$tools/startup-time.py" --port "$FERRITE_PORT" --runs 9 -- \
      java $FERRITE_JAVA_OPTS -jar "$(server_jar)" --port "$FERRITE_PORT" --save '' | tail -1)"
    echo "ferrite java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar to PONG: $(python3 "$tools/startup-time.py" \
      --port "$FERRITE_PORT" --runs 9 -- java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$(server_jar)" \
      --port "$FERRITE_PORT" --save '' | tail -1)"
    echo "ferrite second in-JVM server: $(java -cp "$here/target/benchmarks.jar" io.ferrite.bench.ServerStartup 21)"
  } | tee -a "$out/memory-startup.txt"
fi

python3 "$here/plot.py" "$out" && echo "resp-compare: plot in $out/resp-compare.svg" >&2
