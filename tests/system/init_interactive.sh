#!/bin/bash
# At a terminal, pave init asks for the name, template and environments.
source "$(dirname "$0")/common.sh"

python3 - "$PAVE" <<'PY'
import os, pty, sys, time
pave = sys.argv[1]
pid, fd = pty.fork()
if pid == 0:
    os.execv(pave, [pave, "init", "inter"])
out = b""
def expect(text):
    global out
    deadline = time.time() + 10
    while text.encode() not in out:
        if time.time() > deadline:
            sys.exit("timeout waiting for %r; got %r" % (text, out))
        try:
            out += os.read(fd, 1024)
        except OSError:
            break
expect("Project name [inter]: ")
os.write(fd, b"kiosk\n")
expect("Template (cronjob, web-service, worker) [web-service]: ")
os.write(fd, b"worker\n")
expect("Environments (comma-separated) [dev,staging,prod]: ")
os.write(fd, b"dev, qa\n")
expect("Created project")
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
PY
expect_file inter/pave.toml
expect_contains inter/pave.toml 'name = "kiosk"'
expect_contains inter/pave.toml '[environments.qa]'
expect_file inter/charts/kiosk/Chart.yaml
expect_contains inter/charts/kiosk/values.yaml "" # exists
[ ! -e inter/values/prod.yaml ] || fail "prod was not chosen"
