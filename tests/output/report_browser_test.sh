#!/usr/bin/env bash
# tests/output/report_browser_test.sh SENDSIM SOURCE_DIR WORK_DIR
#
# Opens the HTML report in headless Chromium (Debian's `chromium`) and fails on
#   - a console message of any kind (the report has no script, so any message,
#     e.g. a blocked fetch or an error, is a fault); a canary page with a
#     throwing script first proves that such messages are seen at all;
#   - a missing chart: the DOM must hold one <svg> per charts/*.svg;
#   - unescaped markup: the scenario tests/scenarios/report-escape.yaml puts
#     <script>, <b>, <img>, <i> and & into the scenario, setting, district and
#     project names; the DOM must hold them as text, never as elements;
#   - the sufficiency section: the largest-gaps table and the heat map, one
#     shaded cell per district and census of sufficiency.csv, the county row
#     unshaded, "mean over N replications" in its caption, names as text;
#   - no screenshot: WORK_DIR/report.png (1280x4000) must be written;
#   - the comparison report (`sendsim compare` of the tiny baseline and the
#     escaping scenario): a console message, an <svg> missing for a chart, or
#     the escaping scenario's name as markup.
# Chromium missing is a failure, not a skip: ./setup.sh installs it.
set -euo pipefail
sendsim=$1
source_dir=$2
work=$3

fail() { echo "FAIL: $*" >&2; exit 1; }

browser=$(command -v chromium || true)
[ -n "$browser" ] || fail "chromium is not installed (Debian package chromium; ./setup.sh install installs it)"

rm -rf "$work"
mkdir -p "$work"
chrome() {  # chrome LOG ARGS...: a fresh profile each time, nothing from the network
  local log=$1
  shift
  rm -rf "$work/profile"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --hide-scrollbars --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$@" 2>"$log"
}
console_lines() { grep -E ':CONSOLE|Uncaught' "$1" || true; }

# 1. The canary: a page whose script throws must show up as a console line.
cat >"$work/canary.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>canary</title></head>
<body><p>canary</p><script>throw new Error("sendsim-canary");</script></body></html>
HTML
chrome "$work/canary.log" --dump-dom "file://$work/canary.html" >"$work/canary.dom" ||
  fail "chromium failed on the canary page: $(tail -5 "$work/canary.log")"
grep -q 'sendsim-canary' <(console_lines "$work/canary.log") ||
  fail "console errors are not visible in chromium's log (the canary's error is missing): cannot check the report"

# 2. A run whose names are full of markup; `sendsim run` draws the charts and writes the report.
"$sendsim" run "$source_dir/tests/scenarios/report-escape.yaml" --out "$work/results" >"$work/run.out" ||
  fail "sendsim run failed: $(cat "$work/run.out")"
report="$work/results/report.html"
[ -s "$report" ] || fail "no report.html"
last=$(tail -n 1 "$work/run.out")
[ "$last" = "report: $report" ] || fail "the run's last line is not the report's path: $last"

# 3. The report: DOM and console.
chrome "$work/report.log" --dump-dom "file://$report" >"$work/report.dom" ||
  fail "chromium failed on the report: $(tail -5 "$work/report.log")"
errors=$(console_lines "$work/report.log")
[ -z "$errors" ] || fail "console messages while loading the report:
$errors"

charts=$(find "$work/results/charts" -name '*.svg' | wc -l)
svgs=$(grep -o '<svg ' "$work/report.dom" | wc -l)
[ "$charts" -ge 9 ] || fail "only $charts charts drawn"
[ "$svgs" -eq "$charts" ] || fail "the DOM has $svgs <svg> elements for $charts charts"
for id in headlines capacity sufficiency plans timeliness waiting inmss finance scenario; do
  grep -q "<section id=\"$id\">" "$work/report.dom" || fail "section $id missing from the DOM"
done

# The sufficiency section: the largest-gaps table and the heat map as the
# browser built them: one shaded cell per district and census (inline styles
# applied, not refused by the page's Content-Security-Policy: that would be a
# console message above), the county row unshaded, the caption saying the
# cells are means, and a district name full of markup kept as text.
heat=$(sed -n '/<table id="tab-sufficiency-heatmap"/,/<\/table>/p' "$work/report.dom")
[ -n "$heat" ] || fail "the sufficiency heat map is missing from the DOM"
grep -q '<table id="tab-sufficiency-gaps"' "$work/report.dom" || fail "the largest-gaps table is missing from the DOM"
# (No district of the escaping scenario has a comma in its name, so cut splits the CSV right.)
census=$(tail -n +2 "$work/results/sufficiency.csv" | cut -d, -f4 | sort -u | wc -l)
districts=$(tail -n +2 "$work/results/sufficiency.csv" | awk -F, '$3 == "special" && $1 != "total"' | cut -d, -f1 | sort -u | wc -l)
shaded=$(grep -o '<td [^>]*style="[^"]*background[^"]*"' <<<"$heat" | wc -l)
[ "$districts" -ge 1 ] || fail "the escaping run has no district with special places or children in sufficiency.csv"
[ "$shaded" -eq $((districts * census)) ] ||
  fail "the heat map has $shaded shaded cells for $districts districts x $census censuses"
grep -q '<tr data-district="total" class="total">' <<<"$heat" || fail "the heat map has no county row"
if sed -n '/<tr data-district="total"/,/<\/tr>/p' <<<"$heat" | grep -q 'style='; then fail "the county row is shaded"; fi
grep -qF 'mean over 3 replications' <<<"$heat" || fail "the heat map's caption does not say its cells are means over the replications"
grep -qF '&lt;i&gt;East&lt;/i&gt; &amp; Vale' <<<"$heat" || fail "the escaping district is missing from the heat map (or not as text)"

# Markup in names must be text: no such elements in the DOM, and the text there.
for element in '<script' '<b>bold' '<img' '<i>East' '<u>Coast'; do
  if grep -qF "$element" "$work/report.dom"; then fail "unescaped markup in the DOM: $element"; fi
done
for text in '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Sons" '"'Ltd'" \
            '&lt;script&gt;alert(3)&lt;/script&gt; &amp; Co special' \
            '&lt;i&gt;East&lt;/i&gt; &amp; Vale' \
            '&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(2)&gt; description'; do
  grep -qF "$text" "$work/report.dom" || fail "text missing from the DOM: $text"
done

# 4. The screenshot.
chrome "$work/shot.log" --screenshot="$work/report.png" --window-size=1280,4000 "file://$report" >/dev/null ||
  fail "chromium could not take a screenshot: $(tail -5 "$work/shot.log")"
[ -s "$work/report.png" ] || fail "no screenshot"
size=$(stat -c %s "$work/report.png")
[ "$size" -gt 50000 ] || fail "the screenshot is suspiciously small ($size bytes): a blank page?"
errors=$(console_lines "$work/shot.log")
[ -z "$errors" ] || fail "console messages while taking the screenshot:
$errors"

# 5. The comparison report: console, one <svg> per chart, names as text.
"$sendsim" compare "$source_dir/tests/scenarios/tiny-scenario.yaml" "$source_dir/tests/scenarios/report-escape.yaml" \
  --replications 3 --out "$work/compare" >"$work/compare.out" || fail "sendsim compare failed: $(cat "$work/compare.out")"
compare_report="$work/compare/report.html"
last=$(tail -n 1 "$work/compare.out")
[ "$last" = "report: $compare_report" ] || fail "the comparison's last line is not the report's path: $last"
chrome "$work/compare.log" --dump-dom "file://$compare_report" >"$work/compare.dom" ||
  fail "chromium failed on the comparison report: $(tail -5 "$work/compare.log")"
errors=$(console_lines "$work/compare.log")
[ -z "$errors" ] || fail "console messages while loading the comparison report:
$errors"
compare_charts=$(find "$work/compare/charts" -name '*.svg' | wc -l)
compare_svgs=$(grep -o '<svg ' "$work/compare.dom" | wc -l)
[ "$compare_charts" -ge 10 ] || fail "only $compare_charts comparison charts drawn"
[ "$compare_svgs" -eq "$compare_charts" ] || fail "the comparison DOM has $compare_svgs <svg> elements for $compare_charts charts"
if grep -qF '<script' "$work/compare.dom"; then fail "unescaped markup in the comparison DOM: <script"; fi
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Sons" '"'Ltd'" "$work/compare.dom" ||
  fail "the escaping scenario's name is missing from the comparison DOM"

echo "report browser test: $charts charts, no console messages, names escaped; screenshot $work/report.png;" \
  "comparison report: $compare_charts charts, no console messages"
