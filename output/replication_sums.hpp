// output/replication_sums.hpp: sums per key and replication, the working
// store of the folds that turn every replication's tables into the DfE
// returns (dfe_tables.cpp): PerReplication for small tables, SlotSums and
// RowCache for tables with many rows. Internal to output/.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace sendsim::output::detail {

/// Values per key and replication (missing: zero).
template <typename Key>
class PerReplication {
 public:
  explicit PerReplication(std::size_t n) : n_(n) {}
  void add(const Key& key, std::size_t r, double v) {
    auto& values = values_[key];
    if (values.empty()) values.assign(n_, 0.0);
    values[r] += v;
  }
  [[nodiscard]] std::vector<double> values(const Key& key) const {
    const auto it = values_.find(key);
    return it == values_.end() ? std::vector<double>(n_, 0.0) : it->second;
  }
  [[nodiscard]] const std::map<Key, std::vector<double>>& all() const { return values_; }

 private:
  std::size_t n_;
  std::map<Key, std::vector<double>> values_;
};

/// Sums per key and replication, as PerReplication, for tables with many
/// rows: a key's sums are found once (slot), and a table's rows, which come
/// sorted and repeat over replications, find their slots by a walk along a
/// sorted cache (RowCache) instead of building keys of strings for each row.
template <typename Key>
class SlotSums {
 public:
  explicit SlotSums(std::size_t n) : n_(n) {}
  std::size_t slot(const Key& key) {
    const auto [it, fresh] = index_.try_emplace(key, sums_.size());
    if (fresh) sums_.emplace_back(n_, 0.0);
    return it->second;
  }
  void add(std::size_t slot, std::size_t r, double v) { sums_[slot][r] += v; }
  [[nodiscard]] std::vector<double> values(const Key& key) const {
    const auto it = index_.find(key);
    return it == index_.end() ? std::vector<double>(n_, 0.0) : sums_[it->second];
  }

 private:
  std::size_t n_;
  std::map<Key, std::size_t> index_;
  std::vector<std::vector<double>> sums_;
};

/// What a table's row (by its full key) was worked out to be, once per key:
/// `at(rows_key, make)` walks along the sorted cache as the rows come (call
/// start() before each replication's rows).
template <typename Entry>
class RowCache {
 public:
  void start() { at_ = cache_.begin(); }
  template <typename Make>
  const Entry& at(const std::vector<std::string>& key, Make&& make) {
    while (at_ != cache_.end() && at_->first < key) ++at_;
    if (at_ == cache_.end() || at_->first != key) at_ = cache_.emplace_hint(at_, key, make());
    const Entry& e = at_->second;
    ++at_;
    return e;
  }

 private:
  std::map<std::vector<std::string>, Entry> cache_;
  typename std::map<std::vector<std::string>, Entry>::iterator at_ = cache_.begin();
};

}  // namespace sendsim::output::detail
