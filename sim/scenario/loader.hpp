// sim/scenario/loader.hpp: the strict YAML loader, the only public entry to
// sim/scenario/. Files in, plain structs (send/model.hpp) out, validated.
//
// Three kinds of file:
//   model file     a top-level "model:" header and the model sections
//                  (districts, travel, settings, population, ...);
//   scenario file  a top-level "scenario:" header with exactly one of
//                  "model: PATH" (a model file) or "extends: PATH" (another
//                  scenario file), paths relative to the file, followed by any
//                  model sections as overrides;
//   effective file what effective_yaml() writes: a "scenario:" header with
//                  neither model nor extends, and a complete model inline.
//                  It loads as it is, and a scenario may extend it.
// Overrides: maps merge key by key; lists of named items (districts,
// settings) merge by name (a new name appends); other lists and scalars
// replace. An extends chain applies from the root model outwards; a cycle is
// an error. Paths in errors index the merged lists.
//
// Every error is an InputError whose what() is "FILE:LINE:COL: PATH: MESSAGE"
// (see error.hpp). Nothing is returned half-filled.
#pragma once

#include <filesystem>
#include <string>

#include "scenario/error.hpp"
#include "send/model.hpp"

namespace sendsim::scenario {

/// Loads a model file. A scenario file here is an error (use load_scenario).
[[nodiscard]] send::Model load_model(const std::filesystem::path& file);

/// Loads a scenario file (its whole extends chain), an effective file, or a
/// bare model file (then the RunSpec has its defaults and the scenario takes
/// the model's name and description). `files` lists the chain, root first.
[[nodiscard]] send::Scenario load_scenario(const std::filesystem::path& file);

/// Loads and checks a model or scenario file; throws InputError when bad.
void validate_file(const std::filesystem::path& file);

/// The effective scenario after all overrides, as YAML, with every parameter
/// explicit (defaults included). Loading it back gives the same Scenario
/// except `files`, which then names the effective file.
[[nodiscard]] std::string effective_yaml(const send::Scenario& scenario);

}  // namespace sendsim::scenario
