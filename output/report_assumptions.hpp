// output/report_assumptions.hpp: the key inputs of a run, for the report's
// "assumptions and sources" section: the value this run used (from the
// effective scenario) beside the declared unit, meaning and source of the
// parameter (sim/scenario/parameters.hpp). A value a model file sets names its
// own source in that file's comments; the declared source is that of the
// default and of the kind of figure expected.
#pragma once

#include <vector>

#include "output/report_data.hpp"
#include "send/model.hpp"

namespace sendsim::output {

[[nodiscard]] std::vector<KeyParameter> key_parameters(const send::Scenario& scenario);
[[nodiscard]] std::vector<ProjectRow> project_rows(const send::Scenario& scenario);

}  // namespace sendsim::output
