// output/report_assumptions.hpp: the key inputs of a run, for the report's
// "assumptions and sources" section: the value this run used (from the
// effective scenario) beside the declared unit, meaning and source of the
// parameter (sim/scenario/parameters.hpp). A value a model file sets names its
// own source in that file's comments; the declared source is that of the
// default and of the kind of figure expected.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/report_data.hpp"
#include "send/model.hpp"

namespace sendsim::output {

[[nodiscard]] std::vector<KeyParameter> key_parameters(const send::Scenario& scenario);
[[nodiscard]] std::vector<ProjectRow> project_rows(const send::Scenario& scenario);

/// A declared source with every citation of a file outside the repository
/// (the project's design notes, the seed documents it started from) replaced
/// by the published document it stands for, named in full.
[[nodiscard]] std::string published_source(std::string_view declared_source);

/// The short citations of documents outside the repository that `text` (the
/// effective scenario, verbatim) uses, e.g. "seeds/000" in a model's
/// description, each with the published document it stands for.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> cited_documents(std::string_view text);

}  // namespace sendsim::output
