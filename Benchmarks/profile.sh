#!/usr/bin/env bash
# Instruction profile of `mailaudit scan` with valgrind's callgrind: where the
# instructions go when mailaudit misses a target. Run Benchmarks/run.sh (or at
# least its build and corpus steps) first; this reuses both.
#
#   Benchmarks/profile.sh [--messages N] [mbox|maildir]
#
# Writes .build-bench/profile/callgrind.<format>.out and prints the top
# functions by self cost (exclusive instructions), demangled, then by
# inclusive cost.
set -euo pipefail

messages=2000
format=mbox
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages="$2"; shift 2 ;;
    mbox|maildir) format="$1"; shift ;;
    *) echo "usage: Benchmarks/profile.sh [--messages N] [mbox|maildir]" >&2; exit 64 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${BENCH_DIR:-$root/.build-bench}"
command -v valgrind >/dev/null || { echo "profile.sh: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
(cd "$root" && swift build -c release --product mailaudit >&2)
mailaudit="$(cd "$root" && swift build -c release --show-bin-path)/mailaudit"
corpus="$scratch/corpus-$messages"
python3 "$root/Benchmarks/corpus.py" --messages "$messages" --out "$corpus"
case "$format" in
  mbox) target="$corpus/Sent.mbox" ;;
  maildir) target="$corpus/Sent" ;;
esac

out="$scratch/profile"
mkdir -p "$out"
rm -f "$out/index.sqlite" "$out/index.sqlite-wal" "$out/index.sqlite-shm"
# Valgrind 3.19 cannot read Swift 6's DWARF 5 and gives up; a copy without
# debug sections keeps the symbol table, which is all callgrind needs. The
# copy finds its resource bundle through the build path compiled into it.
strip --strip-debug -o "$out/mailaudit" "$mailaudit"
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$format.out" \
  "$out/mailaudit" scan "$target" --index "$out/index.sqlite" --json >/dev/null 2>"$out/valgrind.$format.log" || true
demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }
echo "== self cost (exclusive) =="
callgrind_annotate --inclusive=no "$out/callgrind.$format.out" 2>/dev/null | sed -n '1,60p' | demangle
echo "== inclusive cost =="
callgrind_annotate --inclusive=yes "$out/callgrind.$format.out" 2>/dev/null | sed -n '1,120p' | demangle
echo "(callers of any function: callgrind_annotate --tree=caller $out/callgrind.$format.out)"
