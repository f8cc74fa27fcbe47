// sim/data/gias.hpp: the DfE's "Get Information About Schools" (GIAS)
// all-establishments download (edubasealldata*.csv), the columns sendsim
// uses, as published: a header row naming the columns (in any order, others
// ignored), Windows-1252 or UTF-8 text, quoted fields. Text that is not
// valid UTF-8 is read as Windows-1252 (GIAS downloads are) and converted to
// UTF-8, so every name read is UTF-8 whatever bytes the file holds.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "data/published.hpp"

namespace sendsim::data {

struct Establishment {
  std::size_t line = 0;                      // 1-based line in the file
  std::string urn;                           // URN
  std::string name;                          // EstablishmentName
  std::string type;                          // TypeOfEstablishment (name)
  std::string phase;                         // PhaseOfEducation (name)
  std::optional<int> low_age;                // StatutoryLowAge
  std::optional<int> high_age;               // StatutoryHighAge
  std::vector<std::string> sen;              // SEN1 (name) .. SEN13 (name), non-empty ones in order
  std::optional<double> resourced_capacity;  // ResourcedProvisionCapacity
  std::optional<double> unit_capacity;       // SenUnitCapacity
  std::optional<double> capacity;            // SchoolCapacity
  std::optional<double> pupils;              // NumberOfPupils
  std::optional<double> easting, northing;   // Easting, Northing
  std::string district;                      // DistrictAdministrative (name)
  std::string la_code;                       // LA (code), three digits
  std::string status;                        // EstablishmentStatus (name)
};

struct Establishments {
  std::string file;                 // as given
  std::string encoding = "UTF-8";   // "UTF-8", or "Windows-1252" (converted to UTF-8 on reading)
  std::vector<Establishment> rows;  // in file order; blank lines left out
};

/// The columns read, in the order of a GIAS download; all are required.
[[nodiscard]] const std::vector<std::string>& gias_columns();

/// Reads a GIAS all-establishments CSV (.csv or .csv.gz). Cells are trimmed;
/// an empty numeric cell is nullopt. Throws DataError ("FILE: no such
/// file", "FILE:1: not a GIAS establishments file: no column \"A\", \"B\""
/// naming the missing columns in gias_columns() order, "FILE:LINE: expected
/// N fields, got M", "FILE:LINE: NumberOfPupils: expected a number, got
/// \"...\"", "FILE:LINE: StatutoryLowAge: expected a whole number, got
/// \"...\""; a value longer than 40 characters is cut to 40 and "...").
[[nodiscard]] Establishments read_establishments(const std::filesystem::path& file);

/// The need code (send::kNeedCodes) of a GIAS SEN provision name, e.g.
/// "ASD - Autistic Spectrum Disorder" -> "ASD", by the code before " - "
/// (case-insensitive; the older "BESD - Behaviour, Emotional and Social
/// Difficulty" -> "SEMH"); empty when unknown or "Not Applicable".
[[nodiscard]] std::string need_code_of_gias(const std::string& sen_name);

}  // namespace sendsim::data
