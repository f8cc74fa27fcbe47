// sim/scenario/writer.cpp: effective_yaml(), the effective scenario as a
// self-contained YAML file, every parameter explicit. Numbers are written in
// their shortest exact form, so reading the file back gives the same values.
#include <yaml-cpp/yaml.h>

#include "engine/calendar.hpp"
#include "scenario/fields.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameters.hpp"
#include "scenario/yaml_tree.hpp"

namespace sendsim::scenario {

namespace {

class Writer {
 public:
  Writer(YAML::Emitter& out, std::string prefix) : out_(out), prefix_(std::move(prefix)) {}

  template <class T>
  void field(std::string_view key, const T& value) {
    const Parameter& decl = parameter(join_path(prefix_, key));
    if constexpr (std::is_same_v<T, std::optional<bool>>) {
      if (!value) return;
    }
    if constexpr (std::is_same_v<T, std::vector<send::PlacesFrom>>) {
      if (value.empty()) return;  // unlimited: no places
    }
    if constexpr (std::is_same_v<T, int>) {
      if (decl.presence == Presence::kOptional && value < 0) return;  // unset
    }
    out_ << YAML::Key << std::string(key) << YAML::Value;
    write(decl, value);
  }

  void field(std::string_view key, const send::Setting& value) {
    out_ << YAML::Key << std::string(key) << YAML::Value << YAML::BeginMap;
    Writer sub(out_, "settings[]");
    visit_setting(sub, value);
    out_ << YAML::EndMap;
  }

  template <class Fn>
  void section(std::string_view key, Fn&& fn) {
    out_ << YAML::Key << std::string(key) << YAML::Value << YAML::BeginMap;
    Writer sub(out_, join_path(prefix_, key));
    fn(sub);
    out_ << YAML::EndMap;
  }

  /// An uncertainty entry's distribution: KEY: {numbers}, or factor: {KEY: {numbers}}.
  void distribution(const send::UncertainParameter& u) {
    const std::string name(send::kDistributionCodes[send::index(u.distribution)]);
    out_ << YAML::Key << (u.factor ? std::string("factor") : name) << YAML::Value;
    if (u.factor) out_ << YAML::Flow << YAML::BeginMap << YAML::Key << name << YAML::Value;
    out_ << YAML::Flow << YAML::BeginMap;
    auto entry = [&](const char* key, double v) {
      out_ << YAML::Key << key << YAML::Value;
      number(v);
    };
    switch (u.distribution) {
      case send::Distribution::kNormal:
        entry("mean", u.a), entry("sd", u.b);
        if (u.jump_probability > 0)
          entry("jump_probability", u.jump_probability), entry("jump_sd", u.jump_sd);
        break;
      case send::Distribution::kLognormal:
        entry("median", u.a), entry("sd_log", u.b);
        if (u.jump_probability > 0)
          entry("jump_probability", u.jump_probability), entry("jump_sd_log", u.jump_sd);
        break;
      case send::Distribution::kUniform:
        entry("min", u.a), entry("max", u.b);
        break;
      case send::Distribution::kTriangular:
        entry("min", u.a), entry("mode", u.b), entry("max", u.c);
        break;
    }
    out_ << YAML::EndMap;
    if (u.factor) out_ << YAML::EndMap;
  }

  template <class T, class Fn>
  void list(std::string_view key, const std::vector<T>& items, std::size_t, Fn&& fn) {
    if constexpr (std::is_same_v<T, send::UncertainParameter>) {
      // Left out when empty, so that effective files without uncertainty are as they were.
      if (items.empty()) return;
    }
    out_ << YAML::Key << std::string(key) << YAML::Value;
    if (items.empty()) {
      out_ << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
      return;
    }
    out_ << YAML::BeginSeq;
    Writer sub(out_, join_path(prefix_, std::string(key) + "[]"));
    for (const T& item : items) {
      out_ << YAML::BeginMap;
      fn(sub, item);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
  }

 private:
  void number(double v) { out_ << format_number(v); }

  template <std::size_t N>
  void by_code(const std::array<double, N>& values, const std::array<std::string_view, N>& codes,
               bool skip_zero) {
    out_ << YAML::Flow << YAML::BeginMap;
    for (std::size_t i = 0; i < N; ++i) {
      if (skip_zero && values[i] == 0) continue;
      out_ << YAML::Key << std::string(codes[i]) << YAML::Value;
      number(values[i]);
    }
    out_ << YAML::EndMap;
  }

  void write(const Parameter&, const std::string& v) { out_ << v; }
  void write(const Parameter&, double v) { number(v); }
  void write(const Parameter& p, int v) {
    if (p.kind == Kind::kAgeBand) {
      out_ << std::string(send::kAgeBandCodes[static_cast<std::size_t>(v)]);
    } else {
      out_ << std::to_string(v);
    }
  }
  void write(const Parameter&, std::uint64_t v) { out_ << std::to_string(v); }
  void write(const Parameter&, bool v) { out_ << (v ? "true" : "false"); }
  void write(const Parameter& p, const std::optional<bool>& v) { write(p, *v); }
  void write(const Parameter&, const send::Date& v) { out_ << engine::to_iso(v); }
  void write(const Parameter&, send::SettingType v) {
    out_ << std::string(send::kSettingTypeCodes[send::index(v)]);
  }
  void write(const Parameter&, send::Fallback v) {
    out_ << std::string(send::kFallbackCodes[send::index(v)]);
  }
  void write(const Parameter&, send::PlacementRule v) {
    out_ << std::string(send::kPlacementRuleCodes[send::index(v)]);
  }
  void write(const Parameter&, send::CapitalAction v) {
    out_ << std::string(send::kCapitalActionCodes[send::index(v)]);
  }
  void write(const Parameter&, const std::vector<double>& v) {
    out_ << YAML::Flow << YAML::BeginSeq;
    for (double share : v) number(share);
    out_ << YAML::EndSeq;
  }
  void write(const Parameter&, const std::vector<send::Need>& v) {
    out_ << YAML::Flow << YAML::BeginSeq;
    for (const send::Need need : v) out_ << std::string(send::kNeedCodes[send::index(need)]);
    out_ << YAML::EndSeq;
  }
  void write(const Parameter&, const std::vector<send::PlacesFrom>& v) {
    out_ << YAML::BeginSeq;
    for (const send::PlacesFrom& p : v) {
      out_ << YAML::Flow << YAML::BeginMap << YAML::Key << "from" << YAML::Value << engine::to_iso(p.from)
           << YAML::Key << "places" << YAML::Value << std::to_string(p.places) << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
  }
  void write(const Parameter& p, const std::array<double, 5>& v) {
    if (p.kind == Kind::kByPhase) {
      by_code(v, send::kPhaseCodes, false);
    } else {
      by_code(v, send::kAgeBandCodes, false);
    }
  }
  void write(const Parameter&, const send::ByNeed& v) { by_code(v, send::kNeedCodes, false); }
  void write(const Parameter&, const send::ByType& v) { by_code(v, send::kSettingTypeCodes, false); }
  void write(const Parameter&, const send::Triangular& v) {
    out_ << YAML::Flow << YAML::BeginMap << YAML::Key << "min" << YAML::Value;
    number(v.min);
    out_ << YAML::Key << "mode" << YAML::Value;
    number(v.mode);
    out_ << YAML::Key << "max" << YAML::Value;
    number(v.max);
    out_ << YAML::EndMap;
  }
  void write(const Parameter&, const std::array<double, 26>& v) {
    out_ << YAML::Flow << YAML::BeginSeq;
    for (double share : v) number(share);
    out_ << YAML::EndSeq;
  }
  void write(const Parameter&, const std::array<send::ByNeed, send::kAgeBandCount>& v) {
    out_ << YAML::BeginMap;
    for (std::size_t b = 0; b < v.size(); ++b) {
      out_ << YAML::Key << std::string(send::kAgeBandCodes[b]) << YAML::Value;
      by_code(v[b], send::kNeedCodes, true);
    }
    out_ << YAML::EndMap;
  }
  void write(const Parameter&, const std::array<send::ByType, send::kNeedCount>& v) {
    out_ << YAML::BeginMap;
    for (std::size_t n = 0; n < v.size(); ++n) {
      out_ << YAML::Key << std::string(send::kNeedCodes[n]) << YAML::Value;
      by_code(v[n], send::kSettingTypeCodes, true);
    }
    out_ << YAML::EndMap;
  }

  YAML::Emitter& out_;
  std::string prefix_;
};

}  // namespace

std::string effective_yaml(const send::Scenario& scenario) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  Writer root(out, "");
  visit_scenario_header(root, scenario);
  visit_model(root, scenario.model);
  out << YAML::EndMap;
  std::string text =
      "# Effective scenario \"" + scenario.name + "\" after all overrides, every parameter explicit.\n";
  if (!scenario.files.empty()) {
    text += "# Loaded from (root model first):";
    for (const std::string& f : scenario.files) text += " " + f;
    text += "\n";
  }
  text += out.c_str();
  text += "\n";
  return text;
}

}  // namespace sendsim::scenario
