// sim/batch/key_metrics.hpp: the four figures a batch report and a
// sensitivity table headline, with their titles and units.
#pragma once

namespace sendsim::batch {

struct KeyMetric {
  const char* name;  // the metric's name in sweep.csv
  const char* title;
  const char* unit;
};

inline constexpr KeyMetric kKeyMetrics[] = {
    {"special_place_shortfall", "Special-place shortfall", "children"},
    {"waiting", "Children waiting for a place", "children"},
    {"inmss_placements", "INMSS placements", "children"},
    {"dsg_cumulative_balance", "DSG cumulative balance", "pounds"},
};

}  // namespace sendsim::batch
