// sim/data/loader.hpp: internals of load_published shared by its readers
// (not part of the library's interface): the Loader (the data folder, the
// files read, the areas by code and by name), sums of published figures that
// stay missing when a part is, SEN2 age labels, and the readers themselves.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "data/csv.hpp"
#include "data/published.hpp"

namespace sendsim::data::detail {

/// A sum (or difference) of published figures: missing, with the first
/// part's code and source, when any part is missing.
class Sum {
 public:
  void add(const Figure& f) { take(f, 1.0); }
  void subtract(const Figure& f) { take(f, -1.0); }
  [[nodiscard]] bool empty() const noexcept { return parts_ == 0; }
  /// The result; `column` names what was summed (Source::column).
  [[nodiscard]] Figure figure(const std::string& column) const;

 private:
  void take(const Figure& f, double sign);
  double value_ = 0;
  int parts_ = 0;
  bool missing_ = false;
  std::string code_;
  Source source_;
};

/// What the SEN2 years of an LA code are (for reorganisations and breaks).
struct Sen2Span {
  int first = 0, last = 0;              // any SEN2 figure (stock or flow)
  int first_stock = 0, last_stock = 0;  // January census figures
  Source first_source, last_source;
};

/// The state of one load_published call.
class Loader {
 public:
  explicit Loader(std::filesystem::path folder);

  [[nodiscard]] PublishedData& data() noexcept { return data_; }
  [[nodiscard]] const std::filesystem::path& folder() const noexcept { return data_.folder; }

  /// `base` (a path relative to the folder, without ".csv") as found:
  /// base + ".csv" or base + ".csv.gz"; nullopt when neither exists.
  [[nodiscard]] std::optional<std::string> locate(const std::string& base) const;
  /// As locate(), throwing DataError("FOLDER/BASE.csv", 0, "no such file
  /// (nor BASE.csv.gz)") when neither exists.
  [[nodiscard]] std::string require(const std::string& base) const;
  /// Opens a located file and records it in data().files.
  [[nodiscard]] CsvFile open(const std::string& relative);
  /// The entries of a sub-folder (names only, sorted); throws DataError
  /// "FOLDER/SUB: no such folder" when it does not exist.
  [[nodiscard]] std::vector<std::string> list(const std::string& sub) const;

  /// The LA with this old code, created on first sight. `new_code` and
  /// `name` (when not empty) become its identity when `year` is the latest
  /// seen for it. Returns nullptr for a code that is not a three-digit LA
  /// number below 970 (970 and up are England and regions in LAIT).
  AreaData* la(std::string_view old_code, std::string_view new_code, std::string_view name, int year);
  [[nodiscard]] AreaData& england() noexcept { return data_.england; }
  /// The LA with this new (E0...) code, any seen; nullptr when none.
  [[nodiscard]] AreaData* by_new_code(std::string_view new_code);
  /// The LA with this name (normalised: case, footnote digits, ", City of",
  /// "County " and the like). `code_hint` decides between LAs of one name
  /// (Dorset 835 and 838); otherwise the latest wins. nullptr when none.
  [[nodiscard]] AreaData* by_name(std::string_view name, std::string_view code_hint);

  /// Records that an SEN2 file holds a figure for this LA and year.
  void seen_sen2(const AreaData& la, int year, bool stock, const Source& source);
  [[nodiscard]] const std::map<std::string, Sen2Span>& sen2_spans() const noexcept { return spans_; }

  void note(std::string text) { data_.notes.push_back(std::move(text)); }

 private:
  PublishedData data_;
  std::map<std::string, int> identity_year_;                 // old code -> year of its name/new code
  std::map<std::string, std::map<std::string, int>> names_;  // normalised name -> old code -> latest year
  std::map<std::string, Sen2Span> spans_;
};

/// A name reduced for matching across publishers: lower case, trailing
/// footnote digits dropped, "&" as "and", ", city of"/", county of" and a
/// leading "county " dropped, punctuation dropped, single spaces.
[[nodiscard]] std::string normalise_name(std::string_view name);

/// The SEN2 age band (0 under 5, 1 5-10, 2 11-15, 3 16-19, 4 20-25) of a
/// published age label: single ages "age 7", "Aged 7", "under 3", "age 2 and
/// under", "age 20 and over" and the 2022 release's bands "Under 5", "Age 5
/// to 10". nullopt for "unknown" labels; throws DataError for a label it does
/// not know (the caller passes file and line).
[[nodiscard]] std::optional<int> age_band(std::string_view label, const CsvFile& file, std::size_t line);

/// The census or calendar year of an SEN2 time_period: "201819" -> 2019
/// (January of the academic year), "2019" -> 2019.
[[nodiscard]] int sen2_year(std::string_view time_period, const CsvFile& file, std::size_t line);

/// Case-insensitive equality and prefix test.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;
[[nodiscard]] bool istarts_with(std::string_view s, std::string_view prefix) noexcept;

/// The readers, in the order load_published calls them. `dir` is relative
/// to the folder, e.g. "sen2/release-2025".
void read_sen2_2022(Loader& loader, const std::string& dir);
/// A person-level release (2025 on). `required`: its files must exist
/// (release-2025); otherwise each file is read when present.
void read_sen2_person(Loader& loader, const std::string& dir, bool required);
void read_tribunal(Loader& loader, const std::string& relative);
void read_lait(Loader& loader);
void read_population(Loader& loader);
void read_dsg(Loader& loader);
void read_s251(Loader& loader);

/// The files read by a person-level release, without ".csv" (for the
/// up-front check of the required set).
[[nodiscard]] std::vector<std::string> person_release_files();
/// The 2022 release's files, without ".csv".
[[nodiscard]] std::vector<std::string> release_2022_files();

}  // namespace sendsim::data::detail
