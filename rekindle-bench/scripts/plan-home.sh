#!/usr/bin/env bash
# Builds a Rekindle home for the planning benchmark (PlanBench): the generated 1M-customer log of
# end-to-end.sh imported, a customers file that gives every customer what the default playbooks
# look at (an email and consent to email and letters, an address, a rep, a birthday, a time zone,
# one in five a credit account, one in fifty in the 'key' segment), and one daily run.
# Usage: rekindle-bench/scripts/plan-home.sh [HOME] [CUSTOMERS]
# Needs the CLI jar (./rekindle builds it). The home must not exist yet.
set -euo pipefail
cd "$(dirname "$0")/../.."
home=${1:-/tmp/rk-plan-home}
customers=${2:-1000000}
dir=${BENCH_DIR:-/tmp/rekindle-bench}
if [ -e "$home" ]; then
  echo "$home exists; give a new directory" >&2
  exit 2
fi
mkdir -p "$dir"
rk() { java -Xmx2g -jar rekindle-cli/target/rekindle.jar "$@"; }
log="$dir/log-$customers.csv"
if [ ! -f "$log" ]; then
  rk generate --customers "$customers" --seed 7 --order-ids \
    --params r=0.243,alpha=1.25,a=0.793,b=2.426 --out "$log"
fi
people="$dir/customers-$customers.csv"
if [ ! -f "$people" ]; then
  awk -v n="$customers" 'BEGIN {
    OFS = ","
    print "customer_id,name,email,address_line1,city,postal_code,country,birthday,owner_rep," \
          "segment,account_kind,time_zone,consent_email,consent_letter,consent_phone"
    split("UTC,America/New_York,Europe/Berlin,America/Los_Angeles", zone, ",")
    for (i = 1; i <= n; i++) {
      day = (i * 7919) % 365
      birthday = strftime("%Y-%m-%d", mktime("1970 01 01 12 00 00") + day * 86400, 1)
      print i, "Customer " i, "c" i "@example.test", i " Bench Road", "Springfield", \
            sprintf("%05d", i % 100000), "US", birthday, "rep" (i % 40), \
            (i % 50 == 0 ? "key" : "retail"), (i % 5 == 0 ? "credit_account" : "consumer"), \
            zone[i % 4 + 1], "yes", "yes", "yes"
    }
  }' > "$people"
fi
rk import orders "$log" --home "$home"
rk import customers "$people" --home "$home"
rk run --as-of 1998-06-30 --home "$home"
# The default playbooks, with quiet hours off (so that the time of day the benchmark runs at does
# not change what it plans) and an offer budget (so that its ranking is part of the work).
sed -e '/^  quiet_hours:/,/^    days_off:/c\  quiet_hours: false' \
    -e 's/^  calls_per_rep_per_day:.*/&\n  offer_budget: {amount: 20000, per_days: 30}/' \
  rekindle-core/src/main/resources/org/rekindle/core/playbook/default-rekindle.yaml \
  > "$home/rekindle.yaml"
rk playbooks --home "$home" >/dev/null
echo "home ready: $home"
