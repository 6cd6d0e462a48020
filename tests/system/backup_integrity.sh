#!/usr/bin/env bash
# Backup integrity on a directory destination: a flipped byte is found by
# verify and by restore (which then applies nothing); a wrong key, a
# passphrase for a key backup and a truncated archive each give a clear
# error; a passphrase backup round-trips.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/kube_double/lib.sh"
command -v kubectl >/dev/null || skip "kubectl is not installed"

kube_double_start "$t/cluster"
export PAVE_KUBECONFIG=$KUBECONFIG
k() { kubectl --context double "$@"; }

pave init shop --yes --name shop --env dev >/dev/null
cd shop
sed -i 's/^context = "dev".*/context = "double"/' pave.toml
printf '\n[backup]\ndestination = "file://%s/backups"\n' "$t" >> pave.toml
python3 -c 'import os; print(os.urandom(32).hex())' > "$t/key"
export PAVE_BACKUP_KEY=$(cat "$t/key")
expect_exit 0 pave deploy -e dev --yes
head -c 3000000 /dev/urandom > "$t/payload.bin"
expect_exit 0 pave backup create -e dev --name good --include-file "$t/payload.bin"
expect_exit 0 pave backup verify good -e dev
archive=$t/backups/good/archive.pave
cp "$archive" "$t/good.pave"

# Wrong key: named as such, before anything is read.
expect_exit 1 env PAVE_BACKUP_KEY=$(python3 -c 'print("ab" * 32)') "$PAVE" backup verify good -e dev
expect_contains err "pave: error: backup good failed verification: wrong key: PAVE_BACKUP_KEY does not open this backup"
expect_exit 1 env -u PAVE_BACKUP_KEY PAVE_BACKUP_PASSPHRASE=hunter2 "$PAVE" backup verify good -e dev
expect_contains err "wrong key: PAVE_BACKUP_PASSPHRASE is a passphrase but this backup was encrypted with a 32-byte key"
expect_exit 1 env PAVE_BACKUP_KEY=short "$PAVE" backup verify good -e dev
expect_contains err "PAVE_BACKUP_KEY: not a 32-byte key"
expect_exit 1 env -u PAVE_BACKUP_KEY "$PAVE" backup verify good -e dev
expect_contains err "no backup key: set PAVE_BACKUP_KEY"
# The key from a file works too.
expect_exit 0 env -u PAVE_BACKUP_KEY "$PAVE" backup verify good -e dev --key-file "$t/key"

# A flipped byte in the middle of the archive.
python3 - "$archive" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x01
open(p, "wb").write(bytes(b))
PY
expect_exit 1 pave backup verify good -e dev
expect_contains err "backup good failed verification: archive corrupted: chunk"
expect_contains err "failed authentication"
k delete deployment shop -n shop-dev >/dev/null
expect_exit 1 pave backup restore good -e dev --files-to "$t/files"
expect_contains err "failed verification: archive corrupted"
expect_contains err "Nothing was applied."
expect_exit 1 k get deployment shop -n shop-dev
[ ! -e "$t/files/payload.bin" ] && [ ! -e "$t/files/payload.bin.partial" ] || fail "a file of a corrupted backup was extracted"

# Truncated at a chunk boundary (96-byte header, chunks of 64 KiB + 16-byte tag) and inside the last chunk.
head -c $(( 96 + 3 * 65552 )) "$t/good.pave" > "$archive"
expect_exit 1 pave backup verify good -e dev
expect_contains err "archive truncated: it ends before its final chunk"
head -c $(( $(stat -c %s "$t/good.pave") - 100 )) "$t/good.pave" > "$archive"
expect_exit 1 pave backup verify good -e dev
expect_contains err "archive corrupted or truncated: its final chunk"
# Extended: bytes after the final chunk.
{ cat "$t/good.pave"; printf 'x'; } > "$archive"
expect_exit 1 pave backup verify good -e dev
expect_contains err "archive corrupted"

# The intact archive restores, files included.
cp "$t/good.pave" "$archive"
expect_exit 0 pave backup restore good -e dev --files-to "$t/files"
cmp "$t/files/payload.bin" "$t/payload.bin" || fail "the extracted file differs"
k get deployment shop -n shop-dev >/dev/null

# A passphrase backup round-trips; a wrong passphrase is named.
expect_exit 0 env -u PAVE_BACKUP_KEY PAVE_BACKUP_PASSPHRASE='correct horse' "$PAVE" backup create -e dev --name pass
expect_exit 0 env -u PAVE_BACKUP_KEY PAVE_BACKUP_PASSPHRASE='correct horse' "$PAVE" backup verify pass -e dev
expect_exit 1 env -u PAVE_BACKUP_KEY PAVE_BACKUP_PASSPHRASE='wrong horse' "$PAVE" backup verify pass -e dev
expect_contains err "wrong key: PAVE_BACKUP_PASSPHRASE does not open this backup (it was encrypted with a passphrase)"

# An unknown backup id.
expect_exit 1 pave backup verify nope -e dev
expect_contains err "pave: error: no backup nope in file://"
