// output/report_format.hpp: how the HTML reports write numbers: counts with
// thousands separators and a true minus sign, pounds million to one
// decimal, percentages, a mean with its 5th-95th percentile range, and the
// exact value (17 significant digits) that data-* attributes carry for tests.
#pragma once

#include <string>

#include "engine/stats.hpp"

namespace sendsim::output::report_format {

/// A whole number with thousands separators ("1,234", "\u22121,234").
[[nodiscard]] std::string thousands(double v);
/// A count: whole numbers and values of 100 or more rounded with separators,
/// others to one decimal; "\u2013" when not finite.
[[nodiscard]] std::string count(double v);
/// Pounds million to one decimal ("\u00a31.2m").
[[nodiscard]] std::string money(double v);
/// A percentage to one decimal ("12.3%").
[[nodiscard]] std::string percent(double v);

enum class Unit { kCount, kMoney, kPercent };

[[nodiscard]] std::string fmt(double v, Unit u);
/// The 5th to 95th percentile of `s` ("3\u20135", or "\u22122 to 4").
[[nodiscard]] std::string range(const engine::Summary& s, Unit u);
/// The mean with its range in a grey span (the mean alone when p5 == p95).
[[nodiscard]] std::string with_range(const engine::Summary& s, Unit u);
/// `v` to 17 significant digits (reads back as the same double).
[[nodiscard]] std::string exact(double v);

}  // namespace sendsim::output::report_format
