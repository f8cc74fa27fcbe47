// sim/scenario/yaml_tree.cpp: yaml-cpp nodes -> our marked tree, and the
// override merge.
#include "scenario/yaml_tree.hpp"

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace sendsim::scenario {

const Entry* Node::find(std::string_view key) const noexcept {
  for (const Entry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

Entry* Node::find(std::string_view key) noexcept {
  for (Entry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

bool Node::erase(std::string_view key) {
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    if (it->key == key) {
      entries.erase(it);
      return true;
    }
  }
  return false;
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out(parent);
  out += '.';
  out += key;
  return out;
}

std::string item_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

namespace {

Mark mark_of(const YAML::Mark& m, const std::string& file) {
  if (m.is_null()) return Mark{file, 0, 0};
  return Mark{file, m.line + 1, m.column + 1};
}

/// Tabs are legal YAML in some places, but a tab in the indentation is the
/// usual cause of yaml-cpp's puzzling "illegal map value": say so plainly.
void check_tabs(std::string_view text, const std::string& file) {
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view row = text.substr(start, end - start);
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i] == ' ') continue;
      if (row[i] == '\t') {
        const bool blank = row.find_first_not_of(" \t\r") == std::string_view::npos;
        if (!blank) {
          throw InputError(Mark{file, line, static_cast<int>(i) + 1}, "",
                           "tab character in indentation; yaml indents with spaces");
        }
      }
      break;
    }
    if (end == text.size()) break;
    start = end + 1;
    ++line;
  }
}

Node convert(const YAML::Node& in, const std::string& file, const std::string& path, const Mark& fallback) {
  Node out;
  out.mark = mark_of(in.Mark(), file);
  switch (in.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = NodeKind::kNull;
      out.mark = fallback;  // yaml-cpp marks a null at the next token
      return out;
    case YAML::NodeType::Scalar:
      out.kind = NodeKind::kScalar;
      out.text = in.Scalar();
      return out;
    case YAML::NodeType::Sequence: {
      out.kind = NodeKind::kList;
      std::size_t i = 0;
      for (const YAML::Node& item : in) {
        out.items.push_back(convert(item, file, item_path(path, i), out.mark));
        ++i;
      }
      return out;
    }
    case YAML::NodeType::Map: {
      out.kind = NodeKind::kMap;
      for (const auto& kv : in) {
        const Mark key_mark = mark_of(kv.first.Mark(), file);
        if (!kv.first.IsScalar()) {
          throw InputError(key_mark, path, "a map key must be a plain name, not a list or map");
        }
        const std::string key = kv.first.Scalar();
        if (const Entry* first = out.find(key)) {
          throw InputError(key_mark, path,
                           "duplicate key \"" + key + "\" (first at line " + std::to_string(first->key_mark.line) +
                               ", column " + std::to_string(first->key_mark.column) + ")");
        }
        out.entries.push_back(Entry{key, key_mark, convert(kv.second, file, join_path(path, key), key_mark)});
      }
      return out;
    }
  }
  return out;
}

}  // namespace

Node parse_yaml(std::string_view text, const std::string& file) {
  check_tabs(text, file);
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    std::string message = e.msg;
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    throw InputError(mark_of(e.mark, file), "", "yaml syntax error: " + message);
  }
  const Mark start{file, 1, 1};
  if (docs.empty()) {
    Node empty;
    empty.mark = start;
    return empty;
  }
  if (docs.size() > 1) {
    throw InputError(mark_of(docs[1].Mark(), file), "", "a second yaml document; one file holds one document");
  }
  Node root = convert(docs[0], file, "", start);
  if (!root.mark.known()) root.mark = start;
  return root;
}

Node parse_yaml_file(const std::filesystem::path& path, const std::string& file) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read \"" + file + "\"");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_yaml(text.str(), file);
}

namespace {

const Node* name_of(const Node& item) {
  if (!item.is_map()) return nullptr;
  const Entry* e = item.find("name");
  return e != nullptr && e->value.is_scalar() ? &e->value : nullptr;
}

bool is_named_list(const Node& list) {
  if (!list.is_list() || list.items.empty()) return false;
  for (const Node& item : list.items) {
    if (name_of(item) == nullptr) return false;
  }
  return true;
}

}  // namespace

Node merge(Node base, const Node& over, const std::string& path) {
  if (base.is_map() && over.is_map()) {
    for (const Entry& e : over.entries) {
      if (Entry* mine = base.find(e.key)) {
        mine->value = merge(std::move(mine->value), e.value, join_path(path, e.key));
        mine->key_mark = e.key_mark;
      } else {
        base.entries.push_back(e);
      }
    }
    // A merged map is where the override is (errors about it point at the
    // latest edit), except the root, which stays at the model's.
    if (!path.empty()) base.mark = over.mark;
    return base;
  }
  if (base.is_list() && is_named_list(over)) {
    std::map<std::string, const Node*> seen;
    for (std::size_t i = 0; i < over.items.size(); ++i) {
      const Node& item = over.items[i];
      const Node& name = *name_of(item);
      const auto [it, fresh] = seen.emplace(name.text, &name);
      if (!fresh) {
        throw InputError(name.mark, join_path(item_path(path, i), "name"),
                         "duplicate name \"" + name.text + "\" in this list (also at line " +
                             std::to_string(it->second->mark.line) + ")");
      }
      Node* target = nullptr;
      for (Node& mine : base.items) {
        const Node* n = name_of(mine);
        if (n != nullptr && n->text == name.text) {
          target = &mine;
          break;
        }
      }
      if (target != nullptr) {
        *target = merge(std::move(*target), item, item_path(path, i));
      } else {
        base.items.push_back(item);
      }
    }
    base.mark = over.mark;
    return base;
  }
  return over;
}

}  // namespace sendsim::scenario
