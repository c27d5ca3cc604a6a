#!/usr/bin/env bash
# CPU each server spends per request, beside its throughput, in one interleaved run:
#   benchmarks/server-cpu.sh
# On a 2-core machine redis-benchmark saturates a core of its own before either server does for the simple
# commands, so throughput shows the client's speed more than the server's. The CPU a server process uses per
# request (all its threads: for the JVM also the collector and the compilers) is what the server itself costs,
# and is far less sensitive to that. Starts redis-server and bin/ferrite-server (as shipped), alternates them per
# test ROUNDS times, reads utime+stime of each whole process from /proc around every redis-benchmark run.
# redis-benchmark fills the list before LRANGE_100 with as many LPUSHes: that row's CPU covers both (for both
# servers alike). Writes benchmarks/results/server-cpu-raw.csv and prints medians:
#   test,pipeline,redis_rps,ferrite_rps,rps_ferrite/redis,redis_us_per_req,ferrite_us_per_req,cpu_ferrite/redis
# Knobs: TESTS (the collection tests) PIPELINES ("1 16") ROUNDS (3) N1 (60000) N16 (600000)
#        REDIS_PORT (16421) FERRITE_PORT (16431); stops only the servers it started.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
TESTS=${TESTS:-lpush,lpop,sadd,hset,spop,zadd,lrange_100}
PIPELINES=${PIPELINES:-"1 16"}
ROUNDS=${ROUNDS:-3}
N1=${N1:-60000}
N16=${N16:-600000}
REDIS_PORT=${REDIS_PORT:-16421}
FERRITE_PORT=${FERRITE_PORT:-16431}
out="$here/results"
mkdir -p "$out"
raw="$out/server-cpu-raw.csv"

# shellcheck source=servers.sh
source "$here/servers.sh"
client_time=$(mktemp)

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$out/redis.log" 2>&1 &
redis_pid=$!; pids+=("$redis_pid")
# exec in the launcher: the PID started here is the JVM's.
"$root/bin/ferrite-server" --port "$FERRITE_PORT" --save '' >"$out/ferrite.log" 2>&1 &
ferrite_pid=$!; pids+=("$ferrite_pid")
wait_pong "$REDIS_PORT"; wait_pong "$FERRITE_PORT"
for p in "$redis_pid" "$ferrite_pid"; do
  kill -0 "$p" 2>/dev/null || { echo "server-cpu: a server did not start (port taken?)" >&2; exit 1; }
done
sleep 5 # the launcher's JIT warm-up runs for the first 3 s

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

echo "label,test,pipeline,rps,cpu_s,requests,client_cores,round" > "$raw"
for p in $PIPELINES; do
  n=$N1; [[ $p -gt 1 ]] && n=$N16
  for t in ${TESTS//,/ }; do
    for ((r = 1; r <= ROUNDS; r++)); do
      for side in redis ferrite; do
        port=$REDIS_PORT; pid=$redis_pid
        [[ $side == ferrite ]] && { port=$FERRITE_PORT; pid=$ferrite_pid; }
        echo "server-cpu: $t -P $p round $r: $side" >&2
        before=$(ticks "$pid")
        rps=$(/usr/bin/time -f "%e %U %S" -o "$client_time" timeout -k 5 120 redis-benchmark -p "$port" -c 50 \
          -n "$n" -r 100000 -d 3 -P "$p" -t "$t" --csv 2>/dev/null |
          tr -d '"' | awk -F, 'NR > 1 && $1 !~ /needed/ && NF >= 2 {print $2; exit}')
        after=$(ticks "$pid")
        client=$(awk '{printf "%.3f", ($2 + $3) / $1}' "$client_time")
        echo "$side,$t,$p,${rps:-NA},$(awk -v d=$((after - before)) -v hz="$hz" 'BEGIN {print d / hz}'),$n,$client,$r" >> "$raw"
      done
    done
  done
done

rm -f "$client_time"

python3 - "$raw" <<'PY'
import csv, statistics, sys
runs = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["rps"] != "NA":
        runs.setdefault((r["test"], int(r["pipeline"]), r["label"]), []).append(
            (float(r["rps"]), float(r["cpu_s"]) * 1e6 / int(r["requests"]), float(r["client_cores"])))
print("test,pipeline,redis_rps,ferrite_rps,rps_ferrite/redis,redis_us_per_req,ferrite_us_per_req,cpu_ferrite/redis,"
      "client_cores_vs_redis,client_cores_vs_ferrite")
for (t, p) in dict.fromkeys((k[0], k[1]) for k in runs):
    a, b = runs.get((t, p, "redis")), runs.get((t, p, "ferrite"))
    if not a or not b:
        continue
    ar, br = statistics.median(x[0] for x in a), statistics.median(x[0] for x in b)
    ac, bc = statistics.median(x[1] for x in a), statistics.median(x[1] for x in b)
    ak, bk = statistics.median(x[2] for x in a), statistics.median(x[2] for x in b)
    print(f"{t},{p},{ar:.0f},{br:.0f},{br / ar:.3f},{ac:.2f},{bc:.2f},{bc / ac:.3f},{ak:.2f},{bk:.2f}")
PY
