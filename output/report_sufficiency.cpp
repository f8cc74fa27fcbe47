// output/report_sufficiency.cpp: the report's sufficiency section (see
// report_sufficiency.hpp).
#include "output/report_sufficiency.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

#include "output/dfe_tables.hpp"
#include "output/report_format.hpp"
#include "output/results_reader.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;
using namespace report_format;

namespace {

std::optional<GapOpening::Kind> kind_of(std::string_view code) {
  for (const auto k : {GapOpening::Kind::kNever, GapOpening::Kind::kFromStart, GapOpening::Kind::kOpens}) {
    if (gap_opening_code(k) == code) return k;
  }
  return std::nullopt;
}

std::string provision_phrase(std::string_view provision) {
  return provision == "enhanced" ? "enhanced (resourced) provision" : "special schools";
}

std::string need_phrase(std::string_view need) {
  const std::string_view label = need_label(need);
  return label == need ? html_escape(need) : html_escape(label) + " (" + html_escape(need) + ")";
}

std::string row_key(const SufficiencyRow& r) { return r.district + "|" + r.need + "|" + r.provision; }

/// When the gap of `r`'s group opens, in words (HTML).
std::string opening_text(const SufficiencyRow& r, bool sentence) {
  const GapOpening& o = r.opening;
  switch (o.kind) {
    case GapOpening::Kind::kFromStart:
      return (sentence ? "is open from the first census of the run, January " : "open from the start, ") +
             std::to_string(*o.year);
    case GapOpening::Kind::kOpens:
      return (sentence ? "opens at the January " + std::to_string(*o.year) + " census"
                       : std::to_string(*o.year));
    case GapOpening::Kind::kNever:
      break;
  }
  if (o.first_seen) {
    return sentence ? "has not opened by the rule (short in at least half the replications at January " +
                          std::to_string(*o.first_seen) + ", but not at every census after)"
                    : "not open at the end (short " + std::to_string(*o.first_seen) + ", closes again)";
  }
  return sentence ? "never opens" : "never";
}

/// A cell colour for a gap: orange for children without a place, blue for
/// places spare, white at zero, the depth in proportion to |gap| / `scale`.
std::string shade(double gap, double scale) {
  const double t = scale > 0 ? std::min(1.0, std::abs(gap) / scale) : 0.0;
  // Orange #c55a11 (197, 90, 17) and navy #1f4e79 (31, 78, 121) blended with white.
  const int to[3] = {gap > 0 ? 197 : 31, gap > 0 ? 90 : 78, gap > 0 ? 17 : 121};
  char buf[64];
  std::snprintf(buf, sizeof buf, "background:#%02x%02x%02x%s",
                static_cast<int>(std::lround(255 + (to[0] - 255) * t)),
                static_cast<int>(std::lround(255 + (to[1] - 255) * t)),
                static_cast<int>(std::lround(255 + (to[2] - 255) * t)), t > 0.55 ? ";color:#fff" : "");
  return buf;
}

}  // namespace

std::vector<SufficiencyRow> read_sufficiency(const fs::path& file) {
  const CsvTable t = read_csv_table(file);
  auto col = [&](std::string_view name) {
    const auto c = t.column(name);
    if (!c) throw std::runtime_error(file.string() + ": no column \"" + std::string(name) + "\"");
    return *c;
  };
  const std::size_t district = col("district"), need = col("need"), provision = col("provision"),
                    year = col("year"), places = col("places"), placed = col("placed"),
                    waiting = col("waiting"), elsewhere = col("placed_elsewhere"), needing = col("needing"),
                    n = col("n"), mean = col("gap_mean"), ci_low = col("gap_ci_low"),
                    ci_high = col("gap_ci_high"), p5 = col("gap_p5"), p95 = col("gap_p95"),
                    p_positive = col("p_gap_positive"), opens = col("gap_opens"),
                    opens_year = col("gap_opens_year"), first = col("gap_first_year");
  std::vector<SufficiencyRow> rows;
  rows.reserve(t.rows.size());
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& f = t.rows[i];
    const std::string where = file.string() + ":" + std::to_string(i + 2);
    auto number = [&](std::size_t c) {
      const auto v = parse_number(f[c]);
      if (!v)
        throw std::runtime_error(where + ": " + t.header[c] + ": expected a number, got \"" + f[c] + "\"");
      return *v;
    };
    auto year_or_none = [&](std::size_t c) -> std::optional<int> {
      if (f[c].empty()) return std::nullopt;
      return static_cast<int>(number(c));
    };
    SufficiencyRow r;
    r.district = f[district];
    r.need = f[need];
    r.provision = f[provision];
    r.year = static_cast<int>(number(year));
    r.places = number(places);
    r.placed = number(placed);
    r.waiting = number(waiting);
    r.placed_elsewhere = number(elsewhere);
    r.needing = number(needing);
    r.gap.n = static_cast<std::int64_t>(number(n));
    r.gap.mean = number(mean);
    r.gap.ci_low = number(ci_low);
    r.gap.ci_high = number(ci_high);
    r.gap.p5 = number(p5);
    r.gap.p95 = number(p95);
    r.p_gap_positive = number(p_positive);
    const auto kind = kind_of(f[opens]);
    if (!kind)
      throw std::runtime_error(where + ": gap_opens: expected never, from_start or opens, got \"" + f[opens] +
                               "\"");
    r.opening.kind = *kind;
    r.opening.year = year_or_none(opens_year);
    r.opening.first_seen = year_or_none(first);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<LargestGap> largest_gaps(const std::vector<SufficiencyRow>& rows, std::size_t limit,
                                     bool* any_gap) {
  std::vector<LargestGap> out;
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i;
    LargestGap g;
    while (j < rows.size() && rows[j].district == rows[i].district && rows[j].need == rows[i].need &&
           rows[j].provision == rows[i].provision) {
      if (g.peak == nullptr || rows[j].gap.mean > g.peak->gap.mean) g.peak = &rows[j];
      g.last = &rows[j];
      ++j;
    }
    if (rows[i].district != kSufficiencyTotal) out.push_back(g);
    i = j;
  }
  std::stable_sort(out.begin(), out.end(), [](const LargestGap& a, const LargestGap& b) {
    return a.peak->gap.mean > b.peak->gap.mean;
  });
  const bool any = !out.empty() && out.front().peak->gap.mean > 0;
  if (any) std::erase_if(out, [](const LargestGap& g) { return g.peak->gap.mean <= 0; });
  if (any_gap != nullptr) *any_gap = any;
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::optional<KeyMessage> sufficiency_key_message(const ReportData& d) {
  if (d.sufficiency.empty()) return std::nullopt;
  const std::string link =
      " (<a href=\"#" + std::string(kLargestGapsTableId) + "\">table: the largest gaps</a>)";
  bool any_gap = false;
  const auto gaps = largest_gaps(d.sufficiency, 1, &any_gap);
  if (gaps.empty()) return std::nullopt;
  const SufficiencyRow& p = *gaps.front().peak;
  KeyMessage m;
  m.table_id = std::string(kLargestGapsTableId);
  m.field = "gap";
  m.year = std::to_string(p.year);
  m.row = row_key(p);
  m.value = p.gap.mean;
  if (any_gap) {
    std::size_t open_at_end = 0;
    std::set<std::string> seen;
    for (const SufficiencyRow& r : d.sufficiency) {
      if (r.district == kSufficiencyTotal || r.opening.kind == GapOpening::Kind::kNever) continue;
      if (seen.insert(row_key(r)).second) ++open_at_end;
    }
    m.html =
        "The largest gap in specialist places is in " + provision_phrase(p.provision) + " for " +
        need_phrase(p.need) + " in " + html_escape(p.district) + ": " + count(p.gap.mean) +
        " more children of the district need such a place than there are places at the January " + m.year +
        " census; by the sufficiency table's rule the gap " + opening_text(p, true) + link + ". " +
        std::to_string(open_at_end) +
        (open_at_end == 1 ? " district, need and provision has" : " districts, needs and provisions have") +
        " a gap open at the end of the run.";
  } else {
    m.html =
        "No district has more children needing an enhanced or special place than places, for any need, at "
        "any census (mean over the replications); the tightest is " +
        provision_phrase(p.provision) + " for " + need_phrase(p.need) + " in " + html_escape(p.district) +
        ", " + count(-p.gap.mean) + " places spare at January " + m.year + link + ".";
  }
  return m;
}

std::string sufficiency_section_html(const ReportData& d) {
  std::string h;
  if (d.sufficiency.empty()) {
    return "<p>The run has no sufficiency table (sufficiency.csv), so where and when gaps open is not "
           "shown.</p>\n";
  }
  const std::string n = std::to_string(d.sufficiency.front().gap.n);
  h += "<p>From <code>sufficiency.csv</code>: for each home district, primary need and provision (enhanced, "
       "special), the children needing such a place (placed in it locally, waiting, or placed in INMSS or "
       "out of "
       "area for want of one) less the places of that type in the district apportioned to needs by who is on "
       "roll. A gap <strong>opens</strong> at the first January census from which more children need a place "
       "than there are places in at least half of the " +
       n +
       " replications at that census and every later one (a gap that opens and closes again before the end "
       "has not opened; output/README.md, sufficiency.csv).</p>\n";

  // The largest gaps (or, when there is none, the tightest).
  const std::size_t kLimit = 15;
  bool any_gap = false;
  const auto gaps = largest_gaps(d.sufficiency, kLimit, &any_gap);
  const std::size_t groups = largest_gaps(d.sufficiency, d.sufficiency.size()).size();
  const int last_year = d.sufficiency.back().year;
  HtmlTable tab(
      any_gap ? "Table: the largest gaps by district, need and provision (" + std::to_string(gaps.size()) +
                    " of " + std::to_string(groups) +
                    " with a mean gap above zero at some census), largest first; gap = children needing "
                    "a place less places, mean over replications (5th\u201395th percentile)"
              : "Table: no district, need and provision has a mean gap above zero at any census; the " +
                    std::to_string(gaps.size()) +
                    " tightest (gap = children needing a place less places, negative: places spare)");
  tab.id(std::string(kLargestGapsTableId));
  tab.head({"District", "Need", "Provision", "Gap opens",
            any_gap ? "Largest gap (census)" : "Tightest (census)",
            "Gap at January " + std::to_string(last_year),
            "Share of replications short, " + std::to_string(last_year),
            "Places, " + std::to_string(last_year), "Needing a place, " + std::to_string(last_year)});
  for (const LargestGap& g : gaps) {
    const SufficiencyRow& p = *g.peak;
    const SufficiencyRow& l = *g.last;
    tab.row(
        {html_escape(p.district), html_escape(p.need), html_escape(p.provision), opening_text(p, false),
         count(p.gap.mean) + " <span class=\"rng\">(" + std::to_string(p.year) + ")</span>",
         with_range(l.gap, Unit::kCount), percent(100 * l.p_gap_positive), count(l.places), count(l.needing)},
        "data-row=\"" + html_escape(row_key(p)) + "\" data-year=\"" + std::to_string(p.year) +
            "\" data-gap=\"" + exact(p.gap.mean) + "\" data-opens=\"" +
            std::string(gap_opening_code(p.opening.kind)) + "\" data-opens-year=\"" +
            (p.opening.year ? std::to_string(*p.opening.year) : std::string()) + "\"");
  }
  if (!tab.empty()) h += tab.html(false);

  // The heat map: special places, district x census, all needs.
  std::map<std::string, std::map<int, double>> cells;  // district -> year -> gap mean (sum over needs)
  std::set<int> years;
  for (const SufficiencyRow& r : d.sufficiency) {
    if (r.provision != "special") continue;
    cells[r.district][r.year] += r.gap.mean;
    years.insert(r.year);
  }
  if (cells.empty()) return h;
  double scale = 0;
  for (const auto& [district, by_year] : cells) {
    if (district == kSufficiencyTotal) continue;
    for (const auto& [year, v] : by_year) scale = std::max(scale, std::abs(v));
  }
  std::string t =
      "<div class=\"table-wrap\"><table id=\"" + std::string(kGapHeatMapId) +
      "\" class=\"num heat\"><caption>Heat map: special-school places, the gap by home district and "
      "January census: children needing a special place less special places, all needs, <strong>mean "
      "over " +
      n +
      " replications</strong>. Orange: more children than places; blue: places spare; "
      "the depth of colour in proportion to the gap (the largest district gap, " +
      count(scale) + ", the deepest).</caption><thead><tr><th scope=\"col\">District</th>";
  for (const int y : years) t += "<th scope=\"col\">" + std::to_string(y) + "</th>";
  t += "</tr></thead><tbody>\n";
  auto add_row = [&](const std::string& district, const std::map<int, double>& by_year) {
    const bool total = district == kSufficiencyTotal;
    t += "<tr data-district=\"" + html_escape(district) + "\"" + (total ? " class=\"total\"" : "") +
         "><th scope=\"row\">" + (total ? std::string("All districts") : html_escape(district)) + "</th>";
    for (const int y : years) {
      const auto it = by_year.find(y);
      const double v = it == by_year.end() ? 0.0 : it->second;
      t += "<td data-year=\"" + std::to_string(y) + "\" data-gap=\"" + exact(v) + "\"" +
           (total ? std::string() : " style=\"" + shade(v, scale) + "\"") + ">" + count(v) + "</td>";
    }
    t += "</tr>\n";
  };
  for (const auto& [district, by_year] : cells) {
    if (district != kSufficiencyTotal) add_row(district, by_year);
  }
  if (const auto it = cells.find(std::string(kSufficiencyTotal)); it != cells.end())
    add_row(it->first, it->second);
  t += "</tbody></table></div>\n";
  h += t;
  h +=
      "<p class=\"small\">A district's row nets its needs together (a surplus of places for one need offsets "
      "a "
      "gap for another), so a district can be short for one need while its cell is blue: the table above and "
      "sufficiency.csv give each need. The county row is unshaded.</p>\n";
  return h;
}

}  // namespace sendsim::output
