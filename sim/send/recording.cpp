// sim/send/recording.cpp: the Recorder's tables: the January census snapshot
// and the end-of-run tables a replication emits, read from the World through
// const access. The table list and their meaning are documented for users in
// output/README.md.
#include "send/recording.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "send/tables.hpp"
#include "send/world.hpp"

namespace sendsim::send {

namespace {

std::string str(std::string_view v) { return std::string(v); }

/// A plan holder's placement at the census (send/codes.hpp `CensusPlacement`).
CensusPlacement placement_of(const Child& c, const std::vector<Setting>& specs, int academic_age) {
  if (c.waiting) return CensusPlacement::kAwaitingPlacement;
  if (c.setting < 0) return CensusPlacement::kNoPlacement;
  const Setting& s = specs[c.setting];
  switch (s.type) {
    case SettingType::kMainstream:
      if (academic_age < 4) return CensusPlacement::kEarlyYears;
      if (academic_age >= 16) return CensusPlacement::kFurtherEducation;
      return CensusPlacement::kMainstream;
    case SettingType::kEnhanced:
      return CensusPlacement::kEnhanced;
    case SettingType::kSpecial:
      return c.fallback ? CensusPlacement::kSpecialOutOfCounty : CensusPlacement::kSpecial;
    case SettingType::kInmss:
      return CensusPlacement::kInmss;
  }
  return CensusPlacement::kOther;
}

enum TableId : std::size_t {
  kEhcSnapshot,
  kSupportSnapshot,
  kPipeline,
  kWaitingSnapshot,
  kUnmetDemand,
  kOccupancy,
  kFlows,
  kTimeliness,
  kWaitsEnded,
  kWaitWeeks,
  kCapacity,
  kConservation,
  kCoverage,
  kTravel,
  kByYearGroup,
  kSufficiency,
  kTableCount
};

}  // namespace

std::vector<Table> make_tables() {
  std::vector<Table> t(kTableCount);
  t[kEhcSnapshot].info = {str(tables::kEhcSnapshot),
                          {"year", "placement", "age_band", "need"},
                          "children",
                          Missing::kZero,
                          "EHC plans at the January census by placement, SEN2 age band and primary need"};
  t[kSupportSnapshot].info = {str(tables::kSenSupportSnapshot),
                              {"year", "age_band", "need"},
                              "children",
                              Missing::kZero,
                              "children on SEN support (including those with a request or assessment under "
                              "way) at the January census"};
  t[kPipeline].info = {str(tables::kPipelineSnapshot),
                       {"year", "stage"},
                       "children",
                       Missing::kZero,
                       "children in the statutory pipeline at the January census by stage"};
  t[kWaitingSnapshot].info = {
      str(tables::kWaitingSnapshot),
      {"year", "provision", "need", "district"},
      "children",
      Missing::kZero,
      "plan holders waiting in an interim place for the provision their plan names, at the January census"};
  t[kUnmetDemand].info = {str(tables::kUnmetDemand),
                          {"year", "provision", "need", "district"},
                          "children",
                          Missing::kZero,
                          "plan holders without a local place of the kind their plan names (waiting, or sent "
                          "to INMSS or out of county for want of one), at the January census"};
  t[kOccupancy].info = {str(tables::kOccupancy),
                        {"year", "setting", "measure"},
                        "children",
                        Missing::kZero,
                        "per setting at the January census: places, on_roll, over_number; and the "
                        "time-averages since the previous census: mean_on_roll, mean_over_number"};
  t[kFlows].info = {str(tables::kFlows),
                    {"year", "measure"},
                    "children",
                    Missing::kZero,
                    "events in the calendar year: requests, decisions, assessments, plans issued, ceased "
                    "plans by reason, appeals, placements"};
  t[kTimeliness].info = {
      str(tables::kTimeliness),
      {"year", "measure"},
      "percent or weeks",
      Missing::kSkip,
      "pct_within_20_weeks of plans issued in the calendar year, and mean_weeks_request_to_issue"};
  t[kWaitsEnded].info = {
      str(tables::kWaitsEnded),
      {"year", "provision"},
      "children",
      Missing::kZero,
      "waits for a place that ended in the calendar year (placed, timed out, plan ceased or changed)"};
  t[kWaitWeeks].info = {str(tables::kWaitWeeks),
                        {"year", "provision", "measure"},
                        "weeks",
                        Missing::kSkip,
                        "length of the waits that ended in the calendar year: mean and max"};
  t[kCapacity].info = {str(tables::kCapacity),
                       {"setting", "measure"},
                       "children or child-days",
                       Missing::kZero,
                       "per setting over the whole run: max_over_number (most children over the commissioned "
                       "number at once), over_number_child_days, mean_on_roll"};
  t[kConservation].info = {
      str(tables::kConservation),
      {"state", "measure"},
      "children",
      Missing::kZero,
      "for each state: stock at the start, entries, exits, stock at the end (end = start + in - out)"};
  t[kCoverage].info = {
      str(tables::kCoverage),
      {"year", "measure"},
      "days",
      Missing::kZero,
      "days of each calendar year inside the simulated period (flows of a partial year cover only these)"};
  t[kTravel].info = {
      str(tables::kTravel),
      {"year", "provision", "measure"},
      "minutes",
      Missing::kSkip,
      "plan holders placed in a setting at the January census, by the type of that setting: mean_minutes of "
      "travel from home district (settings out of county count at their modelled distance)"};
  t[kByYearGroup].info = {
      str(tables::kEhcByYearGroup),
      {"year", "placement", "ncy"},
      "children",
      Missing::kZero,
      "EHC plans at the January census by placement and national curriculum year (early_years before "
      "Reception, R, 1-13, 14+ for post-19), for SCAP-style forecasts"};
  t[kSufficiency].info = {
      str(tables::kSufficiencySnapshot),
      {"year", "district", "need", "provision", "measure"},
      "children",
      Missing::kZero,
      "enhanced and special places of each in-area district apportioned to needs by who is on roll, and the "
      "plan holders of each home district and need whose plan names that provision: placed in it locally, "
      "waiting, or placed elsewhere (INMSS or out of area), at the January census"};
  return t;
}

Recorder::Recorder(std::size_t settings, int years)
    : tables_(make_tables()),
      census_areas_(settings, {0.0, 0.0}),
      wait_weeks_(static_cast<std::size_t>(std::max(years, 1))),
      flows_(static_cast<std::size_t>(std::max(years, 1))) {}

void Recorder::census(const World& w) {
  const Model& model = w.model();
  const Places& places = w.places();
  const std::string year = std::to_string(w.calendar().date(w.now()).year);
  const double now = w.now();
  // Count into arrays first (strings only for the cells that are not empty).
  const std::size_t nd = model.districts.size();
  constexpr std::size_t kCells = kAgeBandCount * kNeedCount;
  std::vector<double> plans(kPlacementCodes.size() * kCells, 0.0);
  std::vector<double> support(kCells, 0.0);
  std::vector<double> waiting(kSettingTypeCount * kNeedCount * nd, 0.0);
  std::vector<double> unmet(kSettingTypeCount * kNeedCount * nd, 0.0);
  std::array<double, 3> pipeline{};
  constexpr std::size_t kYearGroups = 17;  // early years, R, 1..14+
  std::vector<double> by_ncy(kPlacementCodes.size() * kYearGroups, 0.0);
  std::array<double, kSettingTypeCount> travel_sum{};
  std::array<double, kSettingTypeCount> travel_n{};
  // Sufficiency (enhanced and special only): per setting and need on roll;
  // per home district, need and type: placed locally, waiting, elsewhere.
  constexpr std::size_t kSufficiencyMeasures = 4;  // places, placed, waiting, placed_elsewhere
  std::vector<double> on_roll_by_need(places.size() * kNeedCount, 0.0);
  std::vector<double> sufficiency(2 * kNeedCount * nd * kSufficiencyMeasures, 0.0);
  auto sufficiency_cell = [&](SettingType type, std::size_t need, std::size_t district,
                              std::size_t measure) -> double& {
    const std::size_t t = type == SettingType::kEnhanced ? 0 : 1;
    return sufficiency[((t * kNeedCount + need) * nd + district) * kSufficiencyMeasures + measure];
  };
  for (const std::uint32_t id : w.live()) {
    const Child& c = w.children()[id];
    if (c.status == Status::kGone) continue;
    const int age = std::clamp(w.academic_age(c), 0, 25);
    const std::size_t cell = index(age_band_of(age)) * kNeedCount + index(c.need);
    if (c.status != Status::kPlan) {
      support[cell] += 1;
      if (c.status == Status::kRequested) {
        pipeline[0] += 1;
      } else if (c.status == Status::kAssessing) {
        pipeline[c.in_assessment_work ? 1 : 2] += 1;
      }
      continue;
    }
    plans[index(placement_of(c, places.specs(), age)) * kCells + cell] += 1;
    by_ncy[index(placement_of(c, places.specs(), age)) * kYearGroups +
           static_cast<std::size_t>(std::clamp(age - 3, 0, 16))] += 1;
    if (c.setting >= 0 && !c.waiting) {
      const double minutes = places.minutes(c.district, c.setting);
      if (std::isfinite(minutes)) {
        travel_sum[index(places.spec(c.setting).type)] += minutes;
        travel_n[index(places.spec(c.setting).type)] += 1;
      }
    }
    const SettingType provision = c.waiting ? c.waiting_for : c.plan_type;
    const std::size_t where = (index(provision) * kNeedCount + index(c.need)) * nd + c.district;
    if (c.waiting) waiting[where] += 1;
    if (c.waiting || c.fallback) unmet[where] += 1;
    if (c.setting >= 0 && !c.waiting)
      on_roll_by_need[static_cast<std::size_t>(c.setting) * kNeedCount + index(c.need)] += 1;
    if (is_specialist(provision) && model.districts[c.district].in_area) {
      std::size_t measure = 3;  // placed elsewhere: INMSS or out of area for want of a place, or another type
      if (c.waiting) {
        measure = 2;
      } else if (!c.fallback && c.setting >= 0 && places.spec(c.setting).type == provision &&
                 places.in_area(c.setting)) {
        measure = 1;
      }
      sufficiency_cell(provision, index(c.need), c.district, measure) += 1;
    }
  }
  // Places of in-area enhanced and special settings, apportioned to needs by
  // the needs of the children on roll; an empty setting's places are split
  // evenly over its designated needs (every need when it has none).
  for (int s = 0; s < static_cast<int>(places.size()); ++s) {
    const Setting& spec = places.spec(s);
    if (!places.is_local_specialist(s) || places.state(s).places <= 0) continue;
    const std::size_t d = places.district(s);
    const double count = places.state(s).places;
    double total = 0;
    for (int n = 0; n < kNeedCount; ++n) total += on_roll_by_need[s * kNeedCount + n];
    if (total > 0) {
      for (int n = 0; n < kNeedCount; ++n) {
        sufficiency_cell(spec.type, n, d, 0) += count * on_roll_by_need[s * kNeedCount + n] / total;
      }
    } else if (spec.needs.empty()) {
      for (int n = 0; n < kNeedCount; ++n) sufficiency_cell(spec.type, n, d, 0) += count / kNeedCount;
    } else {
      for (Need n : spec.needs)
        sufficiency_cell(spec.type, index(n), d, 0) += count / static_cast<double>(spec.needs.size());
    }
  }
  static constexpr std::array<std::string_view, kSufficiencyMeasures> kSufficiencyCodes = {
      "places", "placed", "waiting", "placed_elsewhere"};
  for (int t = 0; t < 2; ++t) {
    const SettingType type = t == 0 ? SettingType::kEnhanced : SettingType::kSpecial;
    for (std::size_t d = 0; d < nd; ++d) {
      for (int n = 0; n < kNeedCount; ++n) {
        for (std::size_t m = 0; m < kSufficiencyMeasures; ++m) {
          const double v = sufficiency_cell(type, n, d, m);
          if (v != 0) {
            tables_[kSufficiency].add({year, model.districts[d].name, str(kNeedCodes[n]),
                                       str(kSettingTypeCodes[index(type)]), str(kSufficiencyCodes[m])},
                                      v);
          }
        }
      }
    }
  }
  for (std::size_t label = 0; label < kPlacementCodes.size(); ++label) {
    for (int b = 0; b < kAgeBandCount; ++b) {
      for (int n = 0; n < kNeedCount; ++n) {
        const double v = plans[label * kCells + b * kNeedCount + n];
        if (v != 0)
          tables_[kEhcSnapshot].add(
              {year, str(kPlacementCodes[label]), str(kAgeBandCodes[b]), str(kNeedCodes[n])}, v);
      }
    }
  }
  static constexpr std::array<std::string_view, kYearGroups> kYearGroupCodes = {
      "early_years", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14+", "14+"};
  for (std::size_t label = 0; label < kPlacementCodes.size(); ++label) {
    for (std::size_t g = 0; g < kYearGroups; ++g) {
      const double v = by_ncy[label * kYearGroups + g];
      if (v != 0) tables_[kByYearGroup].add({year, str(kPlacementCodes[label]), str(kYearGroupCodes[g])}, v);
    }
  }
  for (int b = 0; b < kAgeBandCount; ++b) {
    for (int n = 0; n < kNeedCount; ++n) {
      const double v = support[b * kNeedCount + n];
      if (v != 0) tables_[kSupportSnapshot].add({year, str(kAgeBandCodes[b]), str(kNeedCodes[n])}, v);
    }
  }
  for (int t = 0; t < kSettingTypeCount; ++t) {
    for (int n = 0; n < kNeedCount; ++n) {
      for (std::size_t d = 0; d < nd; ++d) {
        const std::size_t where = (t * kNeedCount + n) * nd + d;
        if (waiting[where] == 0 && unmet[where] == 0) continue;
        const std::vector<std::string> key = {year, str(kSettingTypeCodes[t]), str(kNeedCodes[n]),
                                              model.districts[d].name};
        if (waiting[where] != 0) tables_[kWaitingSnapshot].add(key, waiting[where]);
        if (unmet[where] != 0) tables_[kUnmetDemand].add(key, unmet[where]);
      }
    }
  }
  for (int t = 0; t < kSettingTypeCount; ++t) {
    if (travel_n[t] > 0)
      tables_[kTravel].set({year, str(kSettingTypeCodes[t]), "mean_minutes"}, travel_sum[t] / travel_n[t]);
  }
  tables_[kPipeline].add({year, "awaiting_decision"}, pipeline[0]);
  tables_[kPipeline].add({year, "in_assessment"}, pipeline[1]);
  tables_[kPipeline].add({year, "awaiting_assessment_or_issue"}, pipeline[2]);
  tables_[kPipeline].add({year, "assessment_queue"}, static_cast<double>(w.assessment_team().queued()));
  for (std::size_t s = 0; s < places.size(); ++s) {
    const SettingState& st = places.state(static_cast<int>(s));
    const Setting& spec = places.spec(static_cast<int>(s));
    auto& [census_area, census_over_area] = census_areas_[s];
    const std::string& name = spec.name;
    if (!spec.unlimited) tables_[kOccupancy].add({year, name, "places"}, st.places);
    tables_[kOccupancy].add({year, name, "on_roll"}, st.on_roll);
    const double area = st.occupancy.area(now);
    const double over_area = st.over_number.area(now);
    const double since = last_census_ >= 0 ? now - last_census_ : now;
    if (since > 0) {
      tables_[kOccupancy].add({year, name, "mean_on_roll"}, (area - census_area) / since);
      if (!spec.unlimited)
        tables_[kOccupancy].add({year, name, "mean_over_number"}, (over_area - census_over_area) / since);
    }
    if (!spec.unlimited)
      tables_[kOccupancy].add({year, name, "over_number"}, std::max(0, st.on_roll - st.places));
    census_area = area;
    census_over_area = over_area;
  }
  last_census_ = w.now();
}

void Recorder::finish(const World& w) {
  const Places& places = w.places();
  const int start_year = w.model().start_date.year;
  const double now = w.now();
  for (std::size_t y = 0; y < flows_.size(); ++y) {
    const std::string year = std::to_string(start_year + static_cast<int>(y));
    const auto& f = flows_[y];
    for (int m = 0; m < kFlowCount; ++m) {
      if (static_cast<Flow>(m) == Flow::kWeeksToIssueSum) continue;
      tables_[kFlows].add({year, str(kFlowCodes[m])}, f[m]);
    }
    const double issued = f[index(Flow::kPlansIssued)];
    if (issued > 0) {
      tables_[kTimeliness].set({year, "pct_within_20_weeks"},
                               100.0 * f[index(Flow::kIssuedWithin20)] / issued);
      tables_[kTimeliness].set({year, "mean_weeks_request_to_issue"},
                               f[index(Flow::kWeeksToIssueSum)] / issued);
    }
    for (int t = 0; t < kSettingTypeCount; ++t) {
      const auto& tally = wait_weeks_[y][t];
      const std::string provision = str(kSettingTypeCodes[t]);
      tables_[kWaitsEnded].add({year, provision}, static_cast<double>(tally.count()));
      if (tally.count() > 0) {
        tables_[kWaitWeeks].set({year, provision, "mean"}, tally.mean());
        tables_[kWaitWeeks].set({year, provision, "max"}, tally.max());
      }
    }
    const Day first =
        std::max<Day>(0, w.calendar().day(engine::Date{start_year + static_cast<int>(y), 1, 1}));
    const Day last =
        std::min<Day>(w.end_day(), w.calendar().day(engine::Date{start_year + static_cast<int>(y), 12, 31}));
    tables_[kCoverage].set({year, "days"}, std::max<Day>(0, last - first + 1));
  }
  for (std::size_t s = 0; s < places.size(); ++s) {
    const auto& st = places.state(static_cast<int>(s));
    const std::string& name = places.spec(static_cast<int>(s)).name;
    tables_[kCapacity].set({name, "max_over_number"}, st.max_over_number);
    tables_[kCapacity].set({name, "over_number_child_days"}, st.over_number.area(now));
    tables_[kCapacity].set({name, "mean_on_roll"}, st.occupancy.average(now));
  }
  std::array<std::int64_t, kStatusCount> end_stock{};
  for (const std::uint32_t id : w.live()) {
    const Child& c = w.children()[id];
    if (c.status != Status::kGone) ++end_stock[index(c.status)];
  }
  for (int s = 0; s < kStatusCount; ++s) {
    const std::string state = str(kStatusCodes[s]);
    tables_[kConservation].set({state, "start"}, static_cast<double>(conservation_[s][0]));
    tables_[kConservation].set({state, "in"}, static_cast<double>(conservation_[s][1]));
    tables_[kConservation].set({state, "out"}, static_cast<double>(conservation_[s][2]));
    tables_[kConservation].set({state, "end"}, static_cast<double>(end_stock[s]));
  }
}

ReplicationResult Recorder::result(std::size_t replication, std::uint64_t events) {
  ReplicationResult result;
  result.replication = replication;
  result.tables = std::move(tables_);
  result.events = events;
  result.fingerprint = fingerprint_;
  result.child_years = child_days_ / kDaysPerYear;
  return result;
}

}  // namespace sendsim::send
