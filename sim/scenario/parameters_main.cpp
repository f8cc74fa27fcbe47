// sim/scenario/parameters_main.cpp: sendsim_parameters prints the text of
// models/PARAMETERS.md, generated from the declarations:
//   build/release/sim/sendsim_parameters > models/PARAMETERS.md
#include <iostream>

#include "scenario/parameters.hpp"

int main() {
  std::cout << sendsim::scenario::parameters_markdown();
  return 0;
}
