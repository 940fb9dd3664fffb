#!/usr/bin/env bash
# Per-event DynamoDB cost of the pipeline history: requests and write capacity per event type, in order, duplicated
# and late, measured on dynalite with ReturnConsumedCapacity=TOTAL. Writes bench/results/history-cost.txt.
source "$(dirname "$0")/_classpath.sh"
"$JAVA_HOME/bin/java" -Dbaton.root="$PWD" -cp "$BENCH_CP" bench/HistoryCostBench.java | tee bench/results/history-cost.txt
