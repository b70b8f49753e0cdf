#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, never touching the system's:
# everything lives under DIR, the server listens on a unix socket in DIR/run
# and on 127.0.0.1 at a free port, with fsync off (it is thrown away).
#   cluster.sh start DIR  -> prints "PORT SOCKET_DIR"; superuser "postgres",
#                            trust authentication (loopback and socket only)
#   cluster.sh stop DIR   -> stops the server and removes DIR/data
# The server binaries come from $PG_BIN, else the newest
# /usr/lib/postgresql/*/bin (Debian's postgresql package); exit 3 without.
# As root, initdb and the server run as the "postgres" user (PostgreSQL
# refuses to run as root).
set -euo pipefail
cmd=$1 dir=$2

bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "the PostgreSQL server is not installed" >&2; exit 3; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$cmd" = stop ]; then
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir/data" "$dir/run"
  exit 0
fi

mkdir -p "$dir/run"
if [ "$(id -u)" = 0 ]; then
  chmod 755 "$dir"
  chown postgres: "$dir/run"
  install -d -o postgres -g postgres -m 700 "$dir/data"
  touch "$dir/postgres.log" && chown postgres: "$dir/postgres.log"
fi
as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 4; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Detached from the caller: the server must not keep any of its descriptors
# (the output pipes, or the socket Foundation's Process watches to learn that
# this script ended), or the caller waits for ever.
(
  for fd in $(ls /proc/$BASHPID/fd); do
    [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true
  done
  exec </dev/null >>"$dir/pg_ctl.out" 2>&1
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
    -o "-p $port -k $dir/run -c listen_addresses=127.0.0.1 -F" start
) || { echo "postgres did not start; its log:" >&2; cat "$dir/postgres.log" >&2 || true; exit 4; }
echo "$port $dir/run"
