#!/usr/bin/env python3
"""Raw AMI transcript capture (test helper, not part of the server).

Logs in and writes every byte received after the login response to OUT,
exactly as received (CRLF, Timestamp headers). Stops after --duration seconds,
or --idle seconds after the last Hangup event seen.

  ami-capture.py --out answered.ami --duration 30
  ami-capture.py --out midcall.ami --action-after 8 --action CoreShowChannels --from-action --idle 2

--from-action: discard everything received before the action is sent (the
transcript starts with the action's response).
"""
import argparse, socket, time, select

p = argparse.ArgumentParser()
p.add_argument("--host", default="127.0.0.1")
p.add_argument("--port", type=int, default=5038)
p.add_argument("--user", default="hotline")
p.add_argument("--secret", default="hotline-ami-secret")
p.add_argument("--out", required=True)
p.add_argument("--duration", type=float, default=60)
p.add_argument("--idle", type=float, default=0, help="stop this long after the last Hangup event (0 = off)")
p.add_argument("--hangups", type=int, default=1, help="number of Hangup events before --idle counts")
p.add_argument("--action", default=None, help="action name to send, e.g. CoreShowChannels")
p.add_argument("--action-after", type=float, default=0)
p.add_argument("--action-id", default="midcall-1")
p.add_argument("--from-action", action="store_true")
p.add_argument("--ready-file", default=None, help="touch this file once logged in")
a = p.parse_args()

s = socket.create_connection((a.host, a.port), timeout=5)
buf = b""
while b"\r\n" not in buf:
    buf += s.recv(4096)
banner, _, buf = buf.partition(b"\r\n")
s.sendall(b"Action: Login\r\nUsername: %s\r\nSecret: %s\r\nActionID: login\r\n\r\n" % (a.user.encode(), a.secret.encode()))
while b"\r\n\r\n" not in buf:
    buf += s.recv(4096)
login, _, rest = buf.partition(b"\r\n\r\n")
if b"Response: Success" not in login:
    raise SystemExit("login failed: %r" % login)
if a.ready_file:
    open(a.ready_file, "w").close()

start = time.time()
out = open(a.out, "wb")
recording = not a.from_action
if recording:
    out.write(rest)
sent = a.action is None
hangups = rest.count(b"Event: Hangup\r\n")
last_hangup = time.time() if hangups else None
s.setblocking(False)
while True:
    now = time.time()
    if now - start > a.duration:
        break
    if a.idle and hangups >= a.hangups and last_hangup and now - last_hangup > a.idle:
        break
    if not sent and now - start >= a.action_after:
        s.sendall(b"Action: %s\r\nActionID: %s\r\n\r\n" % (a.action.encode(), a.action_id.encode()))
        sent = True
        recording = True
    r, _, _ = select.select([s], [], [], 0.1)
    if r:
        data = s.recv(65536)
        if not data:
            break
        if recording:
            out.write(data)
            out.flush()
            n = data.count(b"Event: Hangup\r\n")
            if n:
                hangups += n
                last_hangup = time.time()
out.close()
s.close()
