// sim/scenario/reader.cpp: map checks of the Reader.
#include "scenario/reader.hpp"

#include <algorithm>

#include "scenario/fields.hpp"

namespace sendsim::scenario {

Reader::Reader(const Node& node, std::string path, std::string prefix, Locations& where)
    : node_(node), path_(std::move(path)), prefix_(std::move(prefix)), where_(where) {
  if (!node_.is_map()) {
    const std::string what = prefix_.empty() ? "a map of sections" : "a map";
    if (node_.is_null() && path_.empty())
      throw InputError(node_.mark, path_, "the file is empty; expected " + what);
    throw InputError(node_.mark, path_, "expected " + what + ", got " + describe(node_));
  }
  where_.add(path_, node_.mark);
  const std::vector<std::string> allowed = keys_under(prefix_);
  for (const Entry& e : node_.entries) {
    if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) {
      throw InputError(e.key_mark, path_, unknown_message("key", e.key, allowed));
    }
  }
}

void Reader::field(std::string_view key, send::Setting& out) {
  (void)parameter(join_path(prefix_, key));
  const Entry* entry = node_.find(key);
  if (entry == nullptr) missing(key);
  const std::string path = join_path(path_, key);
  if (!entry->value.is_map()) {
    throw InputError(entry->value.mark, path,
                     "expected a map of the new setting's keys (action open), got " + describe(entry->value));
  }
  Reader sub(entry->value, path, "settings[]", where_);
  visit_setting(sub, out);
}

void Reader::missing(std::string_view key) const {
  throw InputError(node_.mark, path_, "missing required key \"" + std::string(key) + "\"");
}

bool Reader::has_required(std::string_view prefix) {
  for (const Parameter& p : parameters()) {
    // Direct keys only: a required key of a list's items does not make the list required.
    if (p.presence == Presence::kRequired && p.path.size() > prefix.size() && p.path.starts_with(prefix) &&
        p.path[prefix.size()] == '.' &&
        p.path.find_first_of(".[", prefix.size() + 1) == std::string_view::npos) {
      return true;
    }
  }
  return false;
}

void Reader::check_list(const Node& list, const std::string& path, std::size_t min_items) {
  if (!list.is_list()) throw InputError(list.mark, path, "expected a list, got " + describe(list));
  where_.add(path, list.mark);
  if (list.items.size() < min_items) {
    throw InputError(list.mark, path,
                     "expected at least " + std::to_string(min_items) + " item" +
                         (min_items == 1 ? "" : "s") + ", got an empty list");
  }
}

}  // namespace sendsim::scenario
