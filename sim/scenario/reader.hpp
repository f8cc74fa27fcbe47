// sim/scenario/reader.hpp: the Io that fills the structs from a merged tree
// (see fields.hpp for the visitors that drive it).
//
// A Reader wraps one YAML map. On construction it checks that the node is a
// map and that every key is declared under its prefix (unknown keys are
// errors that list the declared keys, sorted). field() reads a declared
// parameter: absent and required is an error at the map's mark ("missing
// required key"); absent with a default takes the default; absent and
// optional leaves the field unset. Every value's mark is recorded in
// Locations for the cross-field checks.
#pragma once

#include <string>
#include <vector>

#include "scenario/parameters.hpp"
#include "scenario/values.hpp"
#include "scenario/yaml_tree.hpp"

namespace sendsim::scenario {

class Reader {
 public:
  /// `node`: the map to read; `path`: its YAML path ("settings[2]"); `prefix`:
  /// its declaration prefix ("settings[]"); "" for the root.
  Reader(const Node& node, std::string path, std::string prefix, Locations& where);

  template <class T>
  void field(std::string_view key, T& out) {
    const Parameter& decl = parameter(join_path(prefix_, key));
    const std::string path = join_path(path_, key);
    const Entry* entry = node_.find(key);
    if (entry == nullptr) {
      if (decl.presence == Presence::kRequired) missing(key);
      if (decl.presence == Presence::kDefault) {
        Locations scratch;
        convert(default_node(decl), Convert{path, decl, scratch, true}, out);
      }
      where_.add(path, node_.mark);
      return;
    }
    if (decl.presence == Presence::kDefault && entry->value.is_map()) {
      Locations scratch;  // a partial map keeps the default for what it leaves out
      convert(default_node(decl), Convert{path, decl, scratch, true}, out);
    }
    convert(entry->value, Convert{path, decl, where_, false}, out);
  }

  /// A whole setting (a capital project that opens one), read with the
  /// "settings[]" declarations.
  void field(std::string_view key, send::Setting& out);

  /// An uncertainty entry's distribution (see read_distribution in values.hpp).
  void distribution(send::UncertainParameter& out) { read_distribution(node_, path_, where_, out); }

  template <class Fn>
  void section(std::string_view key, Fn&& fn) {
    const Entry* entry = node_.find(key);
    const std::string path = join_path(path_, key);
    const std::string prefix = join_path(prefix_, key);
    if (entry == nullptr) {
      if (has_required(prefix)) missing(key);
      Node empty;
      empty.kind = NodeKind::kMap;
      empty.mark = node_.mark;
      Reader sub(empty, path, prefix, where_);
      fn(sub);
      return;
    }
    Reader sub(entry->value, path, prefix, where_);
    fn(sub);
  }

  template <class T, class Fn>
  void list(std::string_view key, std::vector<T>& items, std::size_t min_items, Fn&& fn) {
    const Entry* entry = node_.find(key);
    const std::string path = join_path(path_, key);
    const std::string prefix = join_path(prefix_, std::string(key) + "[]");
    items.clear();
    if (entry == nullptr) {
      if (min_items > 0) missing(key);
      where_.add(path, node_.mark);
      return;
    }
    const Node& list = entry->value;
    check_list(list, path, min_items);
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      Reader sub(list.items[i], item_path(path, i), prefix, where_);
      items.emplace_back();
      fn(sub, items.back());
    }
  }

 private:
  [[noreturn]] void missing(std::string_view key) const;
  [[nodiscard]] static bool has_required(std::string_view prefix);
  void check_list(const Node& list, const std::string& path, std::size_t min_items);

  const Node& node_;
  std::string path_;
  std::string prefix_;
  Locations& where_;
};

}  // namespace sendsim::scenario
