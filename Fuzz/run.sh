#!/usr/bin/env bash
# Builds one libFuzzer target over MailParsing and runs it.
#
#   Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
#
# TARGET is one of: headerblock address encodedword date mbox msg pst imap
# pgaddress form (the entry files in Fuzz/Targets/).
#
# An entry file may name its own source set in a line
#   // fuzz-sources: Sources/MailIMAP/IMAPResponse.swift ...
# (paths from the package root): those files and the entry are then all that
# is compiled, as one module, so a parser outside MailParsing is fuzzed
# without the package's other modules (NIO, GRDB). Such a target's seeds are
# the string literals of the test files its "// fuzz-seeds:" line names
# (Fuzz/literals.py), and Fuzz/Targets/TARGET.dict, when there is one,
# replaces mail.dict.
#
# Otherwise MailParsing's sources are compiled by swiftc
# together with the entry file, so internal types (MboxSplitter,
# HeaderBlockCollector) are reachable without @testable; the CShims C file is
# compiled with clang and its header reached through a generated module map,
# as is the system zlib (CZlib, for gzipped mailboxes).
# A SwiftPM executable target would clash with libFuzzer's own main.
#
# Seeds: Tests/Fixtures (messages, mailboxes, field tables' inputs, the
# Outlook .msg files for msg), copied
# into Fuzz/work/TARGET/seeds on first run. New inputs libFuzzer finds go to
# Fuzz/work/TARGET/corpus; crashes to Fuzz/work/TARGET/crash-*. Fuzz/work is
# not committed; crashers worth keeping become regression tests.
set -euo pipefail
target=${1:?usage: Fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: Fuzz/run.sh TARGET SECONDS}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
entry="$here/Targets/$target.swift"
[ -f "$entry" ] || { echo "no such target: $target" >&2; exit 64; }
work="$here/work/$target"
mkdir -p "$work/corpus" "$work/seeds" "$work/build"
SWIFTC=${SWIFTC:-swiftc}
CLANG=${CLANG:-clang}
own_sources=()
for path in $(sed -n 's|^// fuzz-sources: ||p' "$entry"); do own_sources+=("$root/$path"); done
seed_files=()
for path in $(sed -n 's|^// fuzz-seeds: ||p' "$entry"); do seed_files+=("$root/$path"); done
dict="$here/mail.dict"
if [ -f "$here/Targets/$target.dict" ]; then dict="$here/Targets/$target.dict"; fi

# Build (again only when a source is newer than the binary).
binary="$work/build/fuzz-$target"
if [ ${#own_sources[@]} -gt 0 ]; then
  newest=$(find "${own_sources[@]}" "$entry" -newer "$binary" -print -quit 2>/dev/null || echo rebuild)
  if [ ! -x "$binary" ] || [ -n "$newest" ]; then
    "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g -module-name Fuzzed \
      "$entry" "${own_sources[@]}" -o "$binary"
  fi
else
  newest=$(find "$root/Sources/MailParsing" "$root/Sources/CShims" "$root/Sources/CZlib" "$entry" -newer "$binary" -print -quit 2>/dev/null || echo rebuild)
  if [ ! -x "$binary" ] || [ -n "$newest" ]; then
    cat > "$work/build/module.modulemap" <<MAP
module CShims {
  header "$root/Sources/CShims/include/CShims.h"
  export *
}
module CZlib [system] {
  header "$root/Sources/CZlib/CZlib.h"
  link "z"
  export *
}
MAP
    "$CLANG" -c -O1 -g -fsanitize=fuzzer-no-link,address \
      -I "$root/Sources/CShims/include" "$root/Sources/CShims/CShims.c" -o "$work/build/CShims.o"
    find "$root/Sources/MailParsing" -name '*.swift' -print0 | sort -z > "$work/build/sources"
    xargs -0 "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g \
      -module-name MailParsing -I "$work/build" \
      "$entry" "$work/build/CShims.o" -lz -o "$binary" < "$work/build/sources"
  fi
fi

# Seeds: whole fixture files for the block-level targets, one line or table
# input per file for the field-level ones.
if [ -z "$(ls -A "$work/seeds")" ] && [ ${#seed_files[@]} -gt 0 ]; then
  python3 "$here/literals.py" "$work/seeds" "${seed_files[@]}"
elif [ -z "$(ls -A "$work/seeds")" ]; then
  case "$target" in
    headerblock|mbox)
      n=0
      while IFS= read -r -d '' file; do
        n=$((n + 1)); head -c 65536 "$file" > "$work/seeds/fixture-$n"
      done < <(find "$root/Tests/Fixtures/messages" "$root/Tests/Fixtures/mailboxes" "$root/Tests/Fixtures/hostile" -type f \( -name '*.eml' -o -name '*.mbox*' -o -name 'mbox.*' \) -print0)
      ;;
    msg)
      n=0
      while IFS= read -r -d '' file; do
        n=$((n + 1)); cp "$file" "$work/seeds/fixture-$n.msg"
      done < <(find "$root/Tests/Fixtures/outlook/msg" -type f -name '*.msg' -print0)
      ;;
    pst)
      # Patch lists for the two base stores (see Targets/pst.swift), and the
      # first bytes of each fixture store read as a store of its own.
      printf '\000' > "$work/seeds/base-unicode"
      printf '\001' > "$work/seeds/base-ansi"
      printf '\000\000\001\000\002\377\000\002\001\010\000' > "$work/seeds/patch-page"
      n=0
      for file in "$root"/Tests/Fixtures/outlook/pst/*.pst; do
        n=$((n + 1)); head -c 4096 "$file" > "$work/seeds/store-$n"
      done
      ;;
    *)
      python3 - "$root/Tests/Fixtures/fields" "$work/seeds" "$target" <<'PY'
import json, os, sys
fields, out, target = sys.argv[1:]
n = 0
def strings(node):
    if isinstance(node, str): yield node
    elif isinstance(node, list):
        for item in node: yield from strings(item)
    elif isinstance(node, dict):
        for key in ("input", "raw", "value", "header", "text"):
            if key in node: yield from strings(node[key])
        for value in node.values():
            if isinstance(value, (list, dict)): yield from strings(value)
for name in os.listdir(fields):
    if not name.endswith(".json"): continue
    with open(os.path.join(fields, name), encoding="utf-8") as f:
        for s in set(strings(json.load(f))):
            n += 1
            with open(os.path.join(out, f"{name}-{n}"), "wb") as g:
                g.write(s.encode("utf-8", "surrogateescape"))
PY
      ;;
  esac
fi

case "$target" in
  headerblock|mbox) max_len=65536 ;;
  # Whole .msg files: the seeds run from 4 to about 110 KiB.
  msg) max_len=262144 ;;
  *) max_len=4096 ;;
esac
cd "$work"
# The Swift runtime's own backtracer, on a precondition failure, stalled
# ("failed to suspend thread") and kept the fuzzer from exiting; libFuzzer
# prints the stack and saves the crasher without it.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
exec "$binary" -dict="$dict" -max_total_time="$seconds" -max_len="$max_len" \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/" -print_final_stats=1 \
  "$@" "$work/corpus" "$work/seeds"
