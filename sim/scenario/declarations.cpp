// sim/scenario/declarations.cpp: declaration_problems(), which walks the
// visitors over default-constructed structs and compares them with the
// declaration table (parameters.cpp).
#include <set>
#include <stdexcept>

#include "scenario/fields.hpp"
#include "scenario/parameters.hpp"
#include "scenario/values.hpp"

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
  DeclarationCheck(std::string prefix, std::set<std::string>& visited, std::vector<std::string>& problems)
      : prefix_(std::move(prefix)), visited_(visited), problems_(problems) {}

  template <class T>
  void field(std::string_view key, T& struct_default) {
    const std::string path = join_path(prefix_, key);
    visited_.insert(path);
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
    DeclarationCheck sub("settings[]", visited_, problems_);
    visit_setting(sub, value);
  }

  template <class Fn>
  void section(std::string_view key, Fn&& fn) {
    DeclarationCheck sub(join_path(prefix_, key), visited_, problems_);
    fn(sub);
  }

  template <class T, class Fn>
  void list(std::string_view key, std::vector<T>&, std::size_t, Fn&& fn) {
    DeclarationCheck sub(join_path(prefix_, std::string(key) + "[]"), visited_, problems_);
    T item{};
    fn(sub, item);
  }

 private:
  std::string prefix_;
  std::set<std::string>& visited_;
  std::vector<std::string>& problems_;
};

}  // namespace

std::vector<std::string> declaration_problems() {
  std::set<std::string> visited;
  std::vector<std::string> problems;
  send::Scenario defaults;
  DeclarationCheck root("", visited, problems);
  visit_scenario_header(root, defaults);
  visit_model(root, defaults.model);
  for (const Parameter& p : parameters()) {
    if (p.kind == Kind::kPath) continue;
    if (visited.count(std::string(p.path)) == 0) {
      problems.push_back(std::string(p.path) + ": declared in parameters.cpp but not read (add it to fields.hpp)");
    }
  }
  return problems;
}

}  // namespace sendsim::scenario
