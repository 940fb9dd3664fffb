#!/usr/bin/env bash
# Every pipeline-history benchmark, one after the other (about 4 minutes on a 2-core machine); results in bench/results/.
set -euo pipefail
cd "$(dirname "$0")"
./history-cost.sh
BENCH_SKIP_BUILD=1 ./history-handler.sh
BENCH_SKIP_BUILD=1 ./history-coldstart.sh
BENCH_SKIP_BUILD=1 ./history-reader.sh
