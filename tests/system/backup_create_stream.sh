#!/usr/bin/env bash
# pave backup create reads the state and the objects as streams: an object
# gone from the target or without pave's marks is a warning, a corrupt state
# an error that leaves nothing listed, with files (objects read on a second
# thread into a spool) and without; the archive holds files, state and
# objects in that order and verifies.
. "$(dirname "$0")/common.sh"

backup_directory_project
head -c 2000000 /dev/urandom > "$t/dump.sql"

rm deploy/dev/shop-dev/service-shop.yaml
sed -i '/pave.dev\/environment: dev/d' deploy/dev/shop-dev/configmap-shop.yaml
for files in "" "--include-file $t/dump.sql"; do
  name=b${files:+-files}
  # shellcheck disable=SC2086
  expect_exit 0 pave backup create -e dev --name "$name" $files -o json
  expect_contains err "warning: Service shop-dev/shop is in the state but not on the target: not backed up"
  expect_contains err "warning: ConfigMap shop-dev/shop no longer carries pave's marks for dev: not backed up"
  expect_json out 'd["counts"]["resources"] == 3 and d["counts"]["state"]'
  expect_exit 0 pave backup verify "$name" -e dev
done
expect_exit 0 pave backup restore b-files -e dev --dry-run --files-to "$t/out" -o json
expect_json out 'len(d["plan"]["changes"]) == 3'

# A corrupt state fails the backup, with the state store's own message, and nothing is listed.
cp .pave/state/dev.json "$t/state.json"
sed -i -E 's/"serial": ?([0-9]+)/"serial": 99\1/' .pave/state/dev.json
for files in "" "--include-file $t/dump.sql"; do
  # shellcheck disable=SC2086
  expect_exit 1 pave backup create -e dev --name broken $files
  expect_contains err "state file"
  expect_contains err "is corrupt: checksum mismatch"
  expect_exit 0 pave backup list -e dev -o json
  expect_json out '[b["id"] for b in d["backups"]] == ["b-files", "b"] or [b["id"] for b in d["backups"]] == ["b", "b-files"]'
done
cp "$t/state.json" .pave/state/dev.json
echo "ok"
