// output/dfe_tables.cpp: the SCAP forecast and the DSG management plan grid,
// derived per replication (see dfe_tables.hpp and output/README.md).
#include "output/dfe_tables.hpp"

#include <array>
#include <map>
#include <utility>

namespace sendsim::output {

namespace {

struct PlacementMap {
  std::string_view placement;  // ehc_snapshot / ehc_by_year_group code
  std::string_view scap;       // SCAP provision type ("" outside specialist provision)
  std::string_view dsg;        // DSG management plan category
  std::string_view cost;       // cost_per_child_year group ("" none)
};

// The one mapping, documented in output/README.md (tables dfe_scap_forecast
// and dfe_dsg_plan_grid).
constexpr std::array<PlacementMap, 10> kPlacements = {{
    {"early_years", "", "early_years", "mainstream"},
    {"mainstream", "", "mainstream", "mainstream"},
    {"further_education", "", "post_16", "further_education"},
    {"enhanced", "resourced_provision", "resourced_provision", "enhanced"},
    {"special", "special", "special", "special"},
    {"special_out_of_county", "out_of_county", "special_out_of_county", "special"},
    {"inmss", "independent", "independent_special", "inmss"},
    {"awaiting_placement", "awaiting_place", "interim_awaiting_place", "awaiting_placement"},
    {"no_placement", "", "other", ""},
    {"other", "", "other", ""},
}};

const PlacementMap* find_placement(std::string_view placement) {
  for (const auto& p : kPlacements) {
    if (p.placement == placement) return &p;
  }
  return nullptr;
}

/// Column index of `name` in a table, or -1.
int column(const send::Table& t, std::string_view name) {
  for (std::size_t i = 0; i < t.info.columns.size(); ++i) {
    if (t.info.columns[i] == name) return static_cast<int>(i);
  }
  return -1;
}

/// The SCAP provision type of each setting that has commissioned places:
/// enhanced settings are resourced provision; special settings are special
/// in the area and out_of_county in an out-of-area district; INMSS settings
/// are independent. Settings a capital project opens are included.
std::map<std::string, std::string, std::less<>> setting_types(const send::Scenario& scenario) {
  std::map<std::string, bool, std::less<>> in_area;
  for (const auto& d : scenario.model.districts) in_area[d.name] = d.in_area;
  std::map<std::string, std::string, std::less<>> out;
  auto add = [&](const send::Setting& s) {
    const auto district = in_area.find(s.district);
    const bool local = district == in_area.end() || district->second;
    switch (s.type) {
      case send::SettingType::kMainstream: return;
      case send::SettingType::kEnhanced: out[s.name] = "resourced_provision"; return;
      case send::SettingType::kSpecial: out[s.name] = local ? "special" : "out_of_county"; return;
      case send::SettingType::kInmss: out[s.name] = "independent"; return;
    }
  };
  for (const auto& s : scenario.model.settings) add(s);
  for (const auto& p : scenario.model.capital_programme) {
    if (p.action == send::CapitalAction::kOpen) add(p.setting);
  }
  return out;
}

send::Table scap_table(const send::ReplicationResult& r,
                       const std::map<std::string, std::string, std::less<>>& types) {
  send::Table scap;
  scap.info = {std::string(kScapTable),
               {"year", "provision_type", "ncy", "measure"},
               "children or places",
               send::Missing::kZero,
               "SCAP-shaped specialist provision: plan holders by provision type and national curriculum year at "
               "the January census, and the places commissioned in that provision type"};
  if (const send::Table* by_ncy = r.find("ehc_by_year_group")) {
    const int year = column(*by_ncy, "year");
    const int placement = column(*by_ncy, "placement");
    const int ncy = column(*by_ncy, "ncy");
    if (year >= 0 && placement >= 0 && ncy >= 0) {
      for (const auto& [key, value] : by_ncy->rows) {
        const std::string_view type = scap_provision_type(key[static_cast<std::size_t>(placement)]);
        if (type.empty()) continue;
        const std::string& y = key[static_cast<std::size_t>(year)];
        scap.add({y, std::string(type), key[static_cast<std::size_t>(ncy)], "children"}, value);
        scap.add({y, std::string(type), "all", "children"}, value);
      }
    }
  }
  if (const send::Table* occupancy = r.find("occupancy")) {
    const int year = column(*occupancy, "year");
    const int setting = column(*occupancy, "setting");
    const int measure = column(*occupancy, "measure");
    if (year >= 0 && setting >= 0 && measure >= 0) {
      for (const auto& [key, value] : occupancy->rows) {
        if (key[static_cast<std::size_t>(measure)] != "places") continue;
        const auto type = types.find(key[static_cast<std::size_t>(setting)]);
        if (type == types.end()) continue;
        scap.add({key[static_cast<std::size_t>(year)], type->second, "all", "places"}, value);
      }
    }
  }
  return scap;
}

send::Table dsg_grid_table(const send::ReplicationResult& r) {
  send::Table grid;
  grid.info = {std::string(kDsgGridTable),
               {"year", "category", "age_band", "need", "measure"},
               "children or pounds",
               send::Missing::kZero,
               "DSG management plan-shaped grid: plan holders by placement category, age group and primary need at "
               "the January census, with an indicative annual cost (count x cost per child-year)"};
  const send::Table* plans = r.find("ehc_snapshot");
  if (plans == nullptr) return grid;
  const int year = column(*plans, "year");
  const int placement = column(*plans, "placement");
  const int age = column(*plans, "age_band");
  const int need = column(*plans, "need");
  if (year < 0 || placement < 0 || age < 0 || need < 0) return grid;
  std::map<std::pair<std::string, std::string>, double, std::less<>> unit_cost;  // (group, need)
  if (const send::Table* costs = r.find("cost_per_child_year")) {
    const int group = column(*costs, "group");
    const int cost_need = column(*costs, "need");
    if (group >= 0 && cost_need >= 0) {
      for (const auto& [key, value] : costs->rows) {
        unit_cost[{key[static_cast<std::size_t>(group)], key[static_cast<std::size_t>(cost_need)]}] = value;
      }
    }
  }
  for (const auto& [key, value] : plans->rows) {
    const std::string& p = key[static_cast<std::size_t>(placement)];
    const PlacementMap* map = find_placement(p);
    const std::string category(map != nullptr ? map->dsg : std::string_view("other"));
    const std::string& y = key[static_cast<std::size_t>(year)];
    const std::string& a = key[static_cast<std::size_t>(age)];
    const std::string& n = key[static_cast<std::size_t>(need)];
    grid.add({y, category, a, n, "children"}, value);
    if (map == nullptr || map->cost.empty()) continue;
    const auto cost = unit_cost.find(std::pair<std::string, std::string>(std::string(map->cost), n));
    if (cost == unit_cost.end()) continue;
    grid.add({y, category, a, n, "annual_cost"}, value * cost->second);
  }
  return grid;
}

}  // namespace

std::string_view scap_provision_type(std::string_view placement) {
  const PlacementMap* p = find_placement(placement);
  return p != nullptr ? p->scap : std::string_view();
}

std::string_view dsg_plan_category(std::string_view placement) {
  const PlacementMap* p = find_placement(placement);
  return p != nullptr ? p->dsg : std::string_view("other");
}

std::string_view cost_group(std::string_view placement) {
  const PlacementMap* p = find_placement(placement);
  return p != nullptr ? p->cost : std::string_view();
}

std::vector<send::Table> dfe_tables(const send::ReplicationResult& result, const send::Scenario& scenario) {
  return {scap_table(result, setting_types(scenario)), dsg_grid_table(result)};
}

std::vector<run::AggregatedTable> aggregate_dfe_tables(const std::vector<send::ReplicationResult>& results,
                                                       const send::Scenario& scenario) {
  const auto types = setting_types(scenario);
  std::vector<send::ReplicationResult> derived;
  derived.reserve(results.size());
  for (const auto& r : results) {
    send::ReplicationResult d;
    d.replication = r.replication;
    d.tables = {scap_table(r, types), dsg_grid_table(r)};
    derived.push_back(std::move(d));
  }
  return run::aggregate(derived);
}

}  // namespace sendsim::output
