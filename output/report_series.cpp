// output/report_series.cpp: the report's series from a run's tables, and
// report_series.csv.
#include "output/report_series.hpp"

#include <algorithm>
#include <array>

#include "output/csv.hpp"
#include "run/metrics.hpp"
#include "send/codes.hpp"
#include "send/tables.hpp"

namespace sendsim::output {

namespace {

std::string value_of(const KeyPairs& key, std::string_view column) {
  for (const auto& [c, v] : key) {
    if (c == column) return v;
  }
  return {};
}

bool is_specialist(const std::string& provision) { return provision == "enhanced" || provision == "special"; }

}  // namespace

std::map<std::string, SeriesSetting> series_settings(const send::Scenario& scenario) {
  std::map<std::string, SeriesSetting> out;
  auto add = [&](const send::Setting& s) {
    SeriesSetting info;
    info.type = std::string(send::kSettingTypeCodes[send::index(s.type)]);
    info.local_specialist = send::is_local_specialist(s, scenario.model);
    info.district = s.district;
    if (s.needs.empty()) {
      info.designation = "all needs";
      for (const auto code : send::kNeedCodes) info.open_needs.emplace_back(code);
    } else {
      for (const auto need : s.needs) {
        const std::string_view code = send::kNeedCodes[send::index(need)];
        info.designation += (info.designation.empty() ? "" : ", ") + std::string(code);
        info.open_needs.emplace_back(code);
      }
    }
    out.emplace(s.name, std::move(info));
  };
  for (const auto& s : scenario.model.settings) add(s);
  for (const auto& p : scenario.model.capital_programme) {
    if (p.action == send::CapitalAction::kOpen) add(p.setting);
  }
  return out;
}

bool is_report_table(std::string_view table) {
  static constexpr std::array<std::string_view, 7> kTables = {
      send::tables::kEhcSnapshot, send::tables::kUnmetDemand,
      send::tables::kOccupancy,   send::tables::kWaitingSnapshot,
      send::tables::kFlows,       send::tables::kSpend,
      send::tables::kDsg};
  return std::find(kTables.begin(), kTables.end(), table) != kTables.end();
}

std::vector<std::pair<std::string, double>> report_row_labels(
    std::string_view table, const KeyPairs& key, const std::map<std::string, SeriesSetting>& settings,
    std::string& period) {
  std::vector<std::string> labels;
  std::vector<std::pair<std::string, double>> out;
  period = value_of(key, "year");
  if (table == send::tables::kEhcSnapshot) {
    const std::string placement = value_of(key, "placement");
    labels = {"ehc:" + placement};
    if (is_specialist(placement)) {
      labels.push_back("demand:" + placement);
      labels.push_back("gap:" + placement);
      labels.push_back("need_demand:" + placement + ":" + value_of(key, "need"));
    }
  } else if (table == send::tables::kUnmetDemand) {
    const std::string provision = value_of(key, "provision");
    labels = {"unmet:" + provision};
    if (is_specialist(provision)) {
      labels.push_back("demand:" + provision);
      labels.push_back("gap:" + provision);
      labels.push_back("need_demand:" + provision + ":" + value_of(key, "need"));
    }
  } else if (table == send::tables::kOccupancy) {
    const auto it = settings.find(value_of(key, "setting"));
    if (it == settings.end() || !it->second.local_specialist) return out;
    const std::string measure = value_of(key, "measure");
    const std::string& type = it->second.type;
    if (measure == "places") {
      out.emplace_back("gap:" + type, -1.0);  // children needing a place less places
      labels.push_back("places:" + type);
      for (const auto& need : it->second.open_needs) labels.push_back("need_places:" + type + ":" + need);
    } else if (measure == "on_roll" || measure == "over_number") {
      labels.push_back(measure + ":" + type);
    }
  } else if (table == send::tables::kWaitingSnapshot) {
    labels = {"waiting:" + value_of(key, "provision")};
  } else if (table == send::tables::kFlows) {
    labels = {"flows:" + value_of(key, "measure")};
  } else if (table == send::tables::kSpend) {
    period = value_of(key, "financial_year");
    labels = {"spend:" + value_of(key, "line")};
  } else if (table == send::tables::kDsg) {
    period = value_of(key, "financial_year");
    labels = {"dsg:" + value_of(key, "measure")};
  }
  // The metric table's totals of the whole table ("ehc:total", ...).
  for (const run::Metric& m : run::kMetrics) {
    if (m.table == table && !m.series.empty() && m.kind == run::MetricKind::kTotal &&
        m.filter_column.empty() && m.breakdown.empty()) {
      labels.emplace_back(m.series);
    }
  }
  for (auto& label : labels) out.emplace_back(std::move(label), 1.0);
  return out;
}

std::vector<double>& SeriesTotals::cell(const std::string& label, const std::string& period) {
  auto& v = values_[label + '\x1f' + period];
  if (v.empty()) v.assign(replications_, 0.0);
  return v;
}

SeriesMap SeriesTotals::summarise() const {
  SeriesMap series;
  for (const auto& [key, values] : values_) {
    const std::size_t sep = key.find('\x1f');
    series[key.substr(0, sep)].push_back({key.substr(sep + 1), engine::summarise(values)});
  }
  for (auto& [name, points] : series) {
    std::sort(points.begin(), points.end(),
              [](const SeriesPoint& a, const SeriesPoint& b) { return a.period < b.period; });
  }
  return series;
}

SeriesFold::SeriesFold(const send::Scenario& scenario, std::size_t replications)
    : settings_(series_settings(scenario)), totals_(replications) {}

void SeriesFold::add(const send::ReplicationResult& result) {
  const std::size_t rep = added_++;
  for (const auto& t : result.tables) {
    if (is_report_table(t.info.name) &&
        std::find(tables_.begin(), tables_.end(), t.info.name) == tables_.end()) {
      tables_.push_back(t.info.name);
      caches_.emplace_back();
    }
  }
  // A row's cells (and signs), worked out once per key: keys repeat over
  // replications, and a table's rows come sorted, so one walk along the
  // sorted cache finds each row's entry.
  for (std::size_t i = 0; i < tables_.size(); ++i) {
    const std::string& name = tables_[i];
    const send::Table* t = result.find(name);
    if (t == nullptr) continue;
    auto& cache = caches_[i];
    auto at = cache.begin();
    for (const auto& [key, value] : t->rows) {
      while (at != cache.end() && at->first < key) ++at;
      if (at == cache.end() || at->first != key) {
        KeyPairs pairs;
        for (std::size_t k = 0; k < key.size() && k < t->info.columns.size(); ++k) {
          pairs.emplace_back(t->info.columns[k], key[k]);
        }
        std::string period;
        Cells cells;
        for (const auto& [label, sign] : report_row_labels(name, pairs, settings_, period)) {
          cells.emplace_back(&totals_.cell(label, period), sign < 0);
        }
        at = cache.emplace_hint(at, key, std::move(cells));
      }
      for (const auto& [cell, subtracted] : at->second) (*cell)[rep] += subtracted ? -value : value;
      ++at;
    }
  }
}

SeriesMap report_series(const std::vector<send::ReplicationResult>& results, const send::Scenario& scenario) {
  std::vector<const send::ReplicationResult*> ordered;
  ordered.reserve(results.size());
  for (const auto& r : results) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto* a, const auto* b) { return a->replication < b->replication; });
  SeriesFold fold(scenario, ordered.size());
  for (const auto* r : ordered) fold.add(*r);
  return fold.finish();
}

void write_report_series(const std::filesystem::path& path, const SeriesMap& series) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header({"series", "period", "n", "mean", "sd", "ci_low", "ci_high", "p5", "p50", "p95", "min", "max"});
  for (const auto& [name, points] : series) {
    for (const auto& point : points) {
      const engine::Summary& x = point.stats;
      csv.field(name).field(point.period).field(static_cast<std::int64_t>(x.n));
      csv.field(x.mean).field(x.sd).field(x.ci_low).field(x.ci_high).field(x.p5).field(x.p50).field(x.p95);
      csv.field(x.min).field(x.max);
      csv.end_row();
    }
  }
  file.close();
}

}  // namespace sendsim::output
