#!/usr/bin/env bash
# A flood of forged (unsigned, mis-signed, stale, tampered) requests at one warm approval callback, as packaged:
# refusals per second, CPU per refusal, p50/p99, next to the bare handler; fails if any DynamoDB/AWS/Slack call is made.
#   bench/approval-flood.sh [runs=5] [seconds-per-run=10]
source "$(dirname "$0")/_classpath.sh"
"$JAVA_HOME/bin/java" -Dbaton.root="$PWD" -cp "$BENCH_CP" bench/ApprovalFloodBench.java "${1:-5}" "${2:-10}" \
  | tee "bench/results/approval-flood-$(date -u +%Y%m%dT%H%M%SZ).txt"
