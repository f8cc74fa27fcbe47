// tests/layering/include_rules_test.cpp: the layering checked mechanically.
// Reads the #include lines of every source file under sim/ and output/ and
// fails on any outside the folder's allowed set: the layers it may use
// (quoted "layer/file.hpp") and the third-party or system headers that only
// some places may include. The sets are those of sim/README.md's diagram
// and table: the engine knows nothing of SEND, the domain never opens a
// file, yaml-cpp is the loader's alone, the readers and writers (CLI11,
// JSON, MPI, the workbook, gzip) sit at the edges.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// A folder and the layers its files may include ("engine" for
/// "engine/..."); `also` lets named files of it include more.
struct FolderRule {
  std::string_view folder;
  std::vector<std::string_view> layers;
  struct Extra {
    std::string_view file_prefix;  // a file name, or the start of one ("writer.")
    std::vector<std::string_view> layers;
  };
  std::vector<Extra> also = {};
};

// clang-format off
const std::vector<FolderRule> kFolders = {
    {"sim/engine",    {"engine"}},
    {"sim/send",      {"engine", "send"}},
    {"sim/scenario",  {"engine", "send", "scenario"}},
    {"sim/data",      {"data"}},
    {"sim/run",       {"engine", "send", "run"}},
    {"sim/calibrate", {"engine", "send", "scenario", "data", "run", "calibrate"}},
    // The batch writes its cells' folders and the sweep's tables and report
    // through output/ (its edge).
    {"sim/batch",     {"engine", "send", "scenario", "run", "batch", "output"}},
    {"sim/appraise",  {"engine", "send", "scenario", "run", "appraise"},
                      {{"writer.", {"output"}}}},
    // Writers and renderers: run/'s result types and the domain's tables in;
    // the report reads a folder's effective scenario and the parameter table
    // back; the backtest folder's writer takes the calibration's results.
    {"output",        {"engine", "send", "run", "output"},
                      {{"report_data.", {"scenario"}}, {"report_assumptions.", {"scenario"}},
                       {"backtest_report.", {"calibrate"}}}},
    {"sim/app",       {"engine", "send", "scenario", "data", "run", "calibrate", "batch", "appraise", "output", "app"}},
};

/// Angle-bracket headers only some places may include: the start of the
/// header's name, and the path prefixes (folders or files) that may.
struct HeaderRule {
  std::string_view header;
  std::vector<std::string_view> only_in;
  std::string_view why;
};

const std::vector<HeaderRule> kHeaders = {
    {"yaml-cpp/",  {"sim/scenario/"}, "only the strict loader reads YAML"},
    {"CLI/",       {"sim/app/"}, "the command line is the app's"},
    {"mpi.h",      {"sim/batch/comm_mpi.cpp"}, "Open MPI behind batch/comm.hpp"},
    {"xlsxwriter", {"output/excel"}, "the workbook's writer"},
    {"zlib.h",     {"sim/data/"}, "the readers of published (gzip) files"},
    {"openssl/",   {"output/manifest.cpp"}, "SHA-256 of the results manifest"},
    {"boost/graph", {"sim/send/"}, "travel times over the district graph"},
    {"nlohmann/",  {"output/", "sim/batch/", "sim/calibrate/backtest", "sim/app/", "sim/appraise/writer"},
                   "JSON files are read and written at the edges"},
    {"fstream",    {"sim/scenario/", "sim/data/", "sim/calibrate/", "sim/batch/", "sim/appraise/", "output/", "sim/app/"},
                   "the engine, the domain and the runner never open a file"},
};

/// Project headers that are one layer's inside, not its interface: only the
/// named places may include them although the layer itself is allowed.
const std::vector<HeaderRule> kInternalHeaders = {
    {"send/recording.hpp", {"sim/send/"}, "the recorder is a part of the World; the flows' codes are in send/codes.hpp"},
};
// clang-format on

struct Include {
  std::string text;  // between the quotes or brackets
  bool quoted = false;
  int line = 0;
};

std::vector<Include> includes_of(std::istream& in) {
  std::vector<Include> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line.compare(start, 1, "#") != 0) continue;
    const auto word = line.find_first_not_of(" \t", start + 1);
    if (word == std::string::npos || line.compare(word, 7, "include") != 0) continue;
    const auto open = line.find_first_of("\"<", word + 7);
    if (open == std::string::npos) continue;
    const char close_char = line[open] == '"' ? '"' : '>';
    const auto close = line.find(close_char, open + 1);
    if (close == std::string::npos) continue;
    out.push_back({line.substr(open + 1, close - open - 1), line[open] == '"', n});
  }
  return out;
}

/// The broken rules of one file, "PATH:LINE: #include X: why" each; `path`
/// is relative to the source root ("sim/send/world.cpp").
std::vector<std::string> violations(const std::string& path, std::istream& text) {
  std::vector<std::string> out;
  const FolderRule* rule = nullptr;
  for (const FolderRule& r : kFolders) {
    if (path.starts_with(std::string(r.folder) + "/") &&
        path.find('/', r.folder.size() + 1) == std::string::npos) {
      rule = &r;
    }
  }
  if (rule == nullptr) return {path + ": in no folder of the layering rules (tests/layering)"};
  const std::string file = path.substr(rule->folder.size() + 1);
  for (const Include& inc : includes_of(text)) {
    const std::string where = path + ":" + std::to_string(inc.line) + ": #include " +
                              (inc.quoted ? "\"" : "<") + inc.text + (inc.quoted ? "\"" : ">") + ": ";
    if (inc.quoted) {
      const auto slash = inc.text.find('/');
      if (slash == std::string::npos || inc.text.starts_with(".")) {
        out.push_back(where + "a project header is named by its layer (\"layer/file.hpp\")");
        continue;
      }
      const std::string layer = inc.text.substr(0, slash);
      bool ok = std::find(rule->layers.begin(), rule->layers.end(), layer) != rule->layers.end();
      for (const auto& extra : rule->also) {
        if (file.starts_with(extra.file_prefix) &&
            std::find(extra.layers.begin(), extra.layers.end(), layer) != extra.layers.end()) {
          ok = true;
        }
      }
      if (!ok) {
        std::string allowed;
        for (const auto& l : rule->layers) allowed += (allowed.empty() ? "" : ", ") + std::string(l) + "/";
        out.push_back(where + std::string(rule->folder) + "/ may include only " + allowed);
        continue;
      }
      for (const HeaderRule& h : kInternalHeaders) {
        if (inc.text != h.header) continue;
        const bool inside = std::any_of(h.only_in.begin(), h.only_in.end(),
                                        [&](std::string_view place) { return path.starts_with(place); });
        if (!inside) out.push_back(where + std::string(h.why));
      }
      continue;
    }
    for (const HeaderRule& h : kHeaders) {
      if (!inc.text.starts_with(h.header)) continue;
      const bool ok = std::any_of(h.only_in.begin(), h.only_in.end(),
                                  [&](std::string_view place) { return path.starts_with(place); });
      if (!ok) out.push_back(where + std::string(h.why));
    }
  }
  return out;
}

std::vector<std::string> violations_of_text(const std::string& path, const std::string& text) {
  std::istringstream in(text);
  return violations(path, in);
}

TEST(Layering, EveryIncludeUnderSimAndOutputIsAllowed) {
  const fs::path root = SENDSIM_SOURCE_DIR;
  std::vector<std::string> broken;
  std::size_t files = 0;
  for (const char* top : {"sim", "output"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / top)) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      ++files;
      std::ifstream in(e.path());
      for (auto& v : violations(fs::relative(e.path(), root).generic_string(), in))
        broken.push_back(std::move(v));
    }
  }
  EXPECT_GT(files, 150U);  // the walk saw the tree
  std::string all;
  for (const auto& b : broken) all += b + "\n";
  EXPECT_TRUE(broken.empty()) << all;
}

// The checker itself, on files that break each kind of rule.
TEST(Layering, TheCheckerFindsEachKindOfBrokenRule) {
  EXPECT_EQ(violations_of_text("sim/engine/rng.cpp", "#include \"send/world.hpp\"\n"),
            std::vector<std::string>{
                "sim/engine/rng.cpp:1: #include \"send/world.hpp\": sim/engine/ may include only "
                "engine/"});
  EXPECT_EQ(violations_of_text("sim/send/world.cpp", "// x\n  #  include <fstream>\n"),
            std::vector<std::string>{
                "sim/send/world.cpp:2: #include <fstream>: the engine, the domain and the runner "
                "never open a file"});
  EXPECT_EQ(violations_of_text("sim/run/runner.cpp", "#include <yaml-cpp/yaml.h>\n"),
            std::vector<std::string>{
                "sim/run/runner.cpp:1: #include <yaml-cpp/yaml.h>: only the strict loader reads "
                "YAML"});
  EXPECT_EQ(
      violations_of_text("output/csv.cpp", "#include \"scenario/loader.hpp\"\n"),
      std::vector<std::string>{"output/csv.cpp:1: #include \"scenario/loader.hpp\": output/ may include only "
                               "engine/, send/, run/, output/"});
  EXPECT_EQ(violations_of_text("sim/data/csv.cpp", "#include \"csv.hpp\"\n"),
            std::vector<std::string>{
                "sim/data/csv.cpp:1: #include \"csv.hpp\": a project header is named by its layer "
                "(\"layer/file.hpp\")"});
  EXPECT_EQ(violations_of_text("sim/new/x.cpp", ""),
            std::vector<std::string>{"sim/new/x.cpp: in no folder of the layering rules (tests/layering)"});
  // The named exceptions hold only for their files.
  EXPECT_TRUE(violations_of_text("sim/appraise/writer.cpp", "#include \"output/csv.hpp\"\n").empty());
  EXPECT_EQ(violations_of_text("sim/appraise/appraise.cpp", "#include \"output/csv.hpp\"\n").size(), 1U);
  EXPECT_EQ(violations_of_text("output/excel_detail.cpp", "#include \"send/recording.hpp\"\n"),
            std::vector<std::string>{
                "output/excel_detail.cpp:1: #include \"send/recording.hpp\": the recorder is a part of "
                "the World; the flows' codes are in send/codes.hpp"});
  EXPECT_TRUE(violations_of_text("sim/send/world.cpp", "#include \"send/recording.hpp\"\n").empty());
  EXPECT_TRUE(violations_of_text("sim/batch/comm_mpi.cpp", "#include <mpi.h>\n").empty());
  EXPECT_EQ(violations_of_text("sim/batch/batch.cpp", "#include <mpi.h>\n").size(), 1U);
}

}  // namespace
