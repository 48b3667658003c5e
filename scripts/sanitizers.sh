#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and ThreadSanitizer.
#
#   scripts/sanitizers.sh [address|thread]...     (default: both)
#
# Each sanitizer builds in its own scratch directory (.build-asan, .build-tsan),
# so the normal .build stays as it is. Prints pass/fail per sanitizer and exits
# non-zero when one failed; the full output is in .build-sanitizers/<address|thread>.log
# (outside the scratch directories, which SwiftPM may clear when the package changes).
set -euo pipefail
cd "$(dirname "$0")/.."

sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(address thread)

# The Swift backtracer would wait on a crashing test; the sanitizers report instead.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

failed=0
for sanitizer in "${sanitizers[@]}"; do
  case $sanitizer in
    address) scratch=.build-asan ;;
    thread) scratch=.build-tsan ;;
    *) echo "unknown sanitizer '$sanitizer' (address or thread)" >&2; exit 2 ;;
  esac
  mkdir -p .build-sanitizers
  log=".build-sanitizers/$sanitizer.log"
  start=$(date +%s)
  if swift test --sanitize="$sanitizer" --scratch-path "$scratch" >"$log" 2>&1; then
    result=pass
  else
    result=FAIL
    failed=1
  fi
  summary=$(grep -E '^(✔|✘) Test run with' "$log" | tail -1 || true)
  echo "$sanitizer: $result in $(( $(date +%s) - start ))s${summary:+ — $summary} (log: $log)"
  if [ "$result" = FAIL ]; then grep -E 'ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer|SUMMARY: |✘' "$log" | head -20 >&2 || true; fi
done
exit $failed
