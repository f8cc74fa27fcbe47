// sim/batch/sweep.cpp: reading a sweep file.
#include "batch/sweep.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "scenario/values.hpp"
#include "scenario/yaml_tree.hpp"

namespace sendsim::batch {

namespace fs = std::filesystem;
using scenario::Entry;
using scenario::InputError;
using scenario::Mark;
using scenario::Node;

namespace {

std::string quoted_list(const std::vector<std::string>& keys) { return scenario::name_list(keys); }

void check_keys(const Node& map, const std::string& path, const std::vector<std::string>& allowed) {
  for (const Entry& e : map.entries) {
    if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) {
      throw InputError(
          e.key_mark, path,
          "unknown key \"" + scenario::shown(e.key) + "\" (expected one of " + quoted_list(allowed) + ")");
    }
  }
}

const Node& need_map(const Node& node, const std::string& path) {
  if (!node.is_map()) throw InputError(node.mark, path, "expected a map, got " + scenario::describe(node));
  return node;
}

std::string text_of(const Node& node, const std::string& path) {
  if (!node.is_scalar() || node.text.empty()) {
    throw InputError(node.mark, path, "expected a text, got " + scenario::describe(node));
  }
  return node.text;
}

std::uint64_t whole(const Node& node, const std::string& path, std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t v = 0;
  const std::string& t = node.text;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (!node.is_scalar() || t.empty() || ec != std::errc() || end != t.data() + t.size() || v < lo || v > hi) {
    throw InputError(node.mark, path,
                     "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                         ", got " + scenario::describe(node));
  }
  return v;
}

bool boolean(const Node& node, const std::string& path) {
  if (node.is_scalar() && node.text == "true") return true;
  if (node.is_scalar() && node.text == "false") return false;
  throw InputError(node.mark, path, "expected true or false, got " + scenario::describe(node));
}

Override override_from(const Entry& e) {
  Override o;
  o.path = e.key;
  o.mark = e.key_mark;
  (void)split_key_path(o.path, o.mark);
  o.value = e.value;
  return o;
}

std::string at_text(const Mark& m) { return std::to_string(m.line) + ":" + std::to_string(m.column); }

}  // namespace

bool looks_like_sweep(const fs::path& file) { return scenario::has_top_level_key(file, "sweep"); }

Sweep load_sweep(const fs::path& path) {
  Sweep s;
  s.file = path.string();
  const Node root = scenario::parse_yaml_file(path, s.file);
  if (!root.is_map())
    throw InputError(
        root.mark, "",
        "expected a sweep file (a map with sweep: and scenarios:), got " + scenario::describe(root));
  check_keys(root, "", {"axes", "cells", "scenarios", "set", "sweep"});
  const Entry* header = root.find("sweep");
  if (header == nullptr) throw InputError(root.mark, "", "missing required key \"sweep\"");
  const Node& h = need_map(header->value, "sweep");
  check_keys(h, "sweep", {"description", "name", "replications", "seed", "seeds", "total"});
  for (const Entry& e : h.entries) {
    const std::string p = "sweep." + e.key;
    if (e.key == "name") {
      s.name = text_of(e.value, p);
    } else if (e.key == "description") {
      s.description = text_of(e.value, p);
    } else if (e.key == "replications") {
      s.replications = static_cast<int>(whole(e.value, p, 1, 100000));
    } else if (e.key == "seed") {
      s.seed = whole(e.value, p, 0, UINT64_MAX);
    } else if (e.key == "seeds") {
      const std::string t = e.value.is_scalar() ? e.value.text : "";
      if (t == "common") {
        s.seeds = SeedMode::kCommon;
      } else if (t == "per_scenario") {
        s.seeds = SeedMode::kPerScenario;
      } else {
        throw InputError(e.value.mark, p,
                         "expected common or per_scenario, got " + scenario::describe(e.value));
      }
    } else if (e.key == "total") {
      s.total = boolean(e.value, p);
    }
  }
  if (s.name.empty()) throw InputError(h.mark, "sweep", "missing required key \"name\"");
  if (s.replications == 0) throw InputError(h.mark, "sweep", "missing required key \"replications\"");

  const Entry* scenarios = root.find("scenarios");
  if (scenarios == nullptr) throw InputError(root.mark, "", "missing required key \"scenarios\"");
  const Node& list = scenarios->value;
  if (!list.is_list() || list.items.empty()) {
    throw InputError(list.mark, "scenarios",
                     "expected a non-empty list of scenario or model files, got " + scenario::describe(list));
  }
  const fs::path folder = path.parent_path();
  std::map<std::string, Mark> seen_files;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    const std::string p = scenario::item_path("scenarios", i);
    SweepBase b;
    b.mark = item.mark;
    std::string file_path = p;  // where the file name is written
    Mark file_mark = item.mark;
    if (item.is_map()) {
      check_keys(item, p, {"file", "region"});
      const Entry* f = item.find("file");
      if (f == nullptr) throw InputError(item.mark, p, "missing required key \"file\"");
      b.as_written = text_of(f->value, p + ".file");
      file_path = p + ".file";
      file_mark = f->value.mark;
      if (const Entry* r = item.find("region")) b.region = text_of(r->value, p + ".region");
    } else {
      b.as_written = text_of(item, p);
    }
    b.file = (folder / b.as_written).lexically_normal().generic_string();
    // A missing file is the sweep's mistake; a bad one fails its cells
    // (batch.hpp load_each_cell).
    if (!fs::exists(b.file)) {
      throw InputError(file_mark, file_path,
                       "cannot open \"" + scenario::shown(b.as_written) + "\": no such file");
    }
    const auto [it, fresh] = seen_files.emplace(b.file, item.mark);
    if (!fresh) {
      throw InputError(item.mark, p,
                       "duplicate cell: \"" + scenario::shown(b.as_written) + "\" is listed already at " +
                           at_text(it->second));
    }
    s.bases.push_back(std::move(b));
  }

  if (const Entry* set = root.find("set")) {
    const Node& m = need_map(set->value, "set");
    for (const Entry& e : m.entries) s.set.push_back(override_from(e));
  }

  const Entry* axes = root.find("axes");
  const Entry* cells = root.find("cells");
  if (axes != nullptr && cells != nullptr) {
    throw InputError(cells->key_mark, "cells", "give either axes (a grid) or cells (a list), not both");
  }
  std::vector<std::vector<std::pair<Override, std::string>>> combos(1);  // per cell: (override, text)
  if (axes != nullptr) {
    const Node& m = need_map(axes->value, "axes");
    if (m.entries.empty()) throw InputError(m.mark, "axes", "expected at least one axis, got an empty map");
    for (const Entry& e : m.entries) {
      const std::string p = "axes." + e.key;
      Axis a;
      a.path = e.key;
      a.mark = e.key_mark;
      (void)split_key_path(a.path, a.mark);
      if (!e.value.is_list())
        throw InputError(e.value.mark, p, "expected a list of values, got " + scenario::describe(e.value));
      if (e.value.items.empty())
        throw InputError(e.value.mark, p, "expected at least one value, got an empty list");
      std::map<std::string, Mark> seen;
      for (const Node& v : e.value.items) {
        const std::string t = node_text(v);
        const auto [it, fresh] = seen.emplace(t, v.mark);
        if (!fresh) {
          throw InputError(v.mark, p,
                           "duplicate cell: the value " + scenario::shown(t) + " is given already at " +
                               at_text(it->second));
        }
        a.values.push_back(v);
      }
      s.columns.push_back(a.path);
      std::vector<std::vector<std::pair<Override, std::string>>> next;
      for (const auto& c : combos) {
        for (const Node& v : a.values) {
          auto extended = c;
          extended.push_back({Override{a.path, a.mark, v}, node_text(v)});
          next.push_back(std::move(extended));
        }
      }
      combos = std::move(next);
      s.axes.push_back(std::move(a));
    }
  }
  if (cells != nullptr) {
    s.listed = true;
    const Node& l = cells->value;
    if (!l.is_list() || l.items.empty()) {
      throw InputError(
          l.mark, "cells",
          "expected a non-empty list of cells (maps of key paths to values), got " + scenario::describe(l));
    }
    combos.clear();
    std::map<std::vector<std::pair<std::string, std::string>>, std::size_t> seen;
    for (std::size_t i = 0; i < l.items.size(); ++i) {
      const std::string p = scenario::item_path("cells", i);
      const Node& c = need_map(l.items[i], p);
      if (c.entries.empty()) throw InputError(c.mark, p, "expected at least one key path, got an empty map");
      std::vector<std::pair<Override, std::string>> combo;
      std::vector<std::pair<std::string, std::string>> identity;
      for (const Entry& e : c.entries) {
        combo.push_back({override_from(e), node_text(e.value)});
        identity.emplace_back(e.key, node_text(e.value));
        if (std::find(s.columns.begin(), s.columns.end(), e.key) == s.columns.end())
          s.columns.push_back(e.key);
      }
      std::sort(identity.begin(), identity.end());
      const auto [it, fresh] = seen.emplace(identity, i);
      if (!fresh)
        throw InputError(c.mark, p,
                         "duplicate cell: the same values as cells[" + std::to_string(it->second) + "]");
      combos.push_back(std::move(combo));
    }
  }
  if (s.total && (axes != nullptr || cells != nullptr)) {
    throw InputError(header->key_mark, "sweep.total",
                     "a total sums the scenarios of one grid point; use it without axes or cells");
  }
  for (std::size_t b = 0; b < s.bases.size(); ++b) {
    for (const auto& combo : combos) {
      CellSpec cell;
      cell.base = b;
      cell.values.assign(s.columns.size(), "");
      for (const auto& [o, text] : combo) {
        const auto col = std::find(s.columns.begin(), s.columns.end(), o.path) - s.columns.begin();
        cell.values[static_cast<std::size_t>(col)] = text;
        cell.overrides.push_back(o);
      }
      s.cells.push_back(std::move(cell));
    }
  }
  return s;
}

}  // namespace sendsim::batch
