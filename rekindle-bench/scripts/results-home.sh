#!/usr/bin/env bash
# Builds the home of ResultsBench: a copy of the planning home (plan-home.sh, then the two plans
# and runs of docs/benchmarks.md, "Planning on 1M customers") with a year of playbook history
# added by results-home.sql (see there). The copy is made first; the source is never changed.
# Usage: rekindle-bench/scripts/results-home.sh SOURCE_HOME NEW_HOME
# Needs the classes compiled and the classpath of docs/benchmarks.md in $CP.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=${1:?the planning home to copy}
home=${2:?a new directory for the results home}
if [ -e "$home" ]; then
  echo "$home exists; give a new directory" >&2
  exit 2
fi
cp -a "$src" "$home"
java -Xmx1g -cp "${CP:?set CP as in docs/benchmarks.md}" org.rekindle.bench.SqlScript "$home" \
  rekindle-bench/scripts/results-home.sql
echo "home ready: $home"
