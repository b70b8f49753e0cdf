#!/usr/bin/env bash
# Builds one libFuzzer target over MailParsing and runs it.
#
#   Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
#
# TARGET is one of: headerblock address encodedword date mbox msg pst (the entry
# files in Fuzz/Targets/). The module's sources are compiled by swiftc
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

# Build (again only when a source is newer than the binary).
binary="$work/build/fuzz-$target"
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

# Seeds: whole fixture files for the block-level targets, one line or table
# input per file for the field-level ones.
if [ -z "$(ls -A "$work/seeds")" ]; then
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
exec "$binary" -dict="$here/mail.dict" -max_total_time="$seconds" -max_len="$max_len" \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/" -print_final_stats=1 \
  "$@" "$work/corpus" "$work/seeds"
