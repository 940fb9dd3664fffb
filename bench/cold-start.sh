#!/usr/bin/env bash
# Cold start of a packaged function next to a bare handler, fresh JVM each run, medians; plus warm p50/p99,
# zip size and calls per invocation.
#   bench/cold-start.sh [FunctionLogicalId] [event file] [runs] [string to vary per invocation] [--aot]
# (--aot, or any other ./baton bench option after the four: every run starts with a trained JDK AOT cache)
# e.g. bench/cold-start.sh ReleaseTriggerFunction events/s3-object-created.json 9 3HL4kqtJlcpXroDTDmjVBH40Nrjfkd
set -euo pipefail
cd "$(dirname "$0")/.."
fn=${1:-ReleaseTriggerFunction}
event=${2:-events/s3-object-created.json}
runs=${3:-9}
vary=${4:-3HL4kqtJlcpXroDTDmjVBH40Nrjfkd}
exec ./baton bench "$fn" -e "$event" --runs "$runs" --vary "$vary" "${@:5}"
