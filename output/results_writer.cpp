// output/results_writer.cpp: the results folder, written atomically.
#include "output/results_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <system_error>
#include <thread>

#include "engine/calendar.hpp"
#include "engine/replication.hpp"
#include "engine/rng.hpp"
#include "output/csv.hpp"
#include "output/dfe_tables.hpp"
#include "output/excel.hpp"
#include "output/json.hpp"
#include "output/manifest.hpp"
#include "output/report_series.hpp"
#include "output/results_fold.hpp"
#include "output/sufficiency.hpp"
#include "output/tidy.hpp"
#include "send/codes.hpp"
#include "send/tables.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

/// timing.json's text (below, with summary.json's).
std::string timing_json_text(const run::RunOutput& output);

namespace {

constexpr std::array<std::string_view, 8> kStatColumns = {"n",       "mean", "sd",  "ci_low",
                                                          "ci_high", "p5",   "p50", "p95"};

bool is_file_stem(const std::string& name) {
  if (name.empty() || name == "per_replication" || name == "summary") return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string hex64(std::uint64_t v) {
  std::array<char, 19> buf{};
  std::snprintf(buf.data(), buf.size(), "0x%016llx", static_cast<unsigned long long>(v));
  return buf.data();
}

void write_table(const fs::path& path, const run::AggregatedTable& table) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  std::vector<std::string> header = table.info.columns;
  header.insert(header.end(), kStatColumns.begin(), kStatColumns.end());
  csv.header(header);
  for (const auto& row : table.rows) {
    for (const auto& v : row.key) csv.field(v);
    const engine::Summary& s = row.summary;
    csv.field(s.n).field(s.mean).field(s.sd).field(s.ci_low).field(s.ci_high).field(s.p5).field(s.p50).field(
        s.p95);
    csv.end_row();
  }
  file.close();
}

/// Every row of every table in every replication, tables in the aggregated
/// order, then replications ascending, then keys ascending.
void write_per_replication(const fs::path& path, const std::vector<send::ReplicationResult>& results,
                           const std::vector<run::AggregatedTable>& tables) {
  std::vector<const send::ReplicationResult*> ordered;
  for (const auto& r : results) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto* a, const auto* b) { return a->replication < b->replication; });
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header({"table", "replication", "key", "value"});
  for (const auto& table : tables) {
    for (const auto* r : ordered) {
      const send::Table* t = r->find(table.info.name);
      if (t == nullptr) continue;
      for (const auto& [key, value] : t->rows) {
        csv.field(t->info.name).field(static_cast<std::uint64_t>(r->replication));
        csv.field(encode_breakdown(t->info.columns, key)).field(value);
        csv.end_row();
      }
    }
  }
  file.close();
}

std::string seeds_text(const run::RunOutput& output, const send::Scenario& scenario) {
  std::string out;
  out += "# sendsim seeds for scenario " + scenario.name + "\n";
  out += "master_seed " + std::to_string(output.seed) + "\n";
  out += "replications " + std::to_string(output.replications) + "\n\n";
  out +=
      "# Every stochastic process of a replication draws from its own xoshiro256** stream,\n"
      "# whose state depends only on (master seed, replication, stream id)\n"
      "# (sim/engine/rng.hpp):\n"
      "#   replication_key = mix64(mix64(master_seed) ^ replication)\n"
      "#   stream_key      = mix64(replication_key ^ stream_id)\n"
      "#   state           = four successive outputs of splitmix64 seeded with stream_key\n"
      "# mix64 is the splitmix64 finaliser; stream_id is the 64-bit FNV-1a hash of the\n"
      "# stream's name. Results do not depend on the thread count: rerunning\n"
      "# scenario.effective.yaml (which records this seed) gives the same tables.\n\n";
  out += "# stream_name stream_id\n";
  auto stream_line = [&](const std::string& name) {
    out += "stream " + name + " " + hex64(engine::stream_id(name.c_str())) + "\n";
  };
  for (const char* name : send::streams::kProcessStreams) stream_line(name);
  for (const auto& project : scenario.model.capital_programme)
    stream_line(std::string(send::streams::kCapitalPrefix) + project.name);
  out += "\n# replication replication_key\n";
  for (std::size_t r = 0; r < output.replications; ++r) {
    out += "replication " + std::to_string(r) + " " + hex64(engine::mix64(engine::mix64(output.seed) ^ r)) +
           "\n";
  }
  return out;
}

/// summary.json's struct for a run: the scenario, the run settings, each
/// table, the files and the headline figures.
ResultsSummary results_summary(const run::RunOutput& output, const std::vector<run::AggregatedTable>& tables,
                               const ResultsContext& context, const std::vector<std::string>& files,
                               const std::vector<Headline>& headlines) {
  const send::Scenario& sc = *context.scenario;
  ResultsSummary s;
  s.version = context.version;
  s.scenario = {sc.name,
                sc.description,
                sc.model.name,
                sc.files,
                engine::to_iso(sc.model.start_date),
                engine::to_iso(sc.run.end_date)};
  s.run.replications = output.replications;
  s.run.seed = output.seed;
  s.run.events = output.events;
  s.run.child_years = output.child_years;
  std::vector<const send::ReplicationResult*> ordered;
  for (const auto& r : output.results) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto* a, const auto* b) { return a->replication < b->replication; });
  for (const auto* r : ordered) s.run.fingerprints.push_back(hex64(r->fingerprint));
  for (const auto& t : tables) {
    s.tables.push_back({t.info.name + ".csv", t.info.columns, t.info.value_unit,
                        t.info.missing == send::Missing::kZero ? "zero" : "skip", t.rows.size(),
                        t.info.description});
  }
  s.files = files;
  for (const Headline& h : headlines) {
    ResultsSummary::Headline line{h.name, h.period, h.unit, h.description, {}};
    for (const auto& [period, summary] : h.values) line.values.push_back({period, summary});
    s.headline.push_back(std::move(line));
  }
  return s;
}

std::string text_of(const fs::path& p) { return p.string(); }

/// `dir` made absolute with no trailing separator, so that its parent and its
/// siblings are well defined ("results/x/" and "." included).
fs::path normalised(const fs::path& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p;
}

}  // namespace

void check_output_dir(const fs::path& dir) {
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(dir, ec);
  if (!fs::exists(st)) return;
  if (!fs::is_directory(st)) {
    throw OutputError("results folder " + text_of(dir) +
                      " exists and is not a directory; choose another --out");
  }
  if (fs::is_empty(dir, ec) && !ec) return;
  bool has_manifest = false;
  try {
    has_manifest = read_manifest(dir).has_value();
  } catch (const std::runtime_error&) {
  }
  if (!has_manifest) {
    throw OutputError("results folder " + text_of(dir) +
                      " exists and is not a sendsim results folder (it has no " + std::string(kManifestName) +
                      "); refusing to replace it: choose another --out or remove it");
  }
  const std::vector<std::string> foreign = foreign_entries(dir);
  if (foreign.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < foreign.size(); ++i) list += (i ? ", " : "") + foreign[i];
  throw OutputError("results folder " + text_of(dir) + " holds files sendsim did not write: " + list +
                    "; refusing to replace it, so that nothing of yours is lost: move them out of " +
                    text_of(dir) + " or choose another --out");
}

HeadlineFold::HeadlineFold(std::size_t replications) {
  for (const run::Metric& m : run::kMetrics) {
    if (!m.in(run::shown_in::kHeadline)) continue;
    std::vector<std::string> keep = {std::string(m.period)};
    if (!m.filter_column.empty()) keep.emplace_back(m.filter_column);
    folds_.emplace_back(&m, run::TotalFold(m.table, std::move(keep), replications));
  }
}

void HeadlineFold::add(const send::ReplicationResult& result) {
  for (auto& [metric, fold] : folds_) fold.add(result);
}

std::vector<Headline> HeadlineFold::finish() const {
  std::vector<Headline> out;
  for (const auto& [metric, fold] : folds_) {
    const run::Metric& m = *metric;
    if (!fold.any()) continue;
    const run::AggregatedTable total = fold.finish();
    // The unit is the source table's, as summary.json has always said.
    Headline h{std::string(m.id),
               std::string(m.period),
               total.info.value_unit,
               std::string(m.summary_description()),
               {}};
    for (const auto& row : total.rows) {
      if (!m.filter_column.empty() && row.key[1] != m.filter_value) continue;
      h.values.emplace_back(row.key[0], row.summary);
    }
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<Headline> headline_figures(const std::vector<send::ReplicationResult>& results) {
  HeadlineFold fold(results.size());
  for (const send::ReplicationResult* r : run::in_replication_order(results)) fold.add(*r);
  return fold.finish();
}

namespace {

/// renameat2(2): RENAME_EXCHANGE swaps two paths in one step, RENAME_NOREPLACE
/// fails instead of replacing. -1 with errno set on failure.
int rename_with(const fs::path& from, const fs::path& to, unsigned flags) {
  return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags);
}

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

/// Puts the complete folder `tmp` at `target` with no instant without a
/// folder at `target`; returns the path where the previous folder now is
/// (`tmp`), or an empty path when there was none. Where the file system
/// cannot exchange (EINVAL), two renames through `old`.
fs::path install(const fs::path& tmp, const fs::path& target, const fs::path& old) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(target, ec))) {
      if (rename_with(tmp, target, RENAME_NOREPLACE) == 0) return {};
      if (errno == EINVAL) {
        fs::rename(tmp, target);
        return {};
      }
      if (errno != EEXIST && errno != ENOTEMPTY)
        throw_errno("cannot rename " + tmp.string() + " to " + target.string());
      check_output_dir(target);  // made meanwhile: only ours or empty is replaced
      continue;
    }
    if (rename_with(tmp, target, RENAME_EXCHANGE) == 0) return tmp;
    if (errno != EINVAL) throw_errno("cannot exchange " + tmp.string() + " and " + target.string());
    fs::rename(target, old);
    try {
      fs::rename(tmp, target);
    } catch (...) {
      fs::rename(old, target, ec);
      throw;
    }
    return old;
  }
  throw std::runtime_error("cannot install " + target.string() + ": it keeps reappearing");
}

}  // namespace

void write_folder_atomically(const fs::path& dir, const std::function<void(const fs::path&)>& fill) {
  check_output_dir(dir);
  const fs::path target = normalised(dir);
  const fs::path parent = target.parent_path();
  // The first missing ancestor: removed again on failure, with all we made.
  fs::path created;
  for (fs::path p = parent; !p.empty() && !fs::exists(p); p = p.parent_path()) {
    created = p;
    if (p == p.parent_path()) break;
  }
  fs::create_directories(parent);
  remove_stale_temporaries(target, stderr);
  const std::string suffix = "-" + std::to_string(::getpid());
  const fs::path tmp = parent / (target.filename().string() + ".tmp" + suffix);
  const fs::path old = parent / (target.filename().string() + ".old" + suffix);

  bool installed = false;
  try {
    fs::create_directory(tmp);
    // The marker makes the folder sendsim's whole while it is being filled,
    // so a leftover of a killed process is recognised and removed later.
    write_text_file(tmp / kTemporaryMarker, "");
    fill(tmp);
    write_manifest(tmp, scan_folder(tmp));  // (the marker is not listed)

    check_output_dir(dir);
    const fs::path previous = install(tmp, target, old);
    installed = true;
    // The new folder keeps no marker: from here on its manifest says what is
    // sendsim's. (Killed before this line, the folder in place is marked and
    // is still replaced as sendsim's.)
    fs::remove(target / kTemporaryMarker);
    if (!previous.empty()) {
      // The previous folder, now at `previous`: marked at once, so that a
      // kill from here on leaves a temporary the next run removes; then
      // only what its manifest names goes (anything put into it since the
      // check is moved aside, kept).
      write_text_file(previous / kTemporaryMarker, "");
      const std::vector<std::string> left = remove_owned(previous);
      if (!left.empty()) {
        const fs::path kept = parent / (target.filename().string() + ".kept" + suffix);
        std::error_code ec;
        fs::rename(previous, kept, ec);
        std::fprintf(stderr,
                     "sendsim: %s had files sendsim did not write put into it while writing; kept in %s\n",
                     text_of(target).c_str(), text_of(ec ? previous : kept).c_str());
      }
    }
  } catch (...) {
    // The temporary (or, after the exchange, the previous folder): whole
    // while it has no manifest, else only what its manifest lists.
    std::error_code ec;
    if (fs::exists(tmp, ec)) (void)remove_owned(tmp);
    if (!created.empty() && !installed) fs::remove_all(created, ec);
    throw;
  }
}

std::vector<std::string> write_results(const fs::path& dir, const run::RunOutput& output,
                                       const std::vector<run::AggregatedTable>& tables,
                                       const ResultsContext& context) {
  if (context.scenario == nullptr) throw std::logic_error("write_results: no scenario given");
  for (const auto& t : tables) {
    if (!is_file_stem(t.info.name)) {
      throw std::logic_error("write_results: table name \"" + t.info.name + "\" cannot be a file name");
    }
  }
  // Stops between files when the run is interrupted (the folder is then removed).
  auto checkpoint = [&] {
    if (context.interrupt != nullptr && context.interrupt->load() != 0) {
      throw engine::Interrupted(context.interrupt->load());
    }
  };
  std::vector<std::string> files;
  auto last = std::chrono::steady_clock::now();
  auto step_done = [&](const char* step) {
    if (context.step_seconds == nullptr) return;
    const auto now = std::chrono::steady_clock::now();
    context.step_seconds->emplace_back(step, std::chrono::duration<double>(now - last).count());
    last = now;
  };
  write_folder_atomically(dir, [&](const fs::path& tmp) {
    checkpoint();
    step_done("prepare");
    const std::vector<run::AggregatedTable>& all = tables;
    for (const auto& t : all) {
      write_table(tmp / (t.info.name + ".csv"), t);
      files.push_back(t.info.name + ".csv");
      checkpoint();
    }
    step_done("table_files");
    // What is derived from every replication, folded already by the run or here.
    std::optional<ResultsFold> own;
    if (context.folded == nullptr) {
      own.emplace(*context.scenario, output.results.size());
      for (const send::ReplicationResult* r : run::in_replication_order(output.results)) own->add(*r);
    }
    const ResultsFold& folded = context.folded != nullptr ? *context.folded : *own;
    step_done("folding");
    // The DfE returns (dfe_tables.hpp): in the returns' own layouts, not table files.
    const ScapForecast scap = folded.scap.finish();
    write_scap_forecast(tmp / kScapFile, scap);
    files.emplace_back(kScapFile);
    const DsgPlanGrid grid = folded.grid.finish();
    write_dsg_plan_grid(tmp / kDsgGridFile, grid);
    files.emplace_back(kDsgGridFile);
    step_done("dfe_tables");
    const std::vector<Headline> headlines = folded.headlines.finish();
    step_done("headlines");
    // Where and when the gaps in specialist places open (sufficiency.hpp):
    // sufficiency.csv and the workbook's sheet, computed once.
    const std::vector<SufficiencyRow> sufficiency = folded.sufficiency.finish();
    step_done("sufficiency");
    // The workbook, the longest file to write, on a second thread while this
    // one writes the others (after the simulation the cores are free): no
    // file depends on another's bytes, and the list of files keeps its order.
    std::exception_ptr workbook_error;
    auto write_the_workbook = [&] {
      try {
        write_workbook(tmp / "workbook.xlsx",
                       WorkbookInput{context.scenario, &output, &tables, &scap, &grid, &headlines,
                                     &sufficiency, context.version, &folded.workbook});
      } catch (...) {
        workbook_error = std::current_exception();
      }
    };
    std::jthread workbook;
    if (context.workbook_thread) {
      workbook = std::jthread(write_the_workbook);
    } else {
      write_the_workbook();
    }
    write_sufficiency(tmp / kSufficiencyFile, sufficiency);
    files.emplace_back(kSufficiencyFile);
    checkpoint();
    step_done("sufficiency_file");
    if (context.per_replication) {
      write_per_replication(tmp / "per_replication.csv", output.results, tables);
      files.emplace_back("per_replication.csv");
      checkpoint();
      step_done("per_replication");
    }
    // What the report draws, so that it reads a small file instead of
    // per_replication.csv (report_series.hpp).
    write_report_series(tmp / kReportSeriesFile, folded.series.finish());
    files.emplace_back(kReportSeriesFile);
    checkpoint();
    step_done("report_series");
    write_tidy(tmp / "tidy.csv", all, headlines);
    files.emplace_back("tidy.csv");
    step_done("tidy");
    if (workbook.joinable()) workbook.join();
    if (workbook_error) std::rethrow_exception(workbook_error);
    files.emplace_back("workbook.xlsx");
    checkpoint();
    step_done("workbook (its wait, on a second thread)");
    write_text_file(tmp / "scenario.effective.yaml", context.effective_yaml);
    files.emplace_back("scenario.effective.yaml");
    write_text_file(tmp / "seeds.txt", seeds_text(output, *context.scenario));
    files.emplace_back("seeds.txt");
    write_text_file(tmp / "timing.json", timing_json_text(output));
    files.emplace_back("timing.json");
    files.emplace_back("summary.json");
    checkpoint();
    // Last: a folder holding summary.json is a complete results folder.
    write_text_file(tmp / "summary.json",
                    results_summary_text(results_summary(output, all, context, files, headlines)));
    step_done("summary");
    if (context.headlines != nullptr) *context.headlines = headlines;
  });
  step_done("manifest_and_install");
  return files;
}

namespace {

constexpr auto number = json_number;
double number_of(const Json& j) { return j.is_null() ? std::nan("") : j.get<double>(); }

}  // namespace

std::string results_summary_text(const ResultsSummary& s) {
  Json tables = Json::array();
  for (const auto& t : s.tables) {
    tables.push_back({{"file", t.file},
                      {"columns", t.columns},
                      {"unit", t.unit},
                      {"missing", t.missing},
                      {"rows", t.rows},
                      {"description", t.description}});
  }
  Json headline = Json::array();
  for (const auto& h : s.headline) {
    Json values = Json::array();
    for (const auto& v : h.values) {
      const engine::Summary& x = v.summary;
      values.push_back({{h.period, v.period},
                        {"n", x.n},
                        {"mean", number(x.mean)},
                        {"sd", number(x.sd)},
                        {"ci_low", number(x.ci_low)},
                        {"ci_high", number(x.ci_high)},
                        {"p5", number(x.p5)},
                        {"p50", number(x.p50)},
                        {"p95", number(x.p95)}});
    }
    headline.push_back({{"name", h.name},
                        {"period", h.period},
                        {"unit", h.unit},
                        {"description", h.description},
                        {"values", values}});
  }
  const Json j = {{"program", "sendsim"},
                  {"version", s.version},
                  {"scenario",
                   {{"name", s.scenario.name},
                    {"description", s.scenario.description},
                    {"model", s.scenario.model},
                    {"files", s.scenario.files},
                    {"start_date", s.scenario.start_date},
                    {"end_date", s.scenario.end_date}}},
                  {"run",
                   {{"replications", s.run.replications},
                    {"seed", s.run.seed},
                    {"events", s.run.events},
                    {"child_years", number(s.run.child_years)},
                    {"fingerprints", s.run.fingerprints}}},
                  {"tables", tables},
                  {"files", s.files},
                  {"headline", headline}};
  return json_text(j);
}

ResultsSummary read_results_summary(const fs::path& dir) {
  const fs::path file = dir / "summary.json";
  std::string text;
  {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  try {
    const Json j = Json::parse(text);
    ResultsSummary s;
    j.at("version").get_to(s.version);
    const Json& sc = j.at("scenario");
    sc.at("name").get_to(s.scenario.name);
    sc.at("description").get_to(s.scenario.description);
    sc.at("model").get_to(s.scenario.model);
    sc.at("files").get_to(s.scenario.files);
    sc.at("start_date").get_to(s.scenario.start_date);
    sc.at("end_date").get_to(s.scenario.end_date);
    const Json& run = j.at("run");
    run.at("replications").get_to(s.run.replications);
    run.at("seed").get_to(s.run.seed);
    run.at("events").get_to(s.run.events);
    s.run.child_years = number_of(run.at("child_years"));
    run.at("fingerprints").get_to(s.run.fingerprints);
    for (const Json& t : j.at("tables")) {
      ResultsSummary::Table table;
      t.at("file").get_to(table.file);
      t.at("columns").get_to(table.columns);
      t.at("unit").get_to(table.unit);
      t.at("missing").get_to(table.missing);
      t.at("rows").get_to(table.rows);
      t.at("description").get_to(table.description);
      s.tables.push_back(std::move(table));
    }
    j.at("files").get_to(s.files);
    for (const Json& h : j.at("headline")) {
      ResultsSummary::Headline line;
      h.at("name").get_to(line.name);
      h.at("period").get_to(line.period);
      h.at("unit").get_to(line.unit);
      h.at("description").get_to(line.description);
      for (const Json& v : h.at("values")) {
        ResultsSummary::HeadlineValue value;
        v.at(line.period).get_to(value.period);
        v.at("n").get_to(value.summary.n);
        value.summary.mean = number_of(v.at("mean"));
        value.summary.sd = number_of(v.at("sd"));
        value.summary.ci_low = number_of(v.at("ci_low"));
        value.summary.ci_high = number_of(v.at("ci_high"));
        value.summary.p5 = number_of(v.at("p5"));
        value.summary.p50 = number_of(v.at("p50"));
        value.summary.p95 = number_of(v.at("p95"));
        line.values.push_back(std::move(value));
      }
      s.headline.push_back(std::move(line));
    }
    return s;
  } catch (const Json::exception& e) {
    throw std::runtime_error(file.string() + ": not a results summary: " + e.what());
  }
}

/// timing.json: what differs from run to run and with the thread count, kept
/// out of summary.json so that it has the same bytes whatever the threads.
std::string timing_json_text(const run::RunOutput& output) {
  const Json j = {{"threads", output.threads},
                  {"wall_seconds", number(output.wall_seconds)},
                  {"events_per_second", number(output.events_per_second)}};
  return j.dump(2) + "\n";
}

}  // namespace sendsim::output
