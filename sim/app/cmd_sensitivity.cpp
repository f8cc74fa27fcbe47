// sim/app/cmd_sensitivity.cpp: `sendsim sensitivity SCENARIO --vary PATH=LOW:HIGH ...`.
#include "app/cli.hpp"

namespace sendsim::app {

int command_sensitivity(const std::vector<std::string_view>& args);

int command_sensitivity(const std::vector<std::string_view>& /*args*/) {
  throw UsageError("sensitivity: not implemented yet");
}

}  // namespace sendsim::app
