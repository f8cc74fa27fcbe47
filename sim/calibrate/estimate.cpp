// sim/calibrate/estimate.cpp: the first estimate of an LA's model from its
// published series (see estimate.hpp). Only figures for periods up to the
// origin are read: stocks of January <= Y, flows of calendar years <= Y-1,
// finance of financial years starting <= Y-1, population of mid-years <= Y.
#include "calibrate/estimate.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/figures.hpp"
#include "calibrate/spreads.hpp"

namespace sendsim::calibrate {

using namespace detail;

std::string slug(const std::string& name) {
  std::string out;
  bool dash = false;
  for (unsigned char ch : name) {
    if (std::isalnum(ch)) {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(std::tolower(ch));
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

double model_trend(const Estimate& e) { return std::clamp(e.trend.value + e.free.trend_shift, -0.3, 0.5); }

Estimate estimate(const data::AreaData& la, const data::AreaData& england, int origin,
                  const PooledGrowth* pooled, const GrowthTails* tails) {
  Estimate e;
  e.la_code = la.old_code;
  e.new_code = la.new_code;
  e.la_name = la.name;
  e.origin = origin;
  e.start_year = origin - 3;
  e.model_name = slug(la.name) + "-" + std::to_string(origin);
  const int y0 = origin - 3;  // January census before the start
  const int y1 = origin - 1;  // January census inside the fit window; calendar year of the fitted flows
  const std::string la_label = la.old_code + " " + la.name;

  // --- Stock targets.
  auto need_stock = [&](int year) -> const Figure& {
    const Figure* f = at(la.plans, year);
    if (!f) {
      const auto any = la.plans.count(year) ? la.plans.find(year) : la.plans.begin();
      throw data::DataError(any != la.plans.end() ? any->second.source.file : std::string("sen2"), 0,
                            "local authority " + la_label + ": no EHC plans published for January " +
                                std::to_string(year) + ", needed for a model with origin " +
                                std::to_string(origin));
    }
    return *f;
  };
  const Figure& p0 = need_stock(y0);
  const Figure& p1 = need_stock(y1);
  const Figure& p2 = need_stock(origin);
  e.plans_prev = {*p1.value, noted(p1, y1, true)};
  e.plans_origin = {*p2.value, noted(p2, origin, true)};
  {
    // England's growth last year plus the LA's predicted excess (pooled.hpp).
    const Figure* n2 = at(england.plans, origin);
    const Figure* n1 = at(england.plans, y1);
    const double own = std::pow(*p2.value / *p0.value, 1.0 / (origin - y0)) - 1.0;
    const std::optional<double> predicted =
        pooled ? predicted_excess(*pooled, la, england) : std::optional<double>{};
    const bool has_excess = predicted.has_value();
    const double excess = predicted.value_or(0.0);
    if (n1 && n2 && *n1->value > 0) {
      const double nat = std::log(*n2->value / *n1->value);
      std::string note = "estimated: England's growth January " + std::to_string(y1) + "-" +
                         std::to_string(origin) + " (" + fmt(std::expm1(nat), 3) + ", " +
                         noted(*n2, origin, true) + ")";
      if (has_excess) {
        note += " and the LA's excess " + fmt(excess, 3) + " (log) from its requests " + std::to_string(y1) +
                " per plan (" + pooled->note + ")";
      } else {
        note += pooled ? " (the LA's requests per plan are not published: no excess)"
                       : " (no regression across LAs: no excess)";
      }
      e.growth_target = {std::expm1(nat + excess), note};
      double fade = 0;
      for (int k = 0; k < kAlignYears; ++k) fade += std::pow(kExcessPersistence, k);
      e.forecast_growth = {kAlignYears * nat + excess * fade,
                           "estimated: " + std::to_string(kAlignYears) +
                               " years of England's growth January " + std::to_string(y1) + "-" +
                               std::to_string(origin) + " and the LA's excess " + fmt(excess, 3) +
                               " fading by " + fmt(kExcessPersistence) + " a year"};
    } else {
      e.forecast_growth = {-2.0, "England's growth not published: no alignment"};
      e.growth_target = {own, "estimated: the LA's growth January " + std::to_string(y0) + "-" +
                                  std::to_string(origin) + " (England's not published)"};
    }
  }
  // 1 September y0 lies 7.5 months after January y0; the growth is the
  // yearly rate from January y0 to January y1.
  const double g01 = std::pow(*p1.value / *p0.value, 1.0 / (y1 - y0));
  e.plans_start = {*p0.value * std::pow(g01, 7.5 / 12.0),
                   "estimated: January " + std::to_string(y0) + " (" + fmt(*p0.value, 7) + ", " + where(p0) +
                       ") grown to 1 September at the yearly rate to January " + std::to_string(y1) + " (" +
                       fmt(*p1.value, 7) + ")"};

  // Age mix of plans: January y0, else the latest before, else England's.
  {
    std::optional<int> year;
    for (int y = y0; y >= y0 - 5 && !year; --y) {
      bool all = true;
      for (int b = 0; b < kBands; ++b) all = all && at(la.plans_by_age_band[b], y);
      if (all) year = y;
    }
    const data::AreaData& src = year ? la : england;
    if (!year) {
      for (int y = y0; y >= y0 - 5 && !year; --y) {
        bool all = true;
        for (int b = 0; b < kBands; ++b) all = all && at(england.plans_by_age_band[b], y);
        if (all) year = y;
      }
    }
    for (int b = 0; b < kBands; ++b) {
      if (year) {
        const Figure& f = *at(src.plans_by_age_band[b], *year);
        e.plan_age_mix[b] = {*f.value, (year && &src == &england ? "England: " : "") + noted(f, *year, true)};
      } else {
        e.plan_age_mix[b] = {std::array<double, 5>{4, 33, 35, 21, 7}[b],
                             "illustrative: no age breakdown published"};
        e.gaps.push_back("plans by age band");
      }
    }
  }

  // Need mix: the LA's plans by need at the latest January <= y1, else England's.
  {
    auto find_year = [&](const data::AreaData& a) -> std::optional<int> {
      for (int y = y1; y >= y1 - 6; --y) {
        if (at(a.plans_by_need[0], y)) return y;
      }
      return std::nullopt;
    };
    std::optional<int> year = find_year(la);
    const data::AreaData* src = &la;
    if (!year) {
      year = find_year(england);
      src = &england;
      e.gaps.push_back("plans by primary need (England's mix used)");
    }
    for (int n = 0; n < kNeeds; ++n) {
      if (!year) {
        e.need_mix[n] = {1.0, "illustrative: no need breakdown published"};
        continue;
      }
      const Figure* f = at(src->plans_by_need[n], *year);
      double v = f ? *f->value : 0.0;
      std::string note =
          f ? (src == &england ? "England: " : "") + noted(*f, *year, true) : "not published: 0";
      if (n == 11) {  // OTH takes Down syndrome (published as a need from 2026)
        if (const Figure* ds = at(src->plans_by_need[13], *year)) {
          v += *ds->value;
          note += " + Down syndrome " + noted(*ds, *year, true);
        }
      }
      e.need_mix[n] = {v, note};
    }
  }

  // --- Population: the latest mid-year <= origin (ages 0-25), growth from the
  // two latest mid-years <= origin.
  {
    std::vector<int> years;
    for (const auto& [y, ages] : la.population) {
      if (y <= origin && std::all_of(ages.begin(), ages.end(), [](const Figure& f) { return f.ok(); }))
        years.push_back(y);
    }
    if (years.empty()) {
      throw data::DataError("population", 0,
                            "local authority " + la_label +
                                ": no ONS population by single year of age published for mid-" +
                                std::to_string(origin) + " or before");
    }
    const int py = years.back();
    const auto& ages = la.population.at(py);
    double total = 0;
    for (int a = 0; a < 26; ++a) total += *ages[a].value;
    for (int a = 0; a < 26; ++a) e.age_profile[a] = *ages[a].value / total;
    e.population_0_25 = {total, where(ages[0]) + " .. ages 0-25 (mid-" + std::to_string(py) + ")"};
    e.age_profile_note = where(ages[0]) + " .. ages 0-25 (mid-" + std::to_string(py) + ")";
    if (years.size() >= 2) {
      const int pp = years[years.size() - 2];
      double prev = 0;
      for (int a = 0; a < 26; ++a) prev += *la.population.at(pp)[a].value;
      const double g = std::clamp(std::pow(total / prev, 1.0 / (py - pp)) - 1.0, -0.1, 0.1);
      e.population_growth = {g, "estimated: ages 0-25, mid-" + std::to_string(pp) + " to mid-" +
                                    std::to_string(py) + " (same file layout), per year"};
    } else {
      e.population_growth = {0.0, "estimated: 0 (one mid-year published up to the origin)"};
    }
  }
  auto pop_band = [&](int b) {
    double s = 0;
    for (int a = kBandAges[b][0]; a <= kBandAges[b][1]; ++a) s += e.age_profile[a];
    return s * e.population_0_25.value;
  };

  // --- SEN support: LAIT's percent of pupils on SEN support (January y0, or
  // the latest before) over the school-age population (4-15, and a sixth of
  // 16-19 in school sixth forms).
  {
    const auto year = latest(la.sen_support_pct, y0);
    const auto eng = latest(england.sen_support_pct, y0);
    double pct = 12.0;
    std::string note = "illustrative: 12% of pupils (no LAIT figure)";
    if (year) {
      pct = *la.sen_support_pct.at(*year).value;
      note = noted(la.sen_support_pct.at(*year), *year, true);
    } else if (eng) {
      pct = *england.sen_support_pct.at(*eng).value;
      note = "England: " + noted(england.sen_support_pct.at(*eng), *eng, true);
    }
    double school = 0;
    for (int a = 4; a <= 15; ++a) school += e.age_profile[a] * e.population_0_25.value;
    school += (e.age_profile[16] + e.age_profile[17]) * e.population_0_25.value / 3.0;
    e.sen_support = {pct / 100.0 * school, "estimated: " + fmt(pct) +
                                               "% of the pupils aged 4-15 and a third of those aged 16-17 (" +
                                               note + ")"};
    // Ages: in proportion to the school-age population of each band.
    const std::array<double, kBands> weight = {0.2 * pop_band(0), pop_band(1), pop_band(2),
                                               0.15 * pop_band(3), 0.0};
    const double w = std::accumulate(weight.begin(), weight.end(), 0.0);
    for (int b = 0; b < kBands; ++b) e.support_age_mix[b] = weight[b] / w;
  }

  // --- Requests, calendar year y1 (the last before the origin).
  const double eng_plans_y1 = at(england.plans, y1) ? *at(england.plans, y1)->value : 1.0;
  {
    const Figure* r = at(la.requests, y1);
    if (!r) {
      // A suppressed year: the LA's requests-to-plans ratio of the latest year
      // with both, times the plans of January y1.
      const auto ry = latest(la.requests, y1);
      if (ry && at(la.plans, *ry)) {
        const double ratio = *la.requests.at(*ry).value / *at(la.plans, *ry)->value;
        e.requests_last = {ratio * *p1.value, "estimated: requests per plan in " + std::to_string(*ry) +
                                                  " (" + noted(la.requests.at(*ry), *ry, false) +
                                                  ") times the plans of January " + std::to_string(y1)};
      } else {
        const double ratio =
            at(england.requests, y1) ? *at(england.requests, y1)->value / eng_plans_y1 : 0.25;
        e.requests_last = {ratio * *p1.value, "estimated: England's requests per plan in " +
                                                  std::to_string(y1) + " times the plans of January " +
                                                  std::to_string(y1)};
      }
      e.gaps.push_back("requests " + std::to_string(y1));
    } else {
      e.requests_last = {*r->value, noted(*r, y1, false)};
    }
  }
  // Request age mix: the LA's, else England's, latest <= y1; else illustrative.
  {
    auto mix_year = [&](const data::AreaData& a) -> std::optional<int> {
      for (int y = y1; y >= y1 - 6; --y) {
        bool all = true;
        for (int b = 0; b < kBands; ++b) all = all && at(a.requests_by_age_band[b], y);
        if (all) return y;
      }
      return std::nullopt;
    };
    std::optional<int> year = mix_year(la);
    const data::AreaData* src = &la;
    if (!year) {
      year = mix_year(england);
      src = &england;
    }
    for (int b = 0; b < kBands; ++b) {
      if (year) {
        const Figure& f = *at(src->requests_by_age_band[b], *year);
        e.request_age_mix[b] = {*f.value, (src == &england ? "England: " : "") + noted(f, *year, false)};
      } else {
        // The shape of the SEN2 2022 release's new plans by age, England (illustrative for requests).
        e.request_age_mix[b] = {std::array<double, 5>{22, 45, 27, 5.5, 0.5}[b],
                                "illustrative: requests by age not published up to the origin"};
      }
    }
  }
  {
    double total = 0;
    for (const auto& m : e.request_age_mix) total += m.value;
    // Every request is counted as direct (per 1,000 children not already
    // known), so that requests follow the published series, the trend and
    // the population, not the model's SEN support pool (whose flows are not
    // published); SEN support is held at its published level on its own.
    constexpr std::array<double, kBands> kFromSupport = {0, 0, 0, 0, 0};
    for (int b = 0; b < kBands; ++b) {
      const double requests = e.requests_last.value * e.request_age_mix[b].value / std::max(total, 1e-9);
      const double support = e.sen_support.value * e.support_age_mix[b];
      const double others = std::max(pop_band(b) - support, 1.0);
      e.rate_from_support[b] = support > 0 ? requests * kFromSupport[b] / support : 0.0;
      e.direct_per_1000[b] = requests * (support > 0 ? 1.0 - kFromSupport[b] : 1.0) / others * 1000.0;
    }
  }

  // Trend: England's growth of plans in the last year. The LA's own growth
  // of requests is a poor guide to its next years (tried: a quarter of it
  // made five-year forecasts worse, models/README.md, "Growth"); what the
  // LA's requests say is in the growth into the origin (growth_target). Its
  // uncertainty is the standard error of the LA's mean yearly growth of
  // requests; the level of requests swings each academic year by the spread
  // of a year's growth (a calendar year's requests average two academic
  // years' draws, 8 and 4 months, which about offsets the sqrt(2) between
  // the spread of a level and of its growth).
  {
    const auto own = log_trend(la.requests, y1 - 4, y1);
    double nat_slope = 0.08;
    std::string nat_note = "England not published: 0.08 illustrative";
    if (const Figure* a = at(england.plans, origin), *b = at(england.plans, origin - 1);
        a && b && *b->value > 0) {
      nat_slope = std::log(*a->value / *b->value);
      nat_note = "England's growth of plans January " + std::to_string(origin - 1) + "-" +
                 std::to_string(origin) + " (" + fmt(std::expm1(nat_slope), 3) + ", " +
                 noted(*a, origin, true) + ")";
    }
    e.trend = {std::clamp(std::expm1(nat_slope), -0.3, 0.5), "estimated: " + nat_note};
    request_spreads(e, own ? &*own : nullptr);
  }

  e.cease_sd = cease_spread(la, y1);  // spreads.cpp

  // Refusals, assessments without a plan, new plans, timeliness (year y1).
  {
    const Figure* ref = at(la.requests_refused, y1);
    const Figure* req = at(la.requests, y1);
    if (ref && req && *req->value > 0) {
      e.refusal_share = {std::clamp(*ref->value / *req->value, 0.0, 0.95),
                         "estimated: " + noted(*ref, y1, false) + " over requests"};
    } else {
      const Figure* eref = at(england.requests_refused, y1);
      const Figure* ereq = at(england.requests, y1);
      e.refusal_share = {
          eref && ereq ? *eref->value / *ereq->value : 0.25,
          eref && ereq ? "England: " + noted(*eref, y1, false) + " over requests" : "illustrative: 0.25"};
    }
    const Figure* np = at(la.new_plans, y1);
    const Figure* none = at(la.assessments_no_plan, y1);
    if (np && none && *np->value + *none->value > 0) {
      e.no_plan_share = {*none->value / (*np->value + *none->value),
                         "estimated: " + noted(*none, y1, false) + " over assessments completed"};
    } else {
      e.no_plan_share = {0.059, "England 2021 (sen2-2022 sen2_mi AssnoneEHC_pc), illustrative for this LA"};
    }
    if (np) {
      e.new_plans_last = {*np->value, noted(*np, y1, false)};
    } else {
      e.new_plans_last = {e.requests_last.value * (1 - e.refusal_share.value) * (1 - e.no_plan_share.value),
                          "estimated: requests x (1 - refusal share) x (1 - no-plan share)"};
      e.gaps.push_back("new plans " + std::to_string(y1));
    }
    const double eng20 = at(england.issued_within_20_weeks_pct, y1)
                             ? *at(england.issued_within_20_weeks_pct, y1)->value
                             : 50.0;
    e.within_20_weeks_pct =
        flow_or(la.issued_within_20_weeks_pct, y1, eng20, "England's share (the LA's is not published)");
    {
      std::vector<double> changes;
      for (int y = y1 - 3; y <= y1; ++y) {
        const Figure* a = at(la.issued_within_20_weeks_pct, y);
        const Figure* b = at(la.issued_within_20_weeks_pct, y - 1);
        if (a && b) changes.push_back(*a->value - *b->value);
      }
      if (changes.size() >= 2) {
        const double sd = sample_sd(changes);
        e.within_20_sd = {
            sd,
            "estimated: standard deviation of the LA's yearly change in the share of plans issued "
            "within 20 weeks " +
                std::to_string(y1 - 4) + "-" + std::to_string(y1) + " (" + fmt(sd, 3) + " points)"};
      } else {
        e.within_20_sd = {15.0,
                          "illustrative: 15 points (fewer than three years of the LA's share published)"};
      }
    }
    if (const Figure* f = at(la.issued_over_52_weeks_pct, y1)) {
      e.over_52_weeks_pct = {*f->value, noted(*f, y1, false)};
    } else {
      e.over_52_weeks_pct = {-1, "not published before 2023"};
    }
  }

  // Placement shares at January y0 (the start) and the origin (a target).
  {
    std::string note;
    auto s0 = type_shares(la, y0, note);
    std::string src_note = note;
    if (!s0) {
      s0 = type_shares(england, y0, note);
      src_note = "England: " + note;
      e.gaps.push_back("plans by placement, January " + std::to_string(y0));
    }
    if (!s0) s0 = std::array<double, kTypes>{0.55, 0.04, 0.33, 0.08};
    for (int t = 0; t < kTypes; ++t) e.type_share[t] = {(*s0)[t], src_note};
    auto s2 = type_shares(la, origin, note);
    for (int t = 0; t < kTypes; ++t) {
      e.type_share_origin[t] = s2 ? Noted{(*s2)[t], note} : Noted{-1, "not published"};
    }
    std::string eng;  // England's drift in shares, January Y-2 to Y (fit.cpp's tilt)
    const auto s1 = type_shares(la, y0 + 1, note), n1 = type_shares(england, y0 + 1, eng),
               n2 = type_shares(england, origin, eng);
    for (int t = 0; t < kTypes; ++t) {
      e.type_share_first[t] = s1 && s2 ? Noted{(*s1)[t], note} : Noted{-1, "not published"};
      e.type_drift_england[t] = n1 && n2 && (*n1)[t] > 0 ? Noted{(*n2)[t] / (*n1)[t], "England: " + eng}
                                                         : Noted{-1, "not published"};
    }
  }

  type_share_spreads(e, la);  // spreads.cpp

  // Places from September y0: the LA's own plans in state special schools
  // (or SEN units and resourced provision) at the January after it, taken as
  // full. The ESFA-funded place numbers count academies' places only (not
  // maintained schools) and include other LAs' pupils, so they are used only
  // where the LA's own plans there are not published (and quoted beside).
  // To September origin-1 places follow the published plans there; after it
  // they grow as `growth` says.
  auto places = [&](Placement g, const ByYear& esfa, Noted& out, Noted& growth, std::vector<double>& path,
                    const char* what) {
    const int gi = static_cast<int>(g);
    path.clear();
    const Figure* stock = at(la.plans_by_placement[gi], y0 + 1);
    for (int y = y0; y < origin; ++y) {
      const Figure* f = at(la.plans_by_placement[gi], y + 1);
      path.push_back(stock && f && *stock->value > 0 ? *f->value / *stock->value : 1.0);
    }
    const auto fy = latest(esfa, y0);  // the financial year starting in April y0 was allocated before it
    const std::string esfa_note =
        fy ? "ESFA-funded places " + fmt(*esfa.at(*fy).value, 6) + ", " + noted(esfa.at(*fy), *fy, false)
           : "";
    if (stock) {
      out = {std::round(*stock->value), "estimated: the LA's plans in " + std::string(what) + ", " +
                                            noted(*stock, y0 + 1, true) + ", as full places" +
                                            (fy ? " (beside them: " + esfa_note + ")" : "")};
    } else if (fy) {
      out = {std::round(*esfa.at(*fy).value), esfa_note + " (the LA's plans there are not published)"};
    } else {
      out = {0, std::string("not published: no ") + what};
    }
    // Growth: a quarter the LA's own over the three Januaries to the origin,
    // three quarters England's last year (as for the stock: growth_target).
    const Figure* now = at(la.plans_by_placement[gi], origin);
    const Figure* back = at(la.plans_by_placement[gi], origin - 3);
    const Figure* eng_now = at(england.plans_by_placement[gi], origin);
    const Figure* eng_back = at(england.plans_by_placement[gi], origin - 1);
    const bool own_ok = now && back && *back->value > 0 && *now->value > 0;
    const bool eng_ok = eng_now && eng_back && *eng_back->value > 0;
    const double own = own_ok ? std::pow(*now->value / *back->value, 1.0 / 3.0) - 1.0 : 0.0;
    const double eng = eng_ok ? *eng_now->value / *eng_back->value - 1.0 : own;
    if (own_ok || eng_ok) {
      growth = {std::clamp(own_ok ? 0.25 * own + 0.75 * eng : eng, -0.1, 0.25),
                "estimated: 0.25 x growth of plans in " + std::string(what) + " January " +
                    std::to_string(origin - 3) + "-" + std::to_string(origin) + " (" + fmt(own, 3) +
                    " a year) + 0.75 x England's January " + std::to_string(origin - 1) + "-" +
                    std::to_string(origin) + " (" + fmt(eng, 3) + "); places assumed to keep pace"};
    } else {
      growth = {0.0, "estimated: 0 (no series)"};
    }
  };
  places(Placement::kSpecialState, la.places_special, e.special_places, e.special_places_growth,
         e.special_path, "state special schools");
  places(Placement::kEnhanced, la.places_enhanced, e.enhanced_places, e.enhanced_places_growth,
         e.enhanced_path, "SEN units and resourced provision");

  // Ceasing per plan-year by age band: the LA's own plans ceased (but not
  // moved) in y1 over the mean stock, shaped by age as England's where
  // published by age, else a fixed shape.
  {
    const Figure* c = at(la.ceased, y1);
    const Figure* mv = at(la.ceased_moved, y1);
    const double mean_stock = 0.5 * (*p1.value + *p2.value);
    double rate = 0.05;
    std::string note = "illustrative: 5% of plans a year";
    if (c) {
      const double moved = mv ? *mv->value : 0.0;
      rate = std::max(0.0, *c->value - moved) / mean_stock;
      note = "estimated: " + noted(*c, y1, false) + (mv ? " less moves " + noted(*mv, y1, false) : "") +
             " over the mean of January " + std::to_string(y1) + " and " + std::to_string(origin) + " plans";
    } else {
      e.gaps.push_back("ceased plans " + std::to_string(y1));
    }
    // Shape by age (relative ceasing per plan): England's ceased by age over
    // plans by age where both are published <= y1, else illustrative.
    std::array<double, kBands> shape{0.3, 0.15, 0.2, 1.0, 3.0};
    std::string shape_note = "illustrative shape by age 0.3, 0.15, 0.2, 1, 3";
    for (int y = y1; y >= y1 - 3; --y) {
      bool all = true;
      for (int b = 0; b < kBands; ++b)
        all = all && at(england.ceased_by_age_band[b], y) && at(england.plans_by_age_band[b], y);
      if (!all) continue;
      for (int b = 0; b < kBands; ++b) {
        shape[b] = *at(england.ceased_by_age_band[b], y)->value / *at(england.plans_by_age_band[b], y)->value;
      }
      shape_note = "shape by age: England's ceased plans by age over plans by age, " + std::to_string(y);
      break;
    }
    // Scale the shape so that the LA's age mix gives the LA's total rate.
    double mix_total = 0, weighted = 0;
    for (int b = 0; b < kBands; ++b) mix_total += e.plan_age_mix[b].value;
    for (int b = 0; b < kBands; ++b) weighted += shape[b] * e.plan_age_mix[b].value / mix_total;
    for (int b = 0; b < kBands; ++b) {
      e.cease_rate[b] = {weighted > 0 ? rate * shape[b] / weighted : rate, note + "; " + shape_note};
    }
    const Figure* met = at(la.ceased_needs_met, y1);
    e.needs_met_share =
        met && c && *c->value > 0
            ? Noted{std::clamp(*met->value / std::max(1.0, *c->value - (mv ? *mv->value : 0)), 0.0, 1.0),
                    "estimated: " + noted(*met, y1, false) + " over ceased plans less moves"}
            : Noted{0.15, "illustrative: 15% of ceased plans end with needs met"};
    if (mv) {
      e.move_out_rate = {*mv->value / mean_stock,
                         "estimated: " + noted(*mv, y1, false) + " over the mean plans"};
    } else {
      e.move_out_rate = {
          0.0245,
          "England 2024 (sen2-2025 ceased_plans transfer + moved_outside_eng over plans), illustrative"};
    }
    e.moves_in = {e.move_out_rate.value * mean_stock,
                  "estimated: as many as move out (net migration of plans not published)"};
  }

  // Appeals: the SEND Tribunal's appeal rate per appealable decision.
  {
    const auto y = latest(la.appeal_rate_pct, y1);
    e.appeal_rate =
        y ? Noted{*la.appeal_rate_pct.at(*y).value / 100.0, noted(la.appeal_rate_pct.at(*y), *y, false)}
          : Noted{0.02, "illustrative: 2% (England about 1.8% in 2021)"};
  }

  // Assessment team: sized so that it does not bind at the start (the
  // published data give plans issued and their timeliness, not the team);
  // timeliness comes from the fitted work time. It grows with the trend.
  e.assessors = {std::max(2.0, std::ceil(e.requests_last.value * 0.8 * 40.0 / 52.0 / 10.0 * 1.5)),
                 "estimated: concurrent assessments at 1.5 times the start's workload (requests x 0.8 x 40 "
                 "weeks / 52), 10 each"};

  // SEN support identification and exits, in balance with the requests they
  // feed (SEN support held at its published level; rates per child-year).
  {
    constexpr std::array<double, kBands> kExit = {0.08, 0.10, 0.12, 0.30,
                                                  0.50};  // illustrative, as the default county
    for (int b = 0; b < kBands; ++b) {
      const double support = e.sen_support.value * e.support_age_mix[b];
      const double others = std::max(pop_band(b) - support, 1.0);
      e.support_exit_rate[b] = kExit[b];
      const double outflow = support * (kExit[b] + e.rate_from_support[b] + e.move_out_rate.value);
      e.identification_rate[b] = std::min(0.5, outflow / others);
    }
  }

  // DSG high-needs block: the latest financial year starting <= y1, deflated to
  // the first financial year of the run (April y0) at its growth.
  {
    const auto fy = latest(la.high_needs_block, y1);
    if (fy) {
      const auto prev = latest(la.high_needs_block, *fy - 1);
      // (clamped to -20%..+30% a year: a jump in the allocation, e.g. a change of
      // what the block includes, is not a trend)
      const double g =
          prev
              ? std::clamp(std::pow(*la.high_needs_block.at(*fy).value / *la.high_needs_block.at(*prev).value,
                                    1.0 / (*fy - *prev)) -
                               1.0,
                           -0.2, 0.3)
              : 0.05;
      e.dsg_growth = {g, prev ? "estimated: growth of the high needs block " + std::to_string(*prev) + "-" +
                                    std::to_string(*fy) + " (financial years)"
                              : "illustrative: 5% a year"};
      e.dsg_allocation = {*la.high_needs_block.at(*fy).value / std::pow(1 + g, *fy - y0),
                          noted(la.high_needs_block.at(*fy), *fy, false) + " (financial year " +
                              std::to_string(*fy) + "-" + std::to_string((*fy + 1) % 100) + ")" +
                              (*fy != y0 ? ", taken back to " + std::to_string(y0) + "-" +
                                               std::to_string((y0 + 1) % 100) + " at that growth"
                                         : "")};
    } else {
      e.dsg_growth = {0.05, "illustrative: 5% a year"};
      e.dsg_allocation = {e.plans_start.value * 21000.0,
                          "illustrative: 21,000 pounds per plan (no allocation published up to the origin)"};
      e.gaps.push_back("DSG high needs block");
    }
  }

  if (tails) add_request_jumps(e, *tails);  // spreads.cpp
  return e;
}

}  // namespace sendsim::calibrate
