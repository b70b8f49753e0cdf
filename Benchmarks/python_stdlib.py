#!/usr/bin/env python3
"""The Python standard library doing what mailaudit's scan does before the
analysis: every message's header block, its addresses parsed.

    python_stdlib.py mbox FILE
    python_stdlib.py maildir DIR

`mailbox` finds the messages, `email.parser.BytesHeaderParser` reads the
header block and `email.utils.getaddresses` splits From/To/Cc/Bcc. Prints
the message and address counts as JSON, for comparison with the others.
"""

import json
import mailbox
import sys
from email.parser import BytesHeaderParser
from email.utils import getaddresses

ADDRESS_FIELDS = ("from", "to", "cc", "bcc")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("mbox", "maildir"):
        sys.exit(__doc__)
    kind, path = sys.argv[1:]
    box = mailbox.mbox(path, create=False) if kind == "mbox" else mailbox.Maildir(path, factory=None, create=False)
    parser = BytesHeaderParser()
    messages = addresses = 0
    for key in box.iterkeys():
        with box.get_file(key) as f:
            headers = parser.parse(f)
        values = []
        for name in ADDRESS_FIELDS:
            values += headers.get_all(name, [])
        addresses += len(getaddresses(values))
        _ = headers.get("subject"), headers.get("message-id"), headers.get("date")
        messages += 1
    print(json.dumps({"messages": messages, "addresses": addresses}))


if __name__ == "__main__":
    main()
