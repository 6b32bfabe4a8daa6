#!/usr/bin/env bash
# Fails when a tracked file (or, with arguments, one of the given files) is an executable
# binary (ELF, Mach-O, PE) or larger than 2 MB: build outputs and test binaries are never
# committed. Run from the repository root.
set -euo pipefail
limit=$((2 * 1024 * 1024))
bad=0
if [ "$#" -gt 0 ]; then files=("$@"); else mapfile -t files < <(git ls-files); fi
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  size=$(stat -c %s "$f")
  if [ "$size" -gt "$limit" ]; then
    echo "check-tree: $f is $size bytes, above the 2 MB limit for tracked files" >&2
    bad=1
  fi
  magic=$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')
  case "$magic" in
    7f454c46|cffaedfe|cefaedfe|feedfacf|feedface|cafebabe|4d5a*)
      echo "check-tree: $f is an executable binary; build outputs are never committed" >&2
      bad=1 ;;
  esac
done
exit $bad
