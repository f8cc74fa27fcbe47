// sim/app/cmd_compare.cpp: `sendsim compare A.yaml B.yaml [C.yaml ...] [options]`.
//
// Every scenario runs with the same master seed and replication numbers
// (common random numbers); the first is the base. Writes a comparison folder
// (output/compare_writer.hpp), prints the key paired differences, then draws
// each scenario's report and the comparison's (DIR/report.html, the last line
// printed) unless --no-report.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <optional>

#include "app/cli.hpp"
#include "app/cmd_report.hpp"
#include "app/interrupt.hpp"
#include "batch/overrides.hpp"
#include "engine/calendar.hpp"
#include "engine/period.hpp"
#include "output/compare_writer.hpp"
#include "output/manifest.hpp"
#include "output/results_writer.hpp"
#include "run/compare.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameters.hpp"
#include "send/tables.hpp"

namespace sendsim::app {

namespace {

struct CompareArgs : RunFlags {
  std::vector<std::string> scenarios;
  std::vector<std::string> sets;  // --set KEY=VALUE on every scenario (batch/overrides.hpp)
  std::optional<int> max_replications;
  std::vector<run::CiTarget> targets;
};

std::string metric_names_without_breakdown() {
  std::string out;
  for (const auto& m : run::comparison_metrics()) {
    if (!m.breakdown.empty()) continue;
    out += (out.empty() ? "" : ", ") + m.name;
  }
  return out;
}

run::CiTarget parse_target(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw UsageError("--target-ci: expected METRIC=HALFWIDTH, got \"" + std::string(text) + "\"");
  }
  const std::string metric(text.substr(0, eq));
  const std::string_view number = text.substr(eq + 1);
  const run::MetricSpec* spec = run::find_metric(metric);
  if (spec == nullptr || !spec->breakdown.empty()) {
    throw UsageError("--target-ci: unknown metric \"" + metric +
                     "\" (one of: " + metric_names_without_breakdown() + ")");
  }
  double value = 0.0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size() || !std::isfinite(value) ||
      value <= 0.0) {
    throw UsageError("--target-ci: expected a half-width above 0 for " + metric + ", got \"" +
                     std::string(number) + "\"");
  }
  return {metric, value};
}

/// The arguments; none when --help was asked for (and printed).
std::optional<CompareArgs> parse_compare_args(const std::vector<std::string_view>& args) {
  CompareArgs out;
  std::vector<std::string> targets;
  Command c(
      "compare",
      "Every scenario runs with the same master seed and streams (common random numbers); the first is\n"
      "the base. Each one's results folder is written inside the comparison folder.");
  c.positionals("A.yaml B.yaml [C.yaml ...]", out.scenarios, SIZE_MAX, "scenario");
  add_run_flags(
      c, out,
      {.out = "comparison folder (default: results/compare-<A>-vs-<B>...)",
       .replications = "replications (default: A's; the first batch with --target-ci: 10)",
       .threads = "threads, 0 for all cores (default: A's)",
       .seed = "master seed of every scenario (default: A's)",
       .no_report = "skip the charts and reports (each scenario's, and the comparison's DIR/charts/ and "
                    "DIR/report.html of differences with intervals)"});
  c.each("--target-ci", "METRIC=HALFWIDTH", targets,
         "add replications until the 95% interval of METRIC's difference at its last period is narrower than "
         "HALFWIDTH each side (repeatable; METRIC e.g. waiting, inmss_placements, spend)");
  // Up to what a scenario may ask for (scenario.replications).
  c.whole<int>("--max-replications", out.max_replications, 2,
               static_cast<int>(scenario::parameter("scenario.replications").upper),
               "stop adding replications at N (default: 1000)");
  c.each("--set", "KEY=VALUE", out.sets, "override a key path in every scenario (repeatable)");
  if (!c.parse(args)) return std::nullopt;
  for (const std::string& t : targets) out.targets.push_back(parse_target(t));
  if (out.scenarios.size() < 2)
    throw UsageError("compare: needs at least two scenario files (" + c.usage() + ")");
  if (out.max_replications && out.targets.empty()) {
    throw UsageError("--max-replications: only with --target-ci");
  }
  return out;
}

/// The scenarios must cover the same period and have different names.
void check_comparable(const CompareArgs& a, const std::vector<send::Scenario>& scenarios,
                      const std::vector<std::string>& folders) {
  const send::Scenario& base = scenarios.front();
  for (std::size_t s = 1; s < scenarios.size(); ++s) {
    const send::Scenario& sc = scenarios[s];
    if (sc.model.start_date != base.model.start_date || sc.run.end_date != base.run.end_date) {
      throw UsageError("compare: " + a.scenarios[s] + " runs from " + engine::to_iso(sc.model.start_date) +
                       " to " + engine::to_iso(sc.run.end_date) + " but " + a.scenarios[0] + " from " +
                       engine::to_iso(base.model.start_date) + " to " + engine::to_iso(base.run.end_date) +
                       "; scenarios compared must have the same start and end dates");
    }
    for (std::size_t t = 0; t < s; ++t) {
      if (folders[t] == folders[s]) {
        throw UsageError(
            "compare: " + a.scenarios[t] + " and " + a.scenarios[s] + " are both named \"" +
            scenarios[s].name + "\"" +
            (scenarios[t].name == scenarios[s].name ? "" : " as folders (\"" + folders[s] + "\")") +
            "; scenarios compared must have different names");
      }
    }
  }
}

// --- The printed table --------------------------------------------------

const run::AggregatedTable* table_of(const std::vector<run::AggregatedTable>& tables,
                                     const std::string& name) {
  for (const auto& t : tables) {
    if (t.info.name == name) return &t;
  }
  return nullptr;
}

/// Pounds in millions with two decimals; everything else with one.
std::string number_text(const run::MetricSpec& m, double v, bool sign) {
  char buf[64];
  const bool pounds = m.unit == "pounds";
  std::snprintf(buf, sizeof buf, sign ? (pounds ? "%+.2f" : "%+.1f") : (pounds ? "%.2f" : "%.1f"),
                pounds ? v / 1e6 : v);
  return buf;
}

std::string interval_text(const run::MetricSpec& m, const engine::Summary& s) {
  return number_text(m, s.mean, true) + " [" + number_text(m, s.ci_low, true) + ", " +
         number_text(m, s.ci_high, true) + "]";
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

struct Line {
  std::string metric;
  std::string category;  // "" for a total
  std::string label;
};

/// Flow metrics count events in a calendar year; the others are census
/// snapshots or financial years.
bool is_flow(const run::MetricSpec& m) {
  return m.table == send::tables::kFlows || m.table == send::tables::kTimeliness;
}

/// The period of a metric to show in a column for census year `year`: the
/// census year itself, the calendar year before it for flows (the last full
/// year before the census) and the financial year ending in it.
std::string period_for(const run::MetricSpec& m, int year) {
  if (m.period == "financial_year") return engine::Period::financial_ending(year).text();
  return std::to_string(is_flow(m) ? year - 1 : year);
}

/// Up to three census years: the last, five and ten years before.
std::vector<int> shown_years(const run::Comparison& c) {
  std::vector<int> years;
  if (const auto* t = table_of(c.levels.front(), "ehc_plans")) {
    for (const auto& row : t->rows) years.push_back(std::stoi(row.key[0]));
  }
  if (years.empty()) return years;
  const int first = years.front();
  const int last = years.back();
  std::vector<int> out;
  for (int y : {last - 10, last - 5, last}) {
    if (y >= first) out.push_back(y);
  }
  if (out.size() == 1 && first < last) out.insert(out.begin(), first);
  return out;
}

void print_block(const run::Comparison& c, std::size_t s, const std::vector<int>& years,
                 const std::vector<Line>& lines) {
  constexpr std::size_t kLabel = 30;
  constexpr std::size_t kCell = 27;
  std::string last_period_kind;
  for (const Line& line : lines) {
    const run::MetricSpec* m = run::find_metric(line.metric);
    const std::string kind = m->period == "financial_year" ? "financial" : is_flow(*m) ? "flow" : "census";
    if (kind != last_period_kind) {
      std::string header = pad("", kLabel);
      for (int y : years) header += pad(period_for(*m, y), kCell);
      while (!header.empty() && header.back() == ' ') header.pop_back();
      std::printf("  %s\n", header.c_str());
      last_period_kind = kind;
    }
    const auto* levels = table_of(c.levels[s], m->name);
    const auto* diffs = s == 0 ? nullptr : table_of(c.differences[s - 1], m->name);
    std::string text = pad(line.label, kLabel);
    for (int y : years) {
      std::vector<std::string> key = {period_for(*m, y)};
      if (!line.category.empty()) key.push_back(line.category);
      std::string cell = "-";
      if (s == 0) {
        const run::AggregatedRow* row = levels != nullptr ? levels->find(key) : nullptr;
        if (row != nullptr) {
          cell = number_text(*m, row->summary.mean, false);
        } else if (m->kind == run::MetricKind::kTotal) {
          cell = number_text(*m, 0.0, false);
        }
      } else {
        const run::AggregatedRow* row = diffs != nullptr ? diffs->find(key) : nullptr;
        if (row != nullptr) {
          cell = interval_text(*m, row->summary);
        } else if (m->kind == run::MetricKind::kTotal) {
          cell = number_text(*m, 0.0, true);
        }
      }
      text += pad(cell, kCell);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    std::printf("  %s\n", text.c_str());
  }
}

/// Unmet demand at the last census by need and by district: rows where
/// either side has at least half a child on average.
void print_breakdowns(const run::Comparison& c, std::size_t s, int year) {
  for (const char* name : {"unmet_demand_by_need", "unmet_demand_by_district"}) {
    const run::MetricSpec* m = run::find_metric(name);
    const auto* base = table_of(c.levels.front(), name);
    const auto* other = table_of(c.levels[s], name);
    const auto* diffs = table_of(c.differences[s - 1], name);
    if (diffs == nullptr) continue;
    std::printf("  unmet demand in January %d by %s: %s, %s, difference [95%% interval]\n", year,
                m->breakdown.c_str(), c.scenarios.front().c_str(), c.scenarios[s].c_str());
    for (const auto& row : diffs->rows) {
      if (row.key[0] != std::to_string(year)) continue;
      const auto* b = base != nullptr ? base->find(row.key) : nullptr;
      const auto* o = other != nullptr ? other->find(row.key) : nullptr;
      const double bm = b != nullptr ? b->summary.mean : 0.0;
      const double om = o != nullptr ? o->summary.mean : 0.0;
      if (std::max(std::fabs(bm), std::fabs(om)) < 0.5) continue;
      std::printf("    %s%9s %9s   %s\n", pad(row.key[1], 16).c_str(), number_text(*m, bm, false).c_str(),
                  number_text(*m, om, false).c_str(), interval_text(*m, row.summary).c_str());
    }
  }
}

/// Three significant figures or more, no exponent.
std::string precise(double v) {
  char buf[64];
  const double a = std::fabs(v);
  std::snprintf(buf, sizeof buf, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.3f", v);
  return buf;
}

void print_comparison(const run::ComparisonRun& r, const fs::path& dir,
                      const std::vector<run::CiTarget>& targets) {
  const run::Comparison& c = r.comparison;
  double wall = 0.0;
  for (const auto& run : r.runs) wall += run.wall_seconds;
  std::printf(
      "compare: %zu scenarios, %zu replications each under common random numbers (seed %llu), %u thread%s, "
      "%.2f s\n",
      c.scenarios.size(), c.replications, static_cast<unsigned long long>(r.runs.front().seed),
      r.runs.front().threads, r.runs.front().threads == 1 ? "" : "s", wall);
  std::printf("results: %s\n", dir.string().c_str());
  if (!targets.empty()) {
    std::string batches;
    for (std::size_t b : r.batches) batches += (batches.empty() ? "" : ", ") + std::to_string(b);
    std::printf("replication guidance: %zu replications (batches: %s); %s\n", c.replications, batches.c_str(),
                r.targets_met() ? "every target met" : "stopped at --max-replications with a target not met");
    for (const auto& t : r.targets) {
      std::printf("  %s at %s: 95%% half-width of the difference %s %s %s (widest against %s)\n",
                  t.metric.c_str(), t.period.c_str(), precise(t.half_width).c_str(),
                  t.met ? "<" : ">=", precise(t.target).c_str(), t.scenario.c_str());
    }
  }
  const std::vector<int> years = shown_years(c);
  if (years.empty()) {
    std::fflush(stdout);
    return;
  }
  const std::vector<Line> lines = {
      {"ehc_plans", "", "EHC plans"},
      {"waiting", "", "children waiting"},
      {"unmet_demand", "", "unmet demand"},
      {"inmss_placements", "", "INMSS placements"},
      {"special_placements", "", "in special schools"},
      {"travel_minutes", "special", "travel minutes, special"},
      {"travel_minutes", "enhanced", "travel minutes, enhanced"},
      {"plans_issued", "", "plans issued"},
      {"pct_within_20_weeks", "", "% within 20 weeks"},
      {"spend", "", "high-needs spend, GBP m"},
      {"dsg_spend", "", "DSG spend, GBP m"},
      {"dsg_cumulative_balance", "", "DSG cumulative balance, GBP m"},
  };
  std::printf("\n%s (base), mean over replications:\n", c.scenarios.front().c_str());
  print_block(c, 0, years, lines);
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
    std::printf("\n%s minus %s: paired difference, mean [95%% interval]:\n", c.scenarios[s].c_str(),
                c.scenarios.front().c_str());
    print_block(c, s, years, lines);
    print_breakdowns(c, s, years.back());
  }
  std::fflush(stdout);
}

}  // namespace

int command_compare(const std::vector<std::string_view>& args) {
  // First, so a signal at any point is seen (interrupt.hpp).
  const InterruptGuard interrupts;
  const std::optional<CompareArgs> parsed = parse_compare_args(args);
  if (!parsed) return 0;
  const CompareArgs& a = *parsed;
  std::vector<send::Scenario> scenarios;
  std::vector<std::string> folders;
  std::vector<batch::Override> overrides;
  for (const std::string& set : a.sets) overrides.push_back(batch::parse_set_argument(set));
  for (const auto& file : a.scenarios) {
    scenarios.push_back(batch::load_with_overrides(file, overrides));
    folders.push_back(folder_name(scenarios.back().name));
  }
  check_comparable(a, scenarios, folders);

  run::CompareOptions options;
  options.seed = a.seed ? *a.seed : scenarios.front().run.seed;
  const int first_batch = a.replications      ? *a.replications
                          : a.targets.empty() ? scenarios.front().run.replications
                                              : 10;
  if (first_batch < 1) throw UsageError(a.scenarios.front() + ": a run needs at least one replication");
  if (!a.targets.empty() && first_batch < 2) {
    throw UsageError("--target-ci: needs a first batch of at least 2 replications (--replications)");
  }
  options.replications = static_cast<std::size_t>(first_batch);
  options.max_replications = a.max_replications ? static_cast<std::size_t>(*a.max_replications) : 1000;
  if (!a.targets.empty() && options.max_replications < options.replications) {
    throw UsageError("--max-replications: " + std::to_string(options.max_replications) +
                     " is below the first batch of " + std::to_string(options.replications) +
                     " replications");
  }
  options.targets = a.targets;
  options.threads =
      static_cast<unsigned>(a.threads ? *a.threads : std::max(scenarios.front().run.threads, 0));

  std::string default_name = "compare";
  for (std::size_t s = 0; s < folders.size(); ++s) default_name += (s == 0 ? "-" : "-vs-") + folders[s];
  const fs::path dir = a.out ? *a.out : fs::path("results") / default_name;
  output::check_output_dir(dir);  // refuse before spending time on the runs

  std::mutex progress_mutex;
  const bool show_progress = !a.quiet && ::isatty(STDERR_FILENO) != 0;
  if (show_progress) {
    options.progress = [&](std::size_t scenario, std::size_t done, std::size_t total) {
      const std::lock_guard lock(progress_mutex);
      std::fprintf(stderr, "\r\033[Ksendsim: %s (%zu of %zu), replication %zu of %zu",
                   folders[scenario].c_str(), scenario + 1, folders.size(), done, total);
      std::fflush(stderr);
    };
  }
  options.stop = &interrupts.flag();
  // Whether an interrupted comparison leaves an earlier folder in DIR.
  const bool had_previous = fs::exists(dir / std::string(output::kManifestName));
  std::optional<run::ComparisonRun> ran;
  try {
    ran.emplace(run::run_comparison(scenarios, options));
    if (show_progress) std::fprintf(stderr, "\r\033[K");
    if (interrupts.signal() != 0) throw engine::Interrupted(interrupts.signal());
  } catch (const engine::Interrupted& e) {
    if (show_progress) std::fprintf(stderr, "\r\033[K");
    return report_interrupted(e.reason(), kept_text(dir, had_previous));
  }
  const run::ComparisonRun& result = *ran;

  // The effective scenarios record the seed and replications used, so each
  // folder reruns with `sendsim run`.
  output::ComparisonContext context;
  for (auto& sc : scenarios) {
    sc.run.seed = options.seed;
    sc.run.replications = static_cast<int>(result.comparison.replications);
    context.effective_yaml.push_back(scenario::effective_yaml(sc));
    context.scenarios.push_back(&sc);
  }
  context.folders = folders;
  context.targets = a.targets;
  context.max_replications = options.max_replications;
  context.version = SENDSIM_VERSION;
  if (interrupts.signal() != 0) return report_interrupted(interrupts.signal(), kept_text(dir, had_previous));
  output::write_comparison(dir, result, context);
  if (!a.quiet) print_comparison(result, dir, a.targets);
  // Each scenario's charts and report, then the comparison's, read back from
  // the folder just written; the comparison report's path is the last line.
  if (!a.no_report) {
    const int code = report_step(interrupts, dir, [&] { write_comparison_report(dir, a.quiet); });
    if (code != 0) return code;
  }
  if (interrupts.signal() != 0) {
    return report_interrupted(interrupts.signal(), "the new results in " + dir.string() + " are complete");
  }
  return 0;
}

}  // namespace sendsim::app
