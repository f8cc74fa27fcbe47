// sim/scenario/yaml_tree.hpp: our own small YAML tree (null, scalar, list,
// map), built from yaml-cpp's nodes, in which every node and every map key
// keeps its Mark (file, line, column). Scenario overrides are merged into a
// model on this tree, so after merging an error still names the file and line
// a value came from.
//
// Parsing is stricter than yaml-cpp: a key repeated in one map, a tab in the
// indentation, a map key that is not a plain scalar, an alias (*name) and a
// second document in one file are errors; so is a ',' outside a flow
// collection, on which yaml-cpp 0.7's own loader never ends (its bug #1040).
// The tree is built from yaml-cpp's parser events, never its node graph, so
// memory stays a small multiple of the text. Scalars keep their text as written (numbers are not
// converted here); a quoted scalar is a scalar even when it reads "~".
// Edge cases: an empty file parses to a null node at 1:1; a null value's mark
// is its key's mark (yaml-cpp marks nulls at the next token).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/error.hpp"

namespace sendsim::scenario {

enum class NodeKind { kNull, kScalar, kList, kMap };

struct Entry;

/// One YAML node. Plain data: maps keep their keys in file order.
struct Node {
  NodeKind kind = NodeKind::kNull;
  Mark mark;
  std::string text;            // kScalar: the text as written
  std::vector<Node> items;     // kList
  std::vector<Entry> entries;  // kMap, in file order, keys unique

  [[nodiscard]] bool is_map() const noexcept { return kind == NodeKind::kMap; }
  [[nodiscard]] bool is_list() const noexcept { return kind == NodeKind::kList; }
  [[nodiscard]] bool is_scalar() const noexcept { return kind == NodeKind::kScalar; }
  [[nodiscard]] bool is_null() const noexcept { return kind == NodeKind::kNull; }

  /// The entry with this key in a map; null when absent or not a map.
  [[nodiscard]] const Entry* find(std::string_view key) const noexcept;
  [[nodiscard]] Entry* find(std::string_view key) noexcept;
  /// Removes the entry with this key from a map; false when absent.
  bool erase(std::string_view key);
};

struct Entry {
  std::string key;
  Mark key_mark;
  Node value;
};

/// Parses YAML text; `file` is the name marks carry. Throws InputError on a
/// syntax error, duplicate key, tab indentation or a second document.
[[nodiscard]] Node parse_yaml(std::string_view text, const std::string& file);

/// The most bytes read for one model or scenario, its extends chain
/// included: 4 MiB, some 200 times a county's model (about 20 KB). Loading
/// takes memory of about 55 times the text (our tree with its marks, the
/// structs, the record of where each value came from), so this keeps any
/// load under about 250 MB and 2 s. Checked before reading.
inline constexpr std::size_t kMaxInputBytes = std::size_t{4} << 20;

/// Reads and parses a file; `file` is the name marks carry (the path as the
/// user gave it); `taken` is what the files before it in an extends chain
/// took of kMaxInputBytes. Throws InputError (with no place) when it cannot
/// be read, is not a regular file (a FIFO, a device, a folder: refused
/// without reading, so never a hang) or is larger than what is left.
[[nodiscard]] Node parse_yaml_file(const std::filesystem::path& path, const std::string& file,
                                   std::size_t taken = 0);

/// Whether the file has `key:` at the start of a line (a top-level key),
/// read from at most its first kMaxInputBytes without parsing: how
/// `sendsim validate` tells a sweep (`sweep:`) or an options file
/// (`appraisal:`) from a model or scenario before loading it strictly.
/// False when the file cannot be read or is not a regular file.
[[nodiscard]] bool has_top_level_key(const std::filesystem::path& file, std::string_view key);

/// Applies `over` on top of `base`: maps merge key by key, recursively; a
/// list whose items are all maps with a scalar `name` merges by name (same
/// name: merge the items; new name: append); anything else replaces. `path`
/// is the YAML path of `over`, for errors. A merged map or list takes the
/// mark of `over` (the latest edit), except the root map, which keeps the
/// mark of `base` (the model file, which must be complete). Throws InputError
/// when two items of one named list in `over` share a name.
[[nodiscard]] Node merge(Node base, const Node& over, const std::string& path = {});

/// A child path: "a" + "b" -> "a.b"; "" + "b" -> "b".
[[nodiscard]] std::string join_path(std::string_view parent, std::string_view key);
/// A list item's path: "settings" + 2 -> "settings[2]".
[[nodiscard]] std::string item_path(std::string_view parent, std::size_t index);

}  // namespace sendsim::scenario
