#!/usr/bin/env bash
# Warm handler time per CodePipeline event, median and p99: (a) the handler's own work with DynamoDB answered in-process
# (no network), (b) the packaged zip under the Lambda runtime interface client against dynalite (loopback network and
# dynalite included). Writes bench/results/history-handler.txt.
source "$(dirname "$0")/_classpath.sh"
"$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dbaton.root="$PWD" -cp "$BENCH_CP" \
  bench/HistoryHandlerBench.java | tee bench/results/history-handler.txt
