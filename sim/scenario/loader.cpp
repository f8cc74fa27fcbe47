// sim/scenario/loader.cpp: following model/extends chains, merging the
// overrides, reading the merged tree into the structs, validating.
#include "scenario/loader.hpp"

#include <algorithm>
#include <new>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "scenario/fields.hpp"
#include "scenario/reader.hpp"
#include "scenario/validate.hpp"
#include "scenario/yaml_tree.hpp"

namespace sendsim::scenario {

namespace fs = std::filesystem;

namespace {

struct LoadedFile {
  std::string file;  // as shown in errors
  Node root;
};

/// Reads a file; `from`/`path` say where it was named (unknown for the file
/// given by the user).
Node open_file(const std::string& file, const Mark& from, const std::string& path, std::size_t& taken) {
  auto fail = [&](const std::string& message) -> InputError {
    if (from.known()) return InputError(from, path, message);
    return InputError(message);
  };
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (!fs::exists(status)) throw fail("cannot open \"" + shown(file) + "\": no such file");
  if (fs::is_directory(status)) throw fail("cannot open \"" + shown(file) + "\": it is a directory");
  try {
    Node root = parse_yaml_file(file, file, taken);
    std::error_code size_ec;
    const std::uintmax_t bytes = fs::file_size(file, size_ec);
    taken += size_ec ? 0 : static_cast<std::size_t>(std::min<std::uintmax_t>(bytes, kMaxInputBytes));
    return root;
  } catch (const InputError& e) {
    if (e.mark().known()) throw;
    throw fail(e.message());
  } catch (const std::bad_alloc&) {
    throw fail("cannot read \"" + file + "\": out of memory while parsing it");
  }
}

/// Runs `load` and reports running out of memory as bad input naming `file`
/// (exit 2), not as a failure of the program.
template <class Load>
auto naming_the_file_on_bad_alloc(const fs::path& file, Load load) {
  try {
    return load();
  } catch (const std::bad_alloc&) {
    throw InputError("cannot load \"" + file.string() + "\": out of memory while loading it");
  } catch (const std::length_error&) {
    throw InputError("cannot load \"" + file.string() + "\": out of memory while loading it");
  }
}

/// The header map ("scenario" or "model") of a file's root, checked against
/// its declarations; null when the root has no such key.
const Node* header(const Node& root, std::string_view key) {
  Locations scratch;
  Reader check_root(root, "", "", scratch);  // the root is a map of known sections
  const Entry* e = root.find(key);
  if (e == nullptr) return nullptr;
  Reader check_header(e->value, std::string(key), std::string(key), scratch);
  return &e->value;
}

std::string chain_text(const std::vector<LoadedFile>& files, std::size_t from, const std::string& again) {
  std::string out;
  for (std::size_t i = from; i < files.size(); ++i) out += files[i].file + " -> ";
  return out + again;
}

fs::path identity(const std::string& file) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(file, ec);
  return ec ? fs::path(file).lexically_normal() : p;
}

/// The files of a scenario, the one given first and its root model last.
/// A bare model file or an effective file is a chain of one.
std::vector<LoadedFile> load_chain(const std::string& top) {
  std::vector<LoadedFile> files;
  std::vector<fs::path> ids;
  std::string file = top;
  Mark from;
  std::string from_path;
  std::string via;        // "model" or "extends": how `file` was named
  std::size_t taken = 0;  // bytes read so far, of kMaxInputBytes
  for (;;) {
    Node root = open_file(file, from, from_path, taken);
    const Node* scenario = header(root, "scenario");
    if (scenario == nullptr) {
      if (via == "extends") {
        throw InputError(from, from_path,
                         "\"" + file + "\" is a model file; name a model with model:, not extends:");
      }
      files.push_back({file, std::move(root)});
      return files;
    }
    if (via == "model") {
      throw InputError(from, from_path,
                       "\"" + file + "\" is a scenario file; build on a scenario with extends:, not model:");
    }
    const Entry* model = scenario->find("model");
    const Entry* extends = scenario->find("extends");
    if (model != nullptr && extends != nullptr) {
      throw InputError(
          extends->key_mark, "scenario",
          "expected exactly one of \"model\" (a model file) or \"extends\" (a scenario file), found both");
    }
    if (model == nullptr && extends == nullptr) {
      if (root.find("model") != nullptr) {  // an effective file: complete in itself
        files.push_back({file, std::move(root)});
        return files;
      }
      throw InputError(
          scenario->mark, "scenario",
          "expected exactly one of \"model\" (a model file) or \"extends\" (a scenario file), found neither");
    }
    const Entry& next = model != nullptr ? *model : *extends;
    via = next.key;
    from_path = "scenario." + via;
    Locations scratch;
    std::string target;
    convert(next.value, Convert{from_path, parameter(from_path), scratch, false}, target);
    from = next.value.mark;
    ids.push_back(identity(file));
    const fs::path base = fs::path(file).parent_path();
    files.push_back({file, std::move(root)});
    file = (base / target).lexically_normal().generic_string();
    const auto seen = std::find(ids.begin(), ids.end(), identity(file));
    if (seen != ids.end()) {
      throw InputError(
          from, from_path,
          "cyclic extends: " + chain_text(files, static_cast<std::size_t>(seen - ids.begin()), file));
    }
  }
}

/// Merges a chain (given first .. root model) from the root outwards.
Node merge_chain(std::vector<LoadedFile>& files) {
  Node merged = std::move(files.back().root);
  for (std::size_t i = files.size() - 1; i-- > 0;) {
    Node& over = files[i].root;
    if (Entry* scenario = over.find("scenario")) {
      scenario->value.erase("model");
      scenario->value.erase("extends");
    }
    merged = merge(std::move(merged), over);
  }
  return merged;
}

void resolve_places(send::Model& m) {
  for (send::Setting& s : m.settings) {
    for (send::PlacesFrom& p : s.places) {
      if (p.from == kFromModelStart) p.from = m.start_date;
    }
  }
}

send::Model load_model_unguarded(const fs::path& file) {
  const std::string name = file.string();
  std::size_t taken = 0;
  const Node root = open_file(name, Mark{}, "", taken);
  if (header(root, "scenario") != nullptr) {
    throw InputError(root.find("scenario")->key_mark, "scenario",
                     "a model file has no scenario header; load this file as a scenario");
  }
  Locations where;
  send::Model model;
  Reader reader(root, "", "", where);
  visit_model(reader, model);
  resolve_places(model);
  validate(model, nullptr, where);
  return model;
}

send::Scenario load_scenario_unguarded(const fs::path& file) {
  std::vector<LoadedFile> files = load_chain(file.string());
  send::Scenario sc;
  for (auto it = files.rbegin(); it != files.rend(); ++it) sc.files.push_back(it->file);
  const Node merged = merge_chain(files);
  Locations where;
  Reader reader(merged, "", "", where);
  visit_model(reader, sc.model);
  resolve_places(sc.model);
  if (merged.find("scenario") != nullptr) {
    visit_scenario_header(reader, sc);
  } else {
    sc.name = sc.model.name;
    sc.description = sc.model.description;
  }
  validate(sc.model, &sc.run, where);
  return sc;
}

}  // namespace

send::Model load_model(const fs::path& file) {
  return naming_the_file_on_bad_alloc(file, [&] { return load_model_unguarded(file); });
}

send::Scenario load_scenario(const fs::path& file) {
  return naming_the_file_on_bad_alloc(file, [&] { return load_scenario_unguarded(file); });
}

void validate_file(const fs::path& file) { (void)load_scenario(file); }

}  // namespace sendsim::scenario
