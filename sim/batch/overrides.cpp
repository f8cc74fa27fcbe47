// sim/batch/overrides.cpp: key-path overrides on the merged YAML tree.
#include "batch/overrides.hpp"

#include <algorithm>

#include "scenario/fields.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameters.hpp"
#include "scenario/reader.hpp"
#include "scenario/validate.hpp"

namespace sendsim::batch {

namespace fs = std::filesystem;
using scenario::Entry;
using scenario::InputError;
using scenario::Mark;
using scenario::Node;
using scenario::NodeKind;

namespace {

bool is_index(const std::string& part) { return part.size() > 2 && part.front() == '['; }

std::size_t index_of(const std::string& part) { return std::stoul(part.substr(1, part.size() - 2)); }

/// The declaration form of a path: indices as "[]".
std::string declared_form(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (is_index(p)) {
      out += "[]";
    } else {
      if (!out.empty()) out += '.';
      out += p;
    }
  }
  return out;
}

bool at_boundary(std::string_view longer, std::string_view prefix) {
  return longer.size() > prefix.size() && longer.starts_with(prefix) &&
         (longer[prefix.size()] == '.' || longer[prefix.size()] == '[');
}

bool declared(const std::string& form) {
  for (const scenario::Parameter& p : scenario::parameters()) {
    if (p.path == form || at_boundary(p.path, form) || at_boundary(form, p.path)) return true;
  }
  return false;
}

std::string shown_path(const std::vector<std::string>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count && i < parts.size(); ++i) {
    if (!is_index(parts[i]) && !out.empty()) out += '.';
    out += parts[i];
  }
  return out;
}

void shift_columns(Node& node, int by) {
  if (node.mark.line == 1) node.mark.column += by;
  for (Node& item : node.items) shift_columns(item, by);
  for (Entry& e : node.entries) {
    if (e.key_mark.line == 1) e.key_mark.column += by;
    shift_columns(e.value, by);
  }
}

void resolve_places(send::Model& m) {
  for (send::Setting& s : m.settings) {
    for (send::PlacesFrom& p : s.places) {
      if (p.from == scenario::kFromModelStart) p.from = m.start_date;
    }
  }
}

/// The files of a scenario's chain, the one given first; the chain is known
/// to load (load_scenario checked it), so nothing here is checked again.
std::vector<std::pair<std::string, Node>> read_chain(const fs::path& file) {
  std::vector<std::pair<std::string, Node>> files;
  std::string name = file.string();
  for (;;) {
    Node root = scenario::parse_yaml_file(name, name);
    const Entry* header = root.find("scenario");
    const Entry* next = nullptr;
    if (header != nullptr) {
      next = header->value.find("model");
      if (next == nullptr) next = header->value.find("extends");
    }
    std::string target = next != nullptr ? next->value.text : std::string();
    files.emplace_back(name, std::move(root));
    if (next == nullptr) return files;
    name = (fs::path(name).parent_path() / target).lexically_normal().generic_string();
  }
}

}  // namespace

std::vector<std::string> split_key_path(const std::string& path, const Mark& mark) {
  std::vector<std::string> parts;
  auto bad = [&](const std::string& why) {
    return InputError(mark, "", "bad key path \"" + scenario::shown(path) + "\": " + why);
  };
  std::size_t i = 0;
  std::string key;
  while (i < path.size()) {
    const char c = path[i];
    if (c == '.') {
      if (key.empty()) throw bad("an empty key");
      parts.push_back(key);
      key.clear();
      ++i;
      if (i == path.size()) throw bad("an empty key");
    } else if (c == '[') {
      if (key.empty() && parts.empty()) throw bad("an index before any key");
      if (!key.empty()) parts.push_back(key);
      key.clear();
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos || close == i + 1) throw bad("expected an index such as [0]");
      const std::string digits = path.substr(i + 1, close - i - 1);
      if (digits.size() > 6 ||
          !std::all_of(digits.begin(), digits.end(), [](char d) { return d >= '0' && d <= '9'; })) {
        throw bad("expected a whole-number index, got [" + digits + "]");
      }
      parts.push_back("[" + digits + "]");
      i = close + 1;
      if (i < path.size() && path[i] != '.' && path[i] != '[') throw bad("expected '.' or '[' after ]");
      if (i < path.size() && path[i] == '.') {
        ++i;
        if (i == path.size()) throw bad("an empty key");
      }
    } else if (c == ']' || c == ' ' || c == '\t' || c == '=') {
      throw bad(std::string("unexpected '") + c + "'");
    } else {
      key += c;
      ++i;
    }
  }
  if (!key.empty()) parts.push_back(key);
  if (parts.empty()) throw bad("an empty path");
  if (!declared(declared_form(parts))) {
    throw InputError(
        mark, "",
        "unknown parameter path \"" + scenario::shown(path) + "\" (sendsim parameters lists every path)");
  }
  return parts;
}

Override parse_set_argument(const std::string& argument) {
  const std::size_t eq = argument.find('=');
  const Mark at{"--set", 1, 1};
  if (eq == std::string::npos) {
    throw InputError(at, "", "expected KEY=VALUE, got \"" + scenario::shown(argument) + "\"");
  }
  Override out;
  out.path = argument.substr(0, eq);
  out.mark = at;
  (void)split_key_path(out.path, at);
  out.value = scenario::parse_yaml(argument.substr(eq + 1), "--set");
  if (out.value.is_null() && out.value.text.empty()) {
    out.value.mark = Mark{"--set", 1, static_cast<int>(eq) + 2};
  } else {
    shift_columns(out.value, static_cast<int>(eq) + 1);
  }
  return out;
}

void apply_override(Node& root, const Override& o) {
  const std::vector<std::string> parts = split_key_path(o.path, o.mark);
  Node* at = &root;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (is_index(part)) {
      const std::size_t index = index_of(part);
      if (!at->is_list()) {
        throw InputError(o.mark, shown_path(parts, i), "is not a list, so it has no item " + part);
      }
      if (index >= at->items.size()) {
        const std::size_t n = at->items.size();
        throw InputError(o.mark, shown_path(parts, i + 1),
                         "no such item, the list has " + std::to_string(n) +
                             (n == 0 ? "" : " (0 to " + std::to_string(n - 1) + ")"));
      }
      at = &at->items[index];
      continue;
    }
    if (at->is_null()) {
      at->kind = NodeKind::kMap;
      at->mark = o.mark;
    }
    if (!at->is_map()) {
      throw InputError(o.mark, shown_path(parts, i), "is not a map, so it has no key \"" + part + "\"");
    }
    Entry* e = at->find(part);
    if (e == nullptr) {
      at->entries.push_back(Entry{part, o.mark, Node{}});
      e = &at->entries.back();
      e->value.mark = o.mark;
    } else {
      e->key_mark = o.mark;  // an unknown key below it is reported here
    }
    at = &e->value;
  }
  *at = o.value;
}

send::Scenario load_with_overrides(const fs::path& file, const std::vector<Override>& overrides) {
  send::Scenario checked;
  try {
    checked = scenario::load_scenario(file);  // the file's own errors, exactly
  } catch (const InputError& e) {
    throw CellInputError(e);
  }
  if (overrides.empty()) return checked;
  std::vector<std::pair<std::string, Node>> files = read_chain(file);
  Node merged = std::move(files.back().second);
  for (std::size_t i = files.size() - 1; i-- > 0;) {
    Node& over = files[i].second;
    if (Entry* header = over.find("scenario")) {
      header->value.erase("model");
      header->value.erase("extends");
    }
    merged = scenario::merge(std::move(merged), over);
  }
  const bool bare_model = merged.find("scenario") == nullptr;
  for (const Override& o : overrides) {
    if (bare_model && o.path.starts_with("scenario.") && merged.find("scenario") == nullptr) {
      Node header;
      header.kind = NodeKind::kMap;
      header.mark = o.mark;
      Node name;
      name.kind = NodeKind::kScalar;
      name.mark = o.mark;
      name.text = checked.name;
      header.entries.push_back(Entry{"name", o.mark, std::move(name)});
      merged.entries.insert(merged.entries.begin(), Entry{"scenario", o.mark, std::move(header)});
    }
    apply_override(merged, o);
  }
  send::Scenario sc;
  sc.files = checked.files;
  scenario::Locations where;
  scenario::Reader reader(merged, "", "", where);
  scenario::visit_model(reader, sc.model);
  resolve_places(sc.model);
  if (merged.find("scenario") != nullptr) {
    scenario::visit_scenario_header(reader, sc);
  } else {
    sc.name = sc.model.name;
    sc.description = sc.model.description;
  }
  try {
    scenario::validate(sc.model, &sc.run, where);
  } catch (const InputError& e) {
    throw CellInputError(e);
  }
  return sc;
}

std::string node_text(const Node& node) {
  switch (node.kind) {
    case NodeKind::kNull:
      return "~";
    case NodeKind::kScalar:
      return node.text;
    case NodeKind::kList: {
      std::string out = "[";
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i > 0) out += ", ";
        out += node_text(node.items[i]);
      }
      return out + "]";
    }
    case NodeKind::kMap: {
      std::string out = "{";
      for (std::size_t i = 0; i < node.entries.size(); ++i) {
        if (i > 0) out += ", ";
        out += node.entries[i].key + ": " + node_text(node.entries[i].value);
      }
      return out + "}";
    }
  }
  return "";
}

}  // namespace sendsim::batch
