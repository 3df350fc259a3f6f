#!/usr/bin/env bash
# End-to-end benchmark: a generated transaction log to scores, through the real command.
# Usage: rekindle-bench/scripts/end-to-end.sh [CUSTOMERS] [RUNS] [MODEL] [ORDER]
# ORDER is how the log's rows are ordered: "customer" (as generated: grouped by customer, each in
# date order, like an export of order histories) or "date" (the same rows sorted by date, customers
# interleaved, like an export of the order book).
# Prints the wall time of every run and the median. Needs the CLI jar (./rekindle builds it).
set -euo pipefail
cd "$(dirname "$0")/../.."
customers=${1:-1000000}
runs=${2:-3}
model=${3:-bgnbd}
order=${4:-customer}
dir=${BENCH_DIR:-/tmp/rekindle-bench}
mkdir -p "$dir"
log="$dir/log-$customers.csv"
./rekindle --version >/dev/null
if [ ! -f "$log" ]; then
  # about ten rows per customer: CDNOW's BG/NBD with a purchase rate ten times higher
  ./rekindle generate --customers "$customers" --seed 7 --order-ids \
    --params r=0.243,alpha=1.25,a=0.793,b=2.426 --out "$log"
fi
case "$order" in
  customer) ;;
  date)
    sorted="$dir/log-$customers-by-date.csv"
    if [ ! -f "$sorted" ]; then
      { head -n 1 "$log"; tail -n +2 "$log" | LC_ALL=C sort -t, -k2,2 -s -S 1G; } > "$sorted"
    fi
    log=$sorted ;;
  *) echo "ORDER must be customer or date, was $order" >&2; exit 2 ;;
esac
echo "log: $log, $(wc -l < "$log") lines, $(du -h "$log" | cut -f1)"
times=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  java -Xmx2g -jar rekindle-cli/target/rekindle.jar score --transactions "$log" --model "$model" \
    --period week --out "$dir/scores.csv" --report "$dir/report.json" >/dev/null
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  times+=("$t")
  echo "run $i: ${t} s   stages (ms): $(tr -d ' \n' < "$dir/report.json" | sed 's/.*"timings":{\([^}]*\)}.*/\1/')"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " s"}'
