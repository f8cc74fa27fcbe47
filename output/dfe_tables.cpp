// output/dfe_tables.cpp: the SCAP forecast and the DSG management plan grid
// (see dfe_tables.hpp and output/README.md).
#include "output/dfe_tables.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>

#include "engine/stats.hpp"
#include "output/csv.hpp"
#include "output/excel.hpp"
#include "output/replication_sums.hpp"
#include "send/codes.hpp"
#include "send/tables.hpp"

namespace sendsim::output {

namespace {

/// The one mapping of the model's placements to the returns' categories,
/// documented in output/README.md ("DfE returns").
struct PlacementMap {
  std::string_view placement;  // ehc_snapshot / ehc_by_year_group code
  std::string_view scap;       // SCAP type; "IN+SS" for INMSS, "wait" for awaiting, "" none
  std::string_view dsg;        // DSG management plan category
};

constexpr std::array<PlacementMap, 10> kPlacementMap = {{
    {"early_years", "", "MmSoA"},
    {"mainstream", "", "MmSoA"},
    {"further_education", "", "P16FE"},
    {"enhanced", "UR", "RPSEN"},
    {"special", "SS", "MdSSA"},
    {"special_out_of_county", "SS", "MdSSA"},
    {"inmss", "IN+SS", "NMISS"},
    {"awaiting_placement", "wait", "HspAP"},
    {"no_placement", "", "OTHER"},
    {"other", "", "OTHER"},
}};

const PlacementMap* find_placement(std::string_view placement) {
  for (const auto& p : kPlacementMap) {
    if (p.placement == placement) return &p;
  }
  return nullptr;
}

bool is_primary_ncy(std::string_view ncy) {
  return ncy == "R" || ncy == "1" || ncy == "2" || ncy == "3" || ncy == "4" || ncy == "5" || ncy == "6";
}
bool is_secondary_ncy(std::string_view ncy) {
  return ncy == "7" || ncy == "8" || ncy == "9" || ncy == "10" || ncy == "11";
}

constexpr std::array<std::string_view, 7> kPrimaryNcy = {"R", "1", "2", "3", "4", "5", "6"};
constexpr std::array<std::string_view, 5> kSecondaryNcy = {"7", "8", "9", "10", "11"};

std::int64_t round_half_away(double v) { return std::llround(v); }

}  // namespace

DfeStats dfe_stats(std::vector<double> values) {
  DfeStats s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const std::span<const double> v(values);
  s.p5 = engine::percentile_sorted(v, 5);
  s.p25 = engine::percentile_sorted(v, 25);
  s.p50 = engine::percentile_sorted(v, 50);
  s.p75 = engine::percentile_sorted(v, 75);
  s.p95 = engine::percentile_sorted(v, 95);
  double sum = 0;
  for (double x : values) sum += x;  // ascending order: the same bytes whatever the thread count
  s.mean = sum / static_cast<double>(values.size());
  s.rounded = round_half_away(s.mean);
  return s;
}

std::vector<ScapShare> scap_shares(std::string_view placement) {
  const PlacementMap* p = find_placement(placement);
  if (p == nullptr || p->scap.empty() || p->scap == "wait") return {};
  if (p->scap == "IN+SS") return {{"IN", 1.0 - kNmssShareOfInmss}, {"SS", kNmssShareOfInmss}};
  return {{p->scap, 1.0}};
}

std::string_view dsg_category(std::string_view placement) {
  const PlacementMap* p = find_placement(placement);
  return p != nullptr ? p->dsg : std::string_view("OTHER");
}

const std::vector<std::pair<std::string_view, std::string_view>>& scap_types() {
  static const std::vector<std::pair<std::string_view, std::string_view>> types = {
      {"UR", "SEN units and resourced provision in mainstream schools"},
      {"IN", "Independent schools (independent schools and independent special schools)"},
      {"SS",
       "State-funded special schools (LA-maintained, special academies, non-maintained special schools)"},
      {"AP", "Alternative provision (PRUs, AP academies and independent AP)"}};
  return types;
}

const std::vector<std::string_view>& dsg_categories() {
  static const std::vector<std::string_view> c = {"MmSoA", "RPSEN", "MdSSA", "NMISS",
                                                  "HspAP", "P16FE", "OTHER"};
  return c;
}

std::string_view dsg_category_label(std::string_view code) {
  static const std::map<std::string_view, std::string_view> labels = {
      {"MmSoA", "Mainstream schools or academies"},
      {"RPSEN", "Resourced provision or SEN units"},
      {"MdSSA", "Maintained special schools or special academies"},
      {"NMISS", "NMSS or independent special schools"},
      {"HspAP", "Hospital schools or alternative provision"},
      {"P16FE", "Post 16 and further education"},
      {"OTHER", "Other arrangements and direct payments"}};
  const auto it = labels.find(code);
  return it == labels.end() ? code : it->second;
}

std::string_view age_band_label(std::string_view code) {
  static const std::map<std::string_view, std::string_view> labels = {{"under_5", "Under 5"},
                                                                      {"5_10", "Age 5 to 10"},
                                                                      {"11_15", "Age 11 to 15"},
                                                                      {"16_19", "Age 16 to 19"},
                                                                      {"20_25", "Age 20 to 25"}};
  const auto it = labels.find(code);
  return it == labels.end() ? code : it->second;
}

std::string_view need_label(std::string_view code) {
  static const std::map<std::string_view, std::string_view> labels = {
      {"ASD", "Autistic spectrum disorder"},
      {"SEMH", "Social, emotional and mental health"},
      {"SLCN", "Speech, language and communication needs"},
      {"MLD", "Moderate learning difficulty"},
      {"SLD", "Severe learning difficulty"},
      {"PMLD", "Profound and multiple learning difficulty"},
      {"SpLD", "Specific learning difficulty"},
      {"PD", "Physical disability"},
      {"HI", "Hearing impairment"},
      {"VI", "Visual impairment"},
      {"MSI", "Multi-sensory impairment"},
      {"OTH", "Other difficulty or disability"},
      {"NSA", "Unknown"}};
  const auto it = labels.find(code);
  return it == labels.end() ? code : it->second;
}

std::string la_code_of(const send::Model& model) {
  const std::string& d = model.description;
  if (d.size() >= 4 && std::isdigit(static_cast<unsigned char>(d[0])) != 0 &&
      std::isdigit(static_cast<unsigned char>(d[1])) != 0 &&
      std::isdigit(static_cast<unsigned char>(d[2])) != 0 && d[3] == ' ') {
    return d.substr(0, 3);
  }
  std::string name;
  for (char c : model.name) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.size() > 5 && name[name.size() - 5] == '-' && std::all_of(name.end() - 4, name.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
      })) {
    name.resize(name.size() - 5);
  }
  // Old (three-digit) LA codes as the DfE publishes them.
  static const std::map<std::string, std::string, std::less<>> known = {{"essex", "881"},
                                                                        {"southend-on-sea", "882"},
                                                                        {"thurrock", "883"},
                                                                        {"kent", "886"},
                                                                        {"manchester", "352"}};
  const auto it = known.find(name);
  return it == known.end() ? std::string() : it->second;
}

struct ScapFold::State {
  // A row of ehc_by_year_group, worked out once per key.
  struct Row {
    bool counted = false;  // a Reception to Year 11 row
    bool awaiting = false;
    std::string year;
    std::size_t ur = 0, ss = 0;                          // awaiting: the UR and SS slots
    std::vector<std::pair<std::size_t, double>> shares;  // otherwise: slot and share
  };
  using Key = std::array<std::string, 3>;  // type, year, ncy
  State(const send::Scenario* s, std::size_t replications) : scenario(s), n(replications) {}
  const send::Scenario* scenario;
  std::size_t n;
  std::size_t added = 0;
  detail::SlotSums<Key> values{n};
  std::set<std::string> years;
  detail::RowCache<Row> cache;
};

ScapFold::ScapFold(const send::Scenario& scenario, std::size_t replications)
    : state_(std::make_unique<State>(&scenario, replications)) {}
ScapFold::~ScapFold() = default;
ScapFold::ScapFold(ScapFold&&) noexcept = default;

void ScapFold::add(const send::ReplicationResult& result) {
  State& st = *state_;
  const std::size_t r = st.added++;
  auto& values = st.values;
  auto& years = st.years;
  auto& cache = st.cache;
  using Row = State::Row;
  // What the waiting children of each census wait for: UR and SS shares.
  std::map<std::string, std::array<double, 2>> waiting;  // year -> {UR, SS}
  if (const send::Table* w = result.find(send::tables::kWaitingSnapshot)) {
    const int year = w->column("year");
    const int provision = w->column("provision");
    if (year >= 0 && provision >= 0) {
      for (const auto& [key, value] : w->rows) {
        auto& shares = waiting[key[static_cast<std::size_t>(year)]];
        shares[key[static_cast<std::size_t>(provision)] == "enhanced" ? 0 : 1] += value;
      }
    }
  }
  const send::Table* t = result.find(send::tables::kEhcByYearGroup);
  if (t == nullptr) return;
  const int year = t->column("year");
  const int placement = t->column("placement");
  const int ncy = t->column("ncy");
  if (year < 0 || placement < 0 || ncy < 0) return;
  cache.start();
  for (const auto& [key, value] : t->rows) {
    const Row& row = cache.at(key, [&] {
      Row made;
      const std::string& y = key[static_cast<std::size_t>(year)];
      years.insert(y);
      const std::string& c = key[static_cast<std::size_t>(ncy)];
      if (!is_primary_ncy(c) && !is_secondary_ncy(c)) return made;
      made.counted = true;
      made.year = y;
      const std::string& p = key[static_cast<std::size_t>(placement)];
      if (p == "awaiting_placement") {
        made.awaiting = true;
        made.ur = values.slot({"UR", y, c});
        made.ss = values.slot({"SS", y, c});
        return made;
      }
      for (const auto& share : scap_shares(p)) {
        made.shares.emplace_back(values.slot({std::string(share.type), y, c}), share.share);
      }
      return made;
    });
    if (!row.counted) continue;
    if (row.awaiting) {
      const auto it = waiting.find(row.year);
      const double ur = it == waiting.end() ? 0.0 : it->second[0];
      const double ss = it == waiting.end() ? 0.0 : it->second[1];
      const double total = ur + ss;
      if (total > 0) {
        values.add(row.ur, r, value * ur / total);
        values.add(row.ss, r, value * ss / total);
      } else {
        values.add(row.ss, r, value);
      }
      continue;
    }
    for (const auto& [slot, share] : row.shares) values.add(slot, r, value * share);
  }
}

ScapForecast ScapFold::finish() const {
  const State& st = *state_;
  const send::Scenario& scenario = *st.scenario;
  const auto& values = st.values;
  const auto& years = st.years;
  ScapForecast f;
  f.la_code = la_code_of(scenario.model);
  f.la_code_known = !f.la_code.empty();
  if (!f.la_code_known) f.la_code = "000";
  if (years.empty()) return f;
  f.base_year = *years.begin();
  // A calibrated model is named after its origin ("kent-2025": fitted on the
  // censuses to January 2025): that census is the base when the run holds it.
  const std::string& name = scenario.model.name;
  if (name.size() > 5 && name[name.size() - 5] == '-' && std::all_of(name.end() - 4, name.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
      })) {
    const std::string origin = name.substr(name.size() - 4);
    if (years.contains(origin)) f.base_year = origin;
  }
  const int base = std::stoi(f.base_year);
  struct Phase {
    const char* name;
    int years;
    std::span<const std::string_view> ncys;
    int area_offset;  // 3001 or 3011
  };
  const std::array<Phase, 2> phases = {{{"primary", kScapPrimaryYears, kPrimaryNcy, 3001},
                                        {"secondary", kScapSecondaryYears, kSecondaryNcy, 3011}}};
  for (const auto& phase : phases) {
    for (std::size_t t = 0; t < scap_types().size(); ++t) {
      const std::string type(scap_types()[t].first);
      const std::string area = f.la_code + std::to_string(phase.area_offset + static_cast<int>(t));
      for (int ahead = 1; ahead <= phase.years; ++ahead) {
        const std::string y = std::to_string(base + ahead);
        if (!years.contains(y)) continue;  // beyond the run
        for (const auto c : phase.ncys) {
          ScapRow row{area, phase.name, type, y, ahead, std::string(c), {}};
          row.stats = dfe_stats(values.values({type, y, std::string(c)}));
          f.rows.push_back(std::move(row));
        }
      }
    }
  }
  return f;
}

ScapForecast scap_forecast(const std::vector<send::ReplicationResult>& results,
                           const send::Scenario& scenario) {
  ScapFold fold(scenario, results.size());
  for (const auto& r : results) fold.add(r);
  return fold.finish();
}

struct DsgGridFold::State {
  using Key = std::array<std::string, 4>;  // category, breakdown, label code, year
  explicit State(std::size_t replications) : n(replications) {}
  std::size_t n;
  std::size_t added = 0;
  detail::SlotSums<Key> values{n};
  std::set<std::string> years;
  detail::RowCache<std::array<std::size_t, 4>> cache;  // an ehc_snapshot row's four slots
  // Financial summary values per (label, financial year) and replication.
  detail::PerReplication<std::array<std::string, 2>> finance{n};
  std::set<std::string> partial;  // financial years covered in part
};

DsgGridFold::DsgGridFold(std::size_t replications) : state_(std::make_unique<State>(replications)) {}
DsgGridFold::~DsgGridFold() = default;
DsgGridFold::DsgGridFold(DsgGridFold&&) noexcept = default;

void DsgGridFold::add(const send::ReplicationResult& result) {
  State& st = *state_;
  const std::size_t r = st.added++;
  if (const send::Table* t = result.find(send::tables::kEhcSnapshot)) {
    const int year = t->column("year");
    const int placement = t->column("placement");
    const int age = t->column("age_band");
    const int need = t->column("need");
    if (year >= 0 && placement >= 0 && age >= 0 && need >= 0) {
      st.cache.start();
      for (const auto& [key, value] : t->rows) {
        const auto& slots = st.cache.at(key, [&] {
          const std::string category(dsg_category(key[static_cast<std::size_t>(placement)]));
          const std::string& y = key[static_cast<std::size_t>(year)];
          st.years.insert(y);
          return std::array<std::size_t, 4>{
              st.values.slot({category, "Age group", key[static_cast<std::size_t>(age)], y}),
              st.values.slot({category, "Primary need", key[static_cast<std::size_t>(need)], y}),
              st.values.slot({category, "Age group", "total", y}),
              st.values.slot({category, "Primary need", "total", y})};
        });
        for (const std::size_t slot : slots) st.values.add(slot, r, value);
      }
    }
  }
  add_partial_financial_years(result, st.partial);
  if (const send::Table* t = result.find(send::tables::kDsg)) {
    const int fy = t->column("financial_year");
    const int measure = t->column("measure");
    if (fy >= 0 && measure >= 0) {
      for (const auto& [key, value] : t->rows) {
        const std::string& m = key[static_cast<std::size_t>(measure)];
        const char* label = m == "allocation"           ? "High needs block allocation"
                            : m == "dsg_spend"          ? "High needs spend funded by the DSG"
                            : m == "in_year_balance"    ? "In-year balance"
                            : m == "cumulative_balance" ? "Cumulative balance (negative: deficit)"
                                                        : nullptr;
        if (label != nullptr) st.finance.add({label, key[static_cast<std::size_t>(fy)]}, r, value);
      }
    }
  }
  if (const send::Table* t = result.find(send::tables::kSpend)) {
    const int fy = t->column("financial_year");
    const int line = t->column("line");
    if (fy < 0 || line < 0) return;
    for (const auto& [key, value] : t->rows) {
      if (key[static_cast<std::size_t>(line)] != "transport") continue;
      st.finance.add({"Home to school transport (outside the DSG)", key[static_cast<std::size_t>(fy)]}, r,
                     value);
    }
  }
}

std::vector<std::string> DsgGridFold::partial_financial_years() const {
  return {state_->partial.begin(), state_->partial.end()};
}

namespace {

double mean_of(const std::vector<double>& values) { return dfe_stats(values).mean; }

}  // namespace

DsgPlanGrid DsgGridFold::finish(const DsgGridFold* mitigated) const {
  const State& st = *state_;
  const auto& values = st.values;
  const auto& years = st.years;
  DsgPlanGrid grid;
  grid.comparison = mitigated != nullptr;
  for (const auto category : dsg_categories()) {
    const std::string c(category);
    for (const char* breakdown : {"Age group", "Primary need"}) {
      std::vector<std::string_view> codes;
      if (std::string_view(breakdown) == "Age group") {
        codes.assign(send::kAgeBandCodes.begin(), send::kAgeBandCodes.end());
      } else {
        codes.assign(send::kNeedCodes.begin(), send::kNeedCodes.end());
      }
      codes.push_back("total");
      for (const auto code : codes) {
        const std::string label = code == "total" ? std::string("Total")
                                  : std::string_view(breakdown) == "Age group"
                                      ? std::string(age_band_label(code))
                                      : std::string(need_label(code));
        for (const auto& y : years) {
          DsgGridRow row;
          row.sheet = c;
          row.category = std::string(dsg_category_label(c));
          row.breakdown = breakdown;
          row.label = label;
          row.year = y;
          row.unit = "children";
          row.key = row.sheet + "|" + row.breakdown + "|" + row.label + "|" + row.year;
          row.mean = mean_of(values.values({c, breakdown, std::string(code), y}));
          row.value = round_half_away(row.mean);
          grid.rows.push_back(std::move(row));
        }
      }
    }
  }
  const auto& finance = st.finance;
  const std::vector<std::string> partial = partial_financial_years();
  const auto* other = mitigated != nullptr ? &mitigated->state_->finance : nullptr;
  std::set<std::string> fys;
  for (const auto& [key, v] : finance.all()) fys.insert(key[1]);
  for (const char* label :
       {"High needs block allocation", "High needs spend funded by the DSG", "In-year balance",
        "Cumulative balance (negative: deficit)", "Home to school transport (outside the DSG)"}) {
    for (const auto& fy : fys) {
      DsgGridRow row;
      row.sheet = "Summary";
      row.category = "Financial summary";
      row.breakdown = "Financial summary";
      row.label = label;
      row.year = fy;
      row.unit = "pounds";
      row.partial = std::find(partial.begin(), partial.end(), fy) != partial.end();
      row.key = row.sheet + "|" + row.breakdown + "|" + row.label + "|" + row.year;
      row.mean = mean_of(finance.values({label, fy}));
      row.value = round_half_away(row.mean);
      if (other) {
        row.has_mitigated = true;
        row.mitigated_mean = mean_of(other->values({label, fy}));
        row.mitigated = round_half_away(row.mitigated_mean);
      }
      grid.rows.push_back(std::move(row));
    }
  }
  return grid;
}

DsgPlanGrid dsg_plan_grid(const std::vector<send::ReplicationResult>& results,
                          const std::vector<send::ReplicationResult>* mitigated) {
  DsgGridFold fold(results.size());
  for (const auto& r : results) fold.add(r);
  if (mitigated == nullptr) return fold.finish();
  DsgGridFold other(mitigated->size());
  for (const auto& r : *mitigated) other.add(r);
  return fold.finish(&other);
}

void add_partial_financial_years(const send::ReplicationResult& result, std::set<std::string>& years) {
  const send::Table* t = result.find(send::tables::kDsg);
  if (t == nullptr) return;
  const int fy = t->column("financial_year");
  const int measure = t->column("measure");
  if (fy < 0 || measure < 0) return;
  for (const auto& [key, value] : t->rows) {
    if (key[static_cast<std::size_t>(measure)] == "covered_days" && value < 365) {
      years.insert(key[static_cast<std::size_t>(fy)]);
    }
  }
}

std::vector<std::string> partial_financial_years(const std::vector<send::ReplicationResult>& results) {
  std::set<std::string> partial;
  for (const auto& r : results) add_partial_financial_years(r, partial);
  return {partial.begin(), partial.end()};
}

void write_scap_forecast(const std::filesystem::path& path, const ScapForecast& f) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header({"la_code", "planning_area", "phase", "provision_type", "year", "years_ahead", "ncy", "p5",
              "p25", "p50", "p75", "p95", "mean", "rounded"});
  for (const auto& r : f.rows) {
    csv.field(f.la_code).field(r.planning_area).field(r.phase).field(r.provision_type).field(r.year);
    csv.field(r.years_ahead).field(r.ncy).field(r.stats.p5).field(r.stats.p25).field(r.stats.p50);
    csv.field(r.stats.p75).field(r.stats.p95).field(r.stats.mean).field(r.stats.rounded);
    csv.end_row();
  }
  file.close();
}

void write_dsg_plan_grid(const std::filesystem::path& path, const DsgPlanGrid& grid) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  if (grid.comparison) {
    csv.header({"key", "sheet", "category", "breakdown", "label", "year", "unit", "partial_year", "value",
                "mean", "mitigated_value", "mitigated_mean"});
  } else {
    csv.header(
        {"key", "sheet", "category", "breakdown", "label", "year", "unit", "partial_year", "value", "mean"});
  }
  for (const auto& r : grid.rows) {
    csv.field(r.key)
        .field(r.sheet)
        .field(r.category)
        .field(r.breakdown)
        .field(r.label)
        .field(r.year)
        .field(r.unit);
    csv.field(r.partial ? 1 : 0).field(r.value).field(r.mean);
    if (grid.comparison) {
      if (r.has_mitigated && r.unit == "pounds") {
        csv.field(r.mitigated).field(r.mitigated_mean);
      } else {
        csv.field("").field("");
      }
    }
    csv.end_row();
  }
  file.close();
}

std::vector<std::string> write_comparison_dsg_grids(const std::filesystem::path& dir,
                                                    const std::vector<run::RunOutput>& runs,
                                                    const std::vector<std::string>& folders,
                                                    const std::string& version) {
  std::vector<std::string> files;
  if (runs.size() < 2 || folders.size() != runs.size()) return files;
  for (std::size_t s = 1; s < runs.size(); ++s) {
    const std::string name =
        runs.size() == 2 ? std::string(kDsgGridFile) : "dfe_dsg_plan_grid_" + folders[s] + ".csv";
    const DsgPlanGrid grid = dsg_plan_grid(runs[0].results, &runs[s].results);
    write_dsg_plan_grid(dir / name, grid);
    files.push_back(name);
    const std::string book =
        runs.size() == 2 ? std::string("dfe_dsg_plan.xlsx") : "dfe_dsg_plan_" + folders[s] + ".xlsx";
    write_dsg_plan_workbook(dir / book, grid, folders[0], folders[s], version);
    files.push_back(book);
  }
  return files;
}

}  // namespace sendsim::output
