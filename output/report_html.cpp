// output/report_html.cpp: the HTML report of a results folder: headline
// cards, key messages and the sections (the shared page parts are in
// report_page.cpp, the sufficiency section in report_sufficiency.cpp).
#include "output/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "output/report_assumptions.hpp"
#include "output/report_format.hpp"
#include "output/report_sufficiency.hpp"
#include "output/results_reader.hpp"
#include "run/metrics.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;
using namespace report_format;

namespace {

using Table = HtmlTable;

/// The periods a card shows: censuses, whole calendar or financial years, or
/// the financial years whose end the run reaches.
const std::vector<std::string>& card_periods(const ReportData& d, run::MetricPeriod when) {
  switch (when) {
    case run::MetricPeriod::kCensus:
      return d.census_years;
    case run::MetricPeriod::kCalendarYear:
      return d.full_years;
    case run::MetricPeriod::kFinancialYear:
      return d.full_financial_years;
    case run::MetricPeriod::kFinancialYearEnd:
      break;
  }
  return d.balance_years;
}

Unit card_unit(std::string_view unit) {
  if (unit == "pounds") return Unit::kMoney;
  if (unit == "percent") return Unit::kPercent;
  return Unit::kCount;
}

/// The card of a metric (run/metrics.hpp, shown_in::kCard) from its series.
std::string headline_card(const ReportData& d, const run::Metric& h) {
  const Unit unit = card_unit(h.unit);
  const ReportSeries s =
      d.over(std::string(h.series), card_periods(d, h.when), h.kind != run::MetricKind::kValue);
  if (s.points.empty()) return {};
  const ReportPoint& a = s.points.front();
  const ReportPoint& b = s.points.back();
  std::string change;
  if (h.card_change && unit == Unit::kCount && a.stats.mean > 0 && s.points.size() > 1) {
    const double pct = (b.stats.mean / a.stats.mean - 1) * 100;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.0f%%", pct);
    change = "<span class=\"chg\">" + std::string(buf) + "</span>";
  }
  auto cell = [&](const ReportPoint& p) {
    const std::string value = fmt(p.stats.mean, unit);
    // Characters, not bytes (the minus and the pound sign are multi-byte):
    // long figures such as -£1,411.9m get a smaller size to fit the card.
    const auto chars = std::count_if(value.begin(), value.end(), [](char c) { return (c & 0xC0) != 0x80; });
    // A financial year the run covers only in part is marked, as in the tables and the workbook.
    const bool part_year = p.period.find('-') != std::string::npos &&
                           std::find(d.full_financial_years.begin(), d.full_financial_years.end(),
                                     p.period) == d.full_financial_years.end();
    return "<div class=\"fig\"><span class=\"per\">" + html_escape(p.period) +
           (part_year ? " (part year)" : "") + "</span><span class=\"val" + (chars > 8 ? " long" : "") +
           "\">" + value + "</span><span class=\"rng\">" + range(p.stats, unit) + "</span></div>";
  };
  std::string out = "<div class=\"card\"><h3>" + std::string(h.card_title) + change +
                    "</h3><p class=\"sub\">" + std::string(h.card_note) + "</p><div class=\"figs\">" +
                    cell(a);
  if (s.points.size() > 1) out += "<div class=\"arr\">\u2192</div>" + cell(b);
  return out + "</div></div>\n";
}

/// The id of the table of places and need of a specialist type.
std::string capacity_table_id(std::string_view type) { return "tab-places-" + std::string(type); }

}  // namespace

std::vector<KeyMessage> key_messages(const ReportData& d) {
  std::vector<KeyMessage> out;
  // 1. The largest gap in specialist places (district, need, provision) and
  // the census it opens at, by the sufficiency table's rule.
  if (auto m = sufficiency_key_message(d)) out.push_back(std::move(*m));
  // 2. The 20-week trend over whole calendar years.
  {
    const auto pct = d.over("timeliness:pct_within_20_weeks", d.full_years, false);
    if (pct.points.size() >= 2) {
      const auto& a = pct.points.front();
      const auto& b = pct.points.back();
      KeyMessage m;
      m.table_id = "tab-timeliness";
      m.field = "pct";
      m.year = b.period;
      m.value = b.stats.mean;
      const char* verb = b.stats.mean < a.stats.mean - 0.05   ? "falls"
                         : b.stats.mean > a.stats.mean + 0.05 ? "rises"
                                                              : "stays";
      m.html = std::string("The share of new EHC plans issued within the statutory 20 weeks ") + verb +
               " from " + percent(a.stats.mean) + " in " + html_escape(a.period) + " to " +
               percent(b.stats.mean) + " in " + html_escape(b.period) +
               " (<a href=\"#tab-timeliness\">table: the 20-week limit</a>).";
      out.push_back(std::move(m));
    }
  }
  // 3. INMSS placements, first to last census.
  if (d.has(series_of("inmss_placements")) && d.census_years.size() >= 2) {
    const auto inmss = d.over(series_of("inmss_placements"), d.census_years);
    const auto& a = inmss.points.front();
    const auto& b = inmss.points.back();
    KeyMessage m;
    m.table_id = "tab-inmss";
    m.field = "inmss";
    m.year = b.period;
    m.value = b.stats.mean;
    std::string change;
    if (a.stats.mean > 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%+.0f%%", (b.stats.mean / a.stats.mean - 1) * 100);
      change = std::string(" (") + buf + ")";
    }
    m.html = "Children placed in independent or non-maintained special schools " +
             std::string(b.stats.mean >= a.stats.mean ? "grow" : "fall") + " from " + count(a.stats.mean) +
             " in January " + html_escape(a.period) + " to " + count(b.stats.mean) + " in January " +
             html_escape(b.period) + change + " (<a href=\"#tab-inmss\">table: INMSS placements</a>).";
    out.push_back(std::move(m));
  }
  // 4. The DSG position at the last 31 March inside the run.
  if (d.has(series_of("dsg_cumulative_balance")) && !d.balance_years.empty()) {
    const auto bal = d.over(series_of("dsg_cumulative_balance"), d.balance_years);
    const auto& b = bal.points.back();
    std::string first_deficit;
    for (const auto& p : bal.points) {
      if (p.stats.mean < 0) {
        first_deficit = p.period;
        break;
      }
    }
    KeyMessage m;
    m.table_id = "tab-dsg";
    m.field = "cumulative";
    m.year = b.period;
    m.value = b.stats.mean;
    const std::string end_year = std::to_string(std::atoi(b.period.c_str()) + 1);  // "2035-36" ends in 2036
    m.html =
        "The DSG high-needs cumulative balance at 31 March " + html_escape(end_year) + " (end of " +
        html_escape(b.period) + ") is " + money(b.stats.mean) +
        (b.stats.mean < 0 ? ", a deficit" : ", a surplus") +
        (first_deficit.empty() ? "; it is never in deficit at a year end of the run"
                               : "; it is first in deficit at the end of " + html_escape(first_deficit)) +
        " (<a href=\"#tab-dsg\">table: the DSG high-needs block</a>).";
    out.push_back(std::move(m));
  }
  return out;
}

std::string report_html(const ReportData& d, const std::vector<ChartInfo>& charts,
                        const fs::path& charts_folder) {
  const ReportMeta& m = d.meta;
  std::string h = html_document_start("SEND place sufficiency: " + m.name, m.version);

  // Cover.
  const std::string n_reps = html_escape(m.replications);
  h += "<header class=\"cover\"><p class=\"kicker\">SEND specialist place sufficiency \u00b7 simulation "
       "results</p>";
  h += "<h1 id=\"scenario-name\">" + html_escape(m.name) + "</h1>";
  if (!m.description.empty())
    h += "<p class=\"lede\" id=\"scenario-description\">" + html_escape(m.description) + "</p>";
  h += "<dl class=\"meta\"><div><dt>Local area model</dt><dd>" + html_escape(m.model) + "</dd></div>";
  h += "<div><dt>Period simulated</dt><dd>" + html_escape(m.start_date) + " to " + html_escape(m.end_date) +
       "</dd></div>";
  h += "<div><dt>Replications</dt><dd>" + n_reps + "</dd></div><div><dt>Seed</dt><dd>" + html_escape(m.seed) +
       "</dd></div><div><dt>sendsim</dt><dd>" + html_escape(m.version) + "</dd></div></dl></header>\n";
  h += "<p class=\"note\">Every figure is the mean over " + n_reps +
       " replications of the simulation (the same area run again with other random numbers); the small grey "
       "ranges are the 5th to 95th percentile of single replications, the spread a planner should allow for. "
       "Children are synthetic, drawn from the model's rates: this is a projection under the stated "
       "assumptions (section 9), not a forecast of published figures.</p>\n";
  for (const auto& note : d.notes) h += "<p class=\"warn\">" + html_escape(note) + "</p>\n";

  ReportSections page({{"headlines", "Headline figures"},
                       {"capacity", "Specialist places"},
                       {"sufficiency", "Where and when gaps open"},
                       {"plans", "EHC plans"},
                       {"timeliness", "Timeliness"},
                       {"waiting", "Waiting for a place"},
                       {"inmss", "INMSS placements"},
                       {"finance", "High-needs spend and the DSG"},
                       {"scenario", "Scenario and assumptions"}},
                      charts, charts_folder);
  {
    const auto messages = key_messages(d);
    if (!messages.empty()) {
      h += "<section class=\"keymsg\" id=\"key-messages\"><h2>Key messages</h2><p>";
      for (std::size_t i = 0; i < messages.size(); ++i) {
        const auto& m = messages[i];
        h += std::string(i ? " " : "") + "<span class=\"msg\" data-table=\"" + m.table_id +
             "\" data-year=\"" + html_escape(m.year) + "\"" +
             (m.row.empty() ? std::string() : " data-row=\"" + html_escape(m.row) + "\"") + " data-field=\"" +
             m.field + "\" data-value=\"" + exact(m.value) + "\">" + m.html + "</span>";
      }
      h += "</p><p class=\"small\">Each sentence is generated from the figures of this run (means over the "
           "replications) and links to the table it quotes.</p></section>\n";
    }
  }
  h += page.contents();

  // 1. Headlines.
  h += page.open(0) + "<div class=\"cards\">\n";
  for (const run::Metric& m : run::kMetrics) {
    if (m.in(run::shown_in::kCard) && d.series.contains(std::string(m.series))) h += headline_card(d, m);
  }
  h += "</div>\n<p class=\"small\">First and last year of each series: calendar years and financial years "
       "wholly "
       "inside the run for flows and spend, every census for stocks.</p></section>\n";

  // 2. Capacity.
  h += page.open(1) + page.figures("capacity");
  for (const auto type : kSpecialistTypes) {
    const std::string t(type);
    if (!d.series.contains("places:" + t)) continue;
    Table tab("Table: " + t + " places and need at each January census (mean, 5th\u201395th percentile)");
    tab.id(capacity_table_id(t));
    tab.head({"Census", "Places", "On roll", "Needing a place", "Without a local place", "Shortfall"});
    const auto places = d.over("places:" + t, d.census_years);
    const auto roll = d.over("on_roll:" + t, d.census_years);
    const auto need = d.over("demand:" + t, d.census_years);
    const auto unmet = d.over("unmet:" + t, d.census_years);
    const auto gap = d.over("gap:" + t, d.census_years);
    for (std::size_t i = 0; i < d.census_years.size(); ++i) {
      tab.row(
          {html_escape(d.census_years[i]), with_range(places.points[i].stats, Unit::kCount),
           count(roll.points[i].stats.mean), with_range(need.points[i].stats, Unit::kCount),
           with_range(unmet.points[i].stats, Unit::kCount), with_range(gap.points[i].stats, Unit::kCount)},
          "data-year=\"" + html_escape(d.census_years[i]) + "\" data-shortfall=\"" +
              exact(gap.points[i].stats.mean) + "\"");
    }
    h += tab.html();
  }
  if (!d.settings.empty()) {
    Table tab("Table: specialist settings in the area at the January " +
              html_escape(d.census_years.empty() ? "" : d.census_years.back()) + " census (means)");
    tab.head({"Setting", "Type", "District", "Designated for", "Places", "On roll", "Over number"});
    for (const auto& s : d.settings) {
      tab.row({html_escape(s.name), html_escape(s.type), html_escape(s.district), html_escape(s.designation),
               count(s.places), count(s.on_roll), count(s.over_number)});
    }
    h += "<details class=\"settings\"><summary>Specialist settings (" + std::to_string(d.settings.size()) +
         ")</summary>" + tab.html() + "</details>\n";
  }
  h += "</section>\n";

  // 3. Where and when gaps open.
  h += page.open(2) + sufficiency_section_html(d) + "</section>\n";

  // 4. EHC plans.
  h += page.open(3) + page.figures("plans");
  {
    Table tab(
        "Table: EHC plans at each January census by placement (means; total with 5th\u201395th percentile)");
    tab.head({"Census", "Mainstream and early years", "Further education", "Enhanced", "Special (area)",
              "Special (out of county)", "INMSS", "Awaiting or other", "Total"});
    for (const auto& y : d.census_years) {
      auto mean = [&](std::initializer_list<const char*> ps) {
        double v = 0;
        for (const char* p : ps) v += d.mean_at(std::string("ehc:") + p, y);
        return count(v);
      };
      const auto total = d.over(series_of("ehc_plans"), {y}).points.front().stats;
      tab.row({html_escape(y), mean({"early_years", "mainstream"}), mean({"further_education"}),
               mean({"enhanced"}), mean({"special"}), mean({"special_out_of_county"}), mean({"inmss"}),
               mean({"awaiting_placement", "no_placement", "other"}), with_range(total, Unit::kCount)});
    }
    if (!tab.empty()) h += tab.html();
  }
  h += "</section>\n";

  // 5. Timeliness.
  h += page.open(4) + page.figures("timeliness");
  {
    Table tab("Table: new EHC plans and the 20-week limit, full calendar years");
    tab.id("tab-timeliness");
    tab.head({"Year", "Plans issued", "Within 20 weeks", "Mean weeks, request to issue"});
    for (const auto& y : d.full_years) {
      const auto issued = d.over(series_of("plans_issued"), {y}).points.front().stats;
      const auto pct = d.over("timeliness:pct_within_20_weeks", {y}, false);
      const auto weeks = d.over("timeliness:mean_weeks_request_to_issue", {y}, false);
      tab.row(
          {html_escape(y), with_range(issued, Unit::kCount),
           pct.points.empty() ? "\u2013" : with_range(pct.points[0].stats, Unit::kPercent),
           weeks.points.empty() ? "\u2013" : with_range(weeks.points[0].stats, Unit::kCount)},
          "data-year=\"" + html_escape(y) + "\"" +
              (pct.points.empty() ? std::string() : " data-pct=\"" + exact(pct.points[0].stats.mean) + "\""));
    }
    if (!tab.empty()) h += tab.html();
  }
  h += "</section>\n";

  // 6. Waiting.
  h += page.open(5) + page.figures("waiting");
  {
    Table tab("Table: plan holders waiting for a place at each January census");
    tab.head({"Census", "Waiting for enhanced", "Waiting for special", "All waiting"});
    for (const auto& y : d.census_years) {
      const auto total = d.over(series_of("waiting"), {y}).points.front().stats;
      tab.row({html_escape(y), count(d.mean_at("waiting:enhanced", y)),
               count(d.mean_at("waiting:special", y)), with_range(total, Unit::kCount)});
    }
    if (!tab.empty()) h += tab.html();
  }
  h += "</section>\n";

  // 7. INMSS.
  h += page.open(6) + page.figures("inmss");
  {
    Table tab("Table: INMSS placements");
    tab.id("tab-inmss");
    tab.head({"Year", "In INMSS at the January census", "New INMSS placements in the year",
              "of which for want of a local place"});
    for (const auto& y : d.census_years) {
      const bool whole = std::find(d.full_years.begin(), d.full_years.end(), y) != d.full_years.end();
      const auto inmss = d.over(series_of("inmss_placements"), {y}).points.front().stats;
      tab.row({html_escape(y), with_range(inmss, Unit::kCount),
               whole ? count(d.mean_at("flows:placements_inmss", y)) : "\u2013",
               whole ? count(d.mean_at("flows:fallback_inmss", y)) : "\u2013"},
              "data-year=\"" + html_escape(y) + "\" data-inmss=\"" + exact(inmss.mean) + "\"");
    }
    if (!tab.empty()) h += tab.html();
  }
  h += "</section>\n";

  // 8. Finance.
  h += page.open(7) + page.figures("finance");
  {
    Table tab(
        "Table: high-needs spend by line, full financial years, pounds million at the prices of each year");
    tab.id("tab-spend");
    tab.head({"Financial year", "Place funding", "Top-ups (maintained)", "INMSS fees", "SEN support",
              "Alternative provision", "Transport", "Total"});
    for (const auto& y : d.full_financial_years) {
      std::vector<std::string> r = {html_escape(y)};
      for (const char* line : {"place_funding", "top_up_maintained", "top_up_independent",
                               "sen_support_services", "alternative_provision", "transport"}) {
        r.push_back(money(d.mean_at(std::string("spend:") + line, y)));
      }
      r.push_back(with_range(d.over(series_of("spend"), {y}).points.front().stats, Unit::kMoney));
      tab.row(r, "data-year=\"" + html_escape(y) + "\"");
    }
    if (!tab.empty()) h += tab.html();
    Table dsg(
        "Table: DSG high-needs block, financial years ending inside the run (a part year, covered by the "
        "run only in part, is marked; its allocation and spend are of the days covered)");
    dsg.id("tab-dsg");
    dsg.head({"Financial year", "Allocation", "DSG-funded spend", "In-year balance", "Cumulative balance"});
    for (const auto& y : d.balance_years) {
      const bool whole = std::find(d.full_financial_years.begin(), d.full_financial_years.end(), y) !=
                         d.full_financial_years.end();
      const auto cumulative = d.over(series_of("dsg_cumulative_balance"), {y}).points.front().stats;
      dsg.row({html_escape(y) + (whole ? "" : " (part year)"), money(d.mean_at("dsg:allocation", y)),
               money(d.mean_at("dsg:dsg_spend", y)), money(d.mean_at("dsg:in_year_balance", y)),
               with_range(cumulative, Unit::kMoney)},
              "data-year=\"" + html_escape(y) + "\" data-cumulative=\"" + exact(cumulative.mean) + "\"" +
                  (whole ? "" : " data-partial=\"1\""));
    }
    if (!dsg.empty()) h += dsg.html();
  }
  h += "</section>\n";

  // 9. Scenario and assumptions.
  h += page.open(8);
  {
    Table tab("Table: the run");
    tab.head({"Item", "Value"});
    tab.row({"Scenario", "<span id=\"summary-name\">" + html_escape(m.name) + "</span>"});
    tab.row({"Description", html_escape(m.description)});
    tab.row({"Local area model", html_escape(m.model)});
    std::string files;
    for (const auto& f : m.files) files += "<code>" + html_escape(f) + "</code><br>";
    tab.row({"Loaded from (root model first)", files});
    tab.row({"First and last day simulated", html_escape(m.start_date) + " to " + html_escape(m.end_date)});
    tab.row({"Replications", n_reps});
    tab.row({"Master seed", html_escape(m.seed)});
    tab.row({"Program", "sendsim " + html_escape(m.version)});
    tab.row({"Results folder", "<code>" + html_escape(d.dir.string()) + "</code>"});
    h += tab.html(false);
  }
  if (!d.projects.empty()) {
    Table tab(
        "Table: capital programme as planned (delay in months: min / mode / max, drawn per replication)");
    tab.head({"Project", "Action", "Setting", "Type", "Planned", "Places", "Delay"});
    for (const auto& p : d.projects) {
      tab.row({html_escape(p.name), html_escape(p.action), html_escape(p.setting), html_escape(p.type),
               html_escape(p.planned), html_escape(p.places), html_escape(p.delay_months)});
    }
    h += tab.html(false);
  }
  if (!d.parameters.empty()) {
    Table tab(
        "Table: key assumptions. The value is this run's; the source is the one declared for the "
        "parameter (models/PARAMETERS.md). Where the model file sets a value, its comments there name "
        "the source of that figure.");
    tab.head({"Parameter", "Value in this run", "Unit", "Meaning", "Declared source"});
    for (const auto& p : d.parameters) {
      tab.row({"<code>" + html_escape(p.path) + "</code>", html_escape(p.value), html_escape(p.unit),
               html_escape(p.description), p.source.empty() ? "\u2013" : html_escape(p.source)});
    }
    h += tab.html(false);
  }
  if (const auto cited = cited_documents(d.effective_yaml); !cited.empty()) {
    Table tab(
        "Table: documents the model and scenario files cite by a short name (in their descriptions, quoted "
        "verbatim in the effective scenario below)");
    tab.id("tab-cited");
    tab.head({"Short name", "Published document"});
    for (const auto& [short_name, document] : cited)
      tab.row({"<code>" + html_escape(short_name) + "</code>", html_escape(document)});
    h += tab.html(false);
  }
  if (!d.effective_yaml.empty()) {
    h +=
        "<details class=\"yaml\"><summary>The effective scenario in full (scenario.effective.yaml: every "
        "parameter, after all overrides; <code>sendsim run</code> on it reproduces this run)</summary><pre>" +
        html_escape(d.effective_yaml) + "</pre></details>\n";
  }
  h += "</section>\n";
  h += "<footer>Written by sendsim " + html_escape(m.version) +
       " from the results folder: every number here is in its CSV files (output/README.md documents them). "
       "Charts: charts/*.png and charts/*.svg.</footer>\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace sendsim::output
