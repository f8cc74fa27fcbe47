// sim/calibrate/series.cpp: published and simulated values of the fitted and
// scored series (see series.hpp).
#include "calibrate/series.hpp"

#include <string>

#include "send/tables.hpp"

namespace sendsim::calibrate {

namespace {

using data::Placement;

std::optional<double> value(const data::ByYear& s, int year) {
  const auto it = s.find(year);
  if (it == s.end() || !it->second.ok()) return std::nullopt;
  return *it->second.value;
}

/// Sum of the placement groups; a missing group counts as none unless it is
/// the main one of the series (a suppressed handful must not void a series).
std::optional<double> groups(const data::AreaData& a, int year, std::initializer_list<Placement> parts,
                             Placement main) {
  double total = 0;
  for (Placement p : parts) {
    const auto v = value(a.plans_by_placement[static_cast<int>(p)], year);
    if (!v) {
      if (p == main) return std::nullopt;
      continue;
    }
    total += *v;
  }
  return total;
}

/// Model type of each simulated placement label (recording.cpp's labels).
int type_of_label(const std::string& label) {
  if (label == "enhanced") return 1;
  if (label == "special" || label == "special_out_of_county") return 2;
  if (label == "inmss") return 3;
  return 0;
}

double flow(const send::ReplicationResult& r, const char* measure, int year) {
  const send::Table* t = r.find(send::tables::kFlows);
  if (!t) return 0;
  const auto it = t->rows.find({std::to_string(year), measure});
  return it == t->rows.end() ? 0.0 : it->second;
}

bool whole_year(const send::ReplicationResult& r, int year) {
  const send::Table* t = r.find(send::tables::kCoverage);
  if (!t) return false;
  const auto it = t->rows.find({std::to_string(year), "days"});
  return it != t->rows.end() && it->second >= 365;
}

}  // namespace

std::optional<double> published(const data::AreaData& a, Series s, int year) {
  switch (s) {
    case Series::kPlans:
      return value(a.plans, year);
    case Series::kMainstream:
      return groups(a, year,
                    {Placement::kMainstream, Placement::kEnhanced, Placement::kAlternativeProvision,
                     Placement::kEarlyYears, Placement::kOther},
                    Placement::kMainstream);
    case Series::kStateSpecial:
      return groups(a, year, {Placement::kSpecialState}, Placement::kSpecialState);
    case Series::kIndependentSpecial:
      return groups(
          a, year,
          {Placement::kSpecialIndependent, Placement::kSpecialNonMaintained, Placement::kSpecialistPost16},
          Placement::kSpecialIndependent);
    case Series::kFurtherEducation:
      return groups(a, year, {Placement::kFurtherEducation}, Placement::kFurtherEducation);
    case Series::kRequests:
      return value(a.requests, year);
    case Series::kNewPlans:
      return value(a.new_plans, year);
    case Series::kWithin20Weeks:
      return value(a.issued_within_20_weeks_pct, year);
  }
  return std::nullopt;
}

std::array<double, 4> simulated_types(const send::ReplicationResult& r, int year) {
  std::array<double, 4> out{};
  const send::Table* t = r.find(send::tables::kEhcSnapshot);
  if (!t) return out;
  const std::string y = std::to_string(year);
  for (const auto& [key, v] : t->rows) {
    if (key[0] == y) out[type_of_label(key[1])] += v;
  }
  return out;
}

double simulated_sen_support(const send::ReplicationResult& r, int year) {
  // The snapshot counts the children in the statutory pipeline as well; the
  // published SEN support figure does not.
  double total = 0;
  const std::string y = std::to_string(year);
  if (const send::Table* t = r.find(send::tables::kSenSupportSnapshot)) {
    for (const auto& [key, v] : t->rows) total += key[0] == y ? v : 0.0;
  }
  if (const send::Table* t = r.find(send::tables::kPipelineSnapshot)) {
    for (const auto& [key, v] : t->rows) total -= key[0] == y ? v : 0.0;
  }
  return total;
}

std::optional<double> simulated(const send::ReplicationResult& r, Series s, int year) {
  if (is_stock(s)) {
    const send::Table* t = r.find(send::tables::kEhcSnapshot);
    if (!t) return std::nullopt;
    const std::string y = std::to_string(year);
    double total = 0;
    bool any = false;
    for (const auto& [key, v] : t->rows) {
      if (key[0] != y) continue;
      any = true;
      const std::string& label = key[1];
      const bool fe = label == "further_education";
      int type = type_of_label(label);
      // Special plans at 20-25 are in the model's post-19 specialist
      // provision, which SEN2 does not count in special schools (it spreads
      // such young people over FE, specialist post-16 institutions and other
      // arrangements): in the total only.
      if (type == 2 && key[2] == "20_25") type = -1;
      switch (s) {
        case Series::kPlans:
          total += v;
          break;
        case Series::kMainstream:
          total += ((type == 0 || type == 1) && !fe) ? v : 0.0;
          break;
        case Series::kStateSpecial:
          total += type == 2 ? v : 0.0;
          break;
        case Series::kIndependentSpecial:
          total += type == 3 ? v : 0.0;
          break;
        case Series::kFurtherEducation:
          total += fe ? v : 0.0;
          break;
        default:
          break;
      }
    }
    if (!any) {
      // A census inside the run with no plan holders is a zero, not a gap.
      const send::Table* c = r.find(send::tables::kCoverage);
      if (!c || !c->rows.count({y, "days"})) return std::nullopt;
    }
    return total;
  }
  if (!whole_year(r, year)) return std::nullopt;
  switch (s) {
    case Series::kRequests:
      return flow(r, "requests", year);
    case Series::kNewPlans:
      return flow(r, "plans_issued", year);
    case Series::kWithin20Weeks: {
      const double issued = flow(r, "plans_issued", year);
      if (issued <= 0) return std::nullopt;
      return 100.0 * flow(r, "plans_issued_within_20_weeks", year) / issued;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace sendsim::calibrate
