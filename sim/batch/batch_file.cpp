// sim/batch/batch_file.cpp: batch.json to and from BatchFile, and timing.json
// (nlohmann-json).
#include "batch/batch_file.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace sendsim::batch {

namespace {

using Json = nlohmann::ordered_json;

Json pairs_object(const std::vector<std::pair<std::string, std::string>>& pairs) {
  Json o = Json::object();
  for (const auto& [k, v] : pairs) o[k] = v;
  return o;
}

std::vector<std::pair<std::string, std::string>> object_pairs(const Json& o) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : o.items()) out.emplace_back(k, v.get<std::string>());
  return out;
}

}  // namespace

void to_json(Json& j, const BatchFileCell& c) {
  Json files = Json::array();
  for (const auto& [path, sha] : c.files) files.push_back(Json{{"path", path}, {"sha256", sha}});
  j = Json{{"cell", c.cell},
           {"id", c.id},
           {"base", c.base},
           {"region", c.region},
           {"scenario", c.scenario},
           {"values", pairs_object(c.values)},
           {"seed", c.seed},
           {"inputs_sha256", c.inputs_sha256},
           {"files", files},
           {"state", c.state},
           {"replications", c.replications},
           {"error", c.error}};
}

void from_json(const Json& j, BatchFileCell& c) {
  j.at("cell").get_to(c.cell);
  j.at("id").get_to(c.id);
  j.at("base").get_to(c.base);
  j.at("region").get_to(c.region);
  j.at("scenario").get_to(c.scenario);
  c.values = object_pairs(j.at("values"));
  j.at("seed").get_to(c.seed);
  j.at("inputs_sha256").get_to(c.inputs_sha256);
  c.files.clear();
  for (const Json& f : j.at("files"))
    c.files.emplace_back(f.at("path").get<std::string>(), f.at("sha256").get<std::string>());
  j.at("state").get_to(c.state);
  j.at("replications").get_to(c.replications);
  j.at("error").get_to(c.error);
}

void to_json(Json& j, const BatchFile& f) {
  j = Json{{"sendsim_version", f.sendsim_version},
           {"replications", f.replications},
           {"sweep", f.sweep},
           {"sweep_sha256", f.sweep_sha256},
           {"name", f.name},
           {"seed", f.seed},
           {"seed_mode", f.seed_mode},
           {"set", f.set},
           {"columns", f.columns},
           {"cells", f.cells}};
}

void from_json(const Json& j, BatchFile& f) {
  j.at("sendsim_version").get_to(f.sendsim_version);
  j.at("replications").get_to(f.replications);
  j.at("sweep").get_to(f.sweep);
  j.at("sweep_sha256").get_to(f.sweep_sha256);
  j.at("name").get_to(f.name);
  j.at("seed").get_to(f.seed);
  j.at("seed_mode").get_to(f.seed_mode);
  j.at("set").get_to(f.set);
  j.at("columns").get_to(f.columns);
  j.at("cells").get_to(f.cells);
}

std::string batch_file_text(const BatchFile& file) {
  return Json(file).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string batch_timing_text(const BatchTiming& t) {
  const Json j = {{"ranks", t.ranks},
                  {"threads_per_rank", t.threads_per_rank},
                  {"tasks_run", t.tasks_run},
                  {"wall_seconds", t.wall_seconds}};
  return j.dump(2) + "\n";
}

BatchFile parse_batch_file(std::string_view text) {
  try {
    return Json::parse(text).get<BatchFile>();
  } catch (const Json::exception& e) {
    throw std::runtime_error(std::string("not a batch.json: ") + e.what());
  }
}

}  // namespace sendsim::batch
