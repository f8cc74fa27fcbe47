// output/sufficiency.cpp: sufficiency.csv (see sufficiency.hpp).
#include "output/sufficiency.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "output/csv.hpp"
#include "send/codes.hpp"
#include "send/tables.hpp"

namespace sendsim::output {

namespace {

constexpr std::array<std::string_view, 4> kMeasures = {"places", "placed", "waiting", "placed_elsewhere"};
/// Gaps this close to zero are apportioning round-off, not a child.
constexpr double kGapEpsilon = 1e-9;

std::size_t measure_index(const std::string& code) {
  for (std::size_t m = 0; m < kMeasures.size(); ++m) {
    if (kMeasures[m] == code) return m;
  }
  return kMeasures.size();
}

std::size_t need_order(const std::string& code) {
  const auto need = send::parse_code<send::Need>(send::kNeedCodes, code);
  return need ? send::index(*need) : send::kNeedCodes.size();
}

/// (district, need, provision), ordered: districts by name with the total
/// last, needs in the codes' order, enhanced before special.
struct GroupKey {
  std::string district;
  std::string need;
  std::string provision;
  bool operator<(const GroupKey& o) const {
    const bool total = district == kSufficiencyTotal;
    const bool o_total = o.district == kSufficiencyTotal;
    return std::forward_as_tuple(total, district, need_order(need), need, provision) <
           std::forward_as_tuple(o_total, o.district, need_order(o.need), o.need, o.provision);
  }
};

using Measures = std::array<double, kMeasures.size()>;

}  // namespace

GapOpening first_gap_year(std::span<const std::pair<int, double>> p_by_year, double threshold) {
  GapOpening out;
  for (const auto& [year, p] : p_by_year) {
    if (p >= threshold) {
      out.first_seen = year;
      break;
    }
  }
  std::size_t from = p_by_year.size();
  while (from > 0 && p_by_year[from - 1].second >= threshold) --from;
  if (from == p_by_year.size()) return out;  // closed at the last census (or no census)
  out.year = p_by_year[from].first;
  out.kind = from == 0 ? GapOpening::Kind::kFromStart : GapOpening::Kind::kOpens;
  return out;
}

std::string_view gap_opening_code(GapOpening::Kind kind) {
  switch (kind) {
    case GapOpening::Kind::kNever:
      return "never";
    case GapOpening::Kind::kFromStart:
      return "from_start";
    case GapOpening::Kind::kOpens:
      return "opens";
  }
  return "never";
}

std::vector<SufficiencyRow> sufficiency_rows(const std::vector<send::ReplicationResult>& results) {
  // Two passes over the snapshots: the groups (district or the total, need,
  // provision) and years first, then each replication's measures in a flat
  // array by group, replication and year. Keys are views into the results'
  // rows, compared as plain strings; the report's order (GroupKey) is
  // applied once to the groups, not at every row.
  using View = std::tuple<std::string_view, std::string_view, std::string_view>;
  std::map<View, std::size_t> group_ids;
  std::vector<GroupKey> group_keys;
  std::map<int, std::size_t> year_ids;
  auto year_of = [](const std::string& text) { return std::stoi(text); };
  bool any = false;
  auto intern = [&](View v) {
    const auto [it, added] = group_ids.try_emplace(v, group_keys.size());
    if (added) {
      group_keys.push_back(
          {std::string(std::get<0>(v)), std::string(std::get<1>(v)), std::string(std::get<2>(v))});
    }
    return it->second;
  };
  // A table's rows are sorted by key (year, district, need, provision,
  // measure), so the measures of one group and year come together: the
  // group and year are looked up once for each such run of rows.
  auto same_group = [](const std::vector<std::string>* a, const std::vector<std::string>& b) {
    return a != nullptr && (*a)[0] == b[0] && (*a)[1] == b[1] && (*a)[2] == b[2] && (*a)[3] == b[3];
  };
  for (const auto& result : results) {
    const send::Table* table = result.find(send::tables::kSufficiencySnapshot);
    if (table == nullptr) continue;
    any = true;
    const std::vector<std::string>* last = nullptr;
    for (const auto& [key, value] : table->rows) {
      if (key.size() != 5 || measure_index(key[4]) == kMeasures.size()) continue;
      if (same_group(last, key)) continue;
      last = &key;
      year_ids.try_emplace(year_of(key[0]), 0);
      intern({key[1], key[2], key[3]});
      intern({kSufficiencyTotal, key[2], key[3]});
    }
  }
  std::vector<int> year_list;
  for (auto& [year, id] : year_ids) {
    id = year_list.size();
    year_list.push_back(year);
  }
  const std::size_t years = year_list.size();
  const std::size_t reps = results.size();
  std::vector<std::vector<Measures>> data(group_keys.size(), std::vector<Measures>(reps * years, Measures{}));
  for (std::size_t r = 0; r < reps; ++r) {
    const send::Table* table = results[r].find(send::tables::kSufficiencySnapshot);
    if (table == nullptr) continue;
    const std::vector<std::string>* last = nullptr;
    Measures* own = nullptr;
    Measures* total = nullptr;
    for (const auto& [key, value] : table->rows) {
      if (key.size() != 5) continue;
      const std::size_t m = measure_index(key[4]);
      if (m == kMeasures.size()) continue;
      if (!same_group(last, key)) {
        last = &key;
        const std::size_t y = year_ids.at(year_of(key[0]));
        own = &data[group_ids.at({key[1], key[2], key[3]})][r * years + y];
        total = &data[group_ids.at({kSufficiencyTotal, key[2], key[3]})][r * years + y];
      }
      (*own)[m] += value;
      (*total)[m] += value;
    }
  }
  std::vector<std::size_t> order(group_keys.size());
  for (std::size_t g = 0; g < order.size(); ++g) order[g] = g;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return group_keys[a] < group_keys[b]; });
  std::vector<SufficiencyRow> rows;
  if (!any) return rows;
  const double n = static_cast<double>(results.size());
  for (const std::size_t g : order) {
    const GroupKey& group = group_keys[g];
    const std::size_t first_row = rows.size();
    std::vector<std::pair<int, double>> p_by_year;
    for (std::size_t y = 0; y < years; ++y) {
      SufficiencyRow row;
      row.district = group.district;
      row.need = group.need;
      row.provision = group.provision;
      row.year = year_list[y];
      std::vector<double> gaps;
      gaps.reserve(reps);
      double positive = 0;
      Measures sums{};  // summed, then divided once (means of whole counts stay exact)
      for (std::size_t r = 0; r < reps; ++r) {
        const Measures& v = data[g][r * years + y];
        for (std::size_t m = 0; m < kMeasures.size(); ++m) sums[m] += v[m];
        const double needing = v[1] + v[2] + v[3];
        const double gap = needing - v[0];
        gaps.push_back(gap);
        if (gap > kGapEpsilon) positive += 1;
      }
      row.places = sums[0] / n;
      row.placed = sums[1] / n;
      row.waiting = sums[2] / n;
      row.placed_elsewhere = sums[3] / n;
      row.needing = (sums[1] + sums[2] + sums[3]) / n;
      row.gap = engine::summarise(gaps);
      row.p_gap_positive = positive / n;
      p_by_year.emplace_back(row.year, row.p_gap_positive);
      rows.push_back(std::move(row));
    }
    const GapOpening opening = first_gap_year(p_by_year);
    for (std::size_t i = first_row; i < rows.size(); ++i) rows[i].opening = opening;
  }
  return rows;
}

void write_sufficiency(const std::filesystem::path& path, const std::vector<SufficiencyRow>& rows) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header({"district", "need", "provision", "year", "places", "placed", "waiting", "placed_elsewhere",
              "needing", "n", "gap_mean", "gap_ci_low", "gap_ci_high", "gap_p5", "gap_p95", "p_gap_positive",
              "gap_opens", "gap_opens_year", "gap_first_year"});
  for (const SufficiencyRow& row : rows) {
    csv.field(row.district).field(row.need).field(row.provision).field(row.year);
    csv.field(row.places).field(row.placed).field(row.waiting).field(row.placed_elsewhere).field(row.needing);
    csv.field(row.gap.n).field(row.gap.mean).field(row.gap.ci_low).field(row.gap.ci_high);
    csv.field(row.gap.p5).field(row.gap.p95).field(row.p_gap_positive);
    csv.field(gap_opening_code(row.opening.kind));
    if (row.opening.year) {
      csv.field(*row.opening.year);
    } else {
      csv.field("");
    }
    if (row.opening.first_seen) {
      csv.field(*row.opening.first_seen);
    } else {
      csv.field("");
    }
    csv.end_row();
  }
  file.close();
}

}  // namespace sendsim::output
