// sim/send/costs.cpp: CostAccounts (send/costs.hpp): posting each child's
// and each setting's costs to the ledger (see finance.hpp), and the finance
// tables.
#include "send/costs.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/period.hpp"
#include "send/clocks.hpp"
#include "send/tables.hpp"
#include "send/world.hpp"

namespace sendsim::send {

namespace {

enum CostGroup : int { kGroupFurtherEducation = kSettingTypeCount, kGroupAwaiting, kGroupSenSupport };
constexpr std::array<std::string_view, kSettingTypeCount + 3> kCostGroupCodes = {
    "mainstream", "enhanced", "special", "inmss", "further_education", "awaiting_placement", "sen_support"};

double transport_rate(const Costs& costs, double minutes) {
  if (costs.transport.empty()) return 0.0;
  for (const auto& band : costs.transport) {
    if (minutes <= band.max_minutes) return band.annual;
  }
  return costs.transport.back().annual;
}

}  // namespace

CostAccounts::CostAccounts(const Model& model, const engine::Calendar& calendar, Day end_day,
                           std::size_t settings)
    : model_(&model),
      ledger_(calendar, end_day, model.costs.inflation),
      setting_pennies_(settings, 0),
      setting_cost_since_(settings, 0) {}

void CostAccounts::post_child(std::uint32_t id, Child& c, Day to, int academic_year, const Places& places) {
  const Day from = c.cost_since;
  c.cost_since = to;
  if (to <= from || c.status == Status::kGone) return;
  const Costs& costs = model_->costs;
  const auto need = index(c.need);
  auto book = [&](double annual, Line line, int group) {
    const std::int64_t p = ledger_.post(from, to, annual, line);
    child_pennies_[id] += p;
    group_pennies_[group][need] += p;
  };
  if (c.status != Status::kPlan) {
    book(costs.sen_support_per_child, Line::kSenSupport, kGroupSenSupport);
    group_days_[kGroupSenSupport][need] += to - from;
    return;
  }
  if (c.waiting || c.setting < 0) {
    book(costs.alternative_provision_per_child, Line::kAlternativeProvision, kGroupAwaiting);
    group_days_[kGroupAwaiting][need] += to - from;
    return;
  }
  const Setting& spec = places.spec(c.setting);
  const bool fe = spec.type == SettingType::kMainstream && academic_age(c, academic_year) >= 16;
  const int group = fe ? static_cast<int>(kGroupFurtherEducation) : static_cast<int>(index(spec.type));
  const double top_up = (fe ? costs.post16_top_up : costs.top_up[index(spec.type)]) * costs.need_factor[need];
  book(top_up, spec.type == SettingType::kInmss ? Line::kTopUpIndependent : Line::kTopUpMaintained, group);
  const double minutes = places.minutes(c.district, c.setting);
  book(transport_rate(costs, minutes) * costs.transport_share[index(spec.type)], Line::kTransport, group);
  group_days_[group][need] += to - from;
}

void CostAccounts::post_setting(int s, Day to, const Places& places) {
  const Day from = setting_cost_since_[s];
  setting_cost_since_[s] = to;
  const Setting& spec = places.spec(s);
  if (spec.unlimited || to <= from) return;
  const double annual = places.state(s).places * model_->costs.place_funding[index(spec.type)];
  setting_pennies_[s] += ledger_.post(from, to, annual, Line::kPlaceFunding);
}

std::array<Table, 3> CostAccounts::tables() const {
  Table spend;
  spend.info = {std::string(tables::kSpend),
                {"financial_year", "line"},
                "pounds",
                Missing::kZero,
                "high-needs spend accrued in the financial year (April-March) by s251-style line; transport "
                "is outside the DSG"};
  Table dsg;
  dsg.info = {std::string(tables::kDsg),
              {"financial_year", "measure"},
              "pounds",
              Missing::kZero,
              "DSG high-needs block: allocation (pro rata for a part year), dsg_spend (all lines but "
              "transport), in_year_balance, cumulative_balance (negative: deficit)"};
  double cumulative = model_->dsg.opening_balance;
  for (std::size_t k = 0; k < ledger_.years().size(); ++k) {
    const std::string fy = engine::Period::financial(ledger_.years()[k]).text();
    std::int64_t dsg_pennies = 0;
    for (int l = 0; l < kLineCount; ++l) {
      const std::int64_t p = ledger_.pennies(k, static_cast<Line>(l));
      spend.set({fy, std::string(kLineCodes[l])}, static_cast<double>(p) / 100.0);
      if (static_cast<Line>(l) != Line::kTransport) dsg_pennies += p;
    }
    const double share = static_cast<double>(ledger_.covered_days(k)) / ledger_.year_days(k);
    const double allocation =
        model_->dsg.allocation * std::pow(1.0 + model_->dsg.growth, static_cast<double>(k)) * share;
    const double dsg_spend = static_cast<double>(dsg_pennies) / 100.0;
    cumulative += allocation - dsg_spend;
    dsg.set({fy, "allocation"}, allocation);
    dsg.set({fy, "dsg_spend"}, dsg_spend);
    dsg.set({fy, "in_year_balance"}, allocation - dsg_spend);
    dsg.set({fy, "cumulative_balance"}, cumulative);
    dsg.set({fy, "covered_days"}, ledger_.covered_days(k));
  }
  Table per_child;
  per_child.info = {std::string(tables::kCostPerChildYear),
                    {"group", "need"},
                    "pounds per child-year",
                    Missing::kSkip,
                    "cost of top-ups (or fees), transport and support per child-year over the run, by "
                    "setting type or state and primary need, at the run's average prices"};
  for (int g = 0; g < kCostGroups; ++g) {
    for (int n = 0; n < kNeedCount; ++n) {
      const double years = group_days_[g][n] / kDaysPerYear;
      if (years <= 0) continue;
      per_child.set({std::string(kCostGroupCodes[g]), std::string(kNeedCodes[n])},
                    static_cast<double>(group_pennies_[g][n]) / 100.0 / years);
    }
  }
  return {std::move(spend), std::move(dsg), std::move(per_child)};
}

void World::emit_finance() {
  const Day to = clock_.end_day() + 1;
  // Gone children have nothing left to post.
  children_.compact();
  for (const std::uint32_t id : children_.live()) post_child(id, to);
  for (std::size_t s = 0; s < places_.size(); ++s) post_setting(static_cast<int>(s), to);
  for (Table& table : costs_.tables()) recorder_.add_table(std::move(table));
}

}  // namespace sendsim::send
