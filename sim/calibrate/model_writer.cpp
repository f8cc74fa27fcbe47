// sim/calibrate/model_writer.cpp: the model file (YAML) of an estimate, with
// the fit's free parameters applied and every figure's note in a comment.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>
#include <string>

#include "calibrate/estimate.hpp"
#include "calibrate/figures.hpp"
#include "calibrate/fit.hpp"
#include "calibrate/spreads.hpp"

namespace sendsim::calibrate {

namespace {

constexpr std::array<const char*, kBands> kBandCodes = {"under_5", "5_10", "11_15", "16_19", "20_25"};
constexpr std::array<const char*, kNeeds> kNeedCodes = {"ASD", "SEMH", "SLCN", "MLD", "SLD", "PMLD", "SpLD",
                                                        "PD",  "HI",   "VI",   "MSI", "OTH", "NSA"};
constexpr std::array<const char*, kTypes> kTypeCodes = {"mainstream", "enhanced", "special", "inmss"};

/// Shortest text that reads back as the same double, at most 6 significant digits.
std::string num(double v) {
  if (std::abs(v) < 1e-12) return "0";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string whole(double v) { return num(std::round(v)); }

/// A YAML-safe one-line comment (no line breaks).
std::string comment(const std::string& text) {
  std::string out = text;
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

/// A double-quoted YAML string.
std::string yaml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

template <std::size_t N>
std::string band_map(const std::array<double, N>& v) {
  std::string out = "{";
  for (int b = 0; b < kBands; ++b) out += std::string(b ? ", " : "") + kBandCodes[b] + ": " + num(v[b]);
  return out + "}";
}

std::string date(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

}  // namespace

std::string model_yaml(const Estimate& e, const std::string& fit_table, bool uncertainty) {
  const FreeParameters& f = e.free;
  std::ostringstream y;
  const std::string la = e.la_code + " " + e.la_name;
  y << "# " << e.model_name << ": " << la << ", calibrated by `sendsim calibrate --la " << e.la_code
    << " --origin " << e.origin << "`\n"
    << "# from the DfE's, ONS's and ESFA's published files (Open Government Licence v3.0), using only\n"
    << "# figures for periods up to the origin: January censuses to " << e.origin
    << ", flows of calendar years to " << e.origin - 1 << ".\n"
    << "# Each figure's comment names the file, line, column and year it was read from; \"estimated:\" says\n"
    << "# how a figure was derived, \"fitted:\" that the simulator adjusted it (models/README.md, the "
       "method),\n"
    << "# \"illustrative:\" that no published figure was used. "
    << (e.geography
            ? "Districts, special schools and resourced provision from the planner's\n# establishments file."
            : "LA-wide aggregate settings: one district.")
    << "\n";
  if (!e.gaps.empty()) {
    y << "# Not published for this LA up to the origin (England's figure or an illustrative one used):\n";
    for (const auto& g : e.gaps) y << "#   - " << comment(g) << "\n";
  }
  y << "\nmodel:\n"
    << "  name: " << yaml_string(e.model_name) << "\n"
    << "  description: "
    << yaml_string(la + ", calibrated to the published SEN2 series to January " + std::to_string(e.origin) +
                   (e.geography ? " (districts and schools from the planner's establishments file)"
                                : " (LA-wide settings)"))
    << "\n"
    << "  start_date: " << date(e.start_year, 9, 1)
    << "   # three academic years before the origin: a year to settle, then fitted on two\n\n";

  // Geography: one LA-wide district, or the planner's schools (--establishments).
  const Geography* geo = e.geography ? &*e.geography : nullptr;
  std::vector<std::string> district_names;
  y << "districts:\n";
  if (geo == nullptr) {
    district_names.push_back(e.la_name);
    y << "  - name: " << yaml_string(e.la_name) << "\n"
      << "    quadrant: " << yaml_string(e.la_name) << "\n"
      << "    population_0_25: " << whole(e.population_0_25.value) << "   # "
      << comment(e.population_0_25.note) << "\n"
      << "    population_growth: " << num(e.population_growth.value) << "   # "
      << comment(e.population_growth.note) << "\n";
  } else {
    y << "  # From " << comment(e.establishments_file) << ": each district's share of the 0-25 population ("
      << whole(e.population_0_25.value) << ", " << comment(e.population_0_25.note)
      << ") is its share of the pupils in its mainstream schools (estimated); growth "
      << num(e.population_growth.value) << " everywhere (" << comment(e.population_growth.note) << ").\n";
    for (const GeoDistrict& d : geo->districts) {
      district_names.push_back(d.name);
      y << "  - {name: " << yaml_string(d.name) << ", quadrant: " << yaml_string(e.la_name)
        << ", population_0_25: " << whole(e.population_0_25.value * d.population_share)
        << ", population_growth: " << num(e.population_growth.value) << "}   # " << comment(d.note) << "\n";
    }
  }
  y << "  - {name: Out of area, quadrant: Out of area, in_area: false, population_0_25: 0}   # independent "
       "and "
       "non-maintained schools, other LAs\n\n";
  y << "travel:\n";
  if (geo != nullptr) {
    y << "  # " << comment(geo->rule) << "\n";
    for (const GeoLink& l : geo->travel) {
      y << "  - {from: " << yaml_string(l.from) << ", to: " << yaml_string(l.to)
        << ", minutes: " << num(l.minutes) << "}\n";
    }
  }
  for (const auto& d : district_names) {
    y << "  - {from: " << yaml_string(d)
      << ", to: Out of area, minutes: 45}   # illustrative: schools outside the LA\n";
  }
  y << "\n";

  // Settings.
  const double sp = std::max(0.0, std::round(e.special_places.value));
  const std::string home = yaml_string(district_names.front());
  y << "settings:\n"
    << "  # Mainstream: aggregate, always a place (early years and primary, secondary, post-16 and FE), per "
       "district.\n";
  for (const auto& d : district_names) {
    const std::string q = yaml_string(d);
    auto named = [&](const char* what) {
      std::string n = geo != nullptr ? d + " " + what : std::string(what);
      if (geo == nullptr) n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
      return yaml_string(n);
    };
    y << "  - {name: " << named("mainstream early years and primary") << ", type: mainstream, district: " << q
      << ", min_age: 0, max_age: 10, unlimited: true}\n"
      << "  - {name: " << named("mainstream secondary") << ", type: mainstream, district: " << q
      << ", min_age: 11, max_age: 15, unlimited: true}\n"
      << "  - {name: " << named("post-16 and FE") << ", type: mainstream, district: " << q
      << ", min_age: 16, max_age: 25, unlimited: true}\n";
  }
  auto places_list = [&](double start, double growth, const std::vector<double>& path) {
    std::string out = "\n    places:\n";
    double p = start;
    for (int year = e.start_year; year <= e.origin + 12; ++year) {
      const std::size_t k = static_cast<std::size_t>(year - e.start_year);
      if (k < path.size()) {
        p = start * path[k];
      } else {
        p *= 1.0 + growth;
      }
      out += "      - {from: " + date(year, 9, 1) + ", places: " + whole(std::max(p, 1.0)) + "}\n";
    }
    return out;
  };
  // The settings of one type: the planner's schools sharing the LA-wide
  // places, else one LA-wide setting.
  auto typed = [&](const char* type, const std::string& la_wide_name, int min_age, int max_age, double start,
                   const Noted& start_note, const Noted& growth, const std::vector<double>& path) {
    y << "  # " << type << ": " << comment(start_note.note) << ";\n"
      << "  # to September " << e.origin - 1 << " as the plans there grew, then growing " << num(growth.value)
      << " a year (" << comment(growth.note) << ").\n";
    bool any = false;
    if (geo != nullptr) {
      for (const GeoSetting& g : geo->settings) {
        if (g.type != (std::string(type) == "special" ? "special" : "enhanced")) continue;
        any = true;
        y << "  - name: " << yaml_string(g.name) << "   # " << comment(g.note) << "\n"
          << "    type: " << g.type << "\n"
          << "    district: " << yaml_string(g.district) << "\n";
        if (!g.needs.empty()) {
          y << "    needs: [";
          for (std::size_t i = 0; i < g.needs.size(); ++i) y << (i ? ", " : "") << g.needs[i];
          y << "]\n";
        }
        y << "    min_age: " << g.min_age << "\n    max_age: " << g.max_age << "\n"
          << "    allow_over_number: false   # share " << num(g.share) << " of the LA-wide places"
          << places_list(std::max(start * g.share, 1.0), growth.value, path);
      }
    }
    if (!any) {
      y << "  - name: " << la_wide_name << "\n"
        << "    type: " << type << "\n"
        << "    district: " << home << "\n"
        << "    min_age: " << min_age << "\n"
        << "    max_age: " << max_age << "\n"
        << "    allow_over_number: false" << places_list(std::max(start, 1.0), growth.value, path);
    }
  };
  typed("enhanced", "Resourced provision and SEN units (LA-wide)", 3, 15,
        std::max(e.enhanced_places.value, 1.0), e.enhanced_places, e.enhanced_places_growth, e.enhanced_path);
  typed("special", "State special schools (LA-wide)", 2, 18, std::max(sp, 1.0), e.special_places,
        e.special_places_growth, e.special_path);
  y << "  # Post-19 specialist provision (aggregate): special plans at 19-25.\n"
    << "  - {name: Post-19 specialist provision (aggregate), type: special, district: " << home
    << ", min_age: 19, max_age: 25, unlimited: true}\n"
    << "  # Independent and non-maintained special schools and specialist post-16 institutions.\n"
    << "  - {name: Independent and non-maintained special schools (pool), type: inmss, district: Out of "
       "area, "
       "min_age: 0, max_age: 25, unlimited: true}\n"
    << "  - {name: Other LAs' special schools (pool), type: special, district: Out of area, min_age: 0, "
       "max_age: 25, "
       "unlimited: true}\n\n";

  y << "population:\n  # " << comment(e.age_profile_note) << ", as shares\n  age_profile: [";
  for (int a = 0; a < 26; ++a) y << (a ? ", " : "") << num(e.age_profile[a]);
  y << "]\n\n";

  y << "identification:\n"
    << "  # estimated: in balance with the exits, requests and moves of the SEN support stock below, so "
       "that\n"
    << "  # SEN support holds its published level; x " << num(f.identification_scale) << " (fitted)\n"
    << "  rate: ";
  std::array<double, kBands> id{};
  for (int b = 0; b < kBands; ++b) id[b] = std::min(1.0, e.identification_rate[b] * f.identification_scale);
  y << band_map(id) << "\n"
    << "  exit_rate: " << band_map(e.support_exit_rate) << "   # illustrative, as the default county\n"
    << "  # Primary need of plans (all ages; the same mix in every age band):\n";
  {
    double total = 0;
    for (const auto& n : e.need_mix) total += n.value;
    for (int n = 0; n < kNeeds; ++n)
      y << "  #   " << kNeedCodes[n] << ": " << comment(e.need_mix[n].note) << "\n";
    y << "  need_mix:\n";
    for (int b = 0; b < kBands; ++b) {
      y << "    " << kBandCodes[b] << ": {";
      for (int n = 0; n < kNeeds; ++n) {
        y << (n ? ", " : "") << kNeedCodes[n] << ": "
          << num(total > 0 ? 100.0 * e.need_mix[n].value / total : 1.0);
      }
      y << "}\n";
    }
  }
  y << "\n";

  std::array<double, kBands> rfs{}, dir{};
  for (int b = 0; b < kBands; ++b) {
    rfs[b] = std::min(1.0, e.rate_from_support[b] * f.request_scale);
    dir[b] = std::min(1000.0, e.direct_per_1000[b] * f.request_scale);
  }
  y << "requests:\n"
    << "  # estimated: " << whole(e.requests_last.value) << " requests in " << e.origin - 1 << " ("
    << comment(e.requests_last.note) << "),\n"
    << "  # by age as published (";
  for (int b = 0; b < kBands; ++b)
    y << (b ? "; " : "") << kBandCodes[b] << " " << comment(e.request_age_mix[b].note);
  y << "),\n"
    << "  # all counted as direct requests (per 1,000 children not known to SEN services), so that they "
       "follow\n"
    << "  # the published series and the population; x " << num(f.request_scale) << " (fitted)\n"
    << "  rate_from_support: " << band_map(rfs) << "\n"
    << "  direct_per_1000: " << band_map(dir) << "\n"
    << "  trend: " << num(model_trend(e)) << "   # "
    << comment(e.trend.note + (f.trend_shift != 0
                                   ? "; " + std::string(f.trend_shift > 0 ? "+" : "") + num(f.trend_shift) +
                                         " (fitted: aligned to " + e.forecast_growth.note + ")"
                                   : std::string()))
    << "\n\n";

  const double refusal = std::clamp(1.0 - (1.0 - e.refusal_share.value) * f.conversion_scale, 0.0, 0.99);
  // Work time: a triangle shifted by the fitted weeks; at shift 0 about 93%
  // of plans are issued within 20 weeks (6-week decision, 2 to issue).
  const double shift = f.work_shift_weeks;
  const double wmin = std::max(1.0, 4.0 + shift);
  const double wmode = std::max(wmin, 8.0 + shift);
  const double wmax = std::min(104.0, std::max(wmode + 1.0, 14.0 + 1.6 * shift));
  const double pipeline_weeks = 6.0 + (wmin + wmode + wmax) / 3.0 + 2.0;
  y << "assessment:\n"
    << "  decision_weeks: 6   # SEND Regulations 2014\n"
    << "  refusal_share: " << num(refusal) << "   # " << comment(e.refusal_share.note) << "; conversion x "
    << num(f.conversion_scale) << " (fitted to " << whole(e.new_plans_last.value) << " new plans, "
    << comment(e.new_plans_last.note) << ")\n"
    << "  no_plan_share: " << num(e.no_plan_share.value) << "   # " << comment(e.no_plan_share.note) << "\n"
    << "  assessors: " << whole(e.assessors.value) << "   # " << comment(e.assessors.note) << "\n"
    << "  caseload: 10\n"
    << "  # fitted: shifted " << num(shift) << " weeks so that the share issued within 20 weeks matches "
    << num(e.within_20_weeks_pct.value) << "% (" << comment(e.within_20_weeks_pct.note) << ")\n"
    << "  work_weeks: {min: " << num(wmin) << ", mode: " << num(wmode) << ", max: " << num(wmax) << "}\n"
    << "  issue_weeks: 2   # illustrative\n"
    << "  assessors_growth: " << num(std::max(-0.5, model_trend(e)))
    << "   # estimated: the team keeps pace with the request trend\n\n";

  std::array<double, kTypes> mix{};
  for (int t = 0; t < kTypes; ++t) mix[t] = std::max(0.0, e.type_share[t].value * f.type_weight[t] * 100.0);
  y << "placement:\n"
    << "  # The provision new plans (and the initial stock) name: the LA's shares of plans by placement\n"
    << "  # (" << comment(e.type_share[0].note) << "; mainstream includes FE, AP, early years and other\n"
    << "  # arrangements, inmss the independent and non-maintained special schools and specialist post-16\n"
    << "  # institutions), x (";
  for (int t = 0; t < kTypes; ++t) y << (t ? ", " : "") << num(f.type_weight[t]);
  y << ") by type: fitted so that the simulated shares at January " << e.origin
    << " match, times the new plans' tilt (1 / initial_stock.plan_type_weight). The same for every need.\n  "
       "mix:\n";
  for (int n = 0; n < kNeeds; ++n) {
    y << "    " << kNeedCodes[n] << ": {";
    for (int t = 0; t < kTypes; ++t) y << (t ? ", " : "") << kTypeCodes[t] << ": " << num(mix[t]);
    y << "}\n";
  }
  y << "  specialist_factor: {early_years: 0.2, primary: 0.9, secondary: 1.5, post16: 0.7, post19: 0.4}   # "
       "illustrative shape by phase\n"
    << "  keep_type_at_transfer: 0.9   # illustrative\n\n";

  std::array<double, kBands> met{}, left{};
  for (int b = 0; b < kBands; ++b) {
    const double r = std::min(0.95, e.cease_rate[b].value * f.cease_scale);
    // Under 16 plans end only with needs met; from 16 the rest leave education.
    met[b] = b < 3 ? r : r * e.needs_met_share.value;
    left[b] = b < 3 ? 0.0 : r * (1.0 - e.needs_met_share.value);
  }
  y << "review:\n"
    << "  step_up: {under_5: 0, 5_10: 0.005, 11_15: 0.005, 16_19: 0, 20_25: 0}   # illustrative\n"
    << "  step_down: {under_5: 0, 5_10: 0.005, 11_15: 0.005, 16_19: 0.005, 20_25: 0}   # illustrative\n"
    << "  # " << comment(e.cease_rate[0].note) << "; x " << num(f.cease_scale) << " (fitted, within "
    << num(kCeaseScaleRange[0]) << "-" << num(kCeaseScaleRange[1])
    << " of the published rate and the rest as net moves, to a growth of plans of "
    << num(100 * e.growth_target.value) << "% into January " << e.origin << ": "
    << comment(e.growth_target.note) << "); needs met " << num(e.needs_met_share.value) << " of them at 16+ ("
    << comment(e.needs_met_share.note) << ")\n"
    << "  cease_needs_met: " << band_map(met) << "\n"
    << "  leave_education: " << band_map(left) << "\n\n";

  std::array<double, kBands> age_mix{};
  for (int b = 0; b < kBands; ++b) age_mix[b] = e.plan_age_mix[b].value;
  // Net moves fitted beyond the published ones: more moving in (at the
  // plans' ages) or a higher rate moving out.
  const double extra_in = std::max(0.0, f.net_moves);
  const double extra_out_rate =
      e.plans_origin.value > 0 ? std::max(0.0, -f.net_moves) / e.plans_origin.value : 0.0;
  const std::string net_note =
      f.net_moves == 0 ? std::string()
                       : "; " + std::string(f.net_moves > 0 ? "+" : "") + num(std::round(f.net_moves)) +
                             " plans a year net (fitted: the rest of the growth of plans into January " +
                             std::to_string(e.origin) + " beyond ceasing within its range)";
  y << "migration:\n"
    << "  plan_move_out_rate: " << num(std::min(1.0, e.move_out_rate.value + extra_out_rate)) << "   # "
    << comment(e.move_out_rate.note + (f.net_moves < 0 ? net_note : std::string())) << "\n"
    << "  plans_moving_in: " << num(std::round(e.moves_in.value + extra_in)) << "   # "
    << comment(e.moves_in.note + (f.net_moves > 0 ? net_note : std::string())) << "\n"
    << "  move_in_age_mix: " << band_map(age_mix) << "   # as the plans\n"
    << "  support_move_out_rate: " << num(std::min(1.0, e.move_out_rate.value))
    << "   # estimated: as plans\n\n";

  y << "tribunal:\n"
    << "  # " << comment(e.appeal_rate.note) << " per appealable decision; shares by kind estimated\n"
    << "  appeal_share_refusal: " << num(std::min(1.0, 2.0 * e.appeal_rate.value)) << "\n"
    << "  appeal_share_placement: " << num(std::min(1.0, e.appeal_rate.value)) << "\n"
    << "  months: {min: 4, mode: 6, max: 12}   # illustrative\n"
    << "  success_share: 0.9   # illustrative: most are decided for families\n\n";

  y << "policy:\n"
    << "  fallback: wait\n  rule: nearest\n  max_travel_minutes: 90\n"
    << "  max_wait_months: 0   # no timeout: a child waiting for a place waits in mainstream (placements in\n"
    << "                       # independent schools follow the LA's published share, placement.mix)\n"
    << "  allow_over_number: false\n  over_number_share: 0.02   # illustrative\n\n";

  std::array<double, kBands> plan_mix{};
  for (int b = 0; b < kBands; ++b) plan_mix[b] = e.plan_age_mix[b].value;
  y << "initial_stock:\n"
    << "  # " << comment(e.plans_start.note) << "; x " << num(f.stock_scale) << " (fitted to "
    << comment(e.plans_origin.note) << ")\n"
    << "  ehc_plans: " << whole(e.plans_start.value * f.stock_scale) << "\n"
    << "  sen_support: " << whole(e.sen_support.value) << "   # " << comment(e.sen_support.note) << "\n"
    << "  # " << comment(e.plan_age_mix[0].note) << " and the other age bands\n"
    << "  plan_age_mix: " << band_map(plan_mix) << "\n"
    << "  support_age_mix: " << band_map(e.support_age_mix) << "   # estimated: school-age population\n"
    << "  plan_type_mix: {mainstream: 0, enhanced: 0, special: 0, inmss: 0}   # from placement.mix by phase\n"
    << "  plan_type_weight: {";
  for (int t = 0; t < kTypes; ++t)
    y << (t ? ", " : "") << kTypeCodes[t] << ": " << num(f.stock_type_weight[t]);
  y << "}\n    # estimated: 1 / the new plans' tilt, 1 + " << num(kTiltGain)
    << " x (England's share at January " << e.origin << " / at January " << e.origin - 2
    << " - 1) within 0.5-2 ("
    << (e.type_drift_england[0].value > 0 ? comment(e.type_drift_england[0].note)
                                          : std::string("not published: 1"))
    << "; new plans are about a sixth of the stock a year), so the initial plans are drawn by the fitted "
       "factors\n"
    << "    # alone and the new plans lean the way England's have been moving\n"
    << "  requests_in_progress: "
    << whole(e.requests_last.value * (1.0 + model_trend(e)) * pipeline_weeks / 52.0)
    << "   # estimated: the requests of the weeks a request spends in the pipeline (" << num(pipeline_weeks)
    << ")\n\n";

  y << "demand:\n"
    << "  identification_trend: {ASD: 0, SEMH: 0, SLCN: 0, MLD: 0, SLD: 0, PMLD: 0, SpLD: 0, PD: 0, HI: 0, "
       "VI: 0, "
       "MSI: 0, OTH: 0, NSA: 0}   # growth is in requests.trend\n\n";

  y << "costs:\n"
    << "  place_funding: {mainstream: 0, enhanced: 6000, special: 10000, inmss: 0}   # DfE high needs place "
       "funding\n"
    << "  top_up: {mainstream: 7000, enhanced: 9000, special: 13900, inmss: 62750}   # national figures "
       "(DOMAIN.md: IFS, DfE); illustrative for this LA\n"
    << "  post16_top_up: 5000   # illustrative\n"
    << "  sen_support_per_child: 300   # illustrative\n"
    << "  alternative_provision_per_child: 18000   # illustrative\n"
    << "  transport:   # County Councils Network average about 9,500 a year; bands illustrative\n"
    << "    - {max_minutes: 15, annual: 5000}\n    - {max_minutes: 30, annual: 8000}\n"
    << "    - {max_minutes: 60, annual: 11000}\n    - {max_minutes: 600, annual: 16000}\n"
    << "  transport_share: {mainstream: 0.05, enhanced: 0.6, special: 0.85, inmss: 0.95}   # illustrative\n"
    << "  inflation: 0.03   # illustrative\n\n";

  y << "dsg:\n"
    << "  allocation: " << whole(e.dsg_allocation.value) << "   # " << comment(e.dsg_allocation.note) << "\n"
    << "  growth: " << num(e.dsg_growth.value) << "   # " << comment(e.dsg_growth.note) << "\n"
    << "  opening_balance: 0   # illustrative: not in the published files read\n\n";

  const double decision_sd_log = std::clamp(e.within_20_sd.value / 5.0 / 6.0, 0.05, 1.0);
  // A lognormal factor of mean one (median exp(-sd^2/2)), so that a swing
  // widens the forecast without moving its mean.
  auto mean_one = [](double sd_log) {
    return "{lognormal: {median: " + num(std::exp(-0.5 * sd_log * sd_log)) + ", sd_log: " + num(sd_log) +
           "}}";
  };
  // The level of requests: with its jump when the tails are known, a normal
  // factor of mean one whose core has the sd of the mean-one lognormal
  // (estimate.cpp).
  std::string request_factor = mean_one(e.request_level_sd.value);
  std::string request_note = e.request_level_sd.note;
  if (const double p = e.request_jump_probability.value; p > 0) {
    const double sd = std::sqrt(std::expm1(e.request_level_sd.value * e.request_level_sd.value));
    request_factor = "{normal: {mean: 1, sd: " + num(sd) + ", jump_probability: " + num(p) +
                     ", jump_sd: " + num(e.request_jump_sd.value) + "}}";
    request_note += " (as a normal of the same sd, " + num(sd) +
                    "); jumps: " + e.request_jump_probability.note + "; " + e.request_jump_sd.note;
  }
  if (uncertainty)
    y << "# The lognormal factors have mean one: median exp(-sd_log^2 / 2).\n"
      << "uncertainty:\n"
      << "  - parameter: requests.trend\n"
      << "    normal: {mean: " << num(model_trend(e)) << ", sd: " << num(e.trend_sd.value) << "}\n"
      << "    description: " << yaml_string("fitted: " + e.trend_sd.note) << "\n"
      << "  - parameter: requests.direct_per_1000   # the level of requests (and so of new plans)\n"
      << "    factor: " << request_factor << "\n"
      << "    yearly: true   # drawn again each 1 September\n"
      << "    description: " << yaml_string(request_note) << "\n"
      << "  - parameter: review.cease_needs_met\n"
      << "    factor: " << mean_one(e.cease_sd.value) << "\n"
      << "    yearly: true\n"
      << "    description: " << yaml_string(e.cease_sd.note) << "\n"
      << "  - parameter: review.leave_education\n"
      << "    factor: " << mean_one(e.cease_sd.value) << "\n"
      << "    yearly: true\n"
      << "    description: " << yaml_string(e.cease_sd.note) << "\n"
      << "  - parameter: assessment.decision_weeks   # the timing of assessments, so the 20-week share\n"
      << "    factor: " << mean_one(decision_sd_log) << "\n"
      << "    description: "
      << yaml_string(e.within_20_sd.note +
                     ", at 5 points a week (illustrative slope), over the 6-week decision")
      << "\n"
      << "  - parameter: placement.specialist_factor   # the share of new plans naming specialist provision\n"
      << "    factor: " << mean_one(0.1) << "\n"
      << "    description: \"illustrative: 10%\"\n";
  if (uncertainty) {
    // Each type's share of plans swings from year to year more than the
    // model's does: a yearly factor on the type's weight in the new plans'
    // choice, from the academic year of the origin's census (the years
    // before it run as they were fitted).
    const double mix_total = std::accumulate(mix.begin(), mix.end(), 0.0);
    std::array<Noted, kTypes> swing;
    std::array<double, kTypes> share{};
    double v = 0;  // the variance of the weights' sum, shares of one
    for (int t = 0; t < kTypes; ++t) {
      share[t] = mix_total > 0 ? mix[t] / mix_total : 0.0;
      swing[t] = type_swing(e, t, share[t]);
      v += share[t] * share[t] * swing[t].value * swing[t].value;
    }
    for (int t = 0; t < kTypes; ++t) {
      if (swing[t].value <= 0) continue;
      // A share is its weight over the sum of the weights: with the sum
      // noisy its mean rises by about v less the type's own part of it, so
      // the factor's mean is lowered by as much (its mean share stays put).
      const double mean = 1.0 / (1.0 + v - share[t] * swing[t].value * swing[t].value);
      y << "  - parameter: placement.preference." << kTypeCodes[t] << "\n"
        << "    factor: {normal: {mean: " << num(mean) << ", sd: " << num(swing[t].value) << "}}\n"
        << "    yearly: true\n"
        << "    from_year: " << e.origin - 1 << "   # the academic year of the January " << e.origin
        << " census\n"
        << "    description: "
        << yaml_string(swing[t].note + "; mean 1 / (1 + " + detail::fmt(v, 3) + " - " +
                       detail::fmt(share[t], 3) + " x " + detail::fmt(swing[t].value, 3) +
                       "^2), so that the type's mean share of new plans stays put")
        << "\n";
    }
  }

  if (!fit_table.empty()) {
    y << "\n# Fit (sendsim calibrate): published against simulated, mean and 95% interval over "
         "replications.\n";
    std::istringstream lines(fit_table);
    std::string line;
    while (std::getline(lines, line)) y << "#   " << line << "\n";
  }
  return y.str();
}

}  // namespace sendsim::calibrate
