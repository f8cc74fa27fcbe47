// output/report_assumptions.cpp: key inputs with their declared sources.
#include "output/report_assumptions.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <span>
#include <string>

#include "engine/calendar.hpp"
#include "scenario/parameters.hpp"
#include "send/codes.hpp"

namespace sendsim::output {

namespace {

using scenario::format_number;

template <std::size_t N, std::size_t M>
std::string by_code(const std::array<double, N>& values, const std::array<std::string_view, M>& codes) {
  static_assert(N == M);
  if (std::all_of(values.begin(), values.end(), [&](double v) { return v == values[0]; })) {
    return format_number(values[0]) + " for each";
  }
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (!out.empty()) out += ", ";
    out += std::string(codes[i]) + " " + format_number(values[i]);
  }
  return out;
}

std::string triangular(const send::Triangular& t) {
  return "min " + format_number(t.min) + ", mode " + format_number(t.mode) + ", max " + format_number(t.max);
}

std::string yes_no(bool b) { return b ? "true" : "false"; }

/// Citations in the declared sources (sim/scenario/parameters.cpp) that name
/// files outside the repository (the project's design notes and the seed
/// documents it was started from), with the published document each stands
/// for, named in full. The report cites only files in the repository or
/// published documents.
struct Citation {
  std::string_view cited;
  std::string_view published;
};

constexpr std::array<Citation, 12> kCitations = {{
    {" (shared DOMAIN.md: the child waits or goes to INMSS)",
     ": when no suitable local place is free the child waits or goes to an independent or non-maintained "
     "special "
     "school (Essex Local Area SEND Strategy 2022-2027: My Life, My Rights, Essex County Council, 2022)"},
    {"national INMSS fees about 61,500-64,000 a year (shared DOMAIN.md)",
     "national INMSS fees about 61,500-64,000 a year (Institute for Fiscal Studies, 'Spending on special "
     "educational needs in England: something has to change', 2024)"},
    {"(County Councils Network, shared DOMAIN.md)",
     "(County Councils Network, 'Councils call for reform of SEND school transport services, as costs double "
     "for "
     "local authorities in county areas over the last five years', 27 March 2024)"},
    {"DfE SEN2 2019, England: 22.8% of requests refused (shared DOMAIN.md)",
     "DfE, 'Education, health and care plans' (SEN2), England, 2019: 22.8% of requests refused"},
    {"DfE SEN2, England: about 5.9% of assessments end without a plan (shared DOMAIN.md)",
     "DfE, 'Education, health and care plans' (SEN2), England: about 5.9% of assessments end without a plan"},
    {"DfE high-needs place funding: 6,000 resourced provision, 10,000 special (shared DOMAIN.md)",
     "DfE high-needs place funding: 6,000 resourced provision, 10,000 special (ESFA, 'High needs funding: "
     "operational guide')"},
    {"England 2024: about 6% of appealable decisions appealed (shared DOMAIN.md)",
     "England 2024: about 6% of appealable decisions appealed (DfE, 'Education, health and care plans', 2025 "
     "release: SEND Tribunal appeals and appeal rate 2014-2024)"},
    {"within the 5-20 year horizons planners use (DESIGN.md)", "within the 5-20 year horizons planners use"},
    {" (shared DOMAIN.md)",
     ""},  // the text before it names the published source (e.g. SEND Regulations 2014)
    {"seeds/000", "Essex Local Area SEND Strategy 2022-2027: My Life, My Rights, Essex County Council, 2022"},
    {"seeds/001",
     "Essex County Council, People and Families Policy and Scrutiny Committee papers, 23 July 2020, with the "
     "2019 "
     "Ofsted/CQC local area SEND inspection letter"},
    {"seeds/003", "Essex County Council, SEND self-evaluation, 2022"},
}};

const scenario::Parameter* declared(std::string_view path) {
  for (const auto& p : scenario::parameters()) {
    if (p.path == path) return &p;
  }
  return nullptr;
}

}  // namespace

std::string published_source(std::string_view declared_source) {
  std::string out(declared_source);
  for (const auto& c : kCitations) {
    for (std::size_t at = out.find(c.cited); at != std::string::npos;
         at = out.find(c.cited, at + c.published.size())) {
      out.replace(at, c.cited.size(), c.published);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> cited_documents(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& c : kCitations) {
    if (!c.cited.starts_with("seeds/") || text.find(c.cited) == std::string_view::npos) continue;
    out.emplace_back(std::string(c.cited), std::string(c.published));
  }
  return out;
}

std::vector<KeyParameter> key_parameters(const send::Scenario& s) {
  const send::Model& m = s.model;
  using send::kAgeBandCodes;
  using send::kSettingTypeCodes;
  double population = 0;
  int districts = 0;
  for (const auto& d : m.districts) {
    if (!d.in_area) continue;
    population += d.population_0_25;
    ++districts;
  }
  std::array<double, send::kSettingTypeCount> places{};
  std::array<int, send::kSettingTypeCount> count{};
  for (const auto& st : m.settings) {
    if (st.unlimited || st.places.empty()) continue;
    const auto t = send::index(st.type);
    places[t] += st.places.front().places;
    count[t] += 1;
  }
  const std::vector<std::pair<std::string_view, std::string>> values = {
      {"model.start_date", engine::to_iso(m.start_date)},
      {"scenario.end_date", engine::to_iso(s.run.end_date)},
      {"districts[].population_0_25",
       format_number(population) + " in " + std::to_string(districts) + " districts of the area"},
      {"districts[].population_growth", "by district (see the effective scenario)"},
      {"settings[].places", "at the start: " + format_number(places[1]) + " enhanced places in " +
                                std::to_string(count[1]) + " settings, " + format_number(places[2]) +
                                " special places in " + std::to_string(count[2]) + " settings"},
      {"initial_stock.ehc_plans", format_number(m.initial_stock.ehc_plans)},
      {"initial_stock.sen_support", format_number(m.initial_stock.sen_support)},
      {"identification.rate", by_code(m.identification.rate, kAgeBandCodes)},
      {"requests.rate_from_support", by_code(m.requests.rate_from_support, kAgeBandCodes)},
      {"requests.direct_per_1000", by_code(m.requests.direct_per_1000, kAgeBandCodes)},
      {"requests.trend", format_number(m.requests.trend)},
      {"assessment.refusal_share", format_number(m.assessment.refusal_share)},
      {"assessment.no_plan_share", format_number(m.assessment.no_plan_share)},
      {"assessment.assessors", std::to_string(m.assessment.assessors)},
      {"assessment.caseload", std::to_string(m.assessment.caseload)},
      {"assessment.work_weeks", triangular(m.assessment.work_weeks)},
      {"assessment.assessors_growth", format_number(m.assessment.assessors_growth)},
      {"placement.keep_type_at_transfer", format_number(m.placement.keep_type_at_transfer)},
      {"review.step_up", by_code(m.review.step_up, kAgeBandCodes)},
      {"review.cease_needs_met", by_code(m.review.cease_needs_met, kAgeBandCodes)},
      {"tribunal.appeal_share_placement", format_number(m.tribunal.appeal_share_placement)},
      {"tribunal.success_share", format_number(m.tribunal.success_share)},
      {"policy.fallback", std::string(send::kFallbackCodes[send::index(m.policy.fallback)])},
      {"policy.rule", std::string(send::kPlacementRuleCodes[send::index(m.policy.rule)])},
      {"policy.max_travel_minutes", format_number(m.policy.max_travel_minutes)},
      {"policy.max_wait_months", std::to_string(m.policy.max_wait_months)},
      {"policy.allow_over_number", yes_no(m.policy.allow_over_number)},
      {"demand.induced_elasticity", format_number(m.demand.induced_elasticity)},
      {"costs.place_funding", by_code(m.costs.place_funding, kSettingTypeCodes)},
      {"costs.top_up", by_code(m.costs.top_up, kSettingTypeCodes)},
      {"costs.inflation", format_number(m.costs.inflation)},
      {"dsg.allocation", format_number(m.dsg.allocation)},
      {"dsg.growth", format_number(m.dsg.growth)},
      {"dsg.opening_balance", format_number(m.dsg.opening_balance)},
  };
  std::vector<KeyParameter> out;
  for (const auto& [path, value] : values) {
    const scenario::Parameter* p = declared(path);
    if (p == nullptr) continue;  // renamed: leave it out rather than mislabel
    out.push_back({std::string(path), value, std::string(p->unit), std::string(p->description),
                   published_source(p->source)});
  }
  return out;
}

std::vector<ProjectRow> project_rows(const send::Scenario& s) {
  std::vector<ProjectRow> out;
  for (const auto& p : s.model.capital_programme) {
    ProjectRow r;
    r.name = p.name;
    r.action = std::string(send::kCapitalActionCodes[send::index(p.action)]);
    r.setting = p.setting.name;
    r.type = std::string(send::kSettingTypeCodes[send::index(p.setting.type)]);
    r.planned = engine::to_iso(p.planned);
    r.places = p.action == send::CapitalAction::kOpen || p.action == send::CapitalAction::kExpand ||
                       p.action == send::CapitalAction::kReduce
                   ? std::to_string(p.places)
                   : "";
    r.delay_months = format_number(p.delay_months.min) + " / " + format_number(p.delay_months.mode) + " / " +
                     format_number(p.delay_months.max);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace sendsim::output
