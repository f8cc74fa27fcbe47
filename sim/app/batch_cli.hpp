// sim/app/batch_cli.hpp: what batch and sensitivity share on the command line.
#pragma once

namespace sendsim::app {

/// Inside a catch block on a rank other than 0 (which prints nothing): the
/// exit code of the exception being handled, as rank 0 would give it (a
/// peer's failure its code, bad input 2, an interrupt 130/143, else 1).
int rank_exit_code_of_current();

}  // namespace sendsim::app
