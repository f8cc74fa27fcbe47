// output/compare_report_data.cpp: a comparison folder read back (see
// compare_report_data.hpp): summary.json and differences.csv.
#include "output/compare_report_data.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include "output/csv.hpp"
#include "output/results_reader.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

namespace {

JsonValue read_summary(const fs::path& dir) {
  const fs::path path = dir / "summary.json";
  if (!fs::is_regular_file(path)) {
    throw std::runtime_error(dir.string() + " is not a comparison folder (no summary.json in it)");
  }
  return parse_json(read_text_file(path));
}

double number_or_nan(const std::vector<std::string>& row, std::optional<std::size_t> column) {
  if (!column || *column >= row.size()) return NAN;
  return parse_number(row[*column]).value_or(NAN);
}

}  // namespace

std::optional<std::string> comparison_folder_name(std::string folder) {
  if (folder.ends_with('/')) folder.pop_back();
  if (folder.empty() || folder == "." || folder == "..") return std::nullopt;
  for (const char c : folder) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    if (!ok) return std::nullopt;
  }
  return folder;
}

const std::vector<ComparisonPoint>& ComparisonData::points(const std::string& metric,
                                                           const std::string& breakdown_value,
                                                           std::size_t s) const {
  static const std::vector<ComparisonPoint> kNone;
  const auto it = series.find({metric, breakdown_value});
  if (it == series.end() || s >= it->second.size()) return kNone;
  return it->second[s];
}

bool is_comparison_folder(const fs::path& dir) {
  if (!fs::is_regular_file(dir / "summary.json")) return false;
  try {
    return read_summary(dir).string_at("kind") == "comparison";
  } catch (const std::exception&) {
    return false;
  }
}

ComparisonData load_comparison_data(const fs::path& dir) {
  const JsonValue summary = read_summary(dir);
  if (summary.string_at("kind") != "comparison") {
    throw std::runtime_error(dir.string() +
                             " is not a comparison folder (its summary.json is not of kind "
                             "\"comparison\")");
  }
  ComparisonData d;
  d.dir = dir;
  d.version = summary.string_at("version");
  if (const JsonValue* list = summary.get("scenarios"); list != nullptr) {
    for (const JsonValue& s : list->items) {
      ComparisonScenario sc;
      sc.name = s.string_at("name");
      sc.folder = s.string_at("folder");
      sc.model = s.string_at("model");
      sc.description = s.string_at("description");
      if (const JsonValue* files = s.get("files"); files != nullptr) {
        for (const JsonValue& f : files->items) sc.files.push_back(f.text);
      }
      sc.start_date = s.string_at("start_date");
      sc.end_date = s.string_at("end_date");
      d.scenarios.push_back(std::move(sc));
    }
  }
  if (d.scenarios.size() < 2) {
    throw std::runtime_error(dir.string() + "/summary.json: a comparison names at least two scenarios");
  }
  d.replications = summary.string_at("run.replications");
  d.seed = summary.string_at("run.seed");
  if (const JsonValue* crn = summary.at("run.common_random_numbers"); crn != nullptr) {
    d.common_random_numbers = crn->type == JsonValue::Type::kBool && crn->boolean;
  }
  if (const JsonValue* g = summary.get("replication_guidance");
      g != nullptr && g->type == JsonValue::Type::kObject) {
    d.guidance = true;
    const JsonValue* met = g->get("met");
    d.guidance_met = met != nullptr && met->boolean;
    if (const JsonValue* targets = g->get("targets"); targets != nullptr) {
      for (const JsonValue& t : targets->items) {
        ComparisonTarget ct;
        ct.metric = t.string_at("metric");
        ct.period = t.string_at("period");
        ct.target = parse_number(t.string_at("target_half_width")).value_or(NAN);
        ct.half_width = parse_number(t.string_at("half_width")).value_or(NAN);
        ct.widest_scenario = t.string_at("widest_scenario");
        const JsonValue* m = t.get("met");
        ct.met = m != nullptr && m->boolean;
        d.targets.push_back(std::move(ct));
      }
    }
  }

  const CsvTable table = read_csv_table(dir / "differences.csv");
  auto column = [&](std::string_view name) {
    const auto c = table.column(name);
    if (!c) throw std::runtime_error((dir / "differences.csv").string() + ": no column " + std::string(name));
    return *c;
  };
  const std::size_t metric = column("metric");
  const std::size_t period = column("period");
  const std::size_t breakdown_value = column("breakdown_value");
  const std::size_t unit = column("unit");
  const std::size_t scenario = column("scenario");
  std::size_t unplaced = 0;
  for (const auto& row : table.rows) {
    std::size_t s = 1;
    while (s < d.scenarios.size() && d.scenarios[s].name != row[scenario]) ++s;
    if (s == d.scenarios.size()) {
      ++unplaced;
      continue;
    }
    d.units.emplace(row[metric], row[unit]);
    ComparisonPoint p;
    p.period = row[period];
    p.base = {number_or_nan(row, table.column("base_mean")), number_or_nan(row, table.column("base_ci_low")),
              number_or_nan(row, table.column("base_ci_high"))};
    p.other = {number_or_nan(row, table.column("other_mean")),
               number_or_nan(row, table.column("other_ci_low")),
               number_or_nan(row, table.column("other_ci_high"))};
    p.difference = {number_or_nan(row, table.column("diff_mean")),
                    number_or_nan(row, table.column("diff_ci_low")),
                    number_or_nan(row, table.column("diff_ci_high"))};
    p.n = number_or_nan(row, table.column("n"));
    auto& by_scenario = d.series[{row[metric], row[breakdown_value]}];
    by_scenario.resize(d.scenarios.size());
    by_scenario[s].push_back(std::move(p));
  }
  for (auto& [key, by_scenario] : d.series) {
    for (auto& points : by_scenario) {
      std::stable_sort(points.begin(), points.end(), [](const ComparisonPoint& a, const ComparisonPoint& b) {
        return a.period < b.period;
      });
    }
  }
  if (unplaced > 0) {
    d.notes.push_back(
        std::to_string(unplaced) +
        " rows of differences.csv name a scenario that summary.json does not list; they are left out.");
  }
  return d;
}

std::vector<fs::path> comparison_scenario_folders(const fs::path& dir) {
  const ComparisonData d = load_comparison_data(dir);
  std::vector<fs::path> out;
  for (const auto& s : d.scenarios) {
    if (const auto folder = comparison_folder_name(s.folder)) out.push_back(dir / *folder);
  }
  return out;
}

}  // namespace sendsim::output
