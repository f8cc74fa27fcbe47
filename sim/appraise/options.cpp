// sim/appraise/options.cpp: the options file, read strictly (options.hpp).
#include "appraise/options.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "scenario/fields.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameters.hpp"
#include "scenario/reader.hpp"
#include "scenario/validate.hpp"
#include "scenario/values.hpp"

namespace sendsim::appraise {

namespace fs = std::filesystem;
using scenario::Entry;
using scenario::InputError;
using scenario::Kind;
using scenario::Node;
using scenario::NodeKind;
using scenario::Parameter;
using scenario::Presence;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The options file's own values, declared as the model's are so that their
// messages read the same ("expected a number from 0 to 1, got ...").
const Parameter kName{"appraisal.name", Kind::kText, "", 0, 0, Presence::kRequired, "", "", ""};
const Parameter kText{"appraisal.description", Kind::kText, "", 0, 0, Presence::kDefault, "\"\"", "", ""};
const Parameter kBaseline{"appraisal.baseline", Kind::kPath, "path", 0, 0, Presence::kRequired, "", "", ""};
const Parameter kReplications{
    "appraisal.replications", Kind::kInteger, "runs", 1, 100000, Presence::kOptional, "", "", ""};
const Parameter kSeed{"appraisal.seed", Kind::kSeed, "", 0, 0, Presence::kOptional, "", "", ""};
const Parameter kRate{"appraisal.discount_rate", Kind::kNumber, "per year", 0, 1,
                      Presence::kDefault,        "0.035",       "",         ""};
const Parameter kBudget{
    "appraisal.budget", Kind::kNumber, "pounds", 0, 1e13, Presence::kOptional, "", "", ""};
const Parameter kMaxExact{"appraisal.max_exact", Kind::kInteger, "portfolios", 1, 4096,
                          Presence::kDefault,    "32",           "",           ""};
const Parameter kScreening{
    "appraisal.screening_replications", Kind::kInteger, "runs", 0, 100000, Presence::kDefault, "20", "", ""};
const Parameter kAtMost{
    "appraisal.target.at_most", Kind::kNumber, "", 0, 1e9, Presence::kRequired, "", "", ""};
const Parameter kFromYear{
    "appraisal.target.from_year", Kind::kInteger, "year", 1900, 2200, Presence::kRequired, "", "", ""};
const Parameter kConfidence{
    "appraisal.target.confidence", Kind::kNumber, "share", 0, 1, Presence::kDefault, "0.5", "", ""};
const Parameter kOptionName{"options[].name", Kind::kText, "", 0, 0, Presence::kRequired, "", "", ""};

template <class T>
void read(const Node& node, const std::string& path, const Parameter& decl, T& out) {
  scenario::Locations where;
  scenario::convert(node, scenario::Convert{path, decl, where}, out);
}

/// Checks that `node` is a map with only `known` keys (the loader's words).
void check_map(const Node& node, const std::string& path, std::vector<std::string> known) {
  std::sort(known.begin(), known.end());
  if (!node.is_map()) {
    if (node.is_null() && path.empty())
      throw InputError(node.mark, path, "the file is empty; expected a map of sections");
    throw InputError(node.mark, path, "expected a map, got " + scenario::describe(node));
  }
  for (const Entry& e : node.entries) {
    if (std::find(known.begin(), known.end(), e.key) == known.end()) {
      throw InputError(e.key_mark, path, scenario::unknown_message("key", e.key, known));
    }
  }
}

const Node& required(const Node& map, const std::string& path, std::string_view key) {
  const Entry* e = map.find(key);
  if (e == nullptr) throw InputError(map.mark, path, "missing required key \"" + std::string(key) + "\"");
  return e->value;
}

const Node& list_at(const Node& map, const std::string& path, std::string_view key, bool required_key) {
  static const Node kEmpty = [] {
    Node n;
    n.kind = NodeKind::kList;
    return n;
  }();
  const Entry* e = map.find(key);
  if (e == nullptr) {
    if (required_key) throw InputError(map.mark, path, "missing required key \"" + std::string(key) + "\"");
    return kEmpty;
  }
  if (!e->value.is_list()) {
    throw InputError(e->value.mark, scenario::join_path(path, key),
                     "expected a list, got " + scenario::describe(e->value));
  }
  return e->value;
}

void resolve_places(send::Model& m) {
  for (send::Setting& s : m.settings) {
    for (send::PlacesFrom& p : s.places) {
      if (p.from == scenario::kFromModelStart) p.from = m.start_date;
    }
  }
}

/// Reads a merged tree as the loader reads a scenario file.
send::Scenario read_tree(const Node& merged, const send::Scenario& checked) {
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
  scenario::validate(sc.model, &sc.run, where);
  return sc;
}

}  // namespace

OptionsFile load_options(const fs::path& file) {
  OptionsFile out;
  out.file = file.string();
  const Node root = scenario::parse_yaml_file(file, out.file);
  check_map(root, "", {"appraisal", "options", "groups"});
  const Node& head = required(root, "", "appraisal");
  check_map(head, "appraisal",
            {"name", "description", "baseline", "replications", "seed", "discount_rate", "budget",
             "max_exact", "screening_replications", "target"});
  read(required(head, "appraisal", "name"), "appraisal.name", kName, out.name);
  if (const Entry* e = head.find("description"))
    read(e->value, "appraisal.description", kText, out.description);
  std::string baseline;
  const Node& baseline_node = required(head, "appraisal", "baseline");
  read(baseline_node, "appraisal.baseline", kBaseline, baseline);
  out.baseline = (file.parent_path() / baseline).lexically_normal();
  if (const Entry* e = head.find("replications")) {
    int r = 0;
    read(e->value, "appraisal.replications", kReplications, r);
    out.replications = r;
  }
  if (const Entry* e = head.find("seed")) {
    std::uint64_t s = 0;
    read(e->value, "appraisal.seed", kSeed, s);
    out.seed = s;
  }
  if (const Entry* e = head.find("discount_rate"))
    read(e->value, "appraisal.discount_rate", kRate, out.discount_rate);
  if (const Entry* e = head.find("budget")) read(e->value, "appraisal.budget", kBudget, out.budget);
  if (const Entry* e = head.find("max_exact"))
    read(e->value, "appraisal.max_exact", kMaxExact, out.max_exact);
  if (const Entry* e = head.find("screening_replications")) {
    read(e->value, "appraisal.screening_replications", kScreening, out.screening_replications);
  }
  const Node& target = required(head, "appraisal", "target");
  check_map(target, "appraisal.target", {"measure", "at_most", "from_year", "confidence"});
  const Node& measure = required(target, "appraisal.target", "measure");
  const auto code =
      measure.is_scalar() ? send::parse_code<TargetMeasure>(kTargetMeasureCodes, measure.text) : std::nullopt;
  if (!code) {
    throw InputError(measure.mark, "appraisal.target.measure",
                     scenario::unknown_message(
                         "target measure", measure.is_scalar() ? measure.text : scenario::describe(measure),
                         {kTargetMeasureCodes.begin(), kTargetMeasureCodes.end()}));
  }
  out.target.measure = *code;
  read(required(target, "appraisal.target", "at_most"), "appraisal.target.at_most", kAtMost,
       out.target.at_most);
  read(required(target, "appraisal.target", "from_year"), "appraisal.target.from_year", kFromYear,
       out.target.from_year);
  if (const Entry* e = target.find("confidence")) {
    read(e->value, "appraisal.target.confidence", kConfidence, out.target.confidence);
  }

  // The baseline must load on its own (its errors name its own file).
  const send::Scenario base = scenario::load_scenario(out.baseline);
  const int start = base.model.start_date.year;
  const int end = base.run.end_date.year;
  if (out.target.from_year < start || out.target.from_year > end) {
    throw InputError(target.find("from_year")->value.mark, "appraisal.target.from_year",
                     "expected a year of the baseline's run, " + std::to_string(start) + " to " +
                         std::to_string(end) + ", got " + std::to_string(out.target.from_year));
  }

  const Node& options = list_at(root, "", "options", true);
  if (options.items.empty())
    throw InputError(options.mark, "options", "expected at least one option, got none");
  std::map<std::string, std::size_t> names;
  for (std::size_t i = 0; i < options.items.size(); ++i) {
    const Node& item = options.items[i];
    const std::string path = scenario::item_path("options", i);
    check_map(item, path, {"name", "description", "changes"});
    Option option;
    read(required(item, path, "name"), path + ".name", kOptionName, option.name);
    if (const Entry* e = item.find("description"))
      read(e->value, path + ".description", kText, option.description);
    const auto [it, fresh] = names.emplace(option.name, i);
    if (!fresh) {
      throw InputError(item.find("name")->value.mark, path + ".name",
                       "duplicate option \"" + scenario::shown(option.name) + "\" (also " +
                           scenario::item_path("options", it->second) + ")");
    }
    const Node& changes = required(item, path, "changes");
    if (!changes.is_map() || changes.entries.empty()) {
      throw InputError(changes.mark, path + ".changes",
                       "expected a map of model sections to change (e.g. capital_programme), got " +
                           scenario::describe(changes));
    }
    for (const Entry& e : changes.entries) {
      if (e.key == "scenario" || e.key == "model") {
        throw InputError(e.key_mark, path + ".changes",
                         "an option changes model sections only; \"" + e.key +
                             "\" is the baseline's (the run "
                             "settings are the appraisal's)");
      }
    }
    option.changes = changes;
    out.options.push_back(std::move(option));
  }

  const Node& groups = list_at(root, "", "groups", false);
  std::set<std::string> group_names;
  for (std::size_t g = 0; g < groups.items.size(); ++g) {
    const Node& item = groups.items[g];
    const std::string path = scenario::item_path("groups", g);
    check_map(item, path, {"name", "options"});
    Group group;
    read(required(item, path, "name"), path + ".name", kName, group.name);
    if (!group_names.insert(group.name).second) {
      throw InputError(item.find("name")->value.mark, path + ".name",
                       "duplicate group \"" + scenario::shown(group.name) + "\"");
    }
    const Node& members = list_at(item, path, "options", true);
    if (members.items.empty()) {
      throw InputError(members.mark, path + ".options",
                       "a group names no option; expected a list of option names");
    }
    std::vector<std::string> known;
    for (const Option& o : out.options) known.push_back(o.name);
    for (std::size_t k = 0; k < members.items.size(); ++k) {
      const Node& m = members.items[k];
      const std::string at = scenario::item_path(path + ".options", k);
      const auto found = m.is_scalar() ? names.find(m.text) : names.end();
      if (found == names.end()) {
        throw InputError(
            m.mark, at,
            scenario::unknown_message("option", m.is_scalar() ? m.text : scenario::describe(m), known));
      }
      if (std::find(group.options.begin(), group.options.end(), found->second) != group.options.end()) {
        throw InputError(m.mark, at,
                         "option \"" + scenario::shown(m.text) + "\" is named twice in the group");
      }
      group.options.push_back(found->second);
    }
    out.groups.push_back(std::move(group));
  }

  // Every option on its own must make a valid scenario (errors at its marks).
  const Node tree = baseline_tree(out);
  for (std::size_t i = 0; i < out.options.size(); ++i) (void)portfolio_scenario(out, tree, {i});
  return out;
}

Node baseline_tree(const OptionsFile& options) {
  std::vector<Node> chain;
  std::string name = options.baseline.string();
  for (;;) {
    Node root = scenario::parse_yaml_file(name, name);
    const Entry* header = root.find("scenario");
    const Entry* next = nullptr;
    if (header != nullptr) {
      next = header->value.find("model");
      if (next == nullptr) next = header->value.find("extends");
    }
    const std::string target = next != nullptr ? next->value.text : std::string();
    chain.push_back(std::move(root));
    if (next == nullptr) break;
    name = (fs::path(name).parent_path() / target).lexically_normal().generic_string();
  }
  Node merged = std::move(chain.back());
  for (std::size_t i = chain.size() - 1; i-- > 0;) {
    Node& over = chain[i];
    if (Entry* header = over.find("scenario")) {
      header->value.erase("model");
      header->value.erase("extends");
    }
    merged = scenario::merge(std::move(merged), over);
  }
  return merged;
}

send::Scenario portfolio_scenario(const OptionsFile& options, const Node& baseline,
                                  const std::vector<std::size_t>& chosen) {
  send::Scenario checked;
  checked.files = {options.baseline.string(), options.file};
  Node merged = baseline;
  for (const std::size_t i : chosen)
    merged = scenario::merge(std::move(merged), options.options.at(i).changes);
  send::Scenario sc = read_tree(merged, checked);
  return sc;
}

bool respects_groups(const OptionsFile& options, const std::vector<std::size_t>& chosen) {
  for (const Group& g : options.groups) {
    int taken = 0;
    for (const std::size_t i : chosen) taken += std::count(g.options.begin(), g.options.end(), i) > 0 ? 1 : 0;
    if (taken > 1) return false;
  }
  return true;
}

}  // namespace sendsim::appraise
