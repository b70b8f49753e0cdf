#!/usr/bin/env bash
# A throwaway Dovecot for the IMAP tests, on 127.0.0.1 only, never touching
# the system's configuration: everything lives under DIR.
#   dovecot.sh start DIR MBOX USER PASSWORD [OAUTH2_KEY]
#                                            -> prints "TLS_PORT PLAIN_PORT"
#   dovecot.sh stop DIR
# With OAUTH2_KEY (an HS256 key, base64) Dovecot also takes XOAUTH2 and
# OAUTHBEARER: its oauth2 passdb validates the bearer token locally as a JWT
# signed with that key (no identity provider, no network), and the token's
# `sub` claim must be USER.
# The Sent folder is MBOX split into a Maildir, every file in cur/ without
# flags, so a test can tell from the names whether anything gained \Seen.
#
# For an organisation (optional, from the environment):
#   DOVECOT_MASTER="LOGIN:PASSWORD"  a master user (passdb with master = yes,
#       pass = yes, so the user signed in for must exist; separator `*`)
#   DOVECOT_USERS=FILE  more users, one a line: LOGIN PASSWORD FOLDER SPECIAL MBOX
#       FOLDER is the user's Sent folder ("-": none, "%20" for a space),
#       SPECIAL is \Sent to mark it by SPECIAL-USE (RFC 6154) or "-".
set -Eeuo pipefail
cmd=$1 dir=$2

if [ "$cmd" = stop ]; then
  [ -f "$dir/dovecot.conf" ] && dovecot -c "$dir/dovecot.conf" stop 2>/dev/null || true
  exit 0
fi

mbox=$3 user=$4 password=$5 oauth2_key=${6:-}
# A start that fails says where and why: the failing line, its status and
# Dovecot's own logs go to stderr (a bare "exit 89" from a CI run told us
# nothing).
trap 'status=$?; echo "dovecot.sh: line $LINENO failed with status $status" >&2
  cat "$dir/dovecot.out" "$dir/dovecot.log" >&2 2>/dev/null || true' ERR
command -v dovecot >/dev/null || { echo "dovecot is not installed" >&2; exit 3; }
mkdir -p "$dir/run" "$dir/state" "$dir/home/$user/Maildir/.Sent/"{cur,new,tmp}

# A CA and a server certificate for 127.0.0.1 and localhost.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=mailaudit test CA" \
  -keyout "$dir/ca.key" -out "$dir/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$dir/ext.cnf"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
  -extfile "$dir/ext.cnf" -out "$dir/server.pem" 2>/dev/null

# One file per message; the mbox "From " line dropped, ">From " unquoted.
# A folder instead of an mbox gives the messages as files, copied byte for
# byte in name order (the evidence tests need the exact bytes served).
fill() { # MBOX CUR
  if [ -d "$1" ]; then
    n=0
    for message in "$1"/*; do
      n=$((n + 1))
      cp "$message" "$(printf '%s/%010d.M%dP1.test:2,' "$2" $((1700000000 + n)) $n)"
    done
  else
    awk -v out="$2" '
      /^From / { n++; file = sprintf("%s/%010d.M%dP1.test:2,", out, 1700000000 + n, n); next }
      n > 0 { line = $0; if (line ~ /^>+From /) line = substr(line, 2); print line > file }
    ' "$1"
  fi
}
fill "$mbox" "$dir/home/$user/Maildir/.Sent/cur"
printf '%s:{PLAIN}%s\n' "$user" "$password" > "$dir/passwd"

# Maildir++ keeps a folder's name in modified UTF-7 (RFC 3501 5.1.3).
mutf7() {
  python3 -c 'import base64,sys
out=""; run=""
def flush():
    global out, run
    if run: out += "&" + base64.b64encode(run.encode("utf-16-be")).decode().rstrip("=").replace("/", ",") + "-"
    run = ""
for ch in sys.argv[1]:
    if 0x20 <= ord(ch) <= 0x7e: flush(); out += "&-" if ch == "&" else ch
    else: run += ch
flush(); print(out)' "$1"
}
special_use=""
if [ -n "${DOVECOT_USERS:-}" ]; then
  while read -r login secret folder special source; do
    [ -z "$login" ] && continue
    printf '%s:{PLAIN}%s\n' "$login" "$secret" >> "$dir/passwd"
    mkdir -p "$dir/home/$login/Maildir/"{cur,new,tmp}
    [ "$folder" = - ] && continue
    folder=${folder//%20/ }
    on_disk="$dir/home/$login/Maildir/.$(mutf7 "$folder")"
    mkdir -p "$on_disk/"{cur,new,tmp}
    fill "$source" "$on_disk/cur"
    if [ "$special" = '\Sent' ] && ! grep -qxF "$folder" "$dir/special-use" 2>/dev/null; then
      echo "$folder" >> "$dir/special-use"
      special_use="$special_use
  mailbox \"$folder\" {
    special_use = \\Sent
  }"
    fi
  done < "$DOVECOT_USERS"
fi
master_passdb=""
if [ -n "${DOVECOT_MASTER:-}" ]; then
  printf '%s:{PLAIN}%s\n' "${DOVECOT_MASTER%%:*}" "${DOVECOT_MASTER#*:}" > "$dir/master-passwd"
  master_passdb="auth_master_user_separator = *
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/master-passwd
  master = yes
  pass = yes
}"
fi

# Dovecot 2.3's local JWT validation reads the key from a dict at
# <azp or "default">/<alg>/<kid or "default">; tokens here carry neither
# azp nor kid. The passwd-file passdb then answers only PLAIN (LOGIN), so a
# refused token is never tried as a password.
mechanisms=plain oauth2_passdb="" password_mechanisms=""
if [ -n "$oauth2_key" ]; then
  mkdir -p "$dir/keys/default/HS256"
  printf '%s' "$oauth2_key" > "$dir/keys/default/HS256/default"
  cat > "$dir/dovecot-oauth2.conf.ext" <<OAUTH
introspection_mode = local
local_validation_key_dict = fs:posix:prefix=$dir/keys/
username_attribute = sub
OAUTH
  mechanisms="plain xoauth2 oauthbearer"
  password_mechanisms="  mechanisms = plain login"
  oauth2_passdb="passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $dir/dovecot-oauth2.conf.ext
}"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [ "$(id -u)" = 0 ]; then
  # Dovecot will not serve mail as root: the package's own users run it.
  login_user=dovenull internal_user=dovecot mail_user=dovecot
  chmod 755 "$dir"
  chown -R dovecot: "$dir/home"
else
  login_user=$(id -un) internal_user=$(id -un) mail_user=$(id -un)
fi
mail_uid=$(id -u "$mail_user") mail_gid=$(id -g "$mail_user")

# A free port can be taken by another program before Dovecot binds it (other
# test runs start servers too): a start that fails is tried on new ports.
for attempt in 1 2 3; do
tls_port=$(free_port) plain_port=$(free_port)
cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$dir/server.pem
ssl_key = <$dir/server.key
disable_plaintext_auth = yes
# Refusals are answered at once, not after Dovecot's 2 s anti-guessing delay:
# the tests refuse passwords and tokens on purpose.
auth_failure_delay = 0
auth_mechanisms = $mechanisms
default_login_user = $login_user
default_internal_user = $internal_user
default_internal_group = $(id -gn "$internal_user")
first_valid_uid = 0
first_valid_gid = 0
$master_passdb
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
$password_mechanisms
}
$oauth2_passdb
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$dir/home/%u
}
mail_location = maildir:$dir/home/%u/Maildir
namespace inbox {
  inbox = yes
  separator = /$special_use
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $plain_port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $tls_port
    ssl = yes
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
CONF
# Detached from the caller: the daemon must not keep any of its descriptors
# (the output pipes, or the socket Foundation's Process watches to learn that
# this script ended), or the caller waits for ever.
(
  for fd in $(ls /proc/$BASHPID/fd); do
    [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true
  done
  exec dovecot -c "$dir/dovecot.conf" </dev/null >>"$dir/dovecot.out" 2>&1
) || continue
# Ready when the TLS port answers.
for _ in $(seq 1 100); do
  if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$tls_port),0.2)" 2>/dev/null; then
    echo "$tls_port $plain_port"; exit 0
  fi
  sleep 0.1
done
dovecot -c "$dir/dovecot.conf" stop 2>/dev/null || true
done
echo "dovecot did not start; its log:" >&2
cat "$dir/dovecot.out" "$dir/dovecot.log" >&2 2>/dev/null || true
exit 4
