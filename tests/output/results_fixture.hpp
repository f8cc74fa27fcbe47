// tests/output/results_fixture.hpp: hand-made replication results and a
// scratch folder for the writer tests.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run/aggregate.hpp"
#include "run/runner.hpp"
#include "send/model.hpp"
#include "send/results.hpp"

namespace sendsim::output::testing {

namespace fs = std::filesystem;

/// A fresh empty folder under the system temporary folder, removed at the end.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(fs::temp_directory_path() / ("sendsim-test-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const fs::path& path() const noexcept { return path_; }
  /// Names of the entries directly inside, sorted.
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  fs::path path_;
};

/// For its lifetime PATH is one empty folder, so no gnuplot (nor anything
/// else) is found; the old PATH comes back at the end, whatever happens.
class PathWithoutGnuplot {
 public:
  explicit PathWithoutGnuplot(const fs::path& empty_bin) : empty_bin_(empty_bin) {
    fs::create_directories(empty_bin_);
    const char* old = std::getenv("PATH");
    saved_ = old != nullptr ? old : "";
    ::setenv("PATH", empty_bin_.c_str(), 1);
  }
  ~PathWithoutGnuplot() { ::setenv("PATH", saved_.c_str(), 1); }
  PathWithoutGnuplot(const PathWithoutGnuplot&) = delete;
  PathWithoutGnuplot& operator=(const PathWithoutGnuplot&) = delete;
  [[nodiscard]] const fs::path& folder() const noexcept { return empty_bin_; }

 private:
  fs::path empty_bin_;
  std::string saved_;
};

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// Three replications of two tables shaped like the model's: a count table
/// (missing rows are zero) and a mean table (missing rows are skipped), with
/// a setting name that needs CSV quoting.
inline std::vector<send::ReplicationResult> hand_made_results() {
  std::vector<send::ReplicationResult> out(3);
  for (std::size_t r = 0; r < out.size(); ++r) {
    auto& res = out[r];
    res.replication = r;
    res.events = 1000 + r;
    res.fingerprint = 0xabc0 + r;
    res.child_years = 10.0;
    send::Table plans;
    plans.info = {"ehc_snapshot",
                  {"year", "placement", "age_band", "need"},
                  "children",
                  send::Missing::kZero,
                  "EHC plans at the January census"};
    plans.set({"2022", "special", "5_10", "ASD"}, 10.0 + static_cast<double>(r));
    plans.set({"2022", "mainstream", "5_10", "ASD"}, 20.0);
    if (r != 1) plans.set({"2023", "special", "5_10", "ASD"}, 12.5);
    send::Table occupancy;
    occupancy.info = {"occupancy",
                      {"year", "setting", "measure"},
                      "children",
                      send::Missing::kZero,
                      "per setting at the census"};
    occupancy.set({"2022", "Oak, \"the\" special", "on_roll"}, 50.0);
    send::Table timeliness;
    timeliness.info = {
        "timeliness", {"year", "measure"}, "percent or weeks", send::Missing::kSkip, "the 20-week clock"};
    if (r != 2) timeliness.set({"2022", "pct_within_20_weeks"}, 50.0 + 10.0 * static_cast<double>(r));
    res.tables = {plans, occupancy, timeliness};
  }
  return out;
}

inline send::Scenario hand_made_scenario() {
  send::Scenario sc;
  sc.name = "hand-made";
  sc.description = "a \"quoted\" description\nover two lines";
  sc.files = {"models/x.yaml", "scenarios/y.yaml"};
  sc.model.name = "x";
  sc.run.replications = 3;
  sc.run.seed = 18446744073709551615ULL;
  send::CapitalProject project;
  project.name = "New school";
  sc.model.capital_programme.push_back(project);
  return sc;
}

inline run::RunOutput hand_made_output(std::vector<send::ReplicationResult> results) {
  run::RunOutput out;
  out.scenario_name = "hand-made";
  out.replications = results.size();
  out.seed = 18446744073709551615ULL;
  out.threads = 2;
  out.results = std::move(results);
  out.wall_seconds = 0.5;
  for (const auto& r : out.results) out.events += r.events;
  out.events_per_second = static_cast<double>(out.events) / out.wall_seconds;
  return out;
}

}  // namespace sendsim::output::testing
