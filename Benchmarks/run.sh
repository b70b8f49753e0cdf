#!/usr/bin/env bash
# One command for the throughput benchmark (issue 6): builds mailaudit in
# release and the C limit baseline, writes the deterministic corpus (kept
# between runs), then runs mailaudit, the limit and the Python stdlib side by
# side and prints the table. See Benchmarks/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: Benchmarks/run.sh [--messages N] [--shape readme|exposure-heavy] [--reps N] [--python-reps N] [--scaling-reps N]
                         [--cold-reps N]

  --messages N      corpus size (default 50000, about 1.5 GB of mbox + the same as Maildir)
  --shape S         readme (default: issue 6's Sent folder) or exposure-heavy (about half the
                    messages expose two or more external parties; issue 11)
  --reps N          interleaved repetitions of every run; medians are reported (default 3)
  --python-reps N   repetitions of the slow Python runs (default: --reps)
  --scaling-reps N  repetitions of the 1k/10k/100k-address parse check (default 5)
  --cold-reps N     repetitions of a first scan with the corpus's files evicted from the page
                    cache, against the limit's (default 0: none)

$MAILAUDIT_BIN names a release binary to measure instead of building one.
Scratch files go to $BENCH_DIR (default: .build-bench/ in the package root,
git-ignored): corpus-N/, the limit binary, results-N.md and results-N.json.
EOF
}

messages=50000
shape=readme
reps=3
python_reps=""
scaling_reps=5
cold_reps=0
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages="$2"; shift 2 ;;
    --shape) shape="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --python-reps) python_reps="$2"; shift 2 ;;
    --scaling-reps) scaling_reps="$2"; shift 2 ;;
    --cold-reps) cold_reps="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/Benchmarks"
scratch="${BENCH_DIR:-$root/.build-bench}"
mkdir -p "$scratch"

for tool in swift cc python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed on PATH" >&2; exit 1; }
done
# Peak RSS is read from GNU time's report; bench.py falls back to wait4's
# rusage (the same number) when it cannot be installed.
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y time >/dev/null 2>&1 || echo "run.sh: could not install time; using wait4 rusage" >&2
  else
    echo "run.sh: /usr/bin/time missing (apt-get install time); using wait4 rusage" >&2
  fi
fi

if [ -n "${MAILAUDIT_BIN:-}" ]; then
  mailaudit="$MAILAUDIT_BIN"  # a release build made elsewhere (another worktree)
else
  echo "run.sh: building mailaudit (release) ..." >&2
  (cd "$root" && swift build -c release --product mailaudit >&2)
  mailaudit="$(cd "$root" && swift build -c release --show-bin-path)/mailaudit"
fi

echo "run.sh: building the C limit baseline ..." >&2
cc -O2 -o "$scratch/limit" "$bench/baseline/limit.c"

suffix="$messages"
[ "$shape" = readme ] || suffix="$messages-$shape"
corpus="$scratch/corpus-$suffix"
python3 "$bench/corpus.py" --messages "$messages" --shape "$shape" --out "$corpus"

echo "run.sh: running (interleaved, $reps repetitions) ..." >&2
python3 "$bench/bench.py" \
  --corpus "$corpus" --mailaudit "$mailaudit" --limit "$scratch/limit" \
  --reps "$reps" ${python_reps:+--python-reps "$python_reps"} --scaling-reps "$scaling_reps" \
  --cold-reps "$cold_reps" \
  --work "$scratch/work" --results "$scratch/results-$suffix.json" \
  | tee "$scratch/results-$suffix.md"
