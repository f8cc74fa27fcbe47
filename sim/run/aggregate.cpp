// sim/run/aggregate.cpp: summaries over replications and paired differences.
#include "run/aggregate.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

namespace sendsim::run {

namespace {

using Key = std::vector<std::string>;
using Ordered = std::vector<const send::ReplicationResult*>;

std::string join(const std::vector<std::string>& parts) {
  std::string out = "{";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += ", ";
    out += parts[i];
  }
  return out + "}";
}

/// One table across replications: its description and, per replication (in
/// order), the table or nullptr when that replication lacks it.
struct Gathered {
  send::TableInfo info;
  std::vector<const send::Table*> per_replication;
};

void check_same_layout(const send::TableInfo& seen, const send::TableInfo& now) {
  if (seen.columns != now.columns || seen.missing != now.missing) {
    throw std::invalid_argument("aggregate: table \"" + seen.name + "\" has columns " + join(seen.columns) +
                                " in one replication and " + join(now.columns) +
                                " (or another missing-row rule) in another");
  }
}

void check_keys(const send::Table& table) {
  for (const auto& [key, value] : table.rows) {
    if (key.size() != table.info.columns.size()) {
      throw std::invalid_argument("aggregate: table \"" + table.info.name + "\" has a row " + join(key) +
                                  " with " + std::to_string(key.size()) + " values for " +
                                  std::to_string(table.info.columns.size()) + " columns " +
                                  join(table.info.columns));
    }
  }
}

/// Tables in the order of first appearance, each with one slot per replication.
std::vector<Gathered> gather(const Ordered& ordered) {
  std::vector<Gathered> tables;
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < ordered.size(); ++r) {
    for (const auto& table : ordered[r]->tables) {
      auto [it, fresh] = index.try_emplace(table.info.name, tables.size());
      if (fresh) {
        tables.push_back({table.info, std::vector<const send::Table*>(ordered.size(), nullptr)});
      } else {
        check_same_layout(tables[it->second].info, table.info);
      }
      check_keys(table);
      tables[it->second].per_replication[r] = &table;
    }
  }
  return tables;
}

AggregatedTable summarise_rows(const send::TableInfo& info, std::size_t replications,
                               const std::map<Key, std::vector<double>>& values) {
  AggregatedTable out;
  out.info = info;
  out.replications = replications;
  out.rows.reserve(values.size());
  for (const auto& [key, v] : values) {
    if (v.empty()) continue;
    out.rows.push_back({key, engine::summarise(v)});
  }
  return out;
}

}  // namespace

Ordered in_replication_order(const std::vector<send::ReplicationResult>& results) {
  Ordered ordered;
  ordered.reserve(results.size());
  for (const auto& r : results) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto* a, const auto* b) { return a->replication < b->replication; });
  for (std::size_t i = 1; i < ordered.size(); ++i) {
    if (ordered[i]->replication == ordered[i - 1]->replication) {
      throw std::invalid_argument("aggregate: replication " + std::to_string(ordered[i]->replication) +
                                  " appears more than once");
    }
  }
  return ordered;
}

const AggregatedRow* AggregatedTable::find(const std::vector<std::string>& key) const {
  const auto it = std::lower_bound(rows.begin(), rows.end(), key,
                                   [](const AggregatedRow& row, const Key& k) { return row.key < k; });
  return it != rows.end() && it->key == key ? &*it : nullptr;
}

void Aggregator::add(const send::ReplicationResult& result) {
  if (added_ > 0 && result.replication <= last_replication_) {
    if (result.replication == last_replication_) {
      throw std::invalid_argument("aggregate: replication " + std::to_string(result.replication) +
                                  " appears more than once");
    }
    throw std::invalid_argument("aggregate: replication " + std::to_string(result.replication) +
                                " added after replication " + std::to_string(last_replication_));
  }
  const std::size_t r = added_;  // this replication's position
  std::vector<bool> seen(tables_.size(), false);
  for (std::size_t k = 0; k < result.tables.size(); ++k) {
    const send::Table& table = result.tables[k];
    auto it = std::find_if(tables_.begin(), tables_.end(),
                           [&](const State& s) { return s.info.name == table.info.name; });
    if (it == tables_.end()) {
      tables_.push_back({table.info, {}, {}});
      seen.push_back(false);
      it = tables_.end() - 1;
    } else {
      check_same_layout(it->info, table.info);
    }
    check_keys(table);
    // Two tables of one name in a replication: the last one counts.
    const bool later_twin =
        std::any_of(result.tables.begin() + static_cast<std::ptrdiff_t>(k) + 1, result.tables.end(),
                    [&](const send::Table& u) { return u.info.name == table.info.name; });
    if (later_twin) continue;
    const auto t = static_cast<std::size_t>(it - tables_.begin());
    seen[t] = true;
    State& state = *it;
    const bool zero = state.info.missing == send::Missing::kZero;
    // One pass over the sorted keys and the sorted rows: values for keys seen
    // before, zeros (kZero) for keys this replication lacks, new keys aside.
    std::vector<std::pair<const Key*, double>> fresh;
    std::size_t i = 0;
    for (const auto& [key, value] : table.rows) {
      for (; i < state.keys.size(); ++i) {
        const auto order = state.keys[i] <=> key;
        if (order >= 0) break;
        if (zero) state.values[i].push_back(0.0);
      }
      if (i < state.keys.size() && state.keys[i] == key) {
        state.values[i].push_back(value);
        ++i;
      } else {
        fresh.emplace_back(&key, value);
      }
    }
    for (; i < state.keys.size(); ++i) {
      if (zero) state.values[i].push_back(0.0);
    }
    if (!fresh.empty()) {
      // Merge the new keys (sorted, as the rows were) into the sorted keys.
      std::vector<Key> keys;
      std::vector<std::vector<double>> values;
      keys.reserve(state.keys.size() + fresh.size());
      values.reserve(state.keys.size() + fresh.size());
      std::size_t a = 0;
      for (const auto& [key, value] : fresh) {
        for (; a < state.keys.size() && state.keys[a] < *key; ++a) {
          keys.push_back(std::move(state.keys[a]));
          values.push_back(std::move(state.values[a]));
        }
        keys.push_back(*key);
        std::vector<double> v(zero ? r : 0, 0.0);
        v.push_back(value);
        values.push_back(std::move(v));
      }
      for (; a < state.keys.size(); ++a) {
        keys.push_back(std::move(state.keys[a]));
        values.push_back(std::move(state.values[a]));
      }
      state.keys = std::move(keys);
      state.values = std::move(values);
    }
  }
  // Tables this replication lacks altogether: no rows, so zeros for kZero.
  for (std::size_t t = 0; t < tables_.size(); ++t) {
    if (seen[t] || tables_[t].info.missing != send::Missing::kZero) continue;
    for (auto& v : tables_[t].values) v.push_back(0.0);
  }
  last_replication_ = result.replication;
  ++added_;
}

std::vector<AggregatedTable> Aggregator::finish() const {
  std::vector<AggregatedTable> out;
  out.reserve(tables_.size());
  for (const State& state : tables_) {
    AggregatedTable table;
    table.info = state.info;
    table.replications = added_;
    table.rows.reserve(state.keys.size());
    for (std::size_t i = 0; i < state.keys.size(); ++i) {
      if (state.values[i].empty()) continue;
      table.rows.push_back({state.keys[i], engine::summarise(state.values[i])});
    }
    out.push_back(std::move(table));
  }
  return out;
}

std::vector<AggregatedTable> aggregate(const std::vector<send::ReplicationResult>& results) {
  Aggregator fold;
  for (const send::ReplicationResult* r : in_replication_order(results)) fold.add(*r);
  return fold.finish();
}

std::vector<AggregatedTable> aggregate_difference(const std::vector<send::ReplicationResult>& base,
                                                  const std::vector<send::ReplicationResult>& other) {
  const Ordered base_ordered = in_replication_order(base);
  const Ordered other_ordered = in_replication_order(other);
  bool same = base_ordered.size() == other_ordered.size();
  for (std::size_t r = 0; same && r < base_ordered.size(); ++r) {
    same = base_ordered[r]->replication == other_ordered[r]->replication;
  }
  if (!same) {
    throw std::invalid_argument(
        "aggregate_difference: the two runs must have the same replication numbers (" +
        std::to_string(base.size()) + " and " + std::to_string(other.size()) + " replications)");
  }
  const std::size_t n = base_ordered.size();
  const std::vector<Gathered> base_tables = gather(base_ordered);
  const std::vector<Gathered> other_tables = gather(other_ordered);

  // Table order: the base run's, then tables only the other run has.
  std::vector<std::pair<const Gathered*, const Gathered*>> pairs;
  for (const Gathered& b : base_tables) {
    const auto it = std::find_if(other_tables.begin(), other_tables.end(),
                                 [&](const Gathered& o) { return o.info.name == b.info.name; });
    if (it != other_tables.end()) check_same_layout(b.info, it->info);
    pairs.emplace_back(&b, it != other_tables.end() ? &*it : nullptr);
  }
  for (const Gathered& o : other_tables) {
    const bool in_base = std::any_of(base_tables.begin(), base_tables.end(),
                                     [&](const Gathered& b) { return b.info.name == o.info.name; });
    if (!in_base) pairs.emplace_back(nullptr, &o);
  }

  std::vector<AggregatedTable> out;
  for (const auto& [b, o] : pairs) {
    const send::TableInfo& info = b != nullptr ? b->info : o->info;
    // Per key and replication: the base and other values, when present.
    using Side = std::vector<std::optional<double>>;
    std::map<Key, std::pair<Side, Side>> cells;
    auto collect = [&](const Gathered* g, bool is_base) {
      if (g == nullptr) return;
      for (std::size_t r = 0; r < n; ++r) {
        if (g->per_replication[r] == nullptr) continue;
        for (const auto& [key, value] : g->per_replication[r]->rows) {
          auto& sides = cells.try_emplace(key, Side(n), Side(n)).first->second;
          (is_base ? sides.first : sides.second)[r] = value;
        }
      }
    };
    collect(b, true);
    collect(o, false);
    std::map<Key, std::vector<double>> values;
    for (const auto& [key, sides] : cells) {
      std::vector<double>& v = values[key];
      for (std::size_t r = 0; r < n; ++r) {
        const auto& bv = sides.first[r];
        const auto& ov = sides.second[r];
        if (info.missing == send::Missing::kZero) {
          v.push_back(ov.value_or(0.0) - bv.value_or(0.0));
        } else if (bv && ov) {
          v.push_back(*ov - *bv);
        }
      }
    }
    out.push_back(summarise_rows(info, n, values));
  }
  return out;
}

TotalFold::TotalFold(std::string_view name, std::vector<std::string> keep, std::size_t replications)
    : replications_(replications) {
  info_.name = name;
  info_.columns = std::move(keep);
  info_.missing = send::Missing::kZero;
}

void TotalFold::add(const send::ReplicationResult& result) {
  const std::size_t r = added_++;
  if (r >= replications_) throw std::logic_error("TotalFold: more replications than announced");
  const send::Table* table = result.find(info_.name);
  if (table == nullptr) return;
  if (seen_) {
    check_same_layout(first_, table->info);
  } else {
    seen_ = true;
    first_ = table->info;
    info_.value_unit = table->info.value_unit;
    info_.description = table->info.description;
    for (const std::string& column : info_.columns) {
      const auto& cols = table->info.columns;
      const auto it = std::find(cols.begin(), cols.end(), column);
      if (it == cols.end()) {
        throw std::invalid_argument("aggregate_total: table \"" + info_.name + "\" has no column \"" +
                                    column + "\" (it has " + join(cols) + ")");
      }
      positions_.push_back(static_cast<std::size_t>(it - cols.begin()));
    }
  }
  check_keys(*table);
  // Rows come sorted, as `cell_of_` is: one walk along both finds each
  // row's cell with no search and no key built (keys repeat over
  // replications); a key not seen before is inserted at the walk's place.
  auto at = cell_of_.begin();
  for (const auto& [key, value] : table->rows) {
    while (at != cell_of_.end() && at->first < key) ++at;
    if (at == cell_of_.end() || at->first != key) {
      Key projected;
      projected.reserve(positions_.size());
      for (std::size_t p : positions_) projected.push_back(key[p]);
      const auto [cell, fresh] = cells_.try_emplace(std::move(projected), sums_.size());
      if (fresh) sums_.emplace_back(replications_, 0.0);
      at = cell_of_.emplace_hint(at, key, cell->second);
    }
    sums_[at->second][r] += value;
    ++at;
  }
}

AggregatedTable TotalFold::finish() const {
  if (added_ != replications_) throw std::logic_error("TotalFold: fewer replications than announced");
  std::map<Key, std::vector<double>> values;
  for (const auto& [projected, cell] : cells_) values.emplace(projected, sums_[cell]);
  return summarise_rows(info_, replications_, values);
}

AggregatedTable aggregate_total(const std::vector<send::ReplicationResult>& results, std::string_view name,
                                const std::vector<std::string>& keep) {
  const Ordered ordered = in_replication_order(results);
  TotalFold fold(name, keep, ordered.size());
  for (const send::ReplicationResult* r : ordered) fold.add(*r);
  return fold.finish();
}

void OrderedFold::finished(std::size_t k) {
  {
    const std::lock_guard lock(mutex_);
    ready_[k] = true;
    if (folding_ || k != next_ || error_) return;
    folding_ = true;
  }
  for (;;) {
    std::size_t due = 0;
    {
      const std::lock_guard lock(mutex_);
      if (next_ >= ready_.size() || !ready_[next_]) {
        folding_ = false;
        idle_.notify_all();
        return;
      }
      due = next_;
    }
    try {
      fold_.add(results_[due]);
      if (then_) then_(results_[due]);
    } catch (...) {
      const std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      folding_ = false;
      idle_.notify_all();
      return;
    }
    const std::lock_guard lock(mutex_);
    ++next_;
  }
}

std::vector<AggregatedTable> OrderedFold::finish() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return !folding_; });
  if (error_) std::rethrow_exception(error_);
  return fold_.finish();
}

}  // namespace sendsim::run
