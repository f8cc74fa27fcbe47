// sim/scenario/validate.cpp: the cross-field rules (see validate.hpp).
#include "scenario/validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

#include "engine/calendar.hpp"
#include "send/network.hpp"
#include "send/uncertainty.hpp"

namespace sendsim::scenario {

namespace {

using send::kAgeBandCodes;
using send::kNeedCodes;
using send::kSettingTypeCodes;

class Checker {
 public:
  Checker(const send::Model& m, const Locations& where) : m_(m), where_(where) {}

  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    throw InputError(where_.at(path), path, message);
  }

  void districts() {
    if (m_.districts.size() > send::kMaxDistricts) {
      fail("districts", "expected at most " + std::to_string(send::kMaxDistricts) + " districts, got " +
                            std::to_string(m_.districts.size()));
    }
    std::map<std::string, std::size_t> seen;
    bool any_in_area = false;
    for (std::size_t i = 0; i < m_.districts.size(); ++i) {
      const send::District& d = m_.districts[i];
      const auto [it, fresh] = seen.emplace(d.name, i);
      if (!fresh) {
        fail(item_path("districts", i) + ".name", "duplicate district \"" + shown(d.name) + "\" (also " +
                                                      item_path("districts", it->second) + ")");
      }
      any_in_area = any_in_area || d.in_area;
      names_.insert(d.name);
    }
    if (!any_in_area) fail("districts", "no district is in the area (in_area: true)");
  }

  void known_district(const std::string& path, const std::string& name) const {
    if (names_.count(name) > 0) return;
    fail(path, "unknown district \"" + shown(name) + "\"; known districts: " +
                   name_list(std::vector<std::string>(names_.begin(), names_.end())));
  }

  void travel() {
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    for (std::size_t i = 0; i < m_.travel.size(); ++i) {
      const send::TravelLink& t = m_.travel[i];
      const std::string path = item_path("travel", i);
      known_district(path + ".from", t.from);
      known_district(path + ".to", t.to);
      if (t.from == t.to) fail(path + ".to", "a link from \"" + shown(t.from) + "\" to itself");
      const auto key = std::minmax(t.from, t.to);
      const auto [it, fresh] = seen.emplace(std::pair{key.first, key.second}, i);
      if (!fresh) {
        fail(path, "duplicate link between \"" + shown(t.from) + "\" and \"" + shown(t.to) + "\" (also " +
                       item_path("travel", it->second) + ")");
      }
    }
  }

  void settings() {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < m_.settings.size(); ++i) {
      const send::Setting& s = m_.settings[i];
      const std::string path = item_path("settings", i);
      const auto [it, fresh] = seen.emplace(s.name, i);
      if (!fresh) {
        fail(path + ".name",
             "duplicate setting \"" + shown(s.name) + "\" (also " + item_path("settings", it->second) + ")");
      }
      known_district(path + ".district", s.district);
      if (s.min_age > s.max_age) {
        fail(path + ".min_age", "min_age " + std::to_string(s.min_age) + " is greater than max_age " +
                                    std::to_string(s.max_age));
      }
      if (s.unlimited && !s.places.empty()) {
        fail(path + ".places", "an unlimited setting has no places; give either unlimited: true or places");
      }
      if (!s.unlimited && s.places.empty())
        fail(path, "missing required key \"places\" (or unlimited: true)");
      for (std::size_t k = 1; k < s.places.size(); ++k) {
        if (!(s.places[k - 1].from < s.places[k].from)) {
          fail(item_path(path + ".places", k) + ".from",
               "dates must be strictly ascending: " + engine::to_iso(s.places[k].from) + " is not after " +
                   engine::to_iso(s.places[k - 1].from));
        }
      }
    }
  }

  void known_setting(const std::string& path, const std::string& name) const {
    if (setting_names_.count(name) > 0) return;
    fail(path, "unknown setting \"" + shown(name) + "\"; known settings: " +
                   name_list(std::vector<std::string>(setting_names_.begin(), setting_names_.end())));
  }

  void capital_programme() {
    for (const send::Setting& s : m_.settings) setting_names_.insert(s.name);
    std::map<std::string, std::size_t> projects;
    for (std::size_t i = 0; i < m_.capital_programme.size(); ++i) {
      const send::CapitalProject& p = m_.capital_programme[i];
      const std::string path = item_path("capital_programme", i);
      const auto [it, fresh] = projects.emplace(p.name, i);
      if (!fresh) {
        fail(path + ".name", "duplicate project \"" + shown(p.name) + "\" (also " +
                                 item_path("capital_programme", it->second) + ")");
      }
      if (p.action != send::CapitalAction::kOpen) continue;
      const std::string at = path + ".setting";
      if (!setting_names_.insert(p.setting.name).second) {
        fail(at + ".name", "a setting named \"" + shown(p.setting.name) + "\" already exists");
      }
      known_district(at + ".district", p.setting.district);
      if (p.setting.min_age > p.setting.max_age) {
        fail(at + ".min_age", "min_age " + std::to_string(p.setting.min_age) + " is greater than max_age " +
                                  std::to_string(p.setting.max_age));
      }
      if (!p.setting.places.empty()) {
        fail(at + ".places",
             "a setting opened by a project takes its places from the project (places, ramp_up)");
      }
      if (p.setting.unlimited) fail(at + ".unlimited", "a setting opened by a project cannot be unlimited");
    }
    for (std::size_t i = 0; i < m_.capital_programme.size(); ++i) {
      const send::CapitalProject& p = m_.capital_programme[i];
      const std::string path = item_path("capital_programme", i);
      const std::string_view action = send::kCapitalActionCodes[send::index(p.action)];
      if (p.action != send::CapitalAction::kOpen) known_setting(path + ".setting", p.setting.name);
      const bool sized = p.action == send::CapitalAction::kOpen || p.action == send::CapitalAction::kExpand ||
                         p.action == send::CapitalAction::kReduce;
      if (sized && p.places <= 0) {
        fail(path + ".places",
             "action " + std::string(action) + " needs places above 0, got " + std::to_string(p.places));
      }
      if (p.min_age >= 0 && p.max_age >= 0 && p.min_age > p.max_age) {
        fail(path + ".min_age", "min_age " + std::to_string(p.min_age) + " is greater than max_age " +
                                    std::to_string(p.max_age));
      }
      if (p.earliest_start >= 0) {
        // The works start lead_time_months before the planned date.
        const int months = p.planned.year * 12 + (p.planned.month - 1) - p.lead_time_months;
        const int start_year = months >= 0 ? months / 12 : -((-months + 11) / 12);
        if (start_year < p.earliest_start) {
          const int start_month = months - start_year * 12 + 1;
          fail(path + ".planned", "the works would start in " + std::to_string(start_year) + "-" +
                                      (start_month < 10 ? "0" : "") + std::to_string(start_month) +
                                      " (planned less lead_time_months " +
                                      std::to_string(p.lead_time_months) + "), before earliest_start " +
                                      std::to_string(p.earliest_start));
        }
      }
    }
    // A setting's places with every opening and expansion, in a wide type.
    std::map<std::string, std::int64_t> most;
    for (const send::Setting& s : m_.settings) {
      std::int64_t listed = 0;
      for (const auto& step : s.places) listed = std::max<std::int64_t>(listed, step.places);
      most[s.name] = listed;
    }
    for (std::size_t i = 0; i < m_.capital_programme.size(); ++i) {
      const send::CapitalProject& p = m_.capital_programme[i];
      if (p.action != send::CapitalAction::kOpen && p.action != send::CapitalAction::kExpand) continue;
      std::int64_t& places = most[p.setting.name];
      places += p.places;
      if (places > send::kMaxPlaces) {
        fail(item_path("capital_programme", i) + ".places",
             "setting \"" + shown(p.setting.name) + "\" would have up to " + std::to_string(places) +
                 " places with this project; expected at most " + std::to_string(send::kMaxPlaces));
      }
    }
  }

  void demand_and_costs() const {
    const auto& bands = m_.costs.transport;
    for (std::size_t k = 1; k < bands.size(); ++k) {
      if (!(bands[k - 1].max_minutes < bands[k].max_minutes)) {
        fail(item_path("costs.transport", k) + ".max_minutes",
             "bands must be in strictly ascending order: " + format_number(bands[k].max_minutes) +
                 " is not above " + format_number(bands[k - 1].max_minutes));
      }
    }
    for (std::size_t k = 0; k < m_.demand.population_growth.size(); ++k) {
      const std::string& district = m_.demand.population_growth[k].district;
      if (!district.empty()) known_district(item_path("demand.population_growth", k) + ".district", district);
    }
    const auto& changes = m_.demand.policy_changes;
    for (std::size_t k = 1; k < changes.size(); ++k) {
      if (!(changes[k - 1].from < changes[k].from)) {
        fail(item_path("demand.policy_changes", k) + ".from",
             "dates must be strictly ascending: " + engine::to_iso(changes[k].from) + " is not after " +
                 engine::to_iso(changes[k - 1].from));
      }
    }
  }

  void population() const {
    double sum = 0;
    for (double share : m_.population.age_profile) sum += share;
    if (std::fabs(sum - 1.0) > 0.01) {
      fail("population.age_profile",
           "shares sum to " + format_number(std::round(sum * 1e6) / 1e6) + "; expected 1 (within 0.01)");
    }
  }

  /// Why children of age band `b` are drawn (a path and its value), or "".
  [[nodiscard]] std::string band_drawn(std::size_t b) const {
    const std::string band(kAgeBandCodes[b]);
    auto why = [&](const std::string& path, double value) {
      return path + "." + band + " is " + format_number(value);
    };
    const auto& stock = m_.initial_stock;
    if (m_.identification.rate[b] > 0) return why("identification.rate", m_.identification.rate[b]);
    if (m_.requests.direct_per_1000[b] > 0)
      return why("requests.direct_per_1000", m_.requests.direct_per_1000[b]);
    if (stock.sen_support > 0 && stock.support_age_mix[b] > 0) {
      return why("initial_stock.support_age_mix", stock.support_age_mix[b]);
    }
    if (stock.ehc_plans > 0 && stock.plan_age_mix[b] > 0)
      return why("initial_stock.plan_age_mix", stock.plan_age_mix[b]);
    if (m_.migration.plans_moving_in > 0 && m_.migration.move_in_age_mix[b] > 0) {
      return why("migration.move_in_age_mix", m_.migration.move_in_age_mix[b]);
    }
    return "";
  }

  void mixes() const {
    auto total = [](const auto& weights) {
      double sum = 0;
      for (double w : weights) sum += w;
      return sum;
    };
    auto age_mix = [&](const std::string& path, const send::ByAgeBand& mix, const std::string& count_path,
                       double count) {
      if (count > 0 && total(mix) <= 0)
        fail(path, "all weights are 0, but " + count_path + " is " + format_number(count));
    };
    age_mix("initial_stock.support_age_mix", m_.initial_stock.support_age_mix, "initial_stock.sen_support",
            m_.initial_stock.sen_support);
    age_mix("initial_stock.plan_age_mix", m_.initial_stock.plan_age_mix, "initial_stock.ehc_plans",
            m_.initial_stock.ehc_plans);
    age_mix("migration.move_in_age_mix", m_.migration.move_in_age_mix, "migration.plans_moving_in",
            m_.migration.plans_moving_in);

    std::array<std::string, send::kNeedCount> drawn_by;  // why each need can be drawn
    for (std::size_t b = 0; b < send::kAgeBandCount; ++b) {
      const std::string why = band_drawn(b);
      if (why.empty()) continue;
      const auto& mix = m_.identification.need_mix[b];
      const std::string path = "identification.need_mix." + std::string(kAgeBandCodes[b]);
      if (total(mix) <= 0) fail(path, "all weights are 0, but " + why);
      for (std::size_t n = 0; n < mix.size(); ++n) {
        if (mix[n] > 0 && drawn_by[n].empty())
          drawn_by[n] = path + "." + std::string(kNeedCodes[n]) + " is " + format_number(mix[n]);
      }
    }
    for (std::size_t n = 0; n < send::kNeedCount; ++n) {
      if (!drawn_by[n].empty() && total(m_.placement.mix[n]) <= 0) {
        fail("placement.mix." + std::string(kNeedCodes[n]),
             "all weights of need " + std::string(kNeedCodes[n]) + " are 0, but it can be drawn (" +
                 drawn_by[n] + ")");
      }
    }
  }

  void references() const {
    std::array<bool, send::kSettingTypeCount> have{};
    for (const send::Setting& s : m_.settings) have[send::index(s.type)] = true;
    for (const send::CapitalProject& p : m_.capital_programme) {
      if (p.action == send::CapitalAction::kOpen) have[send::index(p.setting.type)] = true;
      if (p.action == send::CapitalAction::kChangeType) have[send::index(p.new_type)] = true;
    }
    for (std::size_t n = 0; n < send::kNeedCount; ++n) {
      for (std::size_t t = 0; t < send::kSettingTypeCount; ++t) {
        if (m_.placement.mix[n][t] > 0 && !have[t]) {
          fail("placement.mix." + std::string(kNeedCodes[n]) + "." + std::string(kSettingTypeCodes[t]),
               "weight " + format_number(m_.placement.mix[n][t]) + " for setting type " +
                   std::string(kSettingTypeCodes[t]) + ", but no setting has that type");
        }
      }
    }
    const auto inmss = send::index(send::SettingType::kInmss);
    if (!have[inmss] && m_.policy.fallback == send::Fallback::kInmss) {
      fail("policy.fallback", "fallback inmss, but no setting has type inmss");
    }
    if (!have[inmss] && m_.policy.max_wait_months > 0) {
      fail("policy.max_wait_months", "a wait limit of " + std::to_string(m_.policy.max_wait_months) +
                                         " months sends children to inmss, but no setting has type inmss");
    }
  }

  void coverage() const {
    constexpr int kFirstAge = 4;
    constexpr int kLastAge = 25;
    const send::TravelTimes travel(m_.districts, m_.travel);
    std::map<std::string, std::size_t> index;
    for (std::size_t d = 0; d < m_.districts.size(); ++d) index.emplace(m_.districts[d].name, d);
    const double limit = m_.policy.max_travel_minutes;
    for (std::size_t d = 0; d < m_.districts.size(); ++d) {
      if (!m_.districts[d].in_area) continue;
      std::array<bool, kLastAge + 1> covered{};
      for (const send::Setting& s : m_.settings) {
        if (s.type != send::SettingType::kMainstream) continue;
        const std::size_t at = index.at(s.district);
        if (!m_.districts[at].in_area) continue;
        const double minutes = at == d ? 0.0 : travel.minutes(d, at);
        if (!(minutes <= limit)) continue;
        for (int a = std::max(s.min_age, 0); a <= std::min(s.max_age, kLastAge); ++a) covered[a] = true;
      }
      for (int a = kFirstAge; a <= kLastAge; ++a) {
        if (covered[a]) continue;
        int last = a;
        while (last < kLastAge && !covered[last + 1]) ++last;
        const std::string ages = a == last ? "age " + std::to_string(a)
                                           : "ages " + std::to_string(a) + " to " + std::to_string(last);
        fail(item_path("districts", d), "district \"" + shown(m_.districts[d].name) +
                                            "\" reaches no mainstream setting for " + ages + " within " +
                                            format_number(limit) + " minutes (policy.max_travel_minutes)");
      }
    }
  }

  void uncertainty() const {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < m_.uncertainty.size(); ++i) {
      const std::string& parameter = m_.uncertainty[i].parameter;
      if (m_.uncertainty[i].yearly.value_or(false) && !send::can_be_yearly(parameter)) {
        fail(item_path("uncertainty", i) + ".yearly",
             "\"" + shown(parameter) +
                 "\" cannot be drawn again each year (the model turns it into schedules or totals at the "
                 "start); parameters that can: " +
                 std::string(send::yearly_paths()));
      }
      if (m_.uncertainty[i].from_year >= 0 && !m_.uncertainty[i].yearly.value_or(false)) {
        fail(item_path("uncertainty", i) + ".from_year",
             "from_year applies only to an entry drawn again each year (yearly: true)");
      }
      const auto [it, fresh] = seen.emplace(parameter, i);
      if (!fresh) {
        fail(item_path("uncertainty", i) + ".parameter", "duplicate parameter \"" + shown(parameter) +
                                                             "\" (also " +
                                                             item_path("uncertainty", it->second) + ")");
      }
    }
  }

  void run(const send::RunSpec& run) const {
    if (!(m_.start_date < run.end_date)) {
      fail("scenario.end_date", "end date " + engine::to_iso(run.end_date) +
                                    " is not after the model start date " + engine::to_iso(m_.start_date));
    }
    const send::Date last = engine::add_months(m_.start_date, 12 * send::kMaxRunYears);
    if (last < run.end_date) {
      fail("scenario.end_date", "end date " + engine::to_iso(run.end_date) + " is more than " +
                                    std::to_string(send::kMaxRunYears) +
                                    " years after the model start date " + engine::to_iso(m_.start_date) +
                                    "; expected " + engine::to_iso(last) + " or earlier");
    }
  }

 private:
  const send::Model& m_;
  const Locations& where_;
  std::set<std::string> names_;
  std::set<std::string> setting_names_;
};

/// The rules of one model (all but the run's).
void check_model(const send::Model& model, const Locations& where) {
  Checker check(model, where);
  check.districts();
  check.travel();
  check.settings();
  check.capital_programme();
  check.demand_and_costs();
  check.population();
  check.mixes();
  check.references();
  check.coverage();
}

/// Each uncertain parameter at both ends of what it draws (clamped as the
/// draw would be), the others as written: the model's rules must still hold.
void check_draw_ends(const send::Model& model, const Locations& where) {
  for (std::size_t i = 0; i < model.uncertainty.size(); ++i) {
    const send::UncertainParameter& entry = model.uncertainty[i];
    const std::string key =
        entry.factor ? "factor" : std::string(send::kDistributionCodes[send::index(entry.distribution)]);
    const std::string path = item_path("uncertainty", i) + "." + key;
    const auto [low, high] = send::draw_range(entry);
    for (const double end : {low, high}) {
      send::Model drawn = model;
      drawn.uncertainty.clear();
      const double applied = send::apply_draw(drawn, entry, end);
      try {
        check_model(drawn, where);
      } catch (const InputError& broken) {
        throw InputError(where.at(path), path,
                         std::string(entry.factor ? "a factor of " : "a draw of ") + format_number(applied) +
                             " would break a rule of the model: " + broken.path() + ": " + broken.message());
      }
    }
  }
}

}  // namespace

void validate(const send::Model& model, const send::RunSpec* run, const Locations& where) {
  check_model(model, where);
  Checker check(model, where);
  check.uncertainty();
  check_draw_ends(model, where);
  if (run != nullptr) check.run(*run);
}

}  // namespace sendsim::scenario
