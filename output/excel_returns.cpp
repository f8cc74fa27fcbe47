// output/excel_returns.cpp: the SCAP, DSG plan and places-against-need sheets
// of workbook.xlsx (see excel_returns.hpp).
#include "output/excel_returns.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "output/report_series.hpp"
#include "send/codes.hpp"
#include "send/tables.hpp"

namespace sendsim::output::excel_returns {

using excel_detail::Formats;
using excel_detail::label_of;
using excel_detail::Sheet;

namespace {

/// Sums over replications, divided by their number when read: means.
class Means {
 public:
  explicit Means(std::size_t n) : n_(n == 0 ? 1 : n) {}
  void add(const std::vector<std::string>& key, const std::string& year, double v) {
    sums_[key][year] += v;
    years_.insert(year);
  }
  [[nodiscard]] double mean(const std::vector<std::string>& key, const std::string& year) const {
    const auto it = sums_.find(key);
    if (it == sums_.end()) return 0.0;
    const auto y = it->second.find(year);
    return y == it->second.end() ? 0.0 : y->second / static_cast<double>(n_);
  }
  [[nodiscard]] const std::set<std::string>& years() const { return years_; }

 private:
  std::size_t n_;
  std::map<std::vector<std::string>, std::map<std::string, double>> sums_;
  std::set<std::string> years_;
};

}  // namespace

}  // namespace sendsim::output::excel_returns

namespace sendsim::output {

struct PlacesFold::State {
  std::map<std::string, SeriesSetting> settings;
  excel_returns::Means by_need;      // {type, need, measure}
  excel_returns::Means by_district;  // {type, district, measure}
  std::set<std::string> districts;
};

PlacesFold::PlacesFold(const send::Scenario& scenario, std::size_t replications)
    : state_(std::make_unique<State>(State{series_settings(scenario),
                                           excel_returns::Means(replications),
                                           excel_returns::Means(replications),
                                           {}})) {
  for (const auto& [name, l] : state_->settings) {
    if (l.local_specialist) state_->districts.insert(l.district);
  }
}
PlacesFold::~PlacesFold() = default;
PlacesFold::PlacesFold(PlacesFold&&) noexcept = default;

void PlacesFold::add(const send::ReplicationResult& result) {
  State& st = *state_;
  if (const send::Table* t = result.find(send::tables::kOccupancy)) {
    const int year = t->column("year");
    const int setting = t->column("setting");
    const int measure = t->column("measure");
    if (year < 0 || setting < 0 || measure < 0) return;
    for (const auto& [key, value] : t->rows) {
      const auto it = st.settings.find(key[static_cast<std::size_t>(setting)]);
      if (it == st.settings.end() || !it->second.local_specialist) continue;
      const std::string& m = key[static_cast<std::size_t>(measure)];
      const std::string& y = key[static_cast<std::size_t>(year)];
      if (m == "places") {
        for (const auto& need : it->second.open_needs)
          st.by_need.add({it->second.type, need, "places"}, y, value);
        st.by_district.add({it->second.type, it->second.district, "places"}, y, value);
        st.by_district.add({it->second.type, it->second.district, "shortfall"}, y, -value);
      } else if (m == "on_roll") {
        st.by_district.add({it->second.type, it->second.district, "on_roll"}, y, value);
        st.by_district.add({it->second.type, it->second.district, "shortfall"}, y, value);
      }
    }
  }
  if (const send::Table* t = result.find(send::tables::kEhcSnapshot)) {
    const int year = t->column("year");
    const int placement = t->column("placement");
    const int need = t->column("need");
    if (year < 0 || placement < 0 || need < 0) return;
    for (const auto& [key, value] : t->rows) {
      const std::string& p = key[static_cast<std::size_t>(placement)];
      if (p != "enhanced" && p != "special") continue;
      st.by_need.add({p, key[static_cast<std::size_t>(need)], "needing"}, key[static_cast<std::size_t>(year)],
                     value);
    }
  }
  if (const send::Table* t = result.find(send::tables::kUnmetDemand)) {
    const int year = t->column("year");
    const int provision = t->column("provision");
    const int need = t->column("need");
    const int district = t->column("district");
    if (year < 0 || provision < 0 || need < 0 || district < 0) return;
    for (const auto& [key, value] : t->rows) {
      const std::string& p = key[static_cast<std::size_t>(provision)];
      if (p != "enhanced" && p != "special") continue;
      const std::string& y = key[static_cast<std::size_t>(year)];
      st.by_need.add({p, key[static_cast<std::size_t>(need)], "needing"}, y, value);
      const std::string& d = key[static_cast<std::size_t>(district)];
      st.districts.insert(d);
      st.by_district.add({p, d, "unmet"}, y, value);
      st.by_district.add({p, d, "shortfall"}, y, value);
    }
  }
}

}  // namespace sendsim::output

namespace sendsim::output::excel_returns {

void places_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  std::optional<PlacesFold> own;
  if (in.folded == nullptr) {
    own.emplace(*in.scenario, in.output->results.size());
    for (const auto& r : in.output->results) own->add(r);
  }
  const PlacesFold::State& st = in.folded != nullptr ? in.folded->places.state() : own->state();
  const Means& by_need = st.by_need;
  const Means& by_district = st.by_district;
  const std::set<std::string>& districts = st.districts;
  std::set<std::string> year_set = by_need.years();
  year_set.insert(by_district.years().begin(), by_district.years().end());
  const std::vector<std::string> years(year_set.begin(), year_set.end());
  if (years.empty()) return excel_detail::no_data(s, send::tables::kOccupancy);

  int row = 0;
  s.text(row++, 0,
         "Places against need at the January census: enhanced provision and special schools in the area "
         "(means over replications)",
         f.title);
  s.note(row++, 2 + static_cast<int>(years.size()),
         "By need, a setting's places count under every need it is designated for (all needs when it is not "
         "designated), so places do not add up over needs. Children needing a place: placed in that "
         "provision or "
         "without a local place of it. Shortfall: children needing a place less places (negative: spare "
         "places).",
         2);
  ++row;
  const int head1 = row;
  std::vector<std::string> headers = {"Provision type", "Primary need", "Measure"};
  for (const auto& y : years) headers.push_back(y);
  ++row;
  for (const char* type : {"enhanced", "special"}) {
    for (const auto need : send::kNeedCodes) {
      const std::string n(need);
      for (const char* measure : {"places", "needing", "shortfall"}) {
        s.text(row, 0, label_of("placement", type));
        s.text(row, 1, label_of("need", n));
        s.text(row, 2,
               std::string(measure) == "places"    ? "Places open to the need"
               : std::string(measure) == "needing" ? "Children needing a place"
                                                   : "Shortfall");
        for (std::size_t c = 0; c < years.size(); ++c) {
          const double places = by_need.mean({type, n, "places"}, years[c]);
          const double needing = by_need.mean({type, n, "needing"}, years[c]);
          const double v = std::string(measure) == "places"    ? places
                           : std::string(measure) == "needing" ? needing
                                                               : needing - places;
          s.number(row, 3 + static_cast<int>(c), v, f.count);
        }
        ++row;
      }
    }
  }
  s.table(head1, row - 1, 0, headers);
  row += 2;
  const int head2 = row;
  std::vector<std::string> headers2 = {"Provision type", "District", "Measure"};
  for (const auto& y : years) headers2.push_back(y);
  ++row;
  for (const char* type : {"enhanced", "special"}) {
    for (const auto& d : districts) {
      for (const auto& [measure, label] : std::array<std::pair<const char*, const char*>, 4>{
               {{"places", "Places in the district's settings"},
                {"on_roll", "Children on roll in the district's settings"},
                {"unmet", "Children of the district without a local place"},
                {"shortfall", "Shortfall (on roll and without a place, less places)"}}}) {
        s.text(row, 0, label_of("placement", type));
        s.text(row, 1, d);
        s.text(row, 2, label);
        for (std::size_t c = 0; c < years.size(); ++c) {
          s.number(row, 3 + static_cast<int>(c), by_district.mean({type, d, measure}, years[c]), f.count);
        }
        ++row;
      }
    }
  }
  s.table(head2, row - 1, 0, headers2);
  worksheet_set_column(s.ws(), 0, 0, 40, nullptr);
  worksheet_set_column(s.ws(), 1, 1, 38, nullptr);
  worksheet_set_column(s.ws(), 2, 2, 46, nullptr);
  worksheet_set_column(s.ws(), 3, static_cast<lxw_col_t>(2 + years.size()), excel_detail::kNumberWidth,
                       nullptr);
  worksheet_freeze_panes(s.ws(), static_cast<lxw_row_t>(head1 + 1), 3);
  s.print_setup(head1, head1);
}

void scap_sheet(const Sheet& s, const ScapForecast& scap, const Formats& f) {
  int row = 0;
  s.text(row++, 0,
         "SCAP specialist-place forecast: resident pupils with an EHC plan needing a specialist place",
         f.title);
  s.note(
      row++, 14,
      "Layout of the SCAP 2026 collection (DfE, 'Forecasting demand for SEND provision for SCAP: guidance "
      "for "
      "local authorities'): pseudo planning areas LA code + 3001-3004 (primary: UR, IN, SS, AP) and + "
      "3011-3014 "
      "(secondary), NCY Reception to 11, primary 5 and secondary 7 census years after the base census (the "
      "model's "
      "origin, else the run's first census) " +
          (scap.base_year.empty() ? std::string("(none)") : scap.base_year) +
          ". Rounded: the mean to the nearest whole pupil, halves away from zero (rows rounded one by one).",
      3);
  char share[16];
  std::snprintf(share, sizeof share, "%.1f%%", kNmssShareOfInmss * 100);
  s.note(
      row++, 14,
      std::string("UR: enhanced provision. SS: special schools in and out of the area and the non-maintained "
                  "share of INMSS (") +
          share +
          ", England January 2025, SEN2). IN: the rest of INMSS. Children waiting for a place count under "
          "the "
          "type they wait for. AP rows are zero: the model places no child in alternative provision "
          "(children "
          "waiting hold an interim mainstream place).",
      3);
  if (!scap.la_code_known) {
    s.note(row++, 14,
           "The model names no known local authority: the LA code is written 000; replace it with yours.", 1);
  }
  ++row;
  const int head = row;
  const std::vector<std::string> headers = {"LA code",
                                            "Planning area",
                                            "Phase",
                                            "Provision type",
                                            "Provision type name",
                                            "Year (January census)",
                                            "Years ahead",
                                            "NCY",
                                            "p5",
                                            "p25",
                                            "p50",
                                            "p75",
                                            "p95",
                                            "Mean",
                                            "Rounded"};
  ++row;
  std::map<std::string_view, std::string_view> names(scap_types().begin(), scap_types().end());
  for (const auto& r : scap.rows) {
    s.text(row, 0, scap.la_code);
    s.text(row, 1, r.planning_area);
    s.text(row, 2, r.phase == "primary" ? "Primary" : "Secondary");
    s.text(row, 3, r.provision_type);
    s.text(row, 4, names[r.provision_type]);
    s.text(row, 5, r.year);
    s.number(row, 6, r.years_ahead, f.whole);
    s.text(row, 7, r.ncy);
    const std::array<double, 6> v = {r.stats.p5,  r.stats.p25, r.stats.p50,
                                     r.stats.p75, r.stats.p95, r.stats.mean};
    for (std::size_t i = 0; i < v.size(); ++i) s.number(row, 8 + static_cast<int>(i), v[i], f.count1);
    s.number(row, 14, static_cast<double>(r.stats.rounded), f.count);
    ++row;
  }
  if (scap.rows.empty()) s.text(row++, 0, "This run has no census inside the forecast years.");
  s.table(head, row - 1, 0, headers);
  worksheet_set_column(s.ws(), 0, 3, 14, nullptr);
  worksheet_set_column(s.ws(), 4, 4, 48, nullptr);
  worksheet_set_column(s.ws(), 5, 14, 11, nullptr);
  worksheet_freeze_panes(s.ws(), static_cast<lxw_row_t>(head + 1), 0);
  s.print_setup(head, head);
}

void dsg_summary_sheet(const Sheet& s, const DsgPlanGrid& grid, const Formats& f) {
  std::vector<std::string> labels;
  std::vector<std::string> years;
  std::set<std::string> partial;
  std::map<std::pair<std::string, std::string>, const DsgGridRow*> at;
  for (const auto& r : grid.rows) {
    if (r.sheet != "Summary") continue;
    if (std::find(labels.begin(), labels.end(), r.label) == labels.end()) labels.push_back(r.label);
    if (std::find(years.begin(), years.end(), r.year) == years.end()) years.push_back(r.year);
    if (r.partial) partial.insert(r.year);
    at[{r.label, r.year}] = &r;
  }
  std::sort(years.begin(), years.end());
  int row = 0;
  s.text(row++, 0, "DSG management plan: financial summary (£m, mean over replications)", f.title);
  const int last_col = static_cast<int>(labels.size() * (grid.comparison ? 2 : 1));
  s.note(row++, last_col,
         grid.comparison
             ? "Unmitigated: the base scenario; mitigated: the scenario compared with it."
             : "One scenario: the unmitigated position. A comparison (sendsim compare) writes the "
               "mitigated columns beside it in dfe_dsg_plan_grid.csv and dfe_dsg_plan.xlsx of the "
               "comparison folder.",
         2);
  ++row;
  const int head = row;
  std::vector<std::string> headers = {"Financial year"};
  for (const auto& l : labels) headers.push_back(grid.comparison ? l + " (unmitigated)" : l);
  if (grid.comparison) {
    for (const auto& l : labels) headers.push_back(l + " (mitigated)");
  }
  ++row;
  for (const auto& y : years) {
    s.text(row, 0, partial.contains(y) ? y + " (part year)" : y);
    int col = 1;
    for (const auto& l : labels) {
      const auto it = at.find({l, y});
      if (it != at.end()) s.number(row, col, it->second->mean * 1e-6, f.millions);
      ++col;
    }
    if (grid.comparison) {
      for (const auto& l : labels) {
        const auto it = at.find({l, y});
        if (it != at.end()) s.number(row, col, it->second->mitigated_mean * 1e-6, f.millions);
        ++col;
      }
    }
    ++row;
  }
  if (years.empty()) s.text(row++, 0, "This run has no dsg table.");
  s.table(head, row - 1, 0, headers);
  worksheet_set_column(s.ws(), 0, 0, 22, nullptr);
  worksheet_set_column(s.ws(), 1, static_cast<lxw_col_t>(headers.size()), 20, nullptr);
  worksheet_set_row(s.ws(), static_cast<lxw_row_t>(head), 48, nullptr);
  worksheet_freeze_panes(s.ws(), static_cast<lxw_row_t>(head + 1), 1);
  s.print_setup(head, head);
}

void dsg_category_sheet(const Sheet& s, const DsgPlanGrid& grid, std::string_view category,
                        const Formats& f) {
  int row = 0;
  s.text(row++, 0,
         std::string(category) + ": " + std::string(dsg_category_label(category)) +
             ", EHC plans at the January census (whole numbers, mean over replications rounded)",
         f.title);
  std::set<std::string> all_years;
  for (const auto& r : grid.rows) {
    if (r.sheet == category) all_years.insert(r.year);
  }
  s.note(
      row++, std::max(4, static_cast<int>(all_years.size())),
      "Each row is rounded on its own (halves away from zero), so the rows may not add up to the Total row "
      "exactly. The key column of 'DSG plan lookup' and of dfe_dsg_plan_grid.csv is "
      "SHEET|BREAKDOWN|LABEL|YEAR.",
      3);
  int first_head = -1;
  for (const char* breakdown : {"Age group", "Primary need"}) {
    std::vector<std::string> labels;
    std::vector<std::string> years;
    std::map<std::pair<std::string, std::string>, std::int64_t> v;
    for (const auto& r : grid.rows) {
      if (r.sheet != category || r.breakdown != breakdown) continue;
      if (std::find(labels.begin(), labels.end(), r.label) == labels.end()) labels.push_back(r.label);
      if (std::find(years.begin(), years.end(), r.year) == years.end()) years.push_back(r.year);
      v[{r.label, r.year}] = r.value;
    }
    ++row;
    const int head = row;
    if (first_head < 0) first_head = head;
    std::vector<std::string> headers = {breakdown};
    for (const auto& y : years) headers.push_back(y);
    ++row;
    for (const auto& l : labels) {
      s.text(row, 0, l, l == "Total" ? f.total_label : nullptr);
      for (std::size_t c = 0; c < years.size(); ++c) {
        s.number(row, 1 + static_cast<int>(c), static_cast<double>(v[{l, years[c]}]),
                 l == "Total" ? f.total_count : f.count);
      }
      ++row;
    }
    if (labels.empty()) s.text(row++, 0, "This run has no ehc_snapshot table.");
    s.table(head, row - 1, 0, headers);
  }
  worksheet_set_column(s.ws(), 0, 0, 44, nullptr);
  worksheet_set_column(s.ws(), 1, 40, 10, nullptr);
  s.print_setup(first_head, first_head);
}

void dsg_lookup_sheet(const Sheet& s, const DsgPlanGrid& grid, const Formats& f) {
  std::vector<std::string> headers = {"Key",  "Sheet", "Category",  "Breakdown", "Label",
                                      "Year", "Unit",  "Part year", "Value",     "Mean"};
  if (grid.comparison) {
    headers.emplace_back("Mitigated value");
    headers.emplace_back("Mitigated mean");
  }
  int row = 1;
  for (const auto& r : grid.rows) {
    s.text(row, 0, r.key);
    s.text(row, 1, r.sheet);
    s.text(row, 2, r.category);
    s.text(row, 3, r.breakdown);
    s.text(row, 4, r.label);
    s.text(row, 5, r.year);
    s.text(row, 6, r.unit);
    s.text(row, 7, r.partial ? "yes" : "no");
    s.number(row, 8, static_cast<double>(r.value), r.unit == "pounds" ? f.pounds : f.count);
    s.number(row, 9, r.mean, r.unit == "pounds" ? f.pounds : f.count1);
    if (grid.comparison && r.has_mitigated && r.unit == "pounds") {
      s.number(row, 10, static_cast<double>(r.mitigated), f.pounds);
      s.number(row, 11, r.mitigated_mean, f.pounds);
    }
    ++row;
  }
  s.table(0, row - 1, 0, headers);
  worksheet_set_column(s.ws(), 0, 0, 60, nullptr);
  worksheet_set_column(s.ws(), 1, 1, 10, nullptr);
  worksheet_set_column(s.ws(), 2, 2, 44, nullptr);
  worksheet_set_column(s.ws(), 3, 4, 36, nullptr);
  worksheet_set_column(s.ws(), 5, 11, 14, nullptr);
  worksheet_freeze_panes(s.ws(), 1, 0);
  s.print_setup(0, 0);
}

}  // namespace sendsim::output::excel_returns
