// sim/scenario/values.cpp: typed conversion of single values, with bounds,
// codes and the exact wording of the errors.
#include "scenario/values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/calendar.hpp"
#include "scenario/fields.hpp"
#include "send/uncertainty.hpp"

namespace sendsim::scenario {

const Mark& Locations::at(std::string path) const {
  for (;;) {
    if (const auto it = marks_.find(path); it != marks_.end()) return it->second;
    if (path.empty()) return none_;
    const auto cut = path.find_last_of(".[");
    path.resize(cut == std::string::npos ? 0 : cut);
  }
}

bool parses_as_number(const std::string& text, double& value) {
  const char* first = text.data();
  const char* last = first + text.size();
  const auto [end, ec] = std::from_chars(first, last, value);
  return ec == std::errc() && end == last && !text.empty() && std::isfinite(value);
}

namespace {

[[noreturn]] void fail(const Node& n, const Convert& c, const std::string& message) {
  throw InputError(n.mark, c.path, message);
}

[[noreturn]] void fail_expected(const Node& n, const Convert& c, const std::string& expected) {
  fail(n, c, "expected " + expected + ", got " + describe(n));
}

void check_kind(const Convert& c, std::initializer_list<Kind> kinds) {
  if (std::find(kinds.begin(), kinds.end(), c.decl.kind) == kinds.end()) {
    throw std::logic_error("sendsim: parameter \"" + std::string(c.decl.path) +
                           "\" is read into a field of another type than declared");
  }
}

std::vector<std::string> code_list(std::span<const std::string_view> codes) {
  return {codes.begin(), codes.end()};
}

/// A number within the declaration's bounds.
double bounded(const Node& n, const Convert& c) {
  Parameter shown = c.decl;
  shown.kind = Kind::kNumber;
  double value = 0;
  if (!n.is_scalar() || !parses_as_number(n.text, value)) fail_expected(n, c, expected_value(shown));
  if (value < c.decl.lower || value > c.decl.upper) fail_expected(n, c, expected_value(shown));
  c.where.add(c.path, n.mark);
  return value;
}

/// A whole number within the declaration's bounds, read as an integer (digits
/// with an optional '-': not "1e3", "2.0" or "+4") and checked against the
/// bounds before it is narrowed, so a value too large for any integer type
/// (2^63, 1e20) is refused as written, never wrapped. Integer declarations
/// have bounds inside int's range (a test checks it).
int bounded_int(const Node& n, const Convert& c) {
  Parameter shown = c.decl;
  shown.kind = Kind::kInteger;
  if (!n.is_scalar() || n.text.empty()) fail_expected(n, c, expected_value(shown));
  std::int64_t value = 0;
  const char* first = n.text.data();
  const char* last = first + n.text.size();
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || end != last) fail_expected(n, c, expected_value(shown));
  if (static_cast<double>(value) < c.decl.lower || static_cast<double>(value) > c.decl.upper ||
      value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    fail_expected(n, c, expected_value(shown));
  }
  c.where.add(c.path, n.mark);
  return static_cast<int>(value);
}

const Node& require_map(const Node& n, const Convert& c, const std::string& expected) {
  if (!n.is_map()) fail_expected(n, c, expected);
  c.where.add(c.path, n.mark);
  return n;
}

/// A map from codes to numbers. Missing codes keep `out`'s value unless
/// `all_required`; `noun` names one code in messages ("age band").
template <std::size_t N>
void by_code(const Node& n, const Convert& c, std::array<double, N>& out,
             const std::array<std::string_view, N>& codes, std::string_view noun, bool all_required) {
  if (c.from_default && n.is_scalar()) {
    out.fill(bounded(n, c));
    return;
  }
  require_map(n, c, "a map of " + std::string(noun) + " to numbers");
  std::array<bool, N> seen{};
  for (const Entry& e : n.entries) {
    const auto index = std::find(codes.begin(), codes.end(), e.key) - codes.begin();
    if (index == static_cast<std::ptrdiff_t>(N)) {
      throw InputError(e.key_mark, c.path, unknown_message(noun, e.key, {codes.begin(), codes.end()}));
    }
    const std::string path = join_path(c.path, e.key);
    out[static_cast<std::size_t>(index)] = bounded(e.value, Convert{path, c.decl, c.where, c.from_default});
    seen[static_cast<std::size_t>(index)] = true;
  }
  if (!all_required) return;
  for (std::size_t i = 0; i < N; ++i) {
    if (!seen[i]) fail(n, c, "missing " + std::string(noun) + " \"" + std::string(codes[i]) + "\"");
  }
}

/// Checks a map's keys against `allowed` (sorted) and that `required` are present.
void check_keys(const Node& n, const Convert& c, const std::vector<std::string>& allowed) {
  for (const Entry& e : n.entries) {
    if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) {
      throw InputError(e.key_mark, c.path, unknown_message("key", e.key, allowed));
    }
  }
  for (const std::string& key : allowed) {
    if (n.find(key) == nullptr) fail(n, c, "missing required key \"" + key + "\"");
  }
}

template <class Enum, std::size_t N>
Enum code(const Node& n, const Convert& c, const std::array<std::string_view, N>& codes,
          std::string_view noun) {
  if (!n.is_scalar()) fail_expected(n, c, "a " + std::string(noun) + " code");
  const auto value = send::parse_code<Enum>(codes, n.text);
  if (!value) fail(n, c, unknown_message(noun, n.text, code_list(codes)));
  c.where.add(c.path, n.mark);
  return *value;
}

}  // namespace

std::string describe(const Node& node) {
  switch (node.kind) {
    case NodeKind::kNull:
      return "nothing";
    case NodeKind::kList:
      return node.items.empty() ? "an empty list" : "a list";
    case NodeKind::kMap:
      return node.entries.empty() ? "an empty map" : "a map";
    case NodeKind::kScalar:
      break;
  }
  double value = 0;
  if (parses_as_number(node.text, value)) return shown(node.text);
  return "\"" + shown(node.text) + "\"";
}

std::string unknown_message(std::string_view what, std::string_view got,
                            const std::vector<std::string>& known) {
  return "unknown " + std::string(what) + " \"" + shown(got) + "\"; expected one of: " + name_list(known, 40);
}

void convert(const Node& n, const Convert& c, std::string& out) {
  check_kind(c, {Kind::kText, Kind::kPath, Kind::kSetting});
  if (c.decl.kind == Kind::kSetting && !n.is_scalar()) {
    fail_expected(n, c, "the name of a setting (only action open takes a whole setting)");
  }
  const bool must_fill = c.decl.presence == Presence::kRequired || c.decl.kind == Kind::kPath;
  if (!n.is_scalar() || (must_fill && n.text.empty())) {
    fail_expected(n, c, must_fill ? "a non-empty string" : "a string");
  }
  c.where.add(c.path, n.mark);
  out = n.text;
}

void convert(const Node& n, const Convert& c, double& out) {
  check_kind(c, {Kind::kNumber});
  out = bounded(n, c);
}

void convert(const Node& n, const Convert& c, int& out) {
  check_kind(c, {Kind::kInteger, Kind::kAgeBand});
  if (c.decl.kind == Kind::kAgeBand) {
    out = static_cast<int>(send::index(code<send::AgeBand>(n, c, send::kAgeBandCodes, "age band")));
    return;
  }
  out = bounded_int(n, c);
}

void convert(const Node& n, const Convert& c, std::vector<double>& out) {
  check_kind(c, {Kind::kShares});
  if (!n.is_list()) fail_expected(n, c, "a list of numbers");
  c.where.add(c.path, n.mark);
  out.clear();
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    const std::string path = item_path(c.path, i);
    const Convert item{path, c.decl, c.where};
    const double value = bounded(n.items[i], item);
    if (!out.empty() && value < out.back()) {
      fail(n.items[i], item,
           "shares must not decrease: " + format_number(value) + " after " + format_number(out.back()));
    }
    out.push_back(value);
  }
}

void convert(const Node& n, const Convert& c, std::uint64_t& out) {
  check_kind(c, {Kind::kSeed});
  if (!n.is_scalar()) fail_expected(n, c, expected_value(c.decl));
  const char* first = n.text.data();
  const char* last = first + n.text.size();
  const auto [end, ec] = std::from_chars(first, last, out);
  if (ec != std::errc() || end != last || n.text.empty()) fail_expected(n, c, expected_value(c.decl));
  c.where.add(c.path, n.mark);
}

void convert(const Node& n, const Convert& c, bool& out) {
  check_kind(c, {Kind::kBool});
  if (!n.is_scalar() || (n.text != "true" && n.text != "false")) fail_expected(n, c, "true or false");
  c.where.add(c.path, n.mark);
  out = n.text == "true";
}

void convert(const Node& n, const Convert& c, std::optional<bool>& out) {
  bool value = false;
  convert(n, c, value);
  out = value;
}

void convert(const Node& n, const Convert& c, send::Date& out) {
  check_kind(c, {Kind::kDate});
  const std::string& t = n.text;
  const bool shape =
      n.is_scalar() && t.size() == 10 && t[4] == '-' && t[7] == '-' &&
      std::all_of(t.begin(), t.end(), [](char ch) { return ch == '-' || (ch >= '0' && ch <= '9'); });
  if (!shape) fail_expected(n, c, "a date (YYYY-MM-DD)");
  const send::Date d{std::stoi(t.substr(0, 4)), std::stoi(t.substr(5, 2)), std::stoi(t.substr(8, 2))};
  if (!engine::is_valid_date(d)) fail(n, c, "\"" + t + "\" is not a real date");
  c.where.add(c.path, n.mark);
  out = d;
}

void convert(const Node& n, const Convert& c, send::SettingType& out) {
  check_kind(c, {Kind::kChoice});
  out = code<send::SettingType>(n, c, send::kSettingTypeCodes, "setting type");
}

void convert(const Node& n, const Convert& c, send::Fallback& out) {
  check_kind(c, {Kind::kChoice});
  out = code<send::Fallback>(n, c, send::kFallbackCodes, "fallback");
}

void convert(const Node& n, const Convert& c, send::PlacementRule& out) {
  check_kind(c, {Kind::kChoice});
  out = code<send::PlacementRule>(n, c, send::kPlacementRuleCodes, "placement rule");
}

void convert(const Node& n, const Convert& c, send::CapitalAction& out) {
  check_kind(c, {Kind::kChoice});
  out = code<send::CapitalAction>(n, c, send::kCapitalActionCodes, "capital action");
}

void convert(const Node& n, const Convert& c, std::vector<send::Need>& out) {
  check_kind(c, {Kind::kNeeds});
  if (!n.is_list()) fail_expected(n, c, "a list of need codes");
  c.where.add(c.path, n.mark);
  out.clear();
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    const std::string path = item_path(c.path, i);
    const Convert item{path, c.decl, c.where, c.from_default};
    const auto need = code<send::Need>(n.items[i], item, send::kNeedCodes, "need");
    if (std::find(out.begin(), out.end(), need) != out.end()) {
      fail(n.items[i], item, "need \"" + shown(n.items[i].text) + "\" listed twice");
    }
    out.push_back(need);
  }
}

void convert(const Node& n, const Convert& c, std::vector<send::PlacesFrom>& out) {
  check_kind(c, {Kind::kPlaces});
  out.clear();
  if (n.is_scalar()) {
    out.push_back({kFromModelStart, bounded_int(n, c)});
    return;
  }
  if (!n.is_list() || n.items.empty()) fail_expected(n, c, "a number of places or a list of {from, places}");
  c.where.add(c.path, n.mark);
  static const std::vector<std::string> kKeys = {"from", "places"};
  const Parameter& date_decl = parameter("model.start_date");
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    const Node& item = n.items[i];
    const std::string path = item_path(c.path, i);
    const Convert at{path, c.decl, c.where, false};
    require_map(item, at, "a map {from: DATE, places: N}");
    check_keys(item, at, kKeys);
    send::PlacesFrom entry;
    const std::string from_path = join_path(path, "from");
    convert(item.find("from")->value, Convert{from_path, date_decl, c.where, false}, entry.from);
    const std::string places_path = join_path(path, "places");
    entry.places = bounded_int(item.find("places")->value, Convert{places_path, c.decl, c.where});
    out.push_back(entry);
  }
}

void convert(const Node& n, const Convert& c, std::array<double, 5>& out) {
  check_kind(c, {Kind::kByAgeBand, Kind::kByPhase});
  const bool required = c.decl.presence == Presence::kRequired;
  if (c.decl.kind == Kind::kByAgeBand) {
    by_code(n, c, out, send::kAgeBandCodes, "age band", required);
  } else {
    by_code(n, c, out, send::kPhaseCodes, "phase", required);
  }
}

void convert(const Node& n, const Convert& c, send::ByNeed& out) {
  check_kind(c, {Kind::kByNeed});
  by_code(n, c, out, send::kNeedCodes, "need", false);
}

void convert(const Node& n, const Convert& c, send::ByType& out) {
  check_kind(c, {Kind::kByType});
  by_code(n, c, out, send::kSettingTypeCodes, "setting type", false);
}

void convert(const Node& n, const Convert& c, send::Triangular& out) {
  check_kind(c, {Kind::kTriangular});
  static const std::vector<std::string> kKeys = {"max", "min", "mode"};
  require_map(n, c, "a map {min, mode, max}");
  check_keys(n, c, kKeys);
  const std::string min_path = join_path(c.path, "min");
  const std::string mode_path = join_path(c.path, "mode");
  const std::string max_path = join_path(c.path, "max");
  const send::Triangular t{bounded(n.find("min")->value, Convert{min_path, c.decl, c.where}),
                           bounded(n.find("mode")->value, Convert{mode_path, c.decl, c.where}),
                           bounded(n.find("max")->value, Convert{max_path, c.decl, c.where})};
  if (!(t.min <= t.mode && t.mode <= t.max)) {
    fail(n, c,
         "expected min <= mode <= max, got min " + format_number(t.min) + ", mode " + format_number(t.mode) +
             ", max " + format_number(t.max));
  }
  out = t;
}

void convert(const Node& n, const Convert& c, std::array<double, 26>& out) {
  check_kind(c, {Kind::kAgeProfile});
  if (!n.is_list()) fail_expected(n, c, "a list of 26 shares (ages 0 to 25)");
  if (n.items.size() != out.size()) {
    fail(n, c, "expected 26 shares (ages 0 to 25), got " + std::to_string(n.items.size()));
  }
  c.where.add(c.path, n.mark);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string path = item_path(c.path, i);
    out[i] = bounded(n.items[i], Convert{path, c.decl, c.where});
  }
}

void convert(const Node& n, const Convert& c, std::array<send::ByNeed, send::kAgeBandCount>& out) {
  check_kind(c, {Kind::kNeedMix});
  require_map(n, c, "a map of age band to need weights");
  std::array<bool, send::kAgeBandCount> seen{};
  for (const Entry& e : n.entries) {
    const auto band = send::parse_code<send::AgeBand>(send::kAgeBandCodes, e.key);
    if (!band)
      throw InputError(e.key_mark, c.path,
                       unknown_message("age band", e.key, code_list(send::kAgeBandCodes)));
    const std::string path = join_path(c.path, e.key);
    out[send::index(*band)] = {};
    by_code(e.value, Convert{path, c.decl, c.where}, out[send::index(*band)], send::kNeedCodes, "need",
            false);
    seen[send::index(*band)] = true;
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) fail(n, c, "missing age band \"" + std::string(send::kAgeBandCodes[i]) + "\"");
  }
}

void convert(const Node& n, const Convert& c, std::array<send::ByType, send::kNeedCount>& out) {
  check_kind(c, {Kind::kTypeMix});
  require_map(n, c, "a map of need to setting type weights");
  for (auto& weights : out) weights = {};
  for (const Entry& e : n.entries) {
    const auto need = send::parse_code<send::Need>(send::kNeedCodes, e.key);
    if (!need)
      throw InputError(e.key_mark, c.path, unknown_message("need", e.key, code_list(send::kNeedCodes)));
    const std::string path = join_path(c.path, e.key);
    by_code(e.value, Convert{path, c.decl, c.where}, out[send::index(*need)], send::kSettingTypeCodes,
            "setting type", false);
  }
}

const Node& default_node(const Parameter& decl) {
  static const std::map<std::string_view, Node> kDefaults = [] {
    std::map<std::string_view, Node> nodes;
    for (const Parameter& p : parameters()) {
      if (p.presence == Presence::kDefault) {
        nodes.emplace(p.path, parse_yaml(p.default_yaml, "default of " + std::string(p.path)));
      }
    }
    return nodes;
  }();
  const auto it = kDefaults.find(decl.path);
  if (it == kDefaults.end())
    throw std::logic_error("sendsim: \"" + std::string(decl.path) + "\" has no default");
  return it->second;
}

}  // namespace sendsim::scenario
