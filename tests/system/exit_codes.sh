#!/bin/bash
# Every documented exit code of the foundation: 0 ok, 1 error, 2 usage.
source "$(dirname "$0")/common.sh"

expect_exit 0 pave version
expect_exit 0 pave --help
expect_contains out "Examples:"
expect_exit 2 pave                         # a command is required
expect_exit 2 pave no-such-command
expect_contains err "pave: error:"
expect_exit 2 pave version --no-such-flag
expect_exit 2 pave --output xml version    # bad flag value
expect_exit 2 pave completion tcsh
expect_exit 2 pave init x --yes --name 'Not A Label'
expect_exit 1 pave validate                # no pave.toml: an error
PAVE_OUTPUT=xml expect_exit 2 pave version # bad environment value is a usage error
expect_contains err "PAVE_OUTPUT: error: invalid value \"xml\" for output"
# every subcommand has --help with an example
for cmd in init validate config completion version; do
  expect_exit 0 pave "$cmd" --help
  expect_contains out "Examples:"
done
# exit codes are documented in the man page
for code in 0 1 2 3 4 5; do
  grep -q "^\\\\fB$code\\\\fR" "$SOURCE_DIR/man/pave.1" || fail "exit code $code not in man/pave.1"
done
