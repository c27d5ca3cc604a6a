#!/usr/bin/env bash
# One command per JMH suite, with the ratios the README quotes:
#   benchmarks/jmh.sh Embedded     string commands beside ConcurrentHashMap and Caffeine, 1 and 2 threads
#   benchmarks/jmh.sh Collections  hash/set/zset/list commands beside maps of maps, 1 and 2 threads
#   benchmarks/jmh.sh Scaling      GET/SET at 1K, 100K, 1M, 10M keys
#   benchmarks/jmh.sh Resp         RESP decoder, writer, and GET through decode-execute-reply, with -prof gc
# Extra arguments go to JMH (e.g. -p keys=1000 -f 2). Builds the jar if it is missing. Raw results:
# benchmarks/results/<suite>-t<threads>.csv; the summary prints Ferrite's contenders as ratios.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
suite=${1:?usage: jmh.sh Embedded|Collections|Scaling|Resp [jmh args...]}
shift
jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -DskipTests package -pl benchmarks -am) >&2
fi
mkdir -p "$here/results"
case $suite in
  Embedded|Collections) threads="1 2"; extra=() ;;
  Resp) threads="1"; extra=(-prof gc) ;;
  Scaling) threads="1"; extra=() ;;
  *) echo "unknown suite $suite" >&2; exit 2 ;;
esac
files=()
for t in $threads; do
  out="$here/results/$suite-t$t.csv"
  java -jar "$jar" "io.ferrite.bench.${suite}Benchmark" -t "$t" "${extra[@]}" -rf csv -rff "$out" "$@"
  files+=("$out")
done
python3 "$here/jmh-summary.py" "$suite" "${files[@]}"
