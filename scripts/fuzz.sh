#!/usr/bin/env bash
# Fuzzes mlaudit's parsers with libFuzzer (and AddressSanitizer).
#
#   scripts/fuzz.sh [TARGET|"TARGET TARGET…"|all] [SECONDS]
#
# Builds Sources/mlaudit-fuzz as a libFuzzer binary in .build-fuzz, seeds each
# target's corpus from fixtures/ and the rule examples (in .build-fuzz/corpus,
# kept between runs; fixtures/ is never written), runs each target for SECONDS
# (default 600) and prints executions, speed, coverage and crashes per target.
# FUZZ_JOBS=2 runs two targets at a time (default 1). Crashing inputs are left
# in .build-fuzz/artifacts/TARGET/ (cleared when TARGET runs again); replay one with
#   swift run mlaudit-fuzz TARGET FILE
# and, once fixed, keep it in fixtures/fuzz-regressions/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."

selected=${1:-all}
seconds=${2:-600}
jobs=${FUZZ_JOBS:-1}
scratch=.build-fuzz

echo "building the libFuzzer binary (release, -sanitize=fuzzer,address) in $scratch"
swift build -c release --scratch-path "$scratch" --product mlaudit-fuzz \
  --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
  -Xcc -fsanitize=address -Xcxx -fsanitize=address
fuzzer="$scratch/release/mlaudit-fuzz"

echo "building the replay driver (writes the seed corpora)"
swift build --product mlaudit-fuzz
replay=.build/debug/mlaudit-fuzz

if [ "$selected" = all ]; then targets=$("$replay" list); else targets=$selected; fi
for target in $targets; do
  "$replay" list | grep -qx "$target" || { echo "unknown target '$target'; targets: $("$replay" list | tr '\n' ' ')" >&2; exit 2; }
done

run_target() {
  local target=$1 corpus="$scratch/corpus/$1" artifacts="$scratch/artifacts/$1/" log="$scratch/logs/$1.log"
  # The artifacts of this run only: keep a crash that matters in fixtures/fuzz-regressions/.
  rm -rf "$artifacts"
  mkdir -p "$corpus" "$artifacts" "$scratch/logs"
  "$replay" seed "$target" fixtures "$corpus" >/dev/null
  # No Swift backtracer: libFuzzer reports the crash itself, and the backtracer would hold the run for 30 s.
  MLAUDIT_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
    nice -n 10 "$fuzzer" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1 || true
}

summarize() {
  local target=$1 log="$scratch/logs/$1.log" artifacts="$scratch/artifacts/$1"
  local runs speed coverage crashes timeouts ooms
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || echo 'cov: ? ft: ?')
  crashes=$(find "$artifacts" -name 'crash-*' | wc -l)
  timeouts=$(find "$artifacts" -name 'timeout-*' | wc -l)
  ooms=$(find "$artifacts" -name 'oom-*' | wc -l)
  printf '%-14s %12s runs %8s exec/s  %-22s crashes %s  timeouts %s  ooms %s\n' \
    "$target" "$runs" "$speed" "$coverage" "$crashes" "$timeouts" "$ooms"
}

running=0
for target in $targets; do
  echo "fuzzing $target for ${seconds}s (log: $scratch/logs/$target.log)"
  run_target "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

echo
for target in $targets; do summarize "$target"; done
found=$(find "$scratch/artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
if [ "$found" -gt 0 ]; then
  echo "$found failing inputs under $scratch/artifacts" >&2
  exit 1
fi
