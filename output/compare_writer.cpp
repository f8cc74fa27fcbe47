// output/compare_writer.cpp: the comparison folder, written atomically.
#include "output/compare_writer.hpp"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <stdexcept>

#include "engine/calendar.hpp"
#include "output/csv.hpp"
#include "output/dfe_tables.hpp"
#include "output/json.hpp"
#include "output/results_writer.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

namespace {

constexpr auto number = json_number;
constexpr auto dump = json_text;

const char* kind_text(run::MetricKind kind) { return kind == run::MetricKind::kTotal ? "total" : "value"; }

void summary_fields(CsvWriter& csv, const engine::Summary* s) {
  if (s == nullptr) {
    csv.field("").field("").field("");
  } else {
    csv.field(s->mean).field(s->ci_low).field(s->ci_high);
  }
}

void write_differences(const fs::path& path, const run::Comparison& c) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header({"metric", "period", "breakdown", "breakdown_value", "unit", "base", "scenario", "base_mean",
              "base_ci_low", "base_ci_high", "other_mean", "other_ci_low", "other_ci_high", "diff_mean",
              "diff_ci_low", "diff_ci_high", "n"});
  for (const run::DifferenceRow& row : run::difference_rows(c)) {
    csv.field(row.metric->name).field(row.period).field(row.metric->breakdown).field(row.breakdown_value);
    csv.field(row.metric->unit).field(c.scenarios.front()).field(c.scenarios[row.scenario]);
    summary_fields(csv, row.base);
    summary_fields(csv, row.other);
    summary_fields(csv, row.difference);
    if (row.difference == nullptr) {
      csv.field("");
    } else {
      csv.field(row.difference->n);
    }
    csv.end_row();
  }
  file.close();
}

Json interval(const engine::Summary* s) {
  if (s == nullptr) return nullptr;
  return {{"mean", number(s->mean)}, {"ci_low", number(s->ci_low)}, {"ci_high", number(s->ci_high)}};
}

Json difference(const engine::Summary* s) {
  if (s == nullptr) return nullptr;
  return {{"n", s->n},
          {"mean", number(s->mean)},
          {"sd", number(s->sd)},
          {"ci_low", number(s->ci_low)},
          {"ci_high", number(s->ci_high)}};
}

Json scenarios_json(const run::ComparisonRun& run, const ComparisonContext& context) {
  Json out = Json::array();
  for (std::size_t s = 0; s < context.scenarios.size(); ++s) {
    const send::Scenario& sc = *context.scenarios[s];
    out.push_back({{"name", sc.name},
                   {"folder", context.folders[s] + "/"},
                   {"model", sc.model.name},
                   {"description", sc.description},
                   {"files", sc.files},
                   {"start_date", engine::to_iso(sc.model.start_date)},
                   {"end_date", engine::to_iso(sc.run.end_date)},
                   {"events", run.runs[s].events}});
  }
  return out;
}

Json guidance_json(const run::ComparisonRun& run, const ComparisonContext& context) {
  if (context.targets.empty()) return nullptr;
  Json targets = Json::array();
  for (const run::TargetStatus& t : run.targets) {
    targets.push_back({{"metric", t.metric},
                       {"target_half_width", number(t.target)},
                       {"period", t.period},
                       {"half_width", number(t.half_width)},
                       {"widest_scenario", t.scenario},
                       {"met", t.met}});
  }
  return {{"replications", run.comparison.replications},
          {"max_replications", context.max_replications},
          {"met", run.targets_met()},
          {"batches", run.batches},
          {"targets", targets}};
}

Json metrics_json(const run::Comparison& c) {
  Json out = Json::array();
  for (const run::MetricSpec& m : c.metrics) {
    out.push_back(
        {{"name", m.name},
         {"table", m.table},
         {"period", m.period},
         {"breakdown", m.breakdown},
         {"filter", m.filter_column.empty() ? Json() : Json(m.filter_column + "=" + m.filter_value)},
         {"kind", kind_text(m.kind)},
         {"unit", m.unit},
         {"description", m.description}});
  }
  return out;
}

/// Per scenario and metric without breakdown, the values per period.
Json differences_json(const run::Comparison& c) {
  const std::vector<run::DifferenceRow> rows = run::difference_rows(c);
  Json out = Json::array();
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
    for (const run::MetricSpec& m : c.metrics) {
      if (!m.breakdown.empty()) continue;
      Json values = Json::array();
      for (const run::DifferenceRow& row : rows) {
        if (row.scenario != s || row.metric->name != m.name) continue;
        values.push_back({{m.period, row.period},
                          {"base", interval(row.base)},
                          {"other", interval(row.other)},
                          {"difference", difference(row.difference)}});
      }
      out.push_back({{"scenario", c.scenarios[s]},
                     {"metric", m.name},
                     {"period", m.period},
                     {"unit", m.unit},
                     {"values", values}});
    }
  }
  return out;
}

/// timing.json: threads and wall time (per scenario and in all), out of
/// summary.json so that it has the same bytes whatever the thread count.
std::string timing_json(const run::ComparisonRun& run, const ComparisonContext& context) {
  double wall = 0.0;
  Json per = Json::array();
  for (std::size_t s = 0; s < run.runs.size(); ++s) {
    wall += run.runs[s].wall_seconds;
    per.push_back({{"name", context.scenarios[s]->name}, {"wall_seconds", number(run.runs[s].wall_seconds)}});
  }
  return dump({{"threads", run.runs.front().threads}, {"wall_seconds", number(wall)}, {"scenarios", per}});
}

std::string summary_json(const run::ComparisonRun& run, const ComparisonContext& context,
                         const std::vector<std::string>& files) {
  const run::Comparison& c = run.comparison;
  std::uint64_t events = 0;
  for (const auto& r : run.runs) events += r.events;
  return dump({{"program", "sendsim"},
               {"version", context.version},
               {"kind", "comparison"},
               {"base", c.scenarios.front()},
               {"scenarios", scenarios_json(run, context)},
               {"run",
                {{"replications", c.replications},
                 {"seed", run.runs.front().seed},
                 {"common_random_numbers", true},
                 {"events", events}}},
               {"replication_guidance", guidance_json(run, context)},
               {"metrics", metrics_json(c)},
               {"files", files},
               {"differences", differences_json(c)}});
}

}  // namespace

std::vector<std::string> write_comparison(const fs::path& dir, const run::ComparisonRun& run,
                                          const ComparisonContext& context) {
  const std::size_t n = run.runs.size();
  if (n < 2 || context.scenarios.size() != n || context.folders.size() != n ||
      context.effective_yaml.size() != n || run.comparison.scenarios.size() != n) {
    throw std::logic_error(
        "write_comparison: the context must name every scenario of the run (at least two)");
  }
  for (std::size_t s = 0; s < n; ++s) {
    if (context.scenarios[s] == nullptr) throw std::logic_error("write_comparison: no scenario given");
    const std::string& f = context.folders[s];
    if (f.empty() || f == "." || f == ".." || f.find('/') != std::string::npos || f == "differences.csv" ||
        f == "summary.json") {
      throw std::logic_error("write_comparison: \"" + f + "\" cannot be a scenario folder");
    }
    for (std::size_t t = 0; t < s; ++t) {
      if (context.folders[t] == f)
        throw std::logic_error("write_comparison: two scenarios share folder " + f);
    }
  }
  std::vector<std::string> files;
  write_folder_atomically(dir, [&](const fs::path& tmp) {
    for (std::size_t s = 0; s < n; ++s) {
      ResultsContext rc;
      rc.scenario = context.scenarios[s];
      rc.effective_yaml = context.effective_yaml[s];
      rc.version = context.version;
      write_results(tmp / context.folders[s], run.runs[s], run::aggregate(run.runs[s].results), rc);
      files.push_back(context.folders[s] + "/");
    }
    write_differences(tmp / "differences.csv", run.comparison);
    files.emplace_back("differences.csv");
    // The DSG management plan with unmitigated (base) and mitigated columns (dfe_tables.hpp).
    for (const auto& f : write_comparison_dsg_grids(tmp, run.runs, context.folders, context.version))
      files.push_back(f);
    write_text_file(tmp / "timing.json", timing_json(run, context));
    files.emplace_back("timing.json");
    files.emplace_back("summary.json");
    // Last: a folder holding summary.json is complete.
    write_text_file(tmp / "summary.json", summary_json(run, context, files));
  });
  return files;
}

}  // namespace sendsim::output
