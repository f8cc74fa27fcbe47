// sim/send/results.hpp: what one replication of the SEND model emits.
//
// The domain keeps its hot-path tallies in fixed arrays and, at each census
// date and at the end of a run, emits them as rows of named tables. A table
// has dimension columns (year first) and one value per row. Writers in
// output/ and the aggregation in run/ read these tables; the domain never
// writes a file.
//
// Year conventions (as the DfE's SEN2 return):
//   - snapshot tables: the January census of that calendar year;
//   - flow tables: the calendar year January-December in which the event fell
//     (a partial first and last year are flagged in the table "coverage").
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sendsim::send {

/// How rows missing from a replication are treated when summarising over
/// replications: counts and sums are zero when absent; means and
/// percentages are left out (a replication with no waits has no mean wait).
enum class Missing : std::uint8_t { kZero, kSkip };

struct TableInfo {
  std::string name;                  // file stem, e.g. "ehc_snapshot"
  std::vector<std::string> columns;  // dimension columns, e.g. {"year", "placement", "age_band", "need"}
  std::string value_unit;            // "children", "percent", "weeks", "places"
  Missing missing = Missing::kZero;
  std::string description;  // one line for the data dictionary
};

/// Rows of one table in one replication: dimension values -> value.
struct Table {
  TableInfo info;
  std::map<std::vector<std::string>, double> rows;

  void add(const std::vector<std::string>& key, double value) { rows[key] += value; }
  /// The position of dimension column `name` in a key; -1 when the table has none.
  [[nodiscard]] int column(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < info.columns.size(); ++i) {
      if (info.columns[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
  void set(const std::vector<std::string>& key, double value) { rows[key] = value; }
};

/// Everything one replication produced.
struct ReplicationResult {
  std::size_t replication = 0;
  std::vector<Table> tables;      // in a fixed order
  std::uint64_t events = 0;       // engine events delivered
  std::uint64_t fingerprint = 0;  // hash over (day, event kind, entity) in delivery order
  double child_years = 0.0;       // child-years simulated (SEN support and plans)

  /// The table called `name`; nullptr when there is none.
  [[nodiscard]] const Table* find(std::string_view name) const {
    for (const auto& t : tables) {
      if (t.info.name == name) return &t;
    }
    return nullptr;
  }
};

}  // namespace sendsim::send
