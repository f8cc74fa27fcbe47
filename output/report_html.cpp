// output/report_html.cpp: the HTML report.
#include "output/report_html.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "output/report_assumptions.hpp"
#include "output/results_reader.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Inserts `text` after every occurrence of `marker` for which `accept(pos)`
// holds (pos: where the marker starts).
template <typename Accept>
std::string insert_after(std::string_view s, std::string_view marker, std::string_view text, Accept accept) {
  std::string out;
  out.reserve(s.size());
  std::size_t from = 0;
  for (std::size_t pos = s.find(marker); pos != std::string_view::npos; pos = s.find(marker, pos + 1)) {
    if (!accept(s, pos)) continue;
    out.append(s.substr(from, pos + marker.size() - from)).append(text);
    from = pos + marker.size();
  }
  return out.append(s.substr(from));
}

std::string insert_after(std::string_view s, std::string_view marker, std::string_view text) {
  return insert_after(s, marker, text, [](std::string_view, std::size_t) { return true; });
}

// Every <title>...</title> gets `escaped_title` as its text.
std::string retitle(std::string_view s, std::string_view escaped_title) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t pos = s.find("<title>"); pos != std::string_view::npos; pos = s.find("<title>", from)) {
    const std::size_t close = s.find("</title>", pos);
    if (close == std::string_view::npos || s.find('<', pos + 7) != close) {
      out.append(s.substr(from, pos + 7 - from));
      from = pos + 7;
      continue;
    }
    out.append(s.substr(from, pos + 7 - from)).append(escaped_title);
    from = close;
  }
  return out.append(s.substr(from));
}

// The root tag without its xmlns and xmlns:NAME attributes.
std::string drop_namespaces(std::string_view tag) {
  std::string out;
  std::size_t i = 0;
  while (i < tag.size()) {
    std::size_t j = i;
    while (j < tag.size() && std::isspace(static_cast<unsigned char>(tag[j])) != 0) ++j;
    if (j > i && tag.substr(j).starts_with("xmlns")) {
      std::size_t k = j + 5;
      if (k < tag.size() && tag[k] == ':') {
        ++k;
        while (k < tag.size() && std::isalpha(static_cast<unsigned char>(tag[k])) != 0) ++k;
      }
      if (k + 1 < tag.size() && tag[k] == '=' && (tag[k + 1] == '\'' || tag[k + 1] == '"')) {
        const std::size_t close = tag.find(tag[k + 1], k + 2);
        if (close != std::string_view::npos) {
          i = close + 1;
          continue;
        }
      }
    }
    out.append(tag.substr(i, j + 1 - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string inline_svg(std::string_view svg, std::string_view id_prefix, std::string_view title) {
  const std::size_t start = svg.find("<svg");
  if (start == std::string_view::npos) return {};
  const std::string prefix(id_prefix);
  // ids and the references to them: id='x', href='#x', url(#x), either quote.
  // id= as a whole attribute name (not e.g. "grid=").
  const auto attribute = [](std::string_view t, std::size_t pos) { return pos == 0 || !is_word_char(t[pos - 1]); };
  std::string s = insert_after(svg.substr(start), "id='", prefix + "-", attribute);
  s = insert_after(s, "id=\"", prefix + "-", attribute);
  s = insert_after(s, "href='#", prefix + "-");
  s = insert_after(s, "href=\"#", prefix + "-");
  s = insert_after(s, "url(#", prefix + "-");
  s = retitle(s, html_escape(title));
  // The namespace declarations of the root element are URLs (never fetched)
  // that an SVG inside HTML does not need: the HTML parser puts <svg> and
  // xlink:href in their namespaces itself. Dropped, so the page names no URL.
  const std::size_t tag_end = s.find('>');
  if (tag_end != std::string::npos) s = drop_namespaces(std::string_view(s).substr(0, tag_end)) + s.substr(tag_end);
  s.replace(0, 4, "<svg role=\"img\" aria-label=\"" + html_escape(title) + "\"");
  return s;
}

namespace {

// --- numbers ---------------------------------------------------------------

std::string thousands(double v) {
  const double r = std::round(std::fabs(v));
  const std::string digits = std::to_string(static_cast<long long>(r));
  std::string out;
  if (v < 0 && r != 0) out = "\u2212";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string count(double v) {
  if (!std::isfinite(v)) return "\u2013";
  if (std::fabs(v) >= 100 || v == std::round(v)) return thousands(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s(buf);
  return s[0] == '-' ? "\u2212" + s.substr(1) : s;
}

std::string money(double v) {
  if (!std::isfinite(v)) return "\u2013";
  const long long tenths = std::llround(std::fabs(v) / 1e5);  // pounds million, one decimal
  std::string out;
  if (v < 0 && tenths != 0) out = "\u2212";
  return out + "\u00a3" + thousands(static_cast<double>(tenths / 10)) + "." + std::to_string(tenths % 10) + "m";
}

std::string percent(double v) {
  if (!std::isfinite(v)) return "\u2013";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v);
  return buf;
}

enum class Unit { kCount, kMoney, kPercent };

std::string fmt(double v, Unit u) { return u == Unit::kMoney ? money(v) : u == Unit::kPercent ? percent(v) : count(v); }

std::string range(const engine::Summary& s, Unit u) {
  return fmt(s.p5, u) + (s.p5 < 0 || s.p95 < 0 ? " to " : "\u2013") + fmt(s.p95, u);
}

// --- building blocks ---------------------------------------------------------

using Table = HtmlTable;

std::string with_range(const engine::Summary& s, Unit u) {
  if (s.p5 == s.p95) return fmt(s.mean, u);  // the same in every replication
  return fmt(s.mean, u) + " <span class=\"rng\">" + range(s, u) + "</span>";
}

struct Headline {
  std::string title;
  std::string note;
  std::string series;
  const std::vector<std::string>* periods;
  Unit unit;
  bool zero_missing;
  bool show_change = true;
};

std::string headline_card(const ReportData& d, const Headline& h) {
  const ReportSeries s = d.over(h.series, *h.periods, h.zero_missing);
  if (s.points.empty()) return {};
  const ReportPoint& a = s.points.front();
  const ReportPoint& b = s.points.back();
  std::string change;
  if (h.show_change && h.unit == Unit::kCount && a.stats.mean > 0 && s.points.size() > 1) {
    const double pct = (b.stats.mean / a.stats.mean - 1) * 100;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.0f%%", pct);
    change = "<span class=\"chg\">" + std::string(buf) + "</span>";
  }
  auto cell = [&](const ReportPoint& p) {
    const std::string value = fmt(p.stats.mean, h.unit);
    // Characters, not bytes (the minus and the pound sign are multi-byte):
    // long figures such as -£1,411.9m get a smaller size to fit the card.
    const auto chars = std::count_if(value.begin(), value.end(), [](char c) { return (c & 0xC0) != 0x80; });
    // A financial year the run covers only in part is marked, as in the tables and the workbook.
    const bool part_year = p.period.find('-') != std::string::npos &&
                           std::find(d.full_financial_years.begin(), d.full_financial_years.end(), p.period) ==
                               d.full_financial_years.end();
    return "<div class=\"fig\"><span class=\"per\">" + html_escape(p.period) + (part_year ? " (part year)" : "") +
           "</span><span class=\"val" +
           (chars > 8 ? " long" : "") + "\">" + value + "</span><span class=\"rng\">" + range(p.stats, h.unit) +
           "</span></div>";
  };
  std::string out = "<div class=\"card\"><h3>" + h.title + change + "</h3><p class=\"sub\">" + h.note +
                    "</p><div class=\"figs\">" + cell(a);
  if (s.points.size() > 1) out += "<div class=\"arr\">\u2192</div>" + cell(b);
  return out + "</div></div>\n";
}

constexpr std::string_view kStyle = R"css(
:root{--ink:#1f1f1f;--navy:#1f4e79;--muted:#5f6b76;--rule:#d0d7de;--band:#f3f6f9}
*{box-sizing:border-box}
body{margin:0;background:#e9edf1;color:var(--ink);font:15px/1.5 "Segoe UI",Arial,"Helvetica Neue","DejaVu Sans",sans-serif}
main{max-width:1120px;margin:0 auto;background:#fff;padding:40px 56px 56px;box-shadow:0 0 0 1px #d5dce3}
.cover{border-bottom:4px solid var(--navy);padding-bottom:18px;margin-bottom:18px}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);margin:0 0 6px}
h1{font-size:30px;color:var(--navy);margin:0 0 8px;line-height:1.2;overflow-wrap:anywhere}
.lede{font-size:17px;margin:0 0 14px;color:#333}
dl.meta{display:flex;flex-wrap:wrap;gap:10px 32px;margin:0}
dl.meta dt{font-size:11px;text-transform:uppercase;color:var(--muted);letter-spacing:.05em}
dl.meta dd{margin:0;font-weight:600}
.note{background:var(--band);border-left:4px solid var(--navy);padding:10px 14px;font-size:14px}
.warn{background:#fff4e5;border-left:4px solid #c55a11;padding:10px 14px}
nav h2{font-size:16px;border:0;margin:18px 0 4px}
nav ol{columns:2;margin:0;padding-left:22px}
nav a{color:var(--navy)}
h2{font-size:21px;color:var(--navy);border-bottom:1px solid var(--rule);padding-bottom:4px;margin:36px 0 14px}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
.card{border:1px solid var(--rule);border-top:3px solid var(--navy);padding:10px 12px}
.card h3{font-size:14px;margin:0;display:flex;justify-content:space-between;gap:6px}
.chg{font-weight:600;color:var(--muted);font-size:13px}
.sub{font-size:12px;color:var(--muted);margin:2px 0 8px;min-height:2.6em;line-height:1.3}
.figs{display:flex;align-items:flex-end;gap:6px}
.fig{display:flex;flex-direction:column;flex:1 1 auto;min-width:0}
.per{font-size:11px;color:var(--muted)}
.val{font-size:20px;white-space:nowrap;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.2}
.val.long{font-size:16px}
.rng{font-size:11px;color:#7a7a7a;font-variant-numeric:tabular-nums}
.arr{color:var(--muted);padding-bottom:18px}
figure{margin:18px 0 28px;break-inside:avoid}
.ft{font-weight:700;font-size:15px;margin-bottom:4px}
.chart svg{width:100%;height:auto;display:block}
.fc{font-size:13px;color:#444;margin-top:4px}
.files{color:#8a8a8a}
.table-wrap{overflow-x:auto;margin:12px 0 22px}
table{border-collapse:collapse;width:100%;font-size:13px}
caption{text-align:left;font-weight:700;padding:4px 0 6px;font-size:14px}
th,td{padding:4px 8px;border-bottom:1px solid #e5e9ee;vertical-align:top;text-align:left;overflow-wrap:break-word}
thead th{border-bottom:2px solid var(--navy);font-size:12px;color:#333;vertical-align:bottom}
table.num td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.num thead th{text-align:right}
table.num thead th:first-child{text-align:left}
tbody tr:nth-child(even){background:#f7f9fb}
td .rng{margin-left:6px}
details{margin:10px 0}
summary{cursor:pointer;font-weight:600;color:var(--navy)}
pre{background:#f6f8fa;border:1px solid var(--rule);padding:12px;font-size:12px;overflow:auto;max-height:600px}
code{font-size:12px}
footer{margin-top:40px;border-top:1px solid var(--rule);padding-top:10px;font-size:12px;color:var(--muted)}
.small{font-size:12px;color:var(--muted)}
.key{display:inline-block;border-left:14px solid var(--navy);padding-left:5px;font-weight:700;white-space:nowrap}
.sig{color:#c55a11}
tr.hl td .diff{font-weight:700}
@media (max-width:900px){.cards{grid-template-columns:repeat(2,1fr)} main{padding:20px}}
.keymsg{border:1px solid var(--rule);border-left:4px solid var(--navy);padding:10px 16px;margin:0 0 18px}
.keymsg h2{margin:0 0 6px;border:0;font-size:18px}
.keymsg p{margin:0}
.keymsg a{color:var(--navy)}
@page{size:A4;margin:14mm}
@media print{body{background:#fff;font-size:12px} main{box-shadow:none;padding:0;max-width:none} nav{display:none}
.cards{grid-template-columns:repeat(2,1fr)}
.card,figure,.keymsg,tr,.fig,dl.meta{break-inside:avoid;page-break-inside:avoid}
h2,h3,caption,.ft{break-after:avoid;page-break-after:avoid}
thead{display:table-header-group}
.table-wrap{overflow:visible}
details>summary{list-style:none}}
)css";

}  // namespace

std::string HtmlTable::html(bool numeric) const {
  std::string s = "<div class=\"table-wrap\"><table" + (id_.empty() ? std::string() : " id=\"" + id_ + "\"") +
                  std::string(numeric ? " class=\"num\"" : "") +
                  "><caption>" + caption_ + "</caption><thead><tr>";
  for (const auto& h : head_) s += "<th scope=\"col\">" + h + "</th>";
  s += "</tr></thead><tbody>\n";
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    const std::string attributes = r < attributes_.size() && !attributes_[r].empty() ? " " + attributes_[r] : "";
    s += "<tr" + attributes + ">";
    const auto& cells = rows_[r];
    for (std::size_t i = 0; i < cells.size(); ++i) {
      s += (i == 0 ? "<th scope=\"row\">" : "<td>") + cells[i] + (i == 0 ? "</th>" : "</td>");
    }
    s += "</tr>\n";
  }
  return s + "</tbody></table></div>\n";
}

std::string ReportSections::contents() const {
  std::string h = "<nav><h2>Contents</h2><ol>";
  for (const auto& [id, title] : sections_) h += "<li><a href=\"#" + std::string(id) + "\">" + title + "</a></li>";
  return h + "</ol></nav>\n";
}

std::string ReportSections::open(std::size_t i) const {
  return "<section id=\"" + std::string(sections_.at(i).id) + "\"><h2>" + std::to_string(i + 1) + ". " +
         sections_.at(i).title + "</h2>\n";
}

std::string ReportSections::figures(std::string_view section) {
  std::string s;
  for (const auto& c : charts_) {
    if (c.section == section) s += figure_html(c, charts_folder_, ++figure_no_);
  }
  return s;
}

std::string figure_html(const ChartInfo& c, const fs::path& folder, std::size_t n) {
  std::string svg;
  try {
    svg = read_text_file(folder / (c.stem + ".svg"));
  } catch (const std::exception&) {
    return {};
  }
  return "<figure id=\"fig-" + c.stem + "\"><figcaption class=\"ft\">Figure " + std::to_string(n) + ". " +
         html_escape(c.title) + "</figcaption><div class=\"chart\">" + inline_svg(svg, "c" + std::to_string(n), c.title) +
         "</div><figcaption class=\"fc\">" + html_escape(c.caption) + " <span class=\"files\">Files: charts/" +
         html_escape(c.stem) + ".png, charts/" + html_escape(c.stem) + ".svg</span></figcaption></figure>\n";
}

std::string html_document_start(std::string_view title, std::string_view version) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"generator\" content=\"sendsim " + html_escape(version) + "\">\n";
  h += "<title>" + html_escape(title) + "</title>\n<style>" + std::string(kStyle) +
       "</style>\n</head>\n<body>\n<main>\n";
  return h;
}

namespace {

std::string exact(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string type_phrase(std::string_view type) {
  return type == "enhanced" ? "enhanced (resourced) provision" : "special schools";
}

/// The id of the table of places and need of a specialist type.
std::string capacity_table_id(std::string_view type) { return "tab-places-" + std::string(type); }

}  // namespace

std::vector<KeyMessage> key_messages(const ReportData& d) {
  std::vector<KeyMessage> out;
  // 1. The largest shortfall of specialist places and the census it opens at.
  {
    std::string best_type;
    std::string best_year;
    double best = 0;
    for (const auto type : kSpecialistTypes) {
      const std::string t(type);
      if (!d.series.contains("places:" + t)) continue;
      for (const auto& p : d.over("gap:" + t, d.census_years).points) {
        if (best_type.empty() || p.stats.mean > best) {
          best = p.stats.mean;
          best_type = t;
          best_year = p.period;
        }
      }
    }
    if (!best_type.empty()) {
      KeyMessage m;
      m.table_id = capacity_table_id(best_type);
      m.field = "shortfall";
      m.year = best_year;
      m.value = best;
      const std::string link = " (<a href=\"#" + m.table_id + "\">table: " + best_type + " places and need</a>)";
      if (best > 0) {
        std::string opens;
        for (const auto& p : d.over("gap:" + best_type, d.census_years).points) {
          if (p.stats.mean > 0) {
            opens = p.period;
            break;
          }
        }
        m.html = "The largest shortfall of specialist places is in " + type_phrase(best_type) + ": " + count(best) +
                 " more children need such a place than there are places at the January " + html_escape(best_year) +
                 " census; the shortfall " +
                 (opens == d.census_years.front() ? "is already there at the first census of the run, January " + html_escape(opens)
                                                  : "opens at the January " + html_escape(opens) + " census") +
                 link + ".";
      } else {
        m.html = "Places in " + type_phrase(best_type) +
                 ", the tightest specialist provision, exceed the children needing them at every census: at least " +
                 count(-best) + " places spare (January " + html_escape(best_year) + ")" + link + ".";
      }
      out.push_back(std::move(m));
    }
  }
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
      const char* verb = b.stats.mean < a.stats.mean - 0.05 ? "falls" : b.stats.mean > a.stats.mean + 0.05 ? "rises"
                                                                                                             : "stays";
      m.html = std::string("The share of new EHC plans issued within the statutory 20 weeks ") + verb + " from " +
               percent(a.stats.mean) + " in " + html_escape(a.period) + " to " + percent(b.stats.mean) + " in " +
               html_escape(b.period) + " (<a href=\"#tab-timeliness\">table: the 20-week limit</a>).";
      out.push_back(std::move(m));
    }
  }
  // 3. INMSS placements, first to last census.
  if (d.series.contains("ehc:inmss") && d.census_years.size() >= 2) {
    const auto inmss = d.over("ehc:inmss", d.census_years);
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
  if (d.series.contains("dsg:cumulative_balance") && !d.balance_years.empty()) {
    const auto bal = d.over("dsg:cumulative_balance", d.balance_years);
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
    m.html = "The DSG high-needs cumulative balance at 31 March " + html_escape(end_year) + " (end of " +
             html_escape(b.period) + ") is " + money(b.stats.mean) +
             (b.stats.mean < 0 ? ", a deficit" : ", a surplus") +
             (first_deficit.empty() ? "; it is never in deficit at a year end of the run"
                                    : "; it is first in deficit at the end of " + html_escape(first_deficit)) +
             " (<a href=\"#tab-dsg\">table: the DSG high-needs block</a>).";
    out.push_back(std::move(m));
  }
  return out;
}

std::string report_html(const ReportData& d, const std::vector<ChartInfo>& charts, const fs::path& charts_folder) {
  const ReportMeta& m = d.meta;
  std::string h = html_document_start("SEND place sufficiency: " + m.name, m.version);

  // Cover.
  const std::string n_reps = html_escape(m.replications);
  h += "<header class=\"cover\"><p class=\"kicker\">SEND specialist place sufficiency \u00b7 simulation results</p>";
  h += "<h1 id=\"scenario-name\">" + html_escape(m.name) + "</h1>";
  if (!m.description.empty()) h += "<p class=\"lede\" id=\"scenario-description\">" + html_escape(m.description) + "</p>";
  h += "<dl class=\"meta\"><div><dt>Local area model</dt><dd>" + html_escape(m.model) + "</dd></div>";
  h += "<div><dt>Period simulated</dt><dd>" + html_escape(m.start_date) + " to " + html_escape(m.end_date) + "</dd></div>";
  h += "<div><dt>Replications</dt><dd>" + n_reps + "</dd></div><div><dt>Seed</dt><dd>" + html_escape(m.seed) +
       "</dd></div><div><dt>sendsim</dt><dd>" + html_escape(m.version) + "</dd></div></dl></header>\n";
  h += "<p class=\"note\">Every figure is the mean over " + n_reps +
       " replications of the simulation (the same area run again with other random numbers); the small grey "
       "ranges are the 5th to 95th percentile of single replications, the spread a planner should allow for. "
       "Children are synthetic, drawn from the model's rates: this is a projection under the stated "
       "assumptions (section 8), not a forecast of published figures.</p>\n";
  for (const auto& note : d.notes) h += "<p class=\"warn\">" + html_escape(note) + "</p>\n";

  ReportSections page({{"headlines", "Headline figures"},
                       {"capacity", "Specialist places"},
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
        h += std::string(i ? " " : "") + "<span class=\"msg\" data-table=\"" + m.table_id + "\" data-year=\"" +
             html_escape(m.year) + "\" data-field=\"" + m.field + "\" data-value=\"" + exact(m.value) + "\">" +
             m.html + "</span>";
      }
      h += "</p><p class=\"small\">Each sentence is generated from the figures of this run (means over the "
           "replications) and links to the table it quotes.</p></section>\n";
    }
  }
  h += page.contents();

  // 1. Headlines.
  h += page.open(0) + "<div class=\"cards\">\n";
  const Headline headlines[] = {
      {"EHC plans", "at the January census", "ehc:total", &d.census_years, Unit::kCount, true},
      {"Special place shortfall", "children needing a special place less places in the area", "gap:special",
       &d.census_years, Unit::kCount, true, false},
      {"Waiting for a place", "plan holders in an interim place, January", "waiting:total", &d.census_years,
       Unit::kCount, true},
      {"In INMSS", "plan holders in independent or non-maintained special schools", "ehc:inmss", &d.census_years,
       Unit::kCount, true},
      {"New EHC plans", "issued in the calendar year", "flows:plans_issued", &d.full_years, Unit::kCount, true},
      {"Issued within 20 weeks", "share of new plans, calendar year", "timeliness:pct_within_20_weeks",
       &d.full_years, Unit::kPercent, false},
      {"High-needs spend", "all lines, financial year", "spend:total", &d.full_financial_years, Unit::kMoney, true},
      {"DSG cumulative balance", "at 31 March; negative is a deficit", "dsg:cumulative_balance", &d.balance_years,
       Unit::kMoney, true}};
  for (const auto& hl : headlines) {
    if (d.series.contains(hl.series)) h += headline_card(d, hl);
  }
  h += "</div>\n<p class=\"small\">First and last year of each series: calendar years and financial years wholly "
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
      tab.row({html_escape(d.census_years[i]), with_range(places.points[i].stats, Unit::kCount),
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

  // 3. EHC plans.
  h += page.open(2) + page.figures("plans");
  {
    Table tab("Table: EHC plans at each January census by placement (means; total with 5th\u201395th percentile)");
    tab.head({"Census", "Mainstream and early years", "Further education", "Enhanced", "Special (area)",
              "Special (out of county)", "INMSS", "Awaiting or other", "Total"});
    for (const auto& y : d.census_years) {
      auto mean = [&](std::initializer_list<const char*> ps) {
        double v = 0;
        for (const char* p : ps) v += d.mean_at(std::string("ehc:") + p, y);
        return count(v);
      };
      const auto total = d.over("ehc:total", {y}).points.front().stats;
      tab.row({html_escape(y), mean({"early_years", "mainstream"}), mean({"further_education"}), mean({"enhanced"}),
               mean({"special"}), mean({"special_out_of_county"}), mean({"inmss"}),
               mean({"awaiting_placement", "no_placement", "other"}), with_range(total, Unit::kCount)});
    }
    if (!tab.empty()) h += tab.html();
  }
  h += "</section>\n";

  // 4. Timeliness.
  h += page.open(3) + page.figures("timeliness");
  {
    Table tab("Table: new EHC plans and the 20-week limit, full calendar years");
    tab.id("tab-timeliness");
    tab.head({"Year", "Plans issued", "Within 20 weeks", "Mean weeks, request to issue"});
    for (const auto& y : d.full_years) {
      const auto issued = d.over("flows:plans_issued", {y}).points.front().stats;
      const auto pct = d.over("timeliness:pct_within_20_weeks", {y}, false);
      const auto weeks = d.over("timeliness:mean_weeks_request_to_issue", {y}, false);
      tab.row({html_escape(y), with_range(issued, Unit::kCount),
               pct.points.empty() ? "\u2013" : with_range(pct.points[0].stats, Unit::kPercent),
               weeks.points.empty() ? "\u2013" : with_range(weeks.points[0].stats, Unit::kCount)},
              "data-year=\"" + html_escape(y) + "\"" +
                  (pct.points.empty() ? std::string() : " data-pct=\"" + exact(pct.points[0].stats.mean) + "\""));
    }
    if (!tab.empty()) h += tab.html();
  }
  h += "</section>\n";

  // 5. Waiting.
  h += page.open(4) + page.figures("waiting");
  {
    Table tab("Table: plan holders waiting for a place at each January census");
    tab.head({"Census", "Waiting for enhanced", "Waiting for special", "All waiting"});
    for (const auto& y : d.census_years) {
      const auto total = d.over("waiting:total", {y}).points.front().stats;
      tab.row({html_escape(y), count(d.mean_at("waiting:enhanced", y)), count(d.mean_at("waiting:special", y)),
               with_range(total, Unit::kCount)});
    }
    if (!tab.empty()) h += tab.html();
  }
  h += "</section>\n";

  // 6. INMSS.
  h += page.open(5) + page.figures("inmss");
  {
    Table tab("Table: INMSS placements");
    tab.id("tab-inmss");
    tab.head({"Year", "In INMSS at the January census", "New INMSS placements in the year",
              "of which for want of a local place"});
    for (const auto& y : d.census_years) {
      const bool whole = std::find(d.full_years.begin(), d.full_years.end(), y) != d.full_years.end();
      const auto inmss = d.over("ehc:inmss", {y}).points.front().stats;
      tab.row({html_escape(y), with_range(inmss, Unit::kCount),
               whole ? count(d.mean_at("flows:placements_inmss", y)) : "\u2013",
               whole ? count(d.mean_at("flows:fallback_inmss", y)) : "\u2013"},
              "data-year=\"" + html_escape(y) + "\" data-inmss=\"" + exact(inmss.mean) + "\"");
    }
    if (!tab.empty()) h += tab.html();
  }
  h += "</section>\n";

  // 7. Finance.
  h += page.open(6) + page.figures("finance");
  {
    Table tab("Table: high-needs spend by line, full financial years, pounds million at the prices of each year");
    tab.id("tab-spend");
    tab.head({"Financial year", "Place funding", "Top-ups (maintained)", "INMSS fees", "SEN support",
              "Alternative provision", "Transport", "Total"});
    for (const auto& y : d.full_financial_years) {
      std::vector<std::string> r = {html_escape(y)};
      for (const char* line : {"place_funding", "top_up_maintained", "top_up_independent", "sen_support_services",
                               "alternative_provision", "transport"}) {
        r.push_back(money(d.mean_at(std::string("spend:") + line, y)));
      }
      r.push_back(with_range(d.over("spend:total", {y}).points.front().stats, Unit::kMoney));
      tab.row(r, "data-year=\"" + html_escape(y) + "\"");
    }
    if (!tab.empty()) h += tab.html();
    Table dsg("Table: DSG high-needs block, financial years ending inside the run (a part year, covered by the "
              "run only in part, is marked; its allocation and spend are of the days covered)");
    dsg.id("tab-dsg");
    dsg.head({"Financial year", "Allocation", "DSG-funded spend", "In-year balance", "Cumulative balance"});
    for (const auto& y : d.balance_years) {
      const bool whole =
          std::find(d.full_financial_years.begin(), d.full_financial_years.end(), y) != d.full_financial_years.end();
      const auto cumulative = d.over("dsg:cumulative_balance", {y}).points.front().stats;
      dsg.row({html_escape(y) + (whole ? "" : " (part year)"), money(d.mean_at("dsg:allocation", y)),
               money(d.mean_at("dsg:dsg_spend", y)), money(d.mean_at("dsg:in_year_balance", y)),
               with_range(cumulative, Unit::kMoney)},
              "data-year=\"" + html_escape(y) + "\" data-cumulative=\"" + exact(cumulative.mean) + "\"" +
                  (whole ? "" : " data-partial=\"1\""));
    }
    if (!dsg.empty()) h += dsg.html();
  }
  h += "</section>\n";

  // 8. Scenario and assumptions.
  h += page.open(7);
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
    Table tab("Table: capital programme as planned (delay in months: min / mode / max, drawn per replication)");
    tab.head({"Project", "Action", "Setting", "Type", "Planned", "Places", "Delay"});
    for (const auto& p : d.projects) {
      tab.row({html_escape(p.name), html_escape(p.action), html_escape(p.setting), html_escape(p.type),
               html_escape(p.planned), html_escape(p.places), html_escape(p.delay_months)});
    }
    h += tab.html(false);
  }
  if (!d.parameters.empty()) {
    Table tab("Table: key assumptions. The value is this run's; the source is the one declared for the "
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
    Table tab("Table: documents the model and scenario files cite by a short name (in their descriptions, quoted "
              "verbatim in the effective scenario below)");
    tab.id("tab-cited");
    tab.head({"Short name", "Published document"});
    for (const auto& [short_name, document] : cited) tab.row({"<code>" + html_escape(short_name) + "</code>",
                                                              html_escape(document)});
    h += tab.html(false);
  }
  if (!d.effective_yaml.empty()) {
    h += "<details class=\"yaml\"><summary>The effective scenario in full (scenario.effective.yaml: every "
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
