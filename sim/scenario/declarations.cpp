// sim/scenario/declarations.cpp: declaration_problems(), which walks the
// visitors over default-constructed structs and compares them with the
// declaration table (parameters.cpp), and the uncertain targets of
// send/uncertainty.cpp with both.
#include <map>
#include <set>
#include <stdexcept>

#include "scenario/fields.hpp"
#include "scenario/parameters.hpp"
#include "scenario/values.hpp"
#include "send/uncertainty.hpp"

namespace sendsim::scenario {

namespace {

template <class T>
bool same(const T& a, const T& b) {
  return a == b;
}
bool same(const send::Triangular& a, const send::Triangular& b) {
  return a.min == b.min && a.mode == b.mode && a.max == b.max;
}
bool same(const std::vector<send::PlacesFrom>& a, const std::vector<send::PlacesFrom>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].from != b[i].from || a[i].places != b[i].places) return false;
  }
  return true;
}

class DeclarationCheck {
 public:
  template <class T>
  void field(std::string_view key, T& struct_default) {
    const std::string path = join_path(prefix_, key);
    visited_.insert(path);
    addresses_[path] = static_cast<const void*>(&struct_default);
    try {
      const Parameter& decl = parameter(path);
      if (decl.presence != Presence::kDefault) return;
      T declared = struct_default;
      Locations scratch;
      convert(default_node(decl), Convert{path, decl, scratch, true}, declared);
      if (!same(declared, struct_default)) {
        problems_.push_back(path + ": declared default " + std::string(decl.default_yaml) +
                            " differs from the default in send/model.hpp");
      }
    } catch (const std::exception& e) {
      problems_.push_back(path + ": " + e.what());
    }
  }

  void field(std::string_view key, send::Setting& value) {
    const std::string path = join_path(prefix_, key);
    visited_.insert(path);
    DeclarationCheck sub("settings[]", visited_, problems_, addresses_);
    visit_setting(sub, value);
  }

  void distribution(send::UncertainParameter&) {
    for (const std::string_view key : {"normal", "lognormal", "uniform", "triangular", "factor"}) {
      const std::string path = join_path(prefix_, key);
      visited_.insert(path);
      try {
        if (parameter(path).kind != Kind::kDistribution)
          problems_.push_back(path + ": declared, but not as a distribution");
      } catch (const std::exception& e) {
        problems_.push_back(path + ": " + e.what());
      }
    }
  }

  template <class Fn>
  void section(std::string_view key, Fn&& fn) {
    DeclarationCheck sub(join_path(prefix_, key), visited_, problems_, addresses_);
    fn(sub);
  }

  template <class T, class Fn>
  void list(std::string_view key, std::vector<T>&, std::size_t, Fn&& fn) {
    DeclarationCheck sub(join_path(prefix_, std::string(key) + "[]"), visited_, problems_, addresses_);
    T item{};
    fn(sub, item);
  }

  DeclarationCheck(std::string prefix, std::set<std::string>& visited, std::vector<std::string>& problems,
                   std::map<std::string, const void*>& addresses)
      : prefix_(std::move(prefix)), visited_(visited), problems_(problems), addresses_(addresses) {}

 private:
  std::string prefix_;
  std::set<std::string>& visited_;
  std::vector<std::string>& problems_;
  std::map<std::string, const void*>& addresses_;  // path -> the field the visitor gave for it
};

/// The kinds of declaration that can be uncertain, with the count of numbers in each.
std::size_t uncertain_size(Kind kind) {
  switch (kind) {
    case Kind::kNumber:
      return 1;
    case Kind::kByAgeBand:
      return send::kAgeBandCount;
    case Kind::kByNeed:
      return send::kNeedCount;
    case Kind::kByType:
      return send::kSettingTypeCount;
    case Kind::kByPhase:
      return send::kPhaseCount;
    default:
      return 0;
  }
}

/// send/uncertainty.cpp's targets against the declarations: the same paths
/// (every number of a model section outside lists), bounds and sizes, and each
/// target's accessor gives the field the visitors read for its path.
void check_uncertain_targets(send::Model& model, const std::map<std::string, const void*>& addresses,
                             std::vector<std::string>& problems) {
  std::set<std::string> targets;
  for (const send::UncertainTarget& t : send::uncertain_targets()) {
    const std::string path(t.path);
    targets.insert(path);
    const Parameter* decl = nullptr;
    for (const Parameter& p : parameters()) {
      if (p.path == t.path) decl = &p;
    }
    if (decl == nullptr) {
      problems.push_back(path + ": an uncertain target in send/uncertainty.cpp, but not declared");
      continue;
    }
    if (uncertain_size(decl->kind) != t.size) {
      problems.push_back(path + ": send/uncertainty.cpp gives " + std::to_string(t.size) +
                         " numbers, the declaration's kind holds " +
                         std::to_string(uncertain_size(decl->kind)));
    }
    if (decl->lower != t.lower || decl->upper != t.upper) {
      problems.push_back(path + ": bounds in send/uncertainty.cpp differ from the declaration's");
    }
    const auto it = addresses.find(path);
    if (it == addresses.end() || it->second != static_cast<const void*>(t.values(model))) {
      problems.push_back(path + ": the accessor in send/uncertainty.cpp is not the field fields.hpp reads");
    }
  }
  for (const Parameter& p : parameters()) {
    const bool model_section = !p.path.starts_with("model.") && !p.path.starts_with("scenario.") &&
                               p.path.find("[]") == std::string_view::npos;
    if (model_section && uncertain_size(p.kind) > 0 && targets.count(std::string(p.path)) == 0) {
      problems.push_back(std::string(p.path) +
                         ": a number of a model section, but not an uncertain target in "
                         "send/uncertainty.cpp");
    }
  }
}

}  // namespace

std::vector<std::string> declaration_problems() {
  std::set<std::string> visited;
  std::vector<std::string> problems;
  std::map<std::string, const void*> addresses;
  send::Scenario defaults;
  DeclarationCheck root("", visited, problems, addresses);
  visit_scenario_header(root, defaults);
  visit_model(root, defaults.model);
  check_uncertain_targets(defaults.model, addresses, problems);
  for (const Parameter& p : parameters()) {
    if (p.kind == Kind::kPath) continue;
    if (visited.count(std::string(p.path)) == 0) {
      problems.push_back(std::string(p.path) +
                         ": declared in parameters.cpp but not read (add it to fields.hpp)");
    }
  }
  return problems;
}

}  // namespace sendsim::scenario
