// sim/scenario/values.hpp: one YAML node -> one typed value, as its
// declaration (parameters.hpp) says: type, bounds, codes. Also Locations, the
// record of where each value came from, for the cross-field checks.
//
// Each convert() starts from `out` already holding the declared default (if
// any), so a partial map (some age bands) keeps the default for the rest;
// without a default every entry is required, except need and type weights
// (missing = 0). `from_default` is true when the node is a declaration's
// default text, where a single number stands for every entry of a compound.
// Numbers are read strictly: "1.4", "-2", "1e-3"; not "1,4", ".inf", "0x10".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenario/parameters.hpp"
#include "scenario/yaml_tree.hpp"
#include "send/model.hpp"

namespace sendsim::scenario {

/// Where each value was read from, by YAML path ("settings[2].min_age").
/// Defaulted values are at their parent map's mark.
class Locations {
 public:
  void add(const std::string& path, const Mark& mark) { marks_.insert_or_assign(path, mark); }
  /// The mark of `path`, or of its nearest recorded parent.
  [[nodiscard]] const Mark& at(std::string path) const;

 private:
  std::map<std::string, Mark, std::less<>> marks_;
  Mark none_;
};

/// How a node reads in an error: 1.4, "twelve", a map, a list, nothing.
[[nodiscard]] std::string describe(const Node& node);

/// Context of one conversion: the node's path, its declaration, where to
/// record marks, and whether the node is the declared default.
struct Convert {
  const std::string& path;
  const Parameter& decl;
  Locations& where;
  bool from_default = false;
};

void convert(const Node& n, const Convert& c, std::string& out);
void convert(const Node& n, const Convert& c, double& out);
/// An integer (kInteger) or an age band code stored as its index (kAgeBand).
void convert(const Node& n, const Convert& c, int& out);
void convert(const Node& n, const Convert& c, std::uint64_t& out);
void convert(const Node& n, const Convert& c, bool& out);
void convert(const Node& n, const Convert& c, std::optional<bool>& out);
void convert(const Node& n, const Convert& c, send::Date& out);
void convert(const Node& n, const Convert& c, send::SettingType& out);
void convert(const Node& n, const Convert& c, send::Fallback& out);
void convert(const Node& n, const Convert& c, send::PlacementRule& out);
void convert(const Node& n, const Convert& c, send::CapitalAction& out);
void convert(const Node& n, const Convert& c, std::vector<double>& out);
void convert(const Node& n, const Convert& c, std::vector<send::Need>& out);
void convert(const Node& n, const Convert& c, std::vector<send::PlacesFrom>& out);
/// ByAgeBand or ByPhase (both five numbers; the declaration says which).
void convert(const Node& n, const Convert& c, std::array<double, 5>& out);
void convert(const Node& n, const Convert& c, send::ByNeed& out);
void convert(const Node& n, const Convert& c, send::ByType& out);
void convert(const Node& n, const Convert& c, send::Triangular& out);
void convert(const Node& n, const Convert& c, std::array<double, 26>& out);
void convert(const Node& n, const Convert& c, std::array<send::ByNeed, send::kAgeBandCount>& out);
void convert(const Node& n, const Convert& c, std::array<send::ByType, send::kNeedCount>& out);

/// The distribution of an uncertainty entry: `item` is the entry's map at
/// `path` ("uncertainty[2]"), whose keys the Reader has checked and whose
/// parameter is already in out.parameter (its mark in `where`). Reads exactly
/// one of normal, lognormal, uniform, triangular or factor: {one of the four},
/// checks the parameter's path and the distribution's numbers (against the
/// parameter's bounds when it replaces the value, non-negative in a factor)
/// and records the distribution's mark at "PATH.KEY" for validate().
void read_distribution(const Node& item, const std::string& path, Locations& where,
                       send::UncertainParameter& out);

/// Whether `text` is a finite number with nothing after it (from_chars),
/// into `value`.
[[nodiscard]] bool parses_as_number(const std::string& text, double& value);

/// The declared default of `decl`, parsed (kDefault declarations only).
[[nodiscard]] const Node& default_node(const Parameter& decl);

/// "unknown KEY "x"; expected one of: a, b, c".
[[nodiscard]] std::string unknown_message(std::string_view what, std::string_view got,
                                          const std::vector<std::string>& known);

}  // namespace sendsim::scenario
