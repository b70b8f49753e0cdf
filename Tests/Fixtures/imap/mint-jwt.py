#!/usr/bin/env python3
"""Mints an HS256 JWT for the throwaway Dovecot's oauth2 passdb (dovecot.sh
with OAUTH2_KEY), with the claims Dovecot 2.3's local validation checks:
sub (the user, as username_attribute = sub), exp (required), iat and nbf
(must not be in the future), aud.

    mint-jwt.py KEY_BASE64 SUB EXPIRES_IN_SECONDS   -> prints the token

A negative EXPIRES_IN_SECONDS gives a token that has already expired (iat
and nbf are then set before exp, so only the expiry is wrong)."""
import base64, hashlib, hmac, json, sys, time

key, sub, expires_in = base64.b64decode(sys.argv[1]), sys.argv[2], int(sys.argv[3])
now = int(time.time())
issued = min(now, now + expires_in) - 60


def part(data):
    raw = data if isinstance(data, bytes) else json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


signed = part({"alg": "HS256", "typ": "JWT"}) + "." + part(
    {"sub": sub, "aud": "mailaudit-tests", "iat": issued, "nbf": issued, "exp": now + expires_in})
print(signed + "." + part(hmac.new(key, signed.encode(), hashlib.sha256).digest()))
