#!/usr/bin/env bash
# The web benchmark of issue 6 (docs/benchmarks.md, "The web app and the API on 1M customers"):
# on a home with customers, scores and orders (results-home.sh builds one with 1M customers) it
# makes a user and an API key, starts `rekindle serve` on 127.0.0.1 on a free port, logs in with
# curl, and runs wrk against
#   list    the customer list: each path of $LIST_PATHS (the first page, a filtered and sorted
#           page, a later page)
#   page    customer pages of $SAMPLE customers sampled from the database, picked at random
#   single  POST /api/v1/orders, a new order per request for an existing customer
#   bulk    POST /api/v1/orders/bulk, $BULK_ORDERS new orders per request, as CSV and as JSON
# each for $DURATION after a warm-up run of $WARMUP, $RUNS times, and prints p50/p95/p99 latency,
# requests/s (orders/s for bulk), the CPU the server and its database spent per answer and the load
# average, and their medians (results.tsv and summary.txt in OUT_DIR). Every answer is checked:
# a redirect to the login page, a refused order or a partial bulk import counts as bad.
#
# Usage: rekindle-bench/scripts/web-bench.sh HOME [OUT_DIR]
# The home is changed: a user 'webbench' (its password set anew), an API key per run, the orders
# posted, and `serve` migrates it to the jar's schema. Benchmark a copy:
#   cp -a /tmp/rk-results-home /tmp/rk-web-home
#   rekindle-bench/scripts/web-bench.sh /tmp/rk-web-home
# Needs the CLI jar (./mvnw -o -q -B package -DskipTests -pl rekindle-cli -am), wrk, curl, psql.
#
# Settings (environment), with their defaults:
#   ONLY=list,page,single,bulk    which benchmarks to run
#   THREADS=2 CONNS=8             wrk threads and connections: a 2-core machine that also runs
#                                 the server and its database has no use for more client threads
#   BULK_CONNS=2                  connections for bulk ingest (each request is a 10,000-order body)
#   DURATION=20s WARMUP=5s RUNS=3 each measured run, the warm-up run before them, how many runs
#   BULK_DURATION=60s             a bulk request takes seconds: longer runs (wrk drops the requests
#                                 still in flight when a run ends, up to one per connection)
#   BULK_ORDERS=10000 SAMPLE=10000
#   LIST_PATHS='/customers /customers?state=lapsing&sort=p-alive /customers?page=50'
#   PAGE_PREFIX=/customers/       a customer's page is PAGE_PREFIX + their id
#   JAR=rekindle-cli/target/rekindle.jar  JAVA_OPTS=-Xmx2g (for serve)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
home=${1:?usage: web-bench.sh HOME [OUT_DIR]}
out=${2:-/tmp/rekindle-bench/web-$(date -u +%Y%m%dT%H%M%SZ)}
jar=${JAR:-$root/rekindle-cli/target/rekindle.jar}
only=${ONLY:-list,page,single,bulk}
threads=${THREADS:-2}
conns=${CONNS:-8}
bulk_conns=${BULK_CONNS:-2}
duration=${DURATION:-20s}
bulk_duration=${BULK_DURATION:-60s}
warmup=${WARMUP:-5s}
runs=${RUNS:-3}
bulk_orders=${BULK_ORDERS:-10000}
sample=${SAMPLE:-10000}
list_paths=${LIST_PATHS:-/customers /customers?state=lapsing&sort=p-alive /customers?page=50}
page_prefix=${PAGE_PREFIX:-/customers/}
java_opts=${JAVA_OPTS:--Xmx2g}
wrk_dir=$here/wrk

for tool in wrk curl psql java; do
  command -v "$tool" >/dev/null || { echo "web-bench: '$tool' is needed" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "web-bench: no jar at $jar: build it first" >&2; exit 2; }
[ -d "$home/postgres" ] || { echo "web-bench: $home is not a Rekindle home" >&2; exit 2; }
mkdir -p "$out"
say() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/bench.log" >&2; }
rk() { java -Xmx1g -jar "$jar" "$@" --home "$home"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

say "home $home, jar $jar ($(date -u -r "$jar" +%Y-%m-%dT%H:%M:%SZ)), results in $out"
say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem/ {print $2}') GB; $(java -version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"

# --- a user and an API key ------------------------------------------------------------------
login=webbench
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
say "user '$login' and an API key (the first command migrates the home if the jar is newer)"
if ! printf '%s\n' "$password" \
    | rk user add "$login" --name "Web benchmark" --role admin --password-stdin >>"$out/cli.log" 2>&1; then
  # made by an earlier run: a new password, and enabled in case it was disabled
  printf '%s\n' "$password" | rk user password "$login" --password-stdin >>"$out/cli.log" 2>&1
  rk user enable "$login" >>"$out/cli.log" 2>&1
fi
key=$(rk apikey add "webbench-$(date -u +%Y%m%dT%H%M%S)" 2>>"$out/cli.log" \
  | tee -a "$out/cli.log" | grep -oE 'rk_[A-Za-z0-9_-]{43}' | head -1)
[ -n "$key" ] || { echo "web-bench: no API key made (see $out/cli.log)" >&2; exit 1; }

# --- the server -----------------------------------------------------------------------------
say "starting rekindle serve on a free port"
# shellcheck disable=SC2086
java $java_opts -jar "$jar" serve --home "$home" --port 0 >"$out/serve.log" 2>&1 &
serve_pid=$!
stop() {
  if kill -0 "$serve_pid" 2>/dev/null; then
    kill "$serve_pid"
    wait "$serve_pid" 2>/dev/null || true
  fi
}
trap stop EXIT
base=
for _ in $(seq 1 600); do
  base=$(grep -oE 'Serving at http://127\.0\.0\.1:[0-9]+' "$out/serve.log" | head -1 | cut -d' ' -f3 || true)
  [ -n "$base" ] && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$out/serve.log" >&2; exit 1; }
  sleep 1
done
[ -n "$base" ] || { echo "web-bench: the server did not start in 10 minutes" >&2; exit 1; }
say "serving at $base"

# --- logging in -----------------------------------------------------------------------------
cookies=$out/cookies.txt
rm -f "$cookies"
curl -sS -c "$cookies" -b "$cookies" "$base/login" >"$out/login.html"
csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$out/login.html" | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$csrf" ] || { echo "web-bench: no _csrf field on the login page" >&2; exit 1; }
status=$(curl -sS -c "$cookies" -b "$cookies" -o /dev/null -w '%{http_code}' \
  --data-urlencode "login=$login" --data-urlencode "password=$password" \
  --data-urlencode "_csrf=$csrf" "$base/login")
session=$(awk '$6 == "rekindle_session" {print $7}' "$cookies")
[ -n "$session" ] || { echo "web-bench: logging in failed (status $status)" >&2; exit 1; }
say "logged in (status $status)"

# --- the database: what is in it, and the customers to ask for ------------------------------
db_port=$(sed -n 4p "$home/postgres/postmaster.pid")
sql() { psql -X -q -t -A "postgresql://postgres@127.0.0.1:$db_port/rekindle" -c "$1"; }
ids=$out/customer-ids.txt
sql "COPY (SELECT external_id FROM customers TABLESAMPLE BERNOULLI (5) REPEATABLE (7)
           ORDER BY md5(external_id) LIMIT $sample) TO STDOUT" >"$ids"
say "database: $(sql "SELECT count(*) FROM customers") customers, $(sql "SELECT count(*) FROM orders") orders, latest run as of $(sql "SELECT max(as_of) FROM runs"), schema $(sql "SELECT max(version::int) FROM flyway_schema_history WHERE success") ($(sql "SHOW server_version")); $(wc -l <"$ids") customer ids sampled"

# --- each answer checked once by hand before wrk asks thousands of times ---------------------
check_get() {
  local path=$1 want=$2 file
  file=$out/check-$(echo "$path" | tr -c 'A-Za-z0-9\n' '_').html
  local got
  got=$(curl -sS -o "$file" -w '%{http_code}' -b "rekindle_session=$session" "$base$path")
  if [ "$got" != 200 ] || ! grep -qF -- "$want" "$file"; then
    echo "web-bench: GET $path answered $got without '$want' (see $file)" >&2
    exit 1
  fi
}

results=$out/results.tsv
printf 'benchmark\trun\tconnections\trequests\trps\tp50_ms\tp95_ms\tp99_ms\tbad\terrors\tload_before\tload_after\tcpu_ms_per_request\tjvm_cpu_ms_per_request\n' >"$results"
wrk_timeout=60s

# The CPU time (ms) the server and its database have used so far: the JVM, the postmaster and
# its backends, live ones and (through the postmaster's children's times) those that ended. Divided by
# the requests answered, it is the cost of a request, which the machine's load does not change
# the way it changes the latency.
cpu_ms() {
  local pm
  pm=$(sed -n 1p "$home/postgres/postmaster.pid")
  { cat "/proc/$serve_pid/stat" "/proc/$pm/stat"
    for p in $(pgrep -P "$pm"); do cat "/proc/$p/stat" 2>/dev/null || true; done
  } | sed 's/^.*) //' | awk -v hz="$(getconf CLK_TCK)" '{ t += $12 + $13 + $14 + $15 } END { printf "%d", t * 1000 / hz }'
}

# The CPU time (ms) of the server's JVM alone: the rest of cpu_ms is the database's
server_cpu_ms() {
  sed 's/^.*) //' "/proc/$serve_pid/stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($12 + $13) * 1000 / hz }'
}

# wrk abandons the requests in flight when a run ends, but the server finishes them: wait until
# the database is idle (up to two minutes), so that one run's leftovers do not slow the next
settle() {
  local i busy
  for i in $(seq 1 120); do
    busy=$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = 'rekindle'
                AND state <> 'idle' AND pid <> pg_backend_pid()")
    [ "$busy" = 0 ] && return 0
    sleep 1
  done
  say "the database was still busy after two minutes"
}

# bench NAME CONNECTIONS DURATION SCRIPT URL: a warm-up run, then $runs measured runs
bench() {
  local name=$1 c=$2 d=$3 script=$4 url=$5 r line
  say "$name: warm-up $warmup (load $(load))"
  RK_RUN="$(date +%s)w" wrk -t"$threads" -c"$c" -d"$warmup" --timeout "$wrk_timeout" --latency \
    -s "$wrk_dir/$script" "$url" >"$out/$name.warmup.txt" 2>&1
  settle
  for r in $(seq 1 "$runs"); do
    local before cpu0 cpu1 jvm0 jvm1
    before=$(load)
    cpu0=$(cpu_ms)
    jvm0=$(server_cpu_ms)
    RK_RUN="$(date +%s)r$r" wrk -t"$threads" -c"$c" -d"$d" --timeout "$wrk_timeout" --latency \
      -s "$wrk_dir/$script" "$url" >"$out/$name.$r.txt" 2>&1
    settle
    cpu1=$(cpu_ms)
    jvm1=$(server_cpu_ms)
    line=$(grep '^RESULT' "$out/$name.$r.txt" || true)
    [ -n "$line" ] || { cat "$out/$name.$r.txt" >&2; exit 1; }
    field() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
    # after settling, the CPU of requests wrk gave up on is counted too: a cost per answer
    local per jvm
    per=$(awk -v c=$((cpu1 - cpu0)) -v n="$(field requests)" 'BEGIN { printf "%.1f", (n > 0 ? c / n : 0) }')
    jvm=$(awk -v c=$((jvm1 - jvm0)) -v n="$(field requests)" 'BEGIN { printf "%.1f", (n > 0 ? c / n : 0) }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$r" "$c" \
      "$(field requests)" "$(field rps)" "$(field p50_ms)" "$(field p95_ms)" "$(field p99_ms)" \
      "$(field bad)" "$(field errors)" "$before" "$(load)" "$per" "$jvm" >>"$results"
    say "$name run $r: $(echo "$line" | cut -d' ' -f2-) cpu_ms_per_request=$per (of which the server's JVM $jvm; load before $before, after $(load))"
    if [ "$(field bad)" != 0 ]; then
      say "$name: $(grep '^FIRST_BAD' "$out/$name.$r.txt" | cut -c1-300)"
    fi
  done
}

export RK_SESSION=$session RK_KEY=$key RK_IDS=$ids RK_PAGE_PREFIX=$page_prefix

if [[ ",$only," == *,list,* ]]; then
  n=0
  for path in $list_paths; do
    n=$((n + 1))
    check_get "$path" "$page_prefix"
    RK_EXPECT_TEXT=$page_prefix bench "list$n" "$conns" "$duration" get.lua "$base$path"
    echo "list$n = $path" >>"$out/bench.log"
  done
fi

if [[ ",$only," == *,page,* ]]; then
  first=$(head -1 "$ids")
  check_get "$page_prefix$first" "$first"
  bench page "$conns" "$duration" customer-page.lua "$base"
fi

if [[ ",$only," == *,single,* ]]; then
  first=$(head -1 "$ids")
  got=$(curl -sS -o "$out/check-single.json" -w '%{http_code}' -H "Authorization: Bearer $key" \
    -H 'Content-Type: application/json' \
    -d "{\"customer_id\":\"$first\",\"order_id\":\"wb-check-$(date +%s)\",\"date\":\"1998-07-01\",\"amount\":\"1.00\"}" \
    "$base/api/v1/orders")
  [ "$got" = 201 ] || { echo "web-bench: a single order answered $got: $(cat "$out/check-single.json")" >&2; exit 1; }
  bench single "$conns" "$duration" single-order.lua "$base"
fi

if [[ ",$only," == *,bulk,* ]]; then
  for format in csv json; do
    RK_BULK_FORMAT=$format RK_BULK_ORDERS=$bulk_orders bench "bulk-$format" "$bulk_conns" \
      "$bulk_duration" bulk-orders.lua "$base"
  done
fi

# --- medians --------------------------------------------------------------------------------
summary=$out/summary.txt
awk -F'\t' -v orders="$bulk_orders" '
  NR == 1 { next }
  { key = $1; if (!(key in seen)) { seen[key] = 1; order[++k] = key; conn[key] = $3 }
    n[key]++; rps[key, n[key]] = $5; p50[key, n[key]] = $6; p95[key, n[key]] = $7
    p99[key, n[key]] = $8; cpu[key, n[key]] = $13; bad[key] += $9 + $10; if ($4 == 0) empty[key]++ }
  function median(a, key, m,   i, j, t, v) {
    for (i = 1; i <= m; i++) v[i] = a[key, i] + 0
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
  }
  END {
    printf "%-10s %5s %10s %12s %9s %9s %9s %5s %12s\n", "benchmark", "conns", "req/s", "orders/s", "p50 ms", "p95 ms", "p99 ms", "bad", "CPU ms/req"
    for (i = 1; i <= k; i++) {
      key = order[i]; m = n[key]; r = median(rps, key, m)
      if (empty[key] > 0) {
        # wrk counts only answers that came within the run: latencies of the rest are unknown
        printf "%-10s %5s %s\n", key, conn[key], empty[key] " of " m " runs had no answer within the run: slower than the run"
        continue
      }
      printf "%-10s %5s %10.2f %12s %9.1f %9.1f %9.1f %5d %12.1f\n", key, conn[key], r,
        (key ~ /^bulk/ ? sprintf("%.0f", r * orders) : (key == "single" ? sprintf("%.0f", r) : "-")),
        median(p50, key, m), median(p95, key, m), median(p99, key, m), bad[key], median(cpu, key, m)
    }
    print "(medians of each benchmark'"'"'s runs; bad = answers not as expected plus socket errors;"
    print " CPU ms/req = CPU time of the server and its database per answer)"
  }' "$results" | tee "$summary"
say "done: $results, $summary"
