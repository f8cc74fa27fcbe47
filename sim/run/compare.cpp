// sim/run/compare.cpp: planners' metrics, paired differences under common
// random numbers, and replication batches towards a target interval.
#include "run/compare.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

#include "engine/replication.hpp"
#include "send/world.hpp"

namespace sendsim::run {

namespace {

using Key = std::vector<std::string>;

std::size_t column_of(const send::TableInfo& info, const std::string& column, const std::string& metric) {
  const auto it = std::find(info.columns.begin(), info.columns.end(), column);
  if (it == info.columns.end()) {
    throw std::invalid_argument("metric \"" + metric + "\": table \"" + info.name + "\" has no column \"" +
                                column + "\"");
  }
  return static_cast<std::size_t>(it - info.columns.begin());
}

/// The metric's table in one replication.
send::Table metric_table(const send::ReplicationResult& result, const MetricSpec& spec) {
  send::Table out;
  out.info.name = spec.name;
  out.info.columns = {spec.period};
  if (!spec.breakdown.empty()) out.info.columns.push_back(spec.breakdown);
  out.info.value_unit = spec.unit;
  out.info.description = spec.description;
  out.info.missing = send::Missing::kZero;
  // Values (means, percentages) of a replication without the row are left
  // out, as in their source tables; totals count an absent row as 0.
  if (spec.kind == MetricKind::kValue) out.info.missing = send::Missing::kSkip;
  const send::Table* source = result.find(spec.table);
  if (source == nullptr) return out;
  const std::size_t period = column_of(source->info, spec.period, spec.name);
  const std::size_t breakdown =
      spec.breakdown.empty() ? 0 : column_of(source->info, spec.breakdown, spec.name);
  const std::size_t filter =
      spec.filter_column.empty() ? 0 : column_of(source->info, spec.filter_column, spec.name);
  for (const auto& [key, v] : source->rows) {
    if (!spec.filter_column.empty() && key.at(filter) != spec.filter_value) continue;
    Key k = {key.at(period)};
    if (!spec.breakdown.empty()) k.push_back(key.at(breakdown));
    if (spec.kind == MetricKind::kTotal) {
      out.add(k, v);
    } else if (!out.rows.emplace(std::move(k), v).second) {
      throw std::logic_error("metric \"" + spec.name + "\": table \"" + spec.table +
                             "\" has more than one row per period and breakdown");
    }
  }
  return out;
}

const AggregatedTable* find_table(const std::vector<AggregatedTable>& tables, const std::string& name) {
  for (const auto& t : tables) {
    if (t.info.name == name) return &t;
  }
  return nullptr;
}

const engine::Summary* summary_at(const AggregatedTable* table, const Key& key) {
  if (table == nullptr) return nullptr;
  const AggregatedRow* row = table->find(key);
  return row != nullptr ? &row->summary : nullptr;
}

/// Replications [first, last) of one scenario.
std::vector<send::ReplicationResult> run_batch(const send::Scenario& scenario, const CompareOptions& options,
                                               std::size_t scenario_index, std::size_t first,
                                               std::size_t last, unsigned threads) {
  engine::ProgressFn progress;
  if (options.progress) {
    progress = [&](std::size_t done, std::size_t) { options.progress(scenario_index, first + done, last); };
  }
  return engine::run_replications(
      last - first, threads,
      [&](std::size_t r) {
        return send::simulate_replication(scenario, options.seed, first + r, options.stop);
      },
      progress, options.stop);
}

}  // namespace

std::vector<MetricSpec> metric_specs(unsigned where) {
  std::vector<MetricSpec> out;
  for (const Metric& m : kMetrics) {
    if (!m.in(where)) continue;
    out.push_back({std::string(m.id), std::string(m.label), std::string(m.table), std::string(m.period),
                   std::string(m.breakdown), std::string(m.filter_column), std::string(m.filter_value),
                   m.kind, std::string(m.unit), std::string(m.description)});
  }
  return out;
}

const std::vector<MetricSpec>& comparison_metrics() {
  static const std::vector<MetricSpec> metrics = metric_specs(shown_in::kCompare);
  return metrics;
}

const MetricSpec* find_metric(std::string_view name) {
  for (const auto& m : comparison_metrics()) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

send::ReplicationResult metric_result(const send::ReplicationResult& r,
                                      const std::vector<MetricSpec>& metrics) {
  send::ReplicationResult m;
  m.replication = r.replication;
  m.events = r.events;
  m.fingerprint = r.fingerprint;
  m.child_years = r.child_years;
  m.tables.reserve(metrics.size());
  for (const auto& spec : metrics) m.tables.push_back(metric_table(r, spec));
  return m;
}

std::vector<send::ReplicationResult> metric_results(const std::vector<send::ReplicationResult>& results,
                                                    const std::vector<MetricSpec>& metrics) {
  std::vector<send::ReplicationResult> out;
  out.reserve(results.size());
  for (const auto& r : results) out.push_back(metric_result(r, metrics));
  return out;
}

Comparison compare_metric_results(const std::vector<std::string>& names,
                                  const std::vector<std::vector<send::ReplicationResult>>& metric_tables,
                                  const std::vector<MetricSpec>& metrics) {
  if (names.size() < 2 || names.size() != metric_tables.size()) {
    throw std::invalid_argument("compare: needs at least two scenarios, each with its results");
  }
  Comparison c;
  c.metrics = metrics;
  c.scenarios = names;
  c.replications = metric_tables.front().size();
  for (const auto& tables : metric_tables) c.levels.push_back(aggregate(tables));
  for (std::size_t s = 1; s < metric_tables.size(); ++s) {
    c.differences.push_back(aggregate_difference(metric_tables.front(), metric_tables[s]));
  }
  return c;
}

std::vector<DifferenceRow> difference_rows(const Comparison& c) {
  std::vector<DifferenceRow> rows;
  for (const MetricSpec& spec : c.metrics) {
    const AggregatedTable* base = find_table(c.levels.front(), spec.name);
    // The keys any scenario has, ascending.
    std::vector<Key> keys;
    auto collect = [&](const AggregatedTable* t) {
      if (t == nullptr) return;
      for (const auto& row : t->rows) keys.push_back(row.key);
    };
    for (const auto& levels : c.levels) collect(find_table(levels, spec.name));
    for (const auto& diffs : c.differences) collect(find_table(diffs, spec.name));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const Key& key : keys) {
      for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
        DifferenceRow row;
        row.metric = &spec;
        row.period = key.at(0);
        row.breakdown_value = key.size() > 1 ? key[1] : std::string();
        row.scenario = s;
        row.base = summary_at(base, key);
        row.other = summary_at(find_table(c.levels[s], spec.name), key);
        row.difference = summary_at(find_table(c.differences[s - 1], spec.name), key);
        rows.push_back(row);
      }
    }
  }
  return rows;
}

std::vector<TargetStatus> check_targets(const Comparison& c, const std::vector<CiTarget>& targets) {
  std::vector<TargetStatus> out;
  for (const CiTarget& target : targets) {
    const MetricSpec* spec = find_metric(target.metric);
    if (spec == nullptr || !spec->breakdown.empty()) {
      throw std::invalid_argument("check_targets: \"" + target.metric +
                                  "\" is not a metric without breakdown");
    }
    TargetStatus status;
    status.metric = target.metric;
    status.target = target.half_width;
    for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
      const AggregatedTable* diffs = find_table(c.differences[s - 1], spec->name);
      if (diffs == nullptr || diffs->rows.empty()) continue;
      const AggregatedRow& last = diffs->rows.back();  // ascending: the last period
      const double hw = last.summary.half_width();
      if (status.period.empty() || last.key[0] > status.period ||
          (last.key[0] == status.period && hw > status.half_width)) {
        status.period = last.key[0];
        status.half_width = hw;
        status.scenario = c.scenarios[s];
      }
    }
    status.met = status.half_width < status.target;
    out.push_back(std::move(status));
  }
  return out;
}

std::size_t next_replication_count(std::size_t n, const std::vector<TargetStatus>& status, std::size_t max) {
  double ratio = 0.0;
  bool all_met = true;
  for (const auto& s : status) {
    all_met = all_met && s.met;
    if (s.target > 0.0) ratio = std::max(ratio, s.half_width / s.target);
  }
  if (all_met || n >= max) return n;
  const double projected = std::ceil(static_cast<double>(n) * ratio * ratio * 1.1);
  const std::size_t lo = n + std::max<std::size_t>(1, n / 4);
  const std::size_t hi = std::max(lo, 4 * n);
  std::size_t next = projected >= static_cast<double>(hi) ? hi : static_cast<std::size_t>(projected);
  next = std::clamp(next, lo, hi);
  return std::min(next, max);
}

bool ComparisonRun::targets_met() const {
  return std::all_of(targets.begin(), targets.end(), [](const TargetStatus& t) { return t.met; });
}

ComparisonRun run_comparison(const std::vector<send::Scenario>& scenarios, const CompareOptions& options) {
  if (scenarios.size() < 2) throw std::invalid_argument("run_comparison: needs at least two scenarios");
  for (const CiTarget& t : options.targets) {
    const MetricSpec* spec = find_metric(t.metric);
    if (spec == nullptr || !spec->breakdown.empty()) {
      throw std::invalid_argument("run_comparison: \"" + t.metric + "\" is not a metric without breakdown");
    }
  }
  if (!options.targets.empty()) {
    if (options.replications < 2) {
      throw std::invalid_argument("run_comparison: targets need a first batch of at least 2 replications");
    }
    if (options.max_replications < options.replications) {
      throw std::invalid_argument("run_comparison: max_replications is below the first batch");
    }
  }
  const std::vector<MetricSpec>& metrics = comparison_metrics();
  ComparisonRun out;
  out.runs.resize(scenarios.size());
  out.metric_tables.resize(scenarios.size());
  std::vector<std::string> names;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    RunOutput& run = out.runs[s];
    run.scenario_name = scenarios[s].name;
    run.seed = options.seed;
    names.push_back(scenarios[s].name);
  }

  std::size_t done = 0;
  std::size_t wanted = options.replications;
  for (;;) {
    const unsigned threads_wanted = options.threads == 0 ? engine::default_thread_count() : options.threads;
    const auto threads =
        static_cast<unsigned>(std::min<std::size_t>(threads_wanted, std::max<std::size_t>(wanted - done, 1)));
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      RunOutput& run = out.runs[s];
      const auto start = std::chrono::steady_clock::now();
      std::vector<send::ReplicationResult> batch = run_batch(scenarios[s], options, s, done, wanted, threads);
      run.wall_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      run.threads = std::max(run.threads, threads);
      std::vector<send::ReplicationResult> derived = metric_results(batch, metrics);
      for (auto& r : batch) {
        run.events += r.events;
        run.child_years += r.child_years;
        run.results.push_back(std::move(r));
      }
      for (auto& d : derived) out.metric_tables[s].push_back(std::move(d));
      run.replications = wanted;
    }
    done = wanted;
    out.batches.push_back(done);
    out.comparison = compare_metric_results(names, out.metric_tables, metrics);
    if (options.targets.empty()) break;
    out.targets = check_targets(out.comparison, options.targets);
    wanted = next_replication_count(done, out.targets, options.max_replications);
    if (wanted == done) break;
  }
  for (RunOutput& run : out.runs) {
    run.events_per_second = run.wall_seconds > 0.0 ? static_cast<double>(run.events) / run.wall_seconds : 0.0;
  }
  return out;
}

}  // namespace sendsim::run
