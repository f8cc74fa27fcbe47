// tests/batch/bad_sweeps.hpp: the malformed sweep files of
// tests/batch/sweeps/bad/ with the exact message each gives after its file
// name, shared by the loader's tests and the command-line ones (validate
// and batch), so both check the same words.
#pragma once

#include <string>
#include <vector>

namespace sendsim::batch_test {

struct BadSweepCase {
  const char* file;
  const char* message;  // after the file name
};

inline const std::vector<BadSweepCase>& bad_sweeps() {
  static const std::vector<BadSweepCase> cases = {
      {"unknown-path.yaml",
       ":4:3: unknown parameter path \"requests.trnd\" (sendsim parameters lists every path)"},
      {"empty-axis.yaml", ":4:19: axes.requests.trend: expected at least one value, got an empty list"},
      {"string-for-number.yaml", ":4:26: requests.trend: expected a number between -0.5 and 1, got \"high\""},
      {"string-replications.yaml",
       ":1:34: sweep.replications: expected a whole number from 1 to 100000, got \"twenty\""},
      {"duplicate-value.yaml",
       ":4:32: axes.requests.trend: duplicate cell: the value 0.02 is given already at 4:20"},
      {"duplicate-cell.yaml", ":5:5: cells[1]: duplicate cell: the same values as cells[0]"},
      {"missing-index.yaml", ":4:3: settings[40]: no such item, the list has 7 (0 to 6)"},
      {"unknown-key.yaml", ":1:44: sweep.seeds: expected common or per_scenario, got \"commons\""},
      {"missing-scenario.yaml",
       ":2:52: scenarios[1]: cannot open \"../../../scenarios/no-such.yaml\": no such file"},
  };
  return cases;
}

}  // namespace sendsim::batch_test
