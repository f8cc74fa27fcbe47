// sim/calibrate/spreads.cpp: the sizes of the model's uncertainty (spreads.hpp).
#include "calibrate/spreads.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace sendsim::calibrate {

using namespace detail;

void request_spreads(Estimate& e, const LogTrend* own) {
  if (own != nullptr) {
    // The trend is a rate held for every year of the forecast: what is
    // uncertain is its mean, known as well as a mean of the years observed
    // (the standard error), not one year's swing (that is the level's).
    // The model's years swing as independent levels around the trend (the
    // level's entry below), so the mean of n consecutive growths telescopes
    // to (last level - first level) / n: its standard error is sqrt(2) x
    // a level's spread / n = the growths' sd / n, not / sqrt(n) (which
    // would count the levels' swings again as the trend's).
    const double se = own->growth_sd / std::max(1, own->growths);
    e.trend_sd = {std::clamp(se, 0.02, 0.1),
                  "estimated: the standard error of the mean of the LA's " + std::to_string(own->growths) +
                      " year-on-year growths of requests, whose levels swing independently (sd " +
                      fmt(own->growth_sd, 3) + " / " + std::to_string(own->growths) + " = " + fmt(se, 3) +
                      "), within 0.02-0.1"};
    // Independent levels: a growth's spread is sqrt(2) times a calendar
    // year's, which is 0.745 of an academic year's.
    const double level = own->growth_sd / (std::sqrt(2.0) * kCalendarOfAcademic);
    e.request_level_sd = {std::clamp(level, 0.1, 0.4),
                          "estimated: the standard deviation of the LA's year-on-year growth of requests " +
                              std::to_string(own->first) + "-" + std::to_string(own->last) + " (" +
                              fmt(own->growth_sd, 3) + ") / (sqrt(2) x 0.745) = " + fmt(level, 3) +
                              ", an academic year's swing, within 0.1-0.4"};
  } else {
    e.trend_sd = {0.04, "estimated: 0.04 (no series of the LA's own)"};
    e.request_level_sd = {0.2, "estimated: 0.2 (no series of the LA's own)"};
    e.gaps.push_back("request series");
  }
}

// Ceasing's uncertainty: the spread of log(ratio) over the five years to
// y1 as an academic year's swing (/ 0.745), at least 0.1 and at most 1.0,
// drawn again each academic year (`yearly: true`, model_writer.cpp), where
// the trend's is the standard error of its mean. Ceasing is the widest of the flows from
// year to year (Kent's spread is about 0.7).
Noted cease_spread(const data::AreaData& la, int y1) {
  auto spread = [&](auto ratio_of, const char* what) -> Noted {
    std::vector<double> logs;
    for (int y = y1 - 4; y <= y1; ++y) {
      if (const auto r = ratio_of(y); r && *r > 0) logs.push_back(std::log(*r));
    }
    if (logs.size() < 3) return {0.2, std::string("estimated: 0.2 (fewer than three years of ") + what + ")"};
    const double sd = sample_sd(logs);
    const double academic = sd / kCalendarOfAcademic;
    return {std::clamp(academic, 0.1, 1.0),
            "estimated: standard deviation of log " + std::string(what) + " over " +
                std::to_string(logs.size()) + " years to " + std::to_string(y1) + " (" + fmt(sd, 3) +
                ") / 0.745 = " + fmt(academic, 3) + ", an academic year's swing, within 0.1-1.0"};
  };
  return spread(
      [&](int y) -> std::optional<double> {
        const Figure* c = at(la.ceased, y);
        const Figure* p = at(la.plans, y);
        if (!c || !p || *p->value <= 0) return std::nullopt;
        const Figure* mv = at(la.ceased_moved, y);
        return (*c->value - (mv ? *mv->value : 0.0)) / *p->value;
      },
      "plans ceased (less moves) per plan");
}

void type_share_spreads(Estimate& e, const data::AreaData& la) {
  const int y = e.origin;
  auto broken = [&](int year) {
    return std::any_of(la.breaks.begin(), la.breaks.end(), [&](const data::SeriesBreak& b) {
      return b.year == year && (b.series == "sen2" || b.series == "la_boundary");
    });
  };
  std::array<std::vector<double>, kTypes> changes;
  for (int year = y - 4; year <= y; ++year) {
    if (broken(year)) continue;
    std::string note;
    const auto before = type_shares(la, year - 1, note), now = type_shares(la, year, note);
    if (!before || !now) continue;
    for (int t = 0; t < kTypes; ++t) {
      if ((*before)[t] > 0 && (*now)[t] > 0) changes[t].push_back(std::log((*now)[t] / (*before)[t]));
    }
  }
  for (int t = 0; t < kTypes; ++t) {
    const auto& d = changes[t];
    if (d.size() < 3) {
      e.type_share_sd[t] = {-1,
                            "not estimated: fewer than three yearly changes of the LA's share of plans "
                            "published in the five years to January " +
                                std::to_string(y) + " (a series break left out)"};
    } else {
      const double sd = sample_sd(d);
      e.type_share_sd[t] = {sd,
                            "estimated: standard deviation of the log change of the LA's share of plans "
                            "in the type from one January to the next, " +
                                std::to_string(d.size()) + " changes to January " + std::to_string(y) +
                                " (a series break left out): " + fmt(sd, 3)};
    }
    // The type's new plans a year per plan in it.
    double new_in = 0, stock = 0;
    bool have_new = false, have_stock = false;
    for (int g = 0; g < data::kPlacementCount; ++g) {
      if (kTypeOf[static_cast<std::size_t>(g)] != t) continue;
      if (const Figure* f = at(la.new_plans_by_placement[static_cast<std::size_t>(g)], y - 1))
        new_in += *f->value, have_new = true;
      if (const Figure* f = at(la.plans_by_placement[static_cast<std::size_t>(g)], y))
        stock += *f->value, have_stock = true;
    }
    if (have_new && have_stock && stock > 0) {
      e.type_inflow[t] = {new_in / stock, "estimated: the LA's new plans in the type in " +
                                              std::to_string(y - 1) + " (" + fmt(new_in, 6) +
                                              ") per plan in it in January " + std::to_string(y) + " (" +
                                              fmt(stock, 6) + ")"};
    } else {
      e.type_inflow[t] = {-1, "not published: new plans or plans by placement, " + std::to_string(y - 1) +
                                  "-" + std::to_string(y)};
    }
  }
}

Noted type_swing(const Estimate& e, int t, double new_plan_share) {
  const Noted& sd = e.type_share_sd[static_cast<std::size_t>(t)];
  const Noted& inflow = e.type_inflow[static_cast<std::size_t>(t)];
  if (!kTypeSwings[static_cast<std::size_t>(t)]) return {0, "no swing for this type"};
  if (sd.value < 0 || inflow.value <= 0 || new_plan_share <= 0 || new_plan_share >= 1)
    return {0, sd.value < 0 ? sd.note : inflow.note};
  const double raw = kTypeSwingScale * sd.value / (inflow.value * (1.0 - new_plan_share));
  const double v = std::clamp(raw, 0.0, kTypeSwingMax);
  return {v, sd.note + "; " + inflow.note + "; " + fmt(kTypeSwingScale, 2) + " x " + fmt(sd.value, 3) +
                 " / (" + fmt(inflow.value, 3) + " x (1 - the new plans' share " + fmt(new_plan_share, 3) +
                 ")) = " + fmt(raw, 3) + ", within 0-" + fmt(kTypeSwingMax, 2)};
}

// The heavy tail of the level of requests: a jump of the stock's growth
// (sd d beyond the core's, in quadrature; GrowthTails) made by new plans,
// whose flow is R a year against a stock S. A factor on requests of sd f
// moves new plans by a share of sd f, so the stock by f R / S: f = d S / R.
// The factor is normal (symmetric, so a jump up and a jump down move the
// stock alike and the mean stays put); its core has the sd of the LA's
// mean-one lognormal swing, sqrt(exp(s^2) - 1), and the jump's adds to it
// in quadrature, within 0.2-1 (a factor drawn below 0 counts as 0).
void add_request_jumps(Estimate& e, const GrowthTails& tails) {
  if (tails.jump_probability > 0 && e.new_plans_last.value > 0 && e.plans_origin.value > 0) {
    const double extra =
        std::sqrt(std::max(tails.jump_sd * tails.jump_sd - tails.core_sd * tails.core_sd, 0.0));
    const double ratio = e.plans_origin.value / e.new_plans_last.value;  // S / R
    const double core = std::sqrt(std::expm1(e.request_level_sd.value * e.request_level_sd.value));
    const double f = std::clamp(std::hypot(core, extra * ratio), 0.2, 1.0);
    e.request_jump_probability = {tails.jump_probability, "estimated: " + tails.note};
    e.request_jump_sd = {f, "estimated: the jump's sd beyond the core (" + fmt(extra, 3) +
                                ") made by new plans (" + fmt(std::round(e.new_plans_last.value), 9) +
                                " a year against " + fmt(std::round(e.plans_origin.value), 9) + " plans): " +
                                fmt(extra, 3) + " x " + fmt(ratio, 3) + " = " + fmt(extra * ratio, 3) +
                                ", with the core's sd (" + fmt(core, 3) + ") in quadrature, within 0.2-1"};
  }
}

}  // namespace sendsim::calibrate
