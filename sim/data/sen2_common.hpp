// sim/data/sen2_common.hpp: what the readers of the SEN2 releases share
// (sen2_readers.cpp: the 2022 release; sen2_person_readers.cpp: the
// person-level releases): the tidy key columns, the area of a row, the
// release a header matches, rows and cells.
#pragma once

#include <string_view>
#include <vector>

#include "data/loader.hpp"

namespace sendsim::data::detail {

struct TidyKeys {
  std::size_t time_period = 0, level = 0, old_code = 0, new_code = 0, name = 0;
};

[[nodiscard]] TidyKeys tidy_keys(const Header& h, const CsvFile& f);

/// England for National rows, the LA for Local authority rows, nullptr for
/// regions (and any other level).
[[nodiscard]] AreaData* area_of(Loader& loader, const CsvRow& row, const TidyKeys& k, int year,
                                const CsvFile& f);

/// A release's columns for one file.
struct Layout {
  std::string_view release;
  std::vector<std::string_view> columns;
};

/// The first layout whose columns the header has all of; otherwise a
/// DataError naming the file and the columns the closest layout lacks.
[[nodiscard]] Layout detect(const Header& h, const CsvFile& f, const std::vector<Layout>& layouts);

/// `columns` after the tidy key columns (and breakdown_topic, breakdown).
[[nodiscard]] std::vector<std::string_view> with_keys(std::vector<std::string_view> columns, bool breakdown);

/// Reads the header; returns it.
[[nodiscard]] Header read_header(CsvFile& f);

/// The next data row (blank lines skipped, width checked).
[[nodiscard]] bool next_row(CsvFile& f, CsvRow& row, const Header& h);

[[nodiscard]] Figure cell(const CsvRow& row, std::size_t col, const Header& h, const CsvFile& f);

/// A DfE total row: its breakdown_topic equals its breakdown.
[[nodiscard]] bool is_total_row(const CsvRow& row, std::size_t topic, std::size_t breakdown);

}  // namespace sendsim::data::detail
