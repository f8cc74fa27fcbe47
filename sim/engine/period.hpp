// sim/engine/period.hpp: the periods results are reported by (a January
// census year, a calendar year, a financial year April-March), with their
// text form ("2025", "2025", "2025-26") and its parse, so that no file types
// a period label or reads one back by hand.
#pragma once

#include <charconv>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sendsim::engine {

enum class PeriodKind : std::uint8_t {
  kCensusYear,     // the January census of `year`
  kCalendarYear,   // January-December of `year`
  kFinancialYear,  // 1 April `year` to 31 March `year + 1`
};

/// A reporting period. A financial year is held by the calendar year it
/// starts in: 2025 is "2025-26".
struct Period {
  PeriodKind kind = PeriodKind::kCalendarYear;
  int year = 0;

  [[nodiscard]] static constexpr Period census(int y) noexcept { return {PeriodKind::kCensusYear, y}; }
  [[nodiscard]] static constexpr Period calendar(int y) noexcept { return {PeriodKind::kCalendarYear, y}; }
  /// The financial year starting in April of `y`.
  [[nodiscard]] static constexpr Period financial(int y) noexcept { return {PeriodKind::kFinancialYear, y}; }
  /// The financial year ending in March of `y`.
  [[nodiscard]] static constexpr Period financial_ending(int y) noexcept {
    return {PeriodKind::kFinancialYear, y - 1};
  }

  /// "2025" for a census or calendar year, "2025-26" for a financial year.
  [[nodiscard]] std::string text() const {
    std::string out = std::to_string(year);
    if (kind == PeriodKind::kFinancialYear) {
      const int next = (year + 1) % 100;
      out += next < 10 ? "-0" : "-";
      out += std::to_string(next);
    }
    return out;
  }

  /// The period of `kind` written as `text` ("2025", or "2025-26" for a
  /// financial year, whose second part must follow the first); no value
  /// for anything else.
  [[nodiscard]] static std::optional<Period> parse(PeriodKind kind, std::string_view text) noexcept {
    const std::optional<int> first = leading_year(text);
    if (!first) return std::nullopt;
    const int y = *first;
    const char* end = text.data() + text.size();
    const char* p = text.data() + 4;
    if (kind != PeriodKind::kFinancialYear) {
      if (p != end) return std::nullopt;
      return Period{kind, y};
    }
    if (end - p != 3 || p[0] != '-' || p[1] < '0' || p[1] > '9') return std::nullopt;
    int next = 0;
    const auto [q, ec2] = std::from_chars(p + 1, end, next);
    if (ec2 != std::errc() || q != end || next != (y + 1) % 100) return std::nullopt;
    return Period{kind, y};
  }

  /// The calendar year a period's text starts with ("2025-26" -> 2025);
  /// no value when it does not start with four digits.
  [[nodiscard]] static std::optional<int> leading_year(std::string_view text) noexcept {
    if (text.empty() || text[0] < '0' || text[0] > '9') return std::nullopt;
    int y = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), y);
    if (ec != std::errc() || p - text.data() != 4) return std::nullopt;
    return y;
  }

  friend constexpr auto operator<=>(const Period&, const Period&) = default;
};

}  // namespace sendsim::engine
