// output/report_page.cpp: the parts every HTML report page shares (see
// report_html.hpp): escaping, inlined SVG, the style sheet, tables, numbered
// sections and figures, the page head; and the number formats of
// report_format.hpp.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "output/report_format.hpp"
#include "output/report_html.hpp"
#include "output/results_reader.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
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
  const auto attribute = [](std::string_view t, std::size_t pos) {
    return pos == 0 || !is_word_char(t[pos - 1]);
  };
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
  if (tag_end != std::string::npos)
    s = drop_namespaces(std::string_view(s).substr(0, tag_end)) + s.substr(tag_end);
  s.replace(0, 4, "<svg role=\"img\" aria-label=\"" + html_escape(title) + "\"");
  return s;
}

namespace report_format {

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
  return out + "\u00a3" + thousands(static_cast<double>(tenths / 10)) + "." + std::to_string(tenths % 10) +
         "m";
}

std::string percent(double v) {
  if (!std::isfinite(v)) return "\u2013";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v);
  return buf;
}

std::string fmt(double v, Unit u) {
  return u == Unit::kMoney ? money(v) : u == Unit::kPercent ? percent(v) : count(v);
}

std::string range(const engine::Summary& s, Unit u) {
  return fmt(s.p5, u) + (s.p5 < 0 || s.p95 < 0 ? " to " : "\u2013") + fmt(s.p95, u);
}

// --- building blocks ---------------------------------------------------------

std::string with_range(const engine::Summary& s, Unit u) {
  if (s.p5 == s.p95) return fmt(s.mean, u);  // the same in every replication
  return fmt(s.mean, u) + " <span class=\"rng\">" + range(s, u) + "</span>";
}

std::string exact(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace report_format

namespace {

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
table.heat td{text-align:center;min-width:3.2em}
table.heat tr.total th,table.heat tr.total td{font-weight:700;border-top:2px solid var(--navy);background:#fff}
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
                  std::string(numeric ? " class=\"num\"" : "") + "><caption>" + caption_ +
                  "</caption><thead><tr>";
  for (const auto& h : head_) s += "<th scope=\"col\">" + h + "</th>";
  s += "</tr></thead><tbody>\n";
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    const std::string attributes =
        r < attributes_.size() && !attributes_[r].empty() ? " " + attributes_[r] : "";
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
  for (const auto& [id, title] : sections_)
    h += "<li><a href=\"#" + std::string(id) + "\">" + title + "</a></li>";
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
         html_escape(c.title) + "</figcaption><div class=\"chart\">" +
         inline_svg(svg, "c" + std::to_string(n), c.title) + "</div><figcaption class=\"fc\">" +
         html_escape(c.caption) + " <span class=\"files\">Files: charts/" + html_escape(c.stem) +
         ".png, charts/" + html_escape(c.stem) + ".svg</span></figcaption></figure>\n";
}

std::string html_document_start(std::string_view title, std::string_view version) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
       "'unsafe-inline'\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"generator\" content=\"sendsim " + html_escape(version) + "\">\n";
  h += "<title>" + html_escape(title) + "</title>\n<style>" + std::string(kStyle) +
       "</style>\n</head>\n<body>\n<main>\n";
  return h;
}

}  // namespace sendsim::output
