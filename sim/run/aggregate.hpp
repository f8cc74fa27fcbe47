// sim/run/aggregate.hpp: tables summarised over replications.
//
// One replication emits named tables of rows keyed by dimension values
// (send/results.hpp). aggregate() turns the tables of N replications into one
// AggregatedTable per table: for each key seen in any replication (the union,
// in ascending key order) the Summary (engine/stats.hpp) of that row's value
// over replications.
//
// Rows absent from a replication follow the table's Missing rule:
//   kZero  the row counts as 0 in that replication, so every row is
//          summarised over all N replications (n = N);
//   kSkip  the replication is left out for that row (a replication with no
//          waits has no mean wait), so n counts the replications that have it.
// A table absent from a replication altogether is treated as having no rows.
//
// Results depend only on the set of replications, never on the order they
// finished in: inputs are first put in ascending `replication` order, so the
// same replications give the same bytes whatever the thread count.
//
// aggregate_difference() pairs two runs replication by replication (scenarios
// run under the same seed share their random streams: common random numbers)
// and summarises other - base per key: the paired difference and its interval.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/stats.hpp"
#include "send/results.hpp"

namespace sendsim::run {

/// One row of an aggregated table: the dimension values and the summary over
/// replications (summary.n: how many replications it was summarised over).
struct AggregatedRow {
  std::vector<std::string> key;
  engine::Summary summary;
};

/// A table summarised over replications.
struct AggregatedTable {
  send::TableInfo info;
  std::size_t replications = 0;     // replications aggregated (rows of kSkip tables may have fewer)
  std::vector<AggregatedRow> rows;  // ascending by key

  /// The row with this key; nullptr when no replication had it.
  [[nodiscard]] const AggregatedRow* find(const std::vector<std::string>& key) const;
};

/// Folds replications into the tables aggregate() gives, one replication at
/// a time and in ascending replication order, so that a run can summarise
/// each replication as it finishes and need not keep them all (the runner
/// does this on its worker threads, run/runner.hpp). Per table it keeps the
/// keys seen so far, sorted, with each key's values over replications; a
/// replication's rows (sorted, as Table keeps them) are merged in one pass.
/// finish() gives the same tables, to the bit, as aggregate() over the same
/// replications.
class Aggregator {
 public:
  /// Adds the next replication. Throws std::invalid_argument when its number
  /// is not above the last one added (aggregate()'s duplicate error when
  /// equal), or on aggregate()'s layout and key errors.
  void add(const send::ReplicationResult& result);
  /// The tables over the replications added (see aggregate()).
  [[nodiscard]] std::vector<AggregatedTable> finish() const;
  [[nodiscard]] std::size_t replications() const noexcept { return added_; }

 private:
  struct State {
    send::TableInfo info;
    std::vector<std::vector<std::string>> keys;  // ascending
    std::vector<std::vector<double>> values;     // per key, in replication order
  };
  std::vector<State> tables_;  // in the order of first appearance
  std::size_t added_ = 0;
  std::size_t last_replication_ = 0;
};

/// The fold of finished replications in replication order, for replications
/// that finish in any order on several threads: `finished(k)` says slot k of
/// `results` holds its result; the thread that finishes the slot due next
/// folds it and every later one already finished, and the others go back to
/// simulating. finish() waits for a fold in progress to end, then gives
/// aggregate()'s tables over the slots folded (all of them once every slot
/// is finished; the same whatever the thread count) or rethrows the fold's
/// error. `results` must not be resized while folding.
class OrderedFold {
 public:
  /// `then`, when set, is called with each replication right after it is
  /// folded, in replication order and one at a time (it may take the
  /// replication's tables: nothing else reads them afterwards).
  explicit OrderedFold(std::vector<send::ReplicationResult>& results,
                       std::function<void(send::ReplicationResult&)> then = {})
      : results_(results), then_(std::move(then)), ready_(results.size(), false) {}
  void finished(std::size_t k);
  [[nodiscard]] std::vector<AggregatedTable> finish();

 private:
  std::vector<send::ReplicationResult>& results_;
  std::function<void(send::ReplicationResult&)> then_;
  std::mutex mutex_;
  std::condition_variable idle_;  // folding_ became false
  std::vector<bool> ready_;
  std::size_t next_ = 0;
  bool folding_ = false;
  std::exception_ptr error_;
  Aggregator fold_;
};

/// The results in ascending replication number; throws std::invalid_argument
/// when two share a number.
[[nodiscard]] std::vector<const send::ReplicationResult*> in_replication_order(
    const std::vector<send::ReplicationResult>& results);

/// Summarises every table over `results`. Tables come in the order of their
/// first appearance (replication order). Throws std::invalid_argument when two
/// results share a replication number, or when replications disagree on a
/// table's dimension columns or a key has the wrong number of values.
[[nodiscard]] std::vector<AggregatedTable> aggregate(const std::vector<send::ReplicationResult>& results);

/// Per key, the summary over replications of (other - base), pairing the two
/// runs by replication number. Missing rows follow the table's rule: kZero
/// counts an absent row as 0 on its side; kSkip uses only the replications
/// where both sides have the row. Throws std::invalid_argument when the two
/// runs do not have the same replication numbers, or a table's columns differ.
[[nodiscard]] std::vector<AggregatedTable> aggregate_difference(
    const std::vector<send::ReplicationResult>& base, const std::vector<send::ReplicationResult>& other);

/// Sums table `name` over every dimension not in `keep` (in each replication,
/// before summarising), e.g. EHC plans by year from ehc_snapshot with
/// keep = {"year"}. Every replication counts (absent rows are 0), whatever the
/// table's Missing rule, so use it for counts only. A table that no
/// replication has gives no rows; a `keep` column the table does not have
/// throws std::invalid_argument.
[[nodiscard]] AggregatedTable aggregate_total(const std::vector<send::ReplicationResult>& results,
                                              std::string_view name, const std::vector<std::string>& keep);

/// aggregate_total() one replication at a time, in ascending replication
/// order, for a run that folds each replication as it finishes (the same
/// table, to the bit, as aggregate_total over the same replications).
class TotalFold {
 public:
  TotalFold(std::string_view name, std::vector<std::string> keep, std::size_t replications);
  /// The next replication (at most `replications` of them); aggregate_total's errors.
  void add(const send::ReplicationResult& result);
  /// Whether any replication added had the table.
  [[nodiscard]] bool any() const noexcept { return seen_; }
  /// The table over the replications; throws std::logic_error unless all were added.
  [[nodiscard]] AggregatedTable finish() const;

 private:
  send::TableInfo info_;
  send::TableInfo first_;  // the layout of the first replication with the table
  std::size_t replications_;
  std::size_t added_ = 0;
  bool seen_ = false;
  std::vector<std::size_t> positions_;                       // of the kept columns
  std::map<std::vector<std::string>, std::size_t> cells_;    // projected key -> its sums
  std::vector<std::vector<double>> sums_;                    // per cell, per replication
  std::map<std::vector<std::string>, std::size_t> cell_of_;  // a table's full key -> its cell
};

}  // namespace sendsim::run
