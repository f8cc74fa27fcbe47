// sim/batch/overrides.hpp: overrides of a scenario by key path, applied to
// the merged YAML tree before the strict reader runs, so an override's bad
// value is reported at the place it was written (a sweep file's line and
// column, or the --set argument) with the reader's own message.
//
// A key path names a model or scenario key as PARAMETERS.md does, with list
// items by index: "requests.trend", "capital_programme[0].delay_months",
// "settings[3].places", "policy.fallback", "scenario.end_date".
// Edge cases:
//   - a path naming no declared parameter is refused before anything is
//     read: "unknown parameter path "requests.trnd" (sendsim parameters lists
//     every path)";
//   - a list index past the end of the merged list is refused:
//     "settings[99]: no such item, the list has 12 (0 to 11)";
//   - a key absent from the file but declared (a default) is added;
//   - "scenario.*" on a bare model file adds a scenario header named after
//     the model.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "scenario/error.hpp"
#include "scenario/yaml_tree.hpp"
#include "send/model.hpp"

namespace sendsim::batch {

/// One override: the key path, where it was written, and the new value (a
/// YAML node carrying its own marks).
struct Override {
  std::string path;
  scenario::Mark mark;  // the key path as written (for path errors)
  scenario::Node value;
};

/// The parts of a key path: "a.b[2].c" -> {"a", "b", "[2]", "c"}.
/// Throws InputError at `mark` when the path is malformed or names no
/// declared parameter.
[[nodiscard]] std::vector<std::string> split_key_path(const std::string& path, const scenario::Mark& mark);

/// An override from a command-line "KEY=VALUE" (--set); the value is read as
/// YAML ("0.05", "2030-08-31", "[0.4, 1]"); marks name "--set" with the
/// column in the argument. Throws InputError when there is no '=' or the
/// value is not YAML.
[[nodiscard]] Override parse_set_argument(const std::string& argument);

/// Sets `value` at `path` in `root` (a merged model or scenario tree).
void apply_override(scenario::Node& root, const Override& override_);

/// Bad input that belongs to one cell of a batch rather than to the sweep:
/// the cell's own files are bad (the base scenario or its model), or its
/// overrides are well-formed but make a model the cross-field rules refuse
/// (validate.hpp). A batch records such a cell as failed, with this message,
/// and runs the others; everywhere else it is an InputError like any other.
class CellInputError : public scenario::InputError {
 public:
  explicit CellInputError(const scenario::InputError& e) : scenario::InputError(e) {}
};

/// Loads a scenario (or a bare model) file with overrides applied on top of
/// its merged extends chain; with no overrides, exactly load_scenario(file).
/// Errors as the loader's, those of override values at their own marks: a
/// CellInputError for the file's own errors and the cross-field rules, an
/// InputError for an override that cannot be applied or read (a list index
/// past the end, a string for a number).
[[nodiscard]] send::Scenario load_with_overrides(const std::filesystem::path& file,
                                                 const std::vector<Override>& overrides);

/// The canonical text of a value node, for identities and labels: a scalar's
/// text; lists and maps in flow style ("[0.4, 1]", "{min: 0, max: 3}").
[[nodiscard]] std::string node_text(const scenario::Node& node);

}  // namespace sendsim::batch
