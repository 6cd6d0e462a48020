#!/bin/bash
# pave init --yes scaffolds a complete project without prompting.
source "$(dirname "$0")/common.sh"

expect_exit 0 pave init shop --yes --name shop --template web-service --env dev --env prod < /dev/null
expect_contains out "Created project shop"
expect_file shop/pave.toml
expect_file shop/charts/shop/Chart.yaml
expect_file shop/charts/shop/values.yaml
expect_file shop/charts/shop/templates/deployment.yaml
expect_file shop/values/dev.yaml
expect_file shop/values/prod.yaml
expect_file shop/.gitignore
expect_file shop/.github/workflows/pave.yml
[ ! -e shop/values/staging.yaml ] || fail "staging was not asked for"
expect_contains shop/pave.toml '[environments.dev]'
expect_contains shop/pave.toml '[environments.prod]'
expect_contains shop/charts/shop/Chart.yaml 'name: shop'
expect_not_contains shop/charts/shop/templates/_helpers.tpl STARTER_NAME

# the scaffold is a valid project
(cd shop && expect_exit 0 pave validate)

# every template is a chart
for tpl in worker cronjob; do
  expect_exit 0 pave init "p-$tpl" --yes --template "$tpl"
  expect_file "p-$tpl/charts/p-$tpl/Chart.yaml"
  (cd "p-$tpl" && expect_exit 0 pave validate)
done

# a name derived from the directory
expect_exit 0 pave init My_Project --yes
expect_file My_Project/charts/my-project/Chart.yaml

# an unknown template is a usage error and writes nothing
expect_exit 2 pave init bad --yes --template web-servic
expect_contains err 'unknown template "web-servic"'
[ ! -e bad/pave.toml ] || fail "nothing may be written for a bad template"
