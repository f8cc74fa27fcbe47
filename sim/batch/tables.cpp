// sim/batch/tables.cpp: sweep.csv and england.csv.
#include "batch/tables.hpp"

#include <map>
#include <sstream>

#include "batch/codec.hpp"
#include "output/csv.hpp"

namespace sendsim::batch {

namespace fs = std::filesystem;

namespace {

using Sums = std::map<std::size_t, send::ReplicationResult>;  // replication -> summed metric tables

/// Adds the total metrics (kTotal, not by district) of `metric_tables` into `sums`.
void add_into(Sums& sums, const std::vector<send::ReplicationResult>& metric_tables) {
  for (const send::ReplicationResult& r : metric_tables) {
    send::ReplicationResult& into = sums[r.replication];
    into.replication = r.replication;
    if (into.tables.empty()) {
      for (const send::Table& t : r.tables) into.tables.push_back(send::Table{t.info, {}});
    }
    for (std::size_t i = 0; i < r.tables.size() && i < into.tables.size(); ++i) {
      for (const auto& [key, value] : r.tables[i].rows) into.tables[i].add(key, value);
    }
  }
}

std::vector<send::ReplicationResult> summable(const std::vector<send::ReplicationResult>& metric_tables) {
  std::vector<send::ReplicationResult> out = metric_tables;
  for (auto& r : out) {
    std::vector<send::Table> keep;
    for (auto& t : r.tables) {
      const run::MetricSpec* m = nullptr;
      for (const auto& spec : batch_metrics()) {
        if (spec.name == t.info.name) m = &spec;
      }
      if (m != nullptr && m->kind == run::MetricKind::kTotal && m->breakdown != "district")
        keep.push_back(std::move(t));
    }
    r.tables = std::move(keep);
  }
  return out;
}

std::vector<send::ReplicationResult> as_vector(Sums& sums) {
  std::vector<send::ReplicationResult> out;
  for (auto& [r, result] : sums) out.push_back(std::move(result));
  return out;
}

void summary_fields(output::CsvWriter& csv, const engine::Summary& s) {
  csv.field(static_cast<std::int64_t>(s.n))
      .field(s.mean)
      .field(s.sd)
      .field(s.ci_low)
      .field(s.ci_high)
      .field(s.p5)
      .field(s.p50)
      .field(s.p95);
}

std::string csv_text(const std::function<void(output::CsvWriter&)>& fill) {
  std::ostringstream out;
  {
    output::CsvWriter csv(out);
    fill(csv);
    csv.flush();
  }
  return out.str();
}

}  // namespace

const std::vector<run::MetricSpec>& batch_metrics() {
  static const std::vector<run::MetricSpec> metrics =
      run::metric_specs(run::shown_in::kCompare | run::shown_in::kBatch);
  return metrics;
}

const std::vector<KeyMetric>& key_metrics() {
  static const std::vector<KeyMetric> metrics = [] {
    std::vector<KeyMetric> out;
    for (const run::Metric& m : run::kMetrics) {
      if (m.in(run::shown_in::kKey))
        out.push_back({std::string(m.id), std::string(m.title), std::string(m.unit)});
    }
    return out;
  }();
  return metrics;
}

BatchSummaries summarise_batch(const fs::path& dir, const BatchResult& batch, bool total) {
  BatchSummaries out;
  Sums sums;
  std::map<std::string, Sums> regions;
  // A total is the sum over every cell: none while a cell is not done.
  for (const CellRun& c : batch.cells) total = total && c.state == "done";
  for (const CellRun& c : batch.cells) {
    if (c.state != "done") {
      out.cells.emplace_back();
      continue;
    }
    std::size_t pos = 0;
    const auto metric_tables =
        !c.metric_bytes.empty() ? decode_results(c.metric_bytes, pos)
                                : run::metric_results(read_cell_results(cell_file(dir, c)), batch_metrics());
    out.cells.push_back(run::aggregate(metric_tables));
    if (total) {
      const auto summed = summable(metric_tables);
      add_into(sums, summed);
      if (!c.region.empty()) add_into(regions[c.region], summed);
    }
  }
  if (total) {
    auto v = as_vector(sums);
    out.cells.push_back(run::aggregate(v));
    for (auto& [region, region_sums] : regions) {
      auto r = as_vector(region_sums);
      out.regions.emplace(region, run::aggregate(r));
    }
  }
  return out;
}

void write_sweep_tables(const fs::path& dir, const Sweep& sweep, const BatchResult& batch,
                        const BatchSummaries& all) {
  const auto& summaries = all.cells;
  const std::string sweep_csv = csv_text([&](output::CsvWriter& csv) {
    std::vector<std::string> header = {"cell", "scenario"};
    for (const std::string& c : sweep.columns) header.push_back(c);
    for (const char* h : {"metric", "period", "breakdown", "unit", "n", "mean", "sd", "ci_low", "ci_high",
                          "p5", "p50", "p95"}) {
      header.emplace_back(h);
    }
    csv.header(header);
    for (std::size_t i = 0; i < summaries.size(); ++i) {
      const bool is_total = i == batch.cells.size();
      for (const run::AggregatedTable& t : summaries[i]) {
        for (const run::AggregatedRow& row : t.rows) {
          csv.field(is_total ? std::string("total") : fs::path(batch.cells[i].folder).filename().string());
          csv.field(is_total ? std::string("total") : batch.cells[i].scenario_name);
          for (std::size_t k = 0; k < sweep.columns.size(); ++k)
            csv.field(is_total ? std::string() : batch.cells[i].values[k]);
          csv.field(t.info.name).field(row.key.at(0)).field(row.key.size() > 1 ? row.key[1] : std::string());
          csv.field(t.info.value_unit);
          summary_fields(csv, row.summary);
          csv.end_row();
        }
      }
    }
  });
  write_file_atomically(dir / "sweep.csv", sweep_csv);
  if (!sweep.total || summaries.size() == batch.cells.size()) {
    // No total (or none yet: a cell failed); an earlier run's is not kept.
    std::error_code ec;
    fs::remove(dir / "england.csv", ec);
    return;
  }

  // england.csv: by LA, by region (summed within replications), England.
  const std::string england_csv = csv_text([&](output::CsvWriter& csv) {
    csv.header({"level", "name", "region", "metric", "period", "unit", "n", "mean", "sd", "ci_low", "ci_high",
                "p5", "p50", "p95"});
    auto rows = [&](const std::string& level, const std::string& name, const std::string& region,
                    const std::vector<run::AggregatedTable>& tables) {
      for (const run::AggregatedTable& t : tables) {
        if (t.info.columns.size() != 1) continue;  // totals without breakdown
        const run::MetricSpec* m = nullptr;
        for (const auto& spec : batch_metrics()) {
          if (spec.name == t.info.name) m = &spec;
        }
        if (m == nullptr || m->kind != run::MetricKind::kTotal) continue;
        for (const run::AggregatedRow& row : t.rows) {
          csv.field(level)
              .field(name)
              .field(region)
              .field(t.info.name)
              .field(row.key.at(0))
              .field(t.info.value_unit);
          summary_fields(csv, row.summary);
          csv.end_row();
        }
      }
    };
    for (std::size_t i = 0; i < batch.cells.size(); ++i) {
      rows("la", batch.cells[i].scenario_name, batch.cells[i].region, summaries[i]);
    }
    for (const auto& [region, tables] : all.regions) rows("region", region, region, tables);
    rows("england", "England", "", summaries.back());
  });
  write_file_atomically(dir / "england.csv", england_csv);
}

}  // namespace sendsim::batch
