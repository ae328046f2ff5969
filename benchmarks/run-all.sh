#!/usr/bin/env bash
# Runs every benchmark with the settings recorded in BENCHMARKS.md and prints their RESULT lines.
# Usage: benchmarks/run-all.sh   (from the repository root, after `mvn -B -q -DskipTests package`)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/eddy-benchmarks.jar
corpus=${CORPUS:-/tmp/eddy-corpus-1m.txt}
[ -f "$corpus" ] || python3 ../shared/bench/gen-corpus.py --lines 1000000 > "$corpus"
run() { echo "== $*" >&2; java -jar "$jar" "$@" 2>&1 | grep -v ' INFO ' | tail -n 3; }
run log-append --records 5000000 --value-size 100
run log-append --records 1000000 --value-size 1024
run log-read --records 5000000 --value-size 100
run store put --records 2000000
run store get --records 2000000
run restore --records 2000000
run wordcount --input "$corpus"
run wordcount --input "$corpus" --repartition-through-log
run wordcount --input "$corpus" --threads 2 --partitions 2
run wordcount --input "$corpus" --guarantee exactly_once
run wordcount --input "$corpus" --commit-interval-ms 100
run windowed-count --input "$corpus"
run enrichment
run restart-after-crash --keys 1000000
