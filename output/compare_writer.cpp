// output/compare_writer.cpp: the comparison folder, written atomically.
#include "output/compare_writer.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "output/csv.hpp"
#include "output/dfe_tables.hpp"
#include "output/results_writer.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

namespace {

std::string json_number(double v) {
  if (std::isnan(v) || std::isinf(v)) return "null";
  return format_number(v);
}

std::string date_text(const engine::Date& d) {
  std::array<char, 16> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf.data();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw std::runtime_error("cannot open " + path.string() + " for writing");
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.close();
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

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

std::string json_interval(const engine::Summary* s) {
  if (s == nullptr) return "null";
  return "{\"mean\": " + json_number(s->mean) + ", \"ci_low\": " + json_number(s->ci_low) +
         ", \"ci_high\": " + json_number(s->ci_high) + "}";
}

std::string json_difference(const engine::Summary* s) {
  if (s == nullptr) return "null";
  return "{\"n\": " + std::to_string(s->n) + ", \"mean\": " + json_number(s->mean) +
         ", \"sd\": " + json_number(s->sd) + ", \"ci_low\": " + json_number(s->ci_low) +
         ", \"ci_high\": " + json_number(s->ci_high) + "}";
}

std::string scenarios_json(const run::ComparisonRun& run, const ComparisonContext& context) {
  std::string out = "  \"scenarios\": [\n";
  for (std::size_t s = 0; s < context.scenarios.size(); ++s) {
    const send::Scenario& sc = *context.scenarios[s];
    out += "    {\"name\": " + json_string(sc.name) +
           ", \"folder\": " + json_string(context.folders[s] + "/") +
           ", \"model\": " + json_string(sc.model.name) +
           ",\n     \"description\": " + json_string(sc.description) + ",\n     \"files\": [";
    for (std::size_t i = 0; i < sc.files.size(); ++i) out += (i ? ", " : "") + json_string(sc.files[i]);
    out += "],\n     \"start_date\": \"" + date_text(sc.model.start_date) + "\", \"end_date\": \"" +
           date_text(sc.run.end_date) + "\", \"events\": " + std::to_string(run.runs[s].events) + "}";
    out += s + 1 < context.scenarios.size() ? ",\n" : "\n";
  }
  return out + "  ],\n";
}

std::string guidance_json(const run::ComparisonRun& run, const ComparisonContext& context) {
  if (context.targets.empty()) return "  \"replication_guidance\": null,\n";
  std::string out = "  \"replication_guidance\": {\n";
  out += "    \"replications\": " + std::to_string(run.comparison.replications) + ",\n";
  out += "    \"max_replications\": " + std::to_string(context.max_replications) + ",\n";
  out += "    \"met\": " + std::string(run.targets_met() ? "true" : "false") + ",\n";
  out += "    \"batches\": [";
  for (std::size_t i = 0; i < run.batches.size(); ++i)
    out += (i ? ", " : "") + std::to_string(run.batches[i]);
  out += "],\n    \"targets\": [\n";
  for (std::size_t i = 0; i < run.targets.size(); ++i) {
    const run::TargetStatus& t = run.targets[i];
    out += "      {\"metric\": " + json_string(t.metric) +
           ", \"target_half_width\": " + json_number(t.target) + ", \"period\": " + json_string(t.period) +
           ", \"half_width\": " + json_number(t.half_width) +
           ", \"widest_scenario\": " + json_string(t.scenario) + ", \"met\": " + (t.met ? "true" : "false") +
           "}";
    out += i + 1 < run.targets.size() ? ",\n" : "\n";
  }
  return out + "    ]\n  },\n";
}

std::string metrics_json(const run::Comparison& c) {
  std::string out = "  \"metrics\": [\n";
  for (std::size_t i = 0; i < c.metrics.size(); ++i) {
    const run::MetricSpec& m = c.metrics[i];
    out += "    {\"name\": " + json_string(m.name) + ", \"table\": " + json_string(m.table) +
           ", \"period\": " + json_string(m.period) + ", \"breakdown\": " + json_string(m.breakdown) +
           ", \"filter\": " +
           (m.filter_column.empty() ? std::string("null")
                                    : json_string(m.filter_column + "=" + m.filter_value)) +
           ", \"kind\": \"" + kind_text(m.kind) + "\", \"unit\": " + json_string(m.unit) +
           ", \"description\": " + json_string(m.description) + "}";
    out += i + 1 < c.metrics.size() ? ",\n" : "\n";
  }
  return out + "  ],\n";
}

/// Per scenario and metric without breakdown, the values per period.
std::string differences_json(const run::Comparison& c) {
  const std::vector<run::DifferenceRow> rows = run::difference_rows(c);
  std::string out = "  \"differences\": [\n";
  bool first_block = true;
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
    for (const run::MetricSpec& m : c.metrics) {
      if (!m.breakdown.empty()) continue;
      out += first_block ? "" : ",\n";
      first_block = false;
      out += "    {\"scenario\": " + json_string(c.scenarios[s]) + ", \"metric\": " + json_string(m.name) +
             ", \"period\": " + json_string(m.period) + ", \"unit\": " + json_string(m.unit) +
             ",\n     \"values\": [";
      bool first_value = true;
      for (const run::DifferenceRow& row : rows) {
        if (row.scenario != s || row.metric->name != m.name) continue;
        out += first_value ? "\n" : ",\n";
        first_value = false;
        out += "       {\"" + m.period + "\": " + json_string(row.period) +
               ", \"base\": " + json_interval(row.base) + ", \"other\": " + json_interval(row.other) +
               ",\n        \"difference\": " + json_difference(row.difference) + "}";
      }
      out += first_value ? "]}" : "\n     ]}";
    }
  }
  return out + (first_block ? "" : "\n") + "  ]\n";
}

/// timing.json: threads and wall time (per scenario and in all), out of
/// summary.json so that it has the same bytes whatever the thread count.
std::string timing_json(const run::ComparisonRun& run, const ComparisonContext& context) {
  double wall = 0.0;
  std::string per;
  for (std::size_t s = 0; s < run.runs.size(); ++s) {
    wall += run.runs[s].wall_seconds;
    per += std::string(s ? ", " : "") + "{\"name\": " + json_string(context.scenarios[s]->name) +
           ", \"wall_seconds\": " + json_number(run.runs[s].wall_seconds) + "}";
  }
  std::string out = "{\n";
  out += "  \"threads\": " + std::to_string(run.runs.front().threads) + ",\n";
  out += "  \"wall_seconds\": " + json_number(wall) + ",\n";
  out += "  \"scenarios\": [" + per + "]\n";
  out += "}\n";
  return out;
}

std::string summary_json(const run::ComparisonRun& run, const ComparisonContext& context,
                         const std::vector<std::string>& files) {
  const run::Comparison& c = run.comparison;
  std::uint64_t events = 0;
  for (const auto& r : run.runs) events += r.events;
  std::string out = "{\n";
  out += "  \"program\": \"sendsim\",\n";
  out += "  \"version\": " + json_string(context.version) + ",\n";
  out += "  \"kind\": \"comparison\",\n";
  out += "  \"base\": " + json_string(c.scenarios.front()) + ",\n";
  out += scenarios_json(run, context);
  out += "  \"run\": {\n";
  out += "    \"replications\": " + std::to_string(c.replications) + ",\n";
  out += "    \"seed\": " + std::to_string(run.runs.front().seed) + ",\n";
  out += "    \"common_random_numbers\": true,\n";
  out += "    \"events\": " + std::to_string(events) + "\n";
  out += "  },\n";
  out += guidance_json(run, context);
  out += metrics_json(c);
  out += "  \"files\": [";
  for (std::size_t i = 0; i < files.size(); ++i) out += (i ? ", " : "") + json_string(files[i]);
  out += "],\n";
  out += differences_json(c);
  out += "}\n";
  return out;
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
    write_text(tmp / "timing.json", timing_json(run, context));
    files.emplace_back("timing.json");
    files.emplace_back("summary.json");
    // Last: a folder holding summary.json is complete.
    write_text(tmp / "summary.json", summary_json(run, context, files));
  });
  return files;
}

}  // namespace sendsim::output
