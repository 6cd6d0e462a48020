#!/bin/bash
# cost-report --format html: one self-contained page with inline SVG bar
# charts (cost by group, estimate against actual and budget), opened in
# headless Chromium; the screenshot shows the bars in their colours.
source "$(dirname "$0")/common.sh"
command -v chromium >/dev/null || skip "chromium is not installed (packaging/deps.sh installs it)"
fleet=$SHARED_DIR/bench/fleet
[ -d "$fleet" ] || skip "the fleet chart is not in $SHARED_DIR/bench"

cat > pave.toml <<TOML
[project]
name = "fleet"
[environments.prod]
target = "directory"
directory = "deploy/prod"
namespace = "fleet"
region = "eu-central-1"
[apps.fleet]
chart = "$fleet"
[cost.budgets]
prod = 30000
TOML

expect_exit 3 pave cost-report -e prod --format html --group-by tag:team --out report.html
expect_contains err "budget exceeded: prod estimate is"
expect_file report.html
# Self-contained: no scripts, no external resources; the charts are inline SVG.
expect_not_contains report.html "<script"
expect_not_contains report.html "http://example"
expect_not_contains report.html 'src="http'
expect_not_contains report.html 'href="http'
expect_contains report.html '<svg id="by-group" class="chart"'
expect_contains report.html '<svg id="estimate-actual" class="chart"'
[ "$(grep -c '<rect class="bar"' report.html)" -eq 17 ] || fail "expected 15 group bars + estimate + budget"
expect_contains report.html '<title>team'
expect_contains report.html 'Budget prod: $30,000.00'
python3 -c 'import sys, xml.dom.minidom as m, re
h = open(sys.argv[1]).read()
for svg in re.findall(r"<svg.*?</svg>", h, re.S):
    m.parseString(svg)   # each chart is well-formed XML' report.html

timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$t/report.png" \
  --window-size=1200,900 "file://$t/report.html" >"$t/chromium.log" 2>&1 || { cat "$t/chromium.log"; fail "chromium failed"; }
expect_file "$t/report.png"
[ "$(stat -c %s "$t/report.png")" -gt 20000 ] || fail "the screenshot is trivially small"
# Bars in the palette's first colours (#2563eb blue, #16a34a green) and the budget's grey are on screen.
python3 "$SOURCE_DIR/tests/system/png_colours.py" "$t/report.png" 37,99,235 22,163,74 156,163,175 > colours
cat colours
expect_contains colours "size 1200x900"
awk 'NR > 1 && $2 < 500 { bad = 1 } END { exit bad }' colours || fail "a chart colour covers fewer than 500 pixels"
