#!/usr/bin/env bash
# Python front-end throughput on a large generated file, release build.
# Usage: bench/lexer.sh [MEGABYTES] [REPETITIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product mlaudit-bench >/dev/null
"$(swift build -c release --show-bin-path)/mlaudit-bench" lexer "${1:-64}" "${2:-5}"
