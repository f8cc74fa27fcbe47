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

struct SufficiencyFold::State {
  explicit State(std::size_t replications) : n(replications) {}
  std::size_t n;
  std::size_t added = 0;
  bool any = false;
  // The groups (district or the total, need, provision), in order of first
  // appearance; the report's order (GroupKey) is applied once, at the end.
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t, std::less<>> group_ids;
  std::vector<GroupKey> group_keys;
  std::set<int> years;
  // Per group, per census year: each replication's measures.
  std::vector<std::map<int, std::vector<Measures>>> data;

  std::size_t intern(std::string_view district, std::string_view need, std::string_view provision) {
    const auto key = std::make_tuple(district, need, provision);
    auto it = group_ids.find(key);
    if (it == group_ids.end()) {
      it = group_ids
               .emplace(std::make_tuple(std::string(district), std::string(need), std::string(provision)),
                        group_keys.size())
               .first;
      group_keys.push_back({std::string(district), std::string(need), std::string(provision)});
      data.emplace_back();
    }
    return it->second;
  }
  Measures& at(std::size_t group, int year, std::size_t r) {
    auto& per_rep = data[group][year];
    if (per_rep.empty()) per_rep.assign(n, Measures{});
    return per_rep[r];
  }
};

SufficiencyFold::SufficiencyFold(std::size_t replications) : state_(std::make_unique<State>(replications)) {}
SufficiencyFold::~SufficiencyFold() = default;
SufficiencyFold::SufficiencyFold(SufficiencyFold&&) noexcept = default;

void SufficiencyFold::add(const send::ReplicationResult& result) {
  State& st = *state_;
  const std::size_t r = st.added++;
  const send::Table* table = result.find(send::tables::kSufficiencySnapshot);
  if (table == nullptr) return;
  st.any = true;
  // A table's rows are sorted by key (year, district, need, provision,
  // measure), so the measures of one group and year come together: the
  // group and year are looked up once for each such run of rows.
  auto same_group = [](const std::vector<std::string>* a, const std::vector<std::string>& b) {
    return a != nullptr && (*a)[0] == b[0] && (*a)[1] == b[1] && (*a)[2] == b[2] && (*a)[3] == b[3];
  };
  const std::vector<std::string>* last = nullptr;
  Measures* own = nullptr;
  Measures* total = nullptr;
  for (const auto& [key, value] : table->rows) {
    if (key.size() != 5) continue;
    const std::size_t m = measure_index(key[4]);
    if (m == kMeasures.size()) continue;
    if (!same_group(last, key)) {
      last = &key;
      const int year = std::stoi(key[0]);
      st.years.insert(year);
      const std::size_t g = st.intern(key[1], key[2], key[3]);
      const std::size_t g_total = st.intern(kSufficiencyTotal, key[2], key[3]);
      own = &st.at(g, year, r);
      total = &st.at(g_total, year, r);
    }
    (*own)[m] += value;
    (*total)[m] += value;
  }
}

std::vector<SufficiencyRow> SufficiencyFold::finish() const {
  const State& st = *state_;
  std::vector<std::size_t> order(st.group_keys.size());
  for (std::size_t g = 0; g < order.size(); ++g) order[g] = g;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return st.group_keys[a] < st.group_keys[b]; });
  std::vector<SufficiencyRow> rows;
  if (!st.any) return rows;
  const std::size_t reps = st.n;
  const double n = static_cast<double>(reps);
  const std::vector<Measures> none(reps, Measures{});
  for (const std::size_t g : order) {
    const GroupKey& group = st.group_keys[g];
    const std::size_t first_row = rows.size();
    std::vector<std::pair<int, double>> p_by_year;
    for (const int year : st.years) {
      const auto found = st.data[g].find(year);
      const std::vector<Measures>& per_rep = found == st.data[g].end() ? none : found->second;
      SufficiencyRow row;
      row.district = group.district;
      row.need = group.need;
      row.provision = group.provision;
      row.year = year;
      std::vector<double> gaps;
      gaps.reserve(reps);
      double positive = 0;
      Measures sums{};  // summed, then divided once (means of whole counts stay exact)
      for (std::size_t r = 0; r < reps; ++r) {
        const Measures& v = per_rep[r];
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

std::vector<SufficiencyRow> sufficiency_rows(const std::vector<send::ReplicationResult>& results) {
  SufficiencyFold fold(results.size());
  for (const auto& r : results) fold.add(r);
  return fold.finish();
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
