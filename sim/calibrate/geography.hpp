// sim/calibrate/geography.hpp: districts, travel times and settings of an LA
// from the planner's own schools: a CSV in the column layout of the DfE's
// "Get Information About Schools" (GIAS) all-establishments download, read
// by data::read_establishments (sim/data/gias.hpp).
//
// Rules (models/README.md states them for users):
//   - the LA's establishments are the rows whose "LA (code)" is its old code
//     and whose "EstablishmentStatus (name)" is "Open" (or "Open, but
//     proposed to close"); one of them without a district
//     ("DistrictAdministrative (name)" empty) or without Easting/Northing
//     cannot be placed and is skipped (counted in Geography::skipped);
//   - districts: "DistrictAdministrative (name)"; each district's centroid is
//     the mean Easting/Northing of its establishments; its share of the LA's
//     population is its share of the pupils (NumberOfPupils) on roll in its
//     mainstream schools (TypeOfEstablishment: community, voluntary aided,
//     voluntary controlled and foundation schools, academy converters and
//     sponsor-led academies, free schools, studio schools, UTCs, CTCs and the
//     16-19 academies and free schools); a district with none has share 0
//     (and exists while it has an establishment); when the LA has no
//     mainstream pupil at all, every district the same share;
//   - travel: between every pair of districts, the straight-line distance
//     between centroids x a road factor of 1.3 at 40 km/h (both stated in
//     the written model), rounded to 0.1 minute, at least 5 minutes; the
//     out-of-area pool at the LA-wide 45 minutes from every district (written
//     by the model writer);
//   - settings: each special school (state: community, foundation, academy
//     and free special schools; non-maintained and other independent special
//     schools go to the independent pool, counted in Geography::pooled) with
//     its own ages and designations (SEN1..SEN13 names mapped to need codes by
//     data::need_code_of_gias, in send::kNeedCodes order without repeats;
//     none: every need), places in proportion to its SchoolCapacity (else
//     NumberOfPupils; else the mean of the others'; else equal) so that they
//     sum to the LA-wide special places; each mainstream school with
//     ResourcedProvisionCapacity or SenUnitCapacity (their sum > 0) gives an
//     enhanced setting with those places (scaled the same way to the LA-wide
//     enhanced places) and its own ages and designations; mainstream stays
//     aggregate per district and phase;
//   - ages: min_age StatutoryLowAge, max_age StatutoryHighAge - 1, both
//     capped at 18 (missing: 2 and 18). The model's ages are ages at the
//     start of the academic year and StatutoryHighAge is the age pupils leave
//     at (a secondary school's 11-16 holds ages 11-15, a special school's
//     2-19 ages 2-18), so the high age itself would overlap the next phase;
//   - names: EstablishmentName, as valid UTF-8 on one line (control
//     characters as spaces, runs of spaces as one); two settings sharing a
//     name both get " (URN 123456)" appended. Districts in name order, links
//     from < to, settings special first then enhanced, each by name.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "data/gias.hpp"

namespace sendsim::calibrate {

struct GeoDistrict {
  std::string name;
  double easting = 0, northing = 0;  // centroid, metres (British National Grid)
  double population_share = 0;       // of the LA's 0-25 population, sums to 1
  std::string note;                  // how the share was found
};

struct GeoLink {
  std::string from, to;
  double minutes = 0;
};

struct GeoSetting {
  std::string name;  // EstablishmentName (URN appended when two share a name)
  std::string urn;
  std::string type;  // "special" or "enhanced" (send::kSettingTypeCodes)
  std::string district;
  std::vector<std::string> needs;  // need codes (send::kNeedCodes); empty: every need
  int min_age = 2, max_age = 18;
  double share = 0;  // of the LA-wide places of its type, sums to 1 per type
  std::string note;  // source: file, line, columns
};

struct Geography {
  std::vector<GeoDistrict> districts;      // sorted by name
  std::vector<GeoLink> travel;             // every pair once, from < to
  std::vector<GeoSetting> settings;        // special first, then enhanced, each by name
  std::string rule;                        // one line: the travel rule, for the model's comment
  std::size_t skipped = 0;                 // open establishments of the LA without a district or coordinates
  std::vector<std::size_t> skipped_lines;  // their lines in the file
  std::size_t pooled = 0;  // non-maintained and independent special schools (the independent pool)
};

inline constexpr double kRoadFactor = 1.3;
inline constexpr double kSpeedKmPerHour = 40;
inline constexpr double kMinimumMinutes = 5;

/// The geography of LA `old_code` from `establishments`. Throws
/// data::DataError naming the file when it has no open establishment of that
/// LA ("FILE: no open establishment of LA 882"), or none with a district and
/// coordinates ("FILE: none of the 3 open establishments of LA 882 has a
/// district and coordinates (DistrictAdministrative (name), Easting,
/// Northing)").
[[nodiscard]] Geography geography(const data::Establishments& establishments, const std::string& old_code);

}  // namespace sendsim::calibrate
