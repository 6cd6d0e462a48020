#!/bin/bash
# Colour only on a terminal, never with NO_COLOR, forced by --color always.
source "$(dirname "$0")/common.sh"
esc=$(printf '\033[')

expect_exit 1 pave validate                 # stderr is a file: no colour
expect_not_contains err "$esc"
expect_exit 1 pave validate --color always
expect_contains err "$esc"
NO_COLOR=1 expect_exit 1 pave validate --color always
expect_not_contains err "$esc"

# at a terminal: colour, unless NO_COLOR
cat > ptyrun.py <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
PY
python3 ptyrun.py "$PAVE" version > tty.out
expect_contains tty.out "$esc"
NO_COLOR=1 python3 ptyrun.py "$PAVE" version > tty.out
expect_not_contains tty.out "$esc"
