#!/usr/bin/env bash
# Check out every repository of repos.tsv at its commit into DIR (default .build-realworld/repos).
# Existing folders are kept as they are, so a folder prepared by other means is used unchanged.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:-${REALWORLD_DIR:-$here/../../.build-realworld/repos}}"
mkdir -p "$dir"
grep -v '^#' "$here/repos.tsv" | while IFS=$'\t' read -r folder repo commit; do
  [ -n "$folder" ] || continue
  if [ -d "$dir/$folder" ]; then continue; fi
  echo "fetching $repo at $commit"
  git init -q "$dir/$folder"
  git -C "$dir/$folder" fetch -q --depth 1 "https://github.com/$repo" "$commit"
  git -C "$dir/$folder" checkout -q FETCH_HEAD
done
echo "$dir"
