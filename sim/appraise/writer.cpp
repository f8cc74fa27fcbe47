// sim/appraise/writer.cpp: the appraisal folder (writer.hpp).
#include "appraise/writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/period.hpp"
#include "output/charts.hpp"
#include "output/csv.hpp"
#include "output/report_html.hpp"
#include "output/results_writer.hpp"

namespace sendsim::appraise {

namespace fs = std::filesystem;
using output::CsvFile;
using output::CsvWriter;

namespace {

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw std::runtime_error("cannot open " + path.string() + " for writing");
  file << text;
  file.close();
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

std::string read_text(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream s;
  s << file.rdbuf();
  return s.str();
}

std::string option_names(const OptionsFile& options, const PortfolioResult& p) {
  std::string out;
  for (const std::size_t i : p.options) {
    if (!out.empty()) out += ";";
    out += options.options[i].name;
  }
  return out;
}

void number_or_empty(CsvWriter& csv, double v) {
  if (std::isfinite(v)) {
    csv.field(v);
  } else {
    csv.field("");
  }
}

void write_appraisal_csv(const fs::path& path, const AppraisalResult& r, const OptionsFile& options) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header({"portfolio",
              "options",
              "n",
              "capital_expected",
              "within_budget",
              "npc_mean",
              "npc_ci_low",
              "npc_ci_high",
              "incremental_npc_mean",
              "incremental_npc_ci_low",
              "incremental_npc_ci_high",
              "incremental_capital_mean",
              "waiting_avoided_mean",
              "waiting_avoided_ci_low",
              "waiting_avoided_ci_high",
              "inmss_avoided_mean",
              "inmss_avoided_ci_low",
              "inmss_avoided_ci_high",
              "place_years_added",
              "cost_per_place_year",
              "payback_year",
              "target_metric_mean",
              "target_metric_p95",
              "p_target_met",
              "meets_target",
              "shortfall",
              "on_frontier",
              "rank",
              "chosen",
              "finalist"});
  for (std::size_t i = 0; i < r.portfolios.size(); ++i) {
    const PortfolioResult& p = r.portfolios[i];
    csv.field(p.label).field(option_names(options, p)).field(p.npc.n).field(p.capital_expected);
    csv.field(p.within_budget ? "true" : "false");
    csv.field(p.npc.mean).field(p.npc.ci_low).field(p.npc.ci_high);
    csv.field(p.incremental_npc.mean).field(p.incremental_npc.ci_low).field(p.incremental_npc.ci_high);
    csv.field(p.incremental_capital.mean);
    csv.field(p.waiting_avoided.mean).field(p.waiting_avoided.ci_low).field(p.waiting_avoided.ci_high);
    csv.field(p.inmss_avoided.mean).field(p.inmss_avoided.ci_low).field(p.inmss_avoided.ci_high);
    csv.field(p.place_years_added);
    number_or_empty(csv, p.cost_per_place_year);
    if (p.payback_year) {
      csv.field(*p.payback_year);
    } else {
      csv.field("");
    }
    csv.field(p.target_metric.mean).field(p.target_metric.p95).field(p.p_target_met);
    csv.field(p.meets_target ? "true" : "false").field(p.shortfall).field(p.on_frontier ? "true" : "false");
    csv.field(p.rank)
        .field(r.chosen && *r.chosen == i ? "true" : "false")
        .field(p.finalist ? "true" : "false");
    csv.end_row();
  }
  file.close();
}

std::vector<std::size_t> rank_order(const AppraisalResult& r) {
  std::vector<std::size_t> order(r.portfolios.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return r.portfolios[a].rank < r.portfolios[b].rank; });
  return order;
}

void write_ranking_csv(const fs::path& path, const AppraisalResult& r) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header({"rank", "portfolio", "incremental_npc_mean", "shortfall", "p_target_met", "meets_target",
              "within_budget", "on_frontier", "chosen", "could_be_best", "finalist", "n"});
  for (const std::size_t i : rank_order(r)) {
    const PortfolioResult& p = r.portfolios[i];
    const bool best = std::find(r.could_be_best.begin(), r.could_be_best.end(), i) != r.could_be_best.end();
    csv.field(p.rank).field(p.label).field(p.incremental_npc.mean).field(p.shortfall).field(p.p_target_met);
    csv.field(p.meets_target ? "true" : "false").field(p.within_budget ? "true" : "false");
    csv.field(p.on_frontier ? "true" : "false").field(r.chosen && *r.chosen == i ? "true" : "false");
    csv.field(best ? "true" : "false").field(p.finalist ? "true" : "false").field(p.npc.n);
    csv.end_row();
  }
  file.close();
}

output::ChartSpec frontier_chart(const AppraisalResult& r) {
  using namespace output::chart;
  output::ChartSpec c;
  c.info = {
      "frontier", "appraisal", "Net present cost against shortfall",
      "Each point a portfolio evaluated (labelled by its rank): its mean incremental net present cost "
      "against the baseline, discounted, and its mean shortfall against the target. The line joins the "
      "efficient frontier (no other portfolio within budget is both cheaper and nearer the target); the "
      "diamond is the portfolio chosen."};
  std::vector<std::size_t> frontier, rest;
  for (std::size_t i = 0; i < r.portfolios.size(); ++i)
    (r.portfolios[i].on_frontier ? frontier : rest).push_back(i);
  auto by_shortfall = [&](std::size_t a, std::size_t b) {
    const auto& pa = r.portfolios[a];
    const auto& pb = r.portfolios[b];
    if (pa.shortfall != pb.shortfall) return pa.shortfall < pb.shortfall;
    return pa.incremental_npc.mean < pb.incremental_npc.mean;
  };
  std::sort(frontier.begin(), frontier.end(), by_shortfall);
  std::sort(rest.begin(), rest.end(), by_shortfall);
  auto add = [&](std::size_t i, bool on) {
    const PortfolioResult& p = r.portfolios[i];
    const double y = p.incremental_npc.mean / 1e6;
    const double chosen = r.chosen && *r.chosen == i ? y : std::nan("");
    row(c.data, p.shortfall, std::to_string(p.rank), {y, on ? y : std::nan(""), chosen});
  };
  for (const std::size_t i : frontier) add(i, true);
  for (const std::size_t i : rest) add(i, false);
  c.setup =
      "set xlabel 'Shortfall against the target (mean over replications)'\n"
      "set ylabel 'Incremental net present cost, £m'\n"
      "set key below\n";
  const std::string k = std::to_string(frontier.empty() ? 0 : frontier.size() - 1);
  c.plot = "plot 'DATA' u 1:3 w points pt 7 ps 1.3 lc " + rgb(kNavy) + " title 'Portfolios'";
  if (!frontier.empty()) {
    c.plot += ", '' every ::0::" + k + " u 1:4 w linespoints lw 2 pt 7 ps 1.3 lc " + rgb(kTeal) +
              " title 'Efficient frontier'";
  }
  c.plot += ", '' u 1:5 w points pt 13 ps 2.5 lc " + rgb(kOrange) + " title 'Chosen'";
  c.plot += ", '' u 1:3:2 w labels offset char 1,char 0.7 tc " + rgb(kGrey) + " notitle";
  return c;
}

std::string money(double pounds) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", pounds / 1e6);
  return std::string("£") + buf + "m";
}

std::string fixed(double v, int digits) {
  if (!std::isfinite(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string report_html(const AppraisalResult& r, const OptionsFile& options, const std::string& svg) {
  using output::html_escape;
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Appraisal: " +
       html_escape(options.name) + "</title>\n";
  h +=
      "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:2em auto;color:#1f1f1f}"
      "table{border-collapse:collapse;font-size:0.9em}th,td{border:1px solid #ccc;padding:3px "
      "6px;text-align:right}"
      "th{background:#eef2f7}td:nth-child(2){text-align:left}.chosen{background:#fff2cc}</style>\n</"
      "head>\n<body>\n";
  h += "<h1>Capital options appraisal: " + html_escape(options.name) + "</h1>\n";
  if (!options.description.empty()) h += "<p>" + html_escape(options.description) + "</p>\n";
  const std::string measure(kTargetMeasureCodes[static_cast<std::size_t>(options.target.measure)]);
  h += "<p>Target: <strong>" + html_escape(measure) + " at most " + fixed(options.target.at_most, 1) +
       " from " + std::to_string(options.target.from_year) + "</strong>, in at least " +
       fixed(100 * options.target.confidence, 0) + "% of replications. Capital budget: " +
       (std::isfinite(options.budget) ? money(options.budget) : std::string("none")) + ". Discount rate " +
       fixed(100 * options.discount_rate, 1) + "% real (HM Treasury Green Book). " +
       std::to_string(r.replications) + " replications per portfolio under common random numbers (seed " +
       std::to_string(r.seed) + "). Search: " + r.method + " (" + std::to_string(r.portfolios.size()) +
       " portfolios run).</p>\n";
  if (r.screening_replications > 0) {
    std::size_t finalists = 0;
    for (const PortfolioResult& p : r.portfolios) finalists += p.finalist && !p.options.empty() ? 1 : 0;
    h += "<p id=\"screening\">Screening: the search ran every portfolio at " +
         std::to_string(r.screening_replications) + " replications; the " + std::to_string(finalists) +
         " that could be the cheapest meeting the target (a paired statistical margin, "
         "sim/appraise/appraise.hpp) "
         "and the baseline were then run on to " +
         std::to_string(r.replications) +
         ". The others are marked screened out and rank after them; their figures are of " +
         std::to_string(r.screening_replications) + " replications. " + std::to_string(r.replications_run) +
         " replications simulated in all.</p>\n";
  }
  h += "<h2 id=\"choice\">The choice</h2>\n";
  if (r.chosen) {
    const PortfolioResult& c = r.portfolios[*r.chosen];
    h += "<p>Least-cost portfolio meeting the target within budget: <strong>" + html_escape(c.label) +
         "</strong>, incremental net present cost " + money(c.incremental_npc.mean) + " [" +
         money(c.incremental_npc.ci_low) + ", " + money(c.incremental_npc.ci_high) + "], target met in " +
         fixed(100 * c.p_target_met, 0) + "% of replications.</p>\n";
    if (r.runner_up) {
      h += "<p>Runner-up: " + html_escape(r.portfolios[*r.runner_up].label) + ", " +
           money(r.runner_up_difference.mean) + " [" + money(r.runner_up_difference.ci_low) + ", " +
           money(r.runner_up_difference.ci_high) +
           "] dearer (paired). Probability that the chosen portfolio is the "
           "cheaper of the two: " +
           fixed(100 * r.p_chosen_beats_runner_up, 1) +
           "%; that it is the cheapest of "
           "every finalist meeting the target, at least " +
           fixed(100 * r.p_chosen_best, 1) + "% (Bonferroni).</p>\n";
    } else {
      h +=
          r.screening_replications > 0
              ? "<p>No other finalist meets the target within budget: every other portfolio run was screened "
                "out at " +
                    std::to_string(r.screening_replications) +
                    " replications as surely dearer than one surely meeting it, as surely missing it, or as "
                    "over the "
                    "budget.</p>\n"
              : "<p>No other portfolio meets the target within budget.</p>\n";
    }
    h += "<p>Portfolios that could be the cheapest meeting the target (paired 95% interval against the "
         "chosen one "
         "reaches zero): " +
         std::to_string(r.could_be_best.size()) + ".</p>\n";
  } else {
    h += "<p><strong>Infeasible:</strong> no portfolio evaluated meets the target within budget.";
    if (r.closest) {
      const PortfolioResult& c = r.portfolios[*r.closest];
      h += " Closest: <strong>" + html_escape(c.label) + "</strong>, mean shortfall " +
           fixed(c.shortfall, 2) + ", incremental net present cost " + money(c.incremental_npc.mean) + ".";
    }
    h += "</p>\n";
  }
  h += "<h2 id=\"ranking\">Portfolios ranked</h2>\n<table>\n<tr><th>rank</th><th>portfolio</th><th>capital "
       "(expected)</th>"
       "<th>incremental NPC</th><th>waiting avoided (child-years)</th><th>INMSS avoided (child-years)</th>"
       "<th>cost per place-year</th><th>payback</th><th>target met</th><th>shortfall</th><th>frontier</th>"
       "<th>replications</th></tr>\n";
  for (const std::size_t i : rank_order(r)) {
    const PortfolioResult& p = r.portfolios[i];
    h += std::string("<tr") + (r.chosen && *r.chosen == i ? " class=\"chosen\"" : "") + "><td>" +
         std::to_string(p.rank) + "</td><td>" + html_escape(p.label) + "</td><td>" +
         money(p.capital_expected) + "</td><td>" + money(p.incremental_npc.mean) + "</td><td>" +
         fixed(p.waiting_avoided.mean, 1) + "</td><td>" + fixed(p.inmss_avoided.mean, 1) + "</td><td>" +
         (std::isfinite(p.cost_per_place_year) ? "£" + fixed(p.cost_per_place_year, 0) : std::string("")) +
         "</td><td>" +
         (p.payback_year ? engine::Period::financial(*p.payback_year).text() : std::string("")) +
         "</td><td>" + fixed(100 * p.p_target_met, 0) + "%</td><td>" + fixed(p.shortfall, 2) + "</td><td>" +
         (p.on_frontier ? "yes" : "") + "</td><td>" + std::to_string(p.npc.n) +
         (p.finalist ? "" : " (screened out)") + "</td></tr>\n";
  }
  h += "</table>\n";
  if (!svg.empty()) {
    h += "<h2 id=\"frontier\">Efficient frontier</h2>\n" + svg + "\n";
  }
  h += "<h2 id=\"method\">Method</h2>\n<p>Net present cost: high-needs spend of every financial year of the "
       "run "
       "(place funding, top-ups, INMSS fees, support, alternative provision and transport), deflated by the "
       "model's "
       "inflation to the prices of its first financial year, plus capital when the works start, discounted "
       "at the "
       "real rate from the first financial year (year 0, undiscounted). Effects are paired differences "
       "against the "
       "baseline, replication by replication. Columns and rules: output/README.md, section Appraisal folder; "
       "sim/appraise/appraise.hpp.</p>\n</body>\n</html>\n";
  return h;
}

std::string summary_json(const AppraisalResult& r, const OptionsFile& options, const std::string& version,
                         const std::vector<std::string>& files) {
  using Json = nlohmann::ordered_json;
  // null when not finite, a whole number without ".0" (as output/ writes summary.json)
  auto number = [](double v) {
    if (!std::isfinite(v)) return Json();
    if (v == std::trunc(v) && std::fabs(v) < 9.0e15) return Json(static_cast<std::int64_t>(v));
    return Json(v);
  };
  auto label = [&](const std::optional<std::size_t>& p) { return p ? Json(r.portfolios[*p].label) : Json(); };
  std::size_t finalists = 0;
  for (const PortfolioResult& p : r.portfolios) finalists += p.finalist && !p.options.empty() ? 1 : 0;
  const Json j = {{"appraisal", options.name},
                  {"options_file", options.file},
                  {"baseline", options.baseline.generic_string()},
                  {"version", version},
                  {"replications", r.replications},
                  {"seed", r.seed},
                  {"discount_rate", number(options.discount_rate)},
                  {"budget", number(options.budget)},
                  {"method", r.method},
                  {"screening_replications", r.screening_replications},
                  {"portfolios_run", r.portfolios.size()},
                  {"finalists", finalists},
                  {"replications_run", r.replications_run},
                  {"feasible", r.chosen.has_value()},
                  {"chosen", label(r.chosen)},
                  {"runner_up", label(r.runner_up)},
                  {"p_chosen_beats_runner_up", number(r.p_chosen_beats_runner_up)},
                  {"p_chosen_best", r.chosen ? number(r.p_chosen_best) : Json()},
                  {"closest", label(r.closest)},
                  {"files", files}};
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::vector<std::string> write_appraisal(const fs::path& dir, const AppraisalResult& result,
                                         const OptionsFile& options, const std::string& version,
                                         bool charts) {
  std::vector<std::string> files;
  output::write_folder_atomically(dir, [&](const fs::path& tmp) {
    files.clear();
    write_appraisal_csv(tmp / "appraisal.csv", result, options);
    files.emplace_back("appraisal.csv");
    write_ranking_csv(tmp / "ranking.csv", result);
    files.emplace_back("ranking.csv");
    std::string svg;
    if (charts) {
      fs::create_directories(tmp / "charts");
      (void)output::draw_charts({frontier_chart(result)}, tmp / "charts");
      files.emplace_back("charts/frontier.png");
      files.emplace_back("charts/frontier.svg");
      svg = read_text(tmp / "charts" / "frontier.svg");
      if (const auto at = svg.find("<svg"); at != std::string::npos) svg = svg.substr(at);
    }
    write_text(tmp / "report.html", report_html(result, options, svg));
    files.emplace_back("report.html");
    files.emplace_back("summary.json");
    write_text(tmp / "summary.json", summary_json(result, options, version, files));
  });
  return files;
}

}  // namespace sendsim::appraise
