// output/sufficiency.hpp: sufficiency.csv, where and when the gaps in
// specialist places open.
//
// From the model table sufficiency_snapshot (send/recording.cpp), in each
// replication and then summarised over replications: by district (each
// in-area district, then `total`, the county), primary need, provision
// (enhanced, special) and January census,
//   places    commissioned places of that type in the district, apportioned
//             to needs by the needs of the children on roll;
//   needing   plan holders of the district (home) and need whose plan names
//             that provision: placed in it locally + waiting + placed
//             elsewhere (INMSS or out of area) for want of one;
//   gap       needing - places: its mean, 95% interval for the mean,
//             5th-95th percentiles, and the share of replications in which
//             it is above zero.
// And, per district, need and provision, the year the gap opens (the rule is
// first_gap_year below; output/README.md documents it for users).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/stats.hpp"
#include "send/results.hpp"

namespace sendsim::output {

inline constexpr std::string_view kSufficiencyFile = "sufficiency.csv";
/// The district name of the county's rows (every in-area district summed in
/// each replication).
inline constexpr std::string_view kSufficiencyTotal = "total";
/// A gap is open at a census when at least this share of replications has
/// more children needing a place than places.
inline constexpr double kGapOpenProbability = 0.5;

/// When a gap opens, by the rule of first_gap_year.
struct GapOpening {
  enum class Kind { kNever, kFromStart, kOpens };
  Kind kind = Kind::kNever;
  std::optional<int> year;        // the census it opens at (kFromStart: the first census); none when kNever
  std::optional<int> first_seen;  // first census with P(gap > 0) >= the threshold, even if it closes again
};

/// The first-year-a-gap-opens rule. `p_by_year` holds (census year, P(gap >
/// 0)) in ascending years. The gap opens at the first census from which
/// P(gap > 0) >= `threshold` at that census and every later one in the run:
/// kFromStart when that is the first census, kOpens at a later one, kNever
/// when the last census is below the threshold (a gap that opens and closes
/// again before the end has not opened; its first_seen says when it was
/// first open). An empty series never opens.
[[nodiscard]] GapOpening first_gap_year(std::span<const std::pair<int, double>> p_by_year,
                                        double threshold = kGapOpenProbability);

/// The code of a GapOpening::Kind: "never", "from_start", "opens".
[[nodiscard]] std::string_view gap_opening_code(GapOpening::Kind kind);

struct SufficiencyRow {
  std::string district;   // a district of the model, or kSufficiencyTotal
  std::string need;       // primary need code
  std::string provision;  // "enhanced" or "special"
  int year = 0;           // January census
  double places = 0;      // mean over replications
  double placed = 0;
  double waiting = 0;
  double placed_elsewhere = 0;
  double needing = 0;         // placed + waiting + placed_elsewhere
  engine::Summary gap;        // needing - places, over replications
  double p_gap_positive = 0;  // share of replications with gap > 0
  GapOpening opening;         // the same on every year of a district, need and provision
};

/// The rows of sufficiency.csv: districts in name order then `total`, then
/// need and provision (codes' order), then year ascending; every census year
/// of the run for each district, need and provision that has any place or
/// child in any replication. Empty when no replication has the table.
[[nodiscard]] std::vector<SufficiencyRow> sufficiency_rows(
    const std::vector<send::ReplicationResult>& results);

/// sufficiency_rows() one replication at a time, in replication order (the
/// same rows, to the bit).
class SufficiencyFold {
 public:
  explicit SufficiencyFold(std::size_t replications);
  ~SufficiencyFold();
  SufficiencyFold(SufficiencyFold&&) noexcept;
  void add(const send::ReplicationResult& result);
  [[nodiscard]] std::vector<SufficiencyRow> finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Writes `rows` as sufficiency.csv (columns in output/README.md).
void write_sufficiency(const std::filesystem::path& path, const std::vector<SufficiencyRow>& rows);

}  // namespace sendsim::output
