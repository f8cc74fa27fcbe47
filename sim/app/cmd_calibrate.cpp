// sim/app/cmd_calibrate.cpp: `sendsim data check`, `sendsim calibrate` and
// `sendsim backtest`: the published files in, a model or a backtest out.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "app/cli.hpp"
#include "app/interrupt.hpp"
#include "app/progress.hpp"
#include "calibrate/backtest.hpp"
#include "calibrate/fit.hpp"
#include "data/gias.hpp"
#include "data/published.hpp"
#include "output/backtest_report.hpp"
#include "output/charts.hpp"
#include "output/results_writer.hpp"

namespace sendsim::app {

namespace {

/// --data DIR, else $SENDSIM_DATA, else ./data.
fs::path data_folder(const std::optional<std::string>& flag) {
  if (flag) return *flag;
  if (const char* env = std::getenv("SENDSIM_DATA"); env != nullptr && *env != '\0') return env;
  return "data";
}

void write_text_atomically(const fs::path& path, const std::string& text) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  const fs::path tmp = path.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw std::runtime_error("cannot write " + path.string());
    }
  }
  fs::rename(tmp, path);
}

constexpr std::string_view kCalibratedMark = "calibrated by `sendsim calibrate";

/// A model file may be replaced only when calibrate wrote it.
void check_model_out(const fs::path& out) {
  if (!fs::exists(out)) return;
  if (!fs::is_regular_file(out)) throw UsageError(out.string() + ": exists and is not a file");
  std::ifstream in(out);
  std::string first;
  std::getline(in, first);
  if (first.find(kCalibratedMark) == std::string::npos) {
    throw UsageError(out.string() +
                     ": exists and was not written by sendsim calibrate; choose another --out "
                     "or remove it");
  }
}

std::string fit_csv(const calibrate::FitResult& fit) {
  std::string out = "series,year,published,simulated_mean,low_95,high_95,error_pct\n";
  char buf[256];
  for (const auto& r : fit.rows) {
    const double err = r.published != 0 ? 100.0 * (r.mean - r.published) / r.published : 0.0;
    std::snprintf(buf, sizeof buf, "%s,%d,%.6g,%.6g,%.6g,%.6g,%.3g\n", r.series.c_str(), r.year, r.published,
                  r.mean, r.lo, r.hi, err);
    out += buf;
  }
  return out;
}

/// --data DIR, as data check, calibrate and backtest declare it.
void add_data_flag(Command& c, std::optional<std::string>& into) {
  c.text("--data", "DIR", into, "the published files (default: $SENDSIM_DATA, else ./data)");
}

/// --seed, --threads and --replications as calibrate and backtest take them.
template <class Int>
void add_number(Command& c, const std::string& flag, Int& into, Int lo, Int hi, const std::string& help) {
  c.custom(
      flag, "N", [&into, flag, lo, hi](const std::string& v) { into = parse_whole<Int>(flag, v, lo, hi); },
      help);
}

}  // namespace

int command_data(const std::vector<std::string_view>& args) {
  std::optional<std::string> la, data;
  Command c(
      "data check",
      "The published files' pre-flight for one LA: suppressed cells, series breaks, reorganisations, a\n"
      "zero year between non-zero ones, a doubling or halving, each as FILE:LINE: KIND: MESSAGE.");
  c.text("--la", "CODE", la, "old (882) or new (E06000033) LA code");
  add_data_flag(c, data);
  if (args.empty() || args[0] != "check") {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      std::fputs(c.help().c_str(), stdout);
      return 0;
    }
    throw UsageError("data: expected \"check\" (" + c.usage() + ")");
  }
  if (!c.parse(std::vector<std::string_view>(args.begin() + 1, args.end()))) return 0;
  if (!la) throw UsageError("data check: --la CODE is required");
  const data::PublishedData published = data::load_published(data_folder(data));
  const data::AreaData& area = published.find(*la);
  const auto findings = data::check_area(area);
  std::printf("%s %s (%s): %zu findings\n", area.old_code.c_str(), area.name.c_str(), area.new_code.c_str(),
              findings.size());
  for (const auto& f : findings) {
    std::printf("%s:%zu: %s: %s\n", f.source.file.c_str(), f.source.line, f.kind.c_str(), f.message.c_str());
  }
  return 0;
}

int command_calibrate(const std::vector<std::string_view>& args) {
  std::optional<std::string> la, data, establishments, out_text;
  std::optional<int> origin;
  calibrate::FitOptions options;
  bool quiet = false;
  Command cmd("calibrate",
              "A model of the LA from the published files, using only periods up to the origin, fitted by\n"
              "simulating the three years before it; prints the fit table.");
  cmd.text("--la", "CODE", la, "old (882) or new (E06000033) LA code (required)");
  cmd.whole<int>("--origin", origin, 2012, 2100,
                 "last January census the model may see (default: the latest)");
  cmd.text(
      "--out", "FILE", out_text,
      "model file (default: models/<la name>.yaml; FILE.fit.csv beside it); an existing file is replaced "
      "only if calibrate wrote it");
  add_data_flag(cmd, data);
  cmd.text(
      "--establishments", "FILE", establishments,
      "the LA's schools from a GIAS all-establishments CSV: districts, travel times, special schools and "
      "resourced provision");
  add_number<std::size_t>(cmd, "--replications", options.replications, 1, 1000,
                          "replications per fitting round (default: 4)");
  add_number<int>(cmd, "--rounds", options.rounds, 0, 100, "fitting rounds at most (default: 6)");
  add_number<std::uint64_t>(cmd, "--seed", options.seed, 0, UINT64_MAX, "master seed of the fit");
  add_number<unsigned>(cmd, "--threads", options.threads, 0, 1024, "threads, 0 for all cores");
  cmd.flag("--quiet", quiet, "print nothing but errors");
  if (!cmd.parse(args)) return 0;
  const std::optional<fs::path> out = out_text ? std::optional<fs::path>(*out_text) : std::nullopt;
  if (!la) throw UsageError("calibrate: --la CODE is required (e.g. --la 882)");
  const data::PublishedData published = data::load_published(data_folder(data));
  const data::AreaData& area = published.find(*la);
  const int y = origin ? *origin : calibrate::latest_census(area);
  const fs::path file = out ? *out : fs::path("models") / (calibrate::slug(area.name) + ".yaml");
  check_model_out(file);
  options.scratch = fs::temp_directory_path() / ("sendsim-calibrate-" + std::to_string(::getpid()));
  std::optional<data::Establishments> schools;
  if (establishments) schools = data::read_establishments(*establishments);
  // A signal stops the fit within a second; nothing is written then.
  const InterruptGuard interrupts;
  options.stop = &interrupts.flag();
  std::optional<calibrate::Calibrated> fitted;
  std::error_code ec;
  try {
    fitted.emplace(calibrate::calibrate_la(published, *la, y, options, schools ? &*schools : nullptr));
  } catch (const engine::Interrupted& e) {
    fs::remove_all(options.scratch, ec);
    return report_interrupted(e.reason(), "nothing was written to " + file.string());
  }
  const calibrate::Calibrated& c = *fitted;
  fs::remove_all(options.scratch, ec);
  fs::path csv = file;
  csv.replace_extension(".fit.csv");
  write_text_atomically(csv, fit_csv(c.fit));
  write_text_atomically(file, c.yaml);
  if (!quiet) {
    std::printf("%s %s, origin January %d: fitted in %d rounds%s, %.1f s\n", area.old_code.c_str(),
                area.name.c_str(), y, c.fit.rounds, c.fit.converged ? "" : " (not converged: see the table)",
                c.fit.seconds);
    std::fputs(calibrate::fit_table_text(c.fit).c_str(), stdout);
    std::printf("model: %s\nfit table: %s\n", file.string().c_str(), csv.string().c_str());
  }
  return 0;
}

int command_backtest(const std::vector<std::string_view>& args) {
  std::optional<std::string> la, data, fan, out_text;
  calibrate::BacktestOptions options;
  bool quiet = false, no_report = false;
  Command c(
      "backtest",
      "Rolling origin: calibrate at each origin, forecast, and score against every later published year\n"
      "and three naive forecasts.");
  c.text("--la", "CODE[,CODE...]|all", la, "the LAs, by old or new code, or all (required)");
  c.custom(
      "--origins", "FIRST-LAST",
      [&options](const std::string& v) {
        const auto dash = v.find('-');
        if (dash == std::string::npos) {
          options.first_origin = options.last_origin = parse_whole<int>("--origins", v, 2012, 2100);
        } else {
          options.first_origin =
              parse_whole<int>("--origins", std::string_view(v).substr(0, dash), 2012, 2100);
          options.last_origin =
              parse_whole<int>("--origins", std::string_view(v).substr(dash + 1), 2012, 2100);
        }
        if (options.last_origin < options.first_origin) {
          throw UsageError("--origins: expected FIRST-LAST with FIRST <= LAST, got \"" + v + "\"");
        }
      },
      "origins (default: 2019-2024)");
  add_number<int>(c, "--horizon", options.horizon, 1, 15, "years ahead (default: 5)");
  c.text("--out", "DIR", out_text, "backtest folder (default: results/backtest)");
  add_number<std::size_t>(c, "--replications", options.replications, 1, 10000,
                          "forecast replications (default: 40)");
  add_number<std::size_t>(c, "--fit-replications", options.fit.replications, 1, 1000,
                          "replications per fitting round (default: 4)");
  add_number<int>(c, "--fit-rounds", options.fit.rounds, 0, 100, "fitting rounds at most (default: 6)");
  c.text("--fan-la", "CODE", fan, "the LA of the report's forecast fans (default: the first)");
  add_data_flag(c, data);
  add_number<std::uint64_t>(c, "--seed", options.fit.seed, 0, UINT64_MAX, "master seed");
  add_number<unsigned>(c, "--threads", options.threads, 0, 1024, "threads, 0 for all cores");
  c.flag("--quiet", quiet, "print nothing but errors");
  c.flag("--no-report", no_report, "skip the charts and report.html");
  if (!c.parse(args)) return 0;
  const std::optional<fs::path> out = out_text ? std::optional<fs::path>(*out_text) : std::nullopt;
  if (!la) throw UsageError("backtest: --la CODE[,CODE...] or --la all is required");
  const fs::path folder = data_folder(data);
  const data::PublishedData published = data::load_published(folder);
  if (*la != "all") {
    std::stringstream list(*la);
    std::string code;
    while (std::getline(list, code, ',')) {
      options.las.push_back(published.find(code).old_code);
    }
  }
  const fs::path dir = out ? *out : fs::path("results") / "backtest";
  output::check_output_dir(dir);
  options.fit.scratch = fs::temp_directory_path() / ("sendsim-backtest-" + std::to_string(::getpid()));
  options.fit.final_replications = 1;  // the fit table is not kept in a backtest

  const InterruptGuard interrupts;
  options.stop = &interrupts.flag();
  calibrate::BacktestResult result;
  try {
    // The bar counts (LA, origin) forecasts: the pairs with plans published
    // for the fit window (as run_backtest selects them).
    std::size_t tasks = 0;
    std::vector<const data::AreaData*> las;
    if (options.las.empty()) {
      for (const auto& [code, area] : published.las) las.push_back(&area);
    } else {
      for (const auto& code : options.las) las.push_back(&published.find(code));
    }
    for (const auto* area : las) {
      for (int y = options.first_origin; y <= options.last_origin; ++y) {
        bool ok = true;
        for (int k = 0; k <= 3; ++k) ok = ok && calibrate::published(*area, calibrate::Series::kPlans, y - k);
        tasks += ok;
      }
    }
    Progress progress(tasks, Progress::style_for(quiet, stderr), stderr, "LA-origin forecasts");
    options.progress = progress.callback();
    result = calibrate::run_backtest(published, options);
    progress.finish();
  } catch (const engine::Interrupted& e) {
    std::error_code ec;
    fs::remove_all(options.fit.scratch, ec);
    return report_interrupted(e.reason(), "nothing was written to " + dir.string());
  }
  std::error_code ec;
  fs::remove_all(options.fit.scratch, ec);
  const auto scores = calibrate::score(result.rows);
  output::BacktestMeta meta;
  meta.version = SENDSIM_VERSION;
  meta.data_folder = folder.string();
  meta.las = *la;
  meta.first_origin = options.first_origin;
  meta.last_origin = options.last_origin;
  meta.horizon = options.horizon;
  meta.replications = options.replications;
  meta.fit_replications = options.fit.replications;
  meta.fit_rounds = options.fit.rounds;
  meta.seed = options.fit.seed;
  output::write_backtest(dir, result, scores, meta);
  if (!quiet) {
    std::printf("backtest: %zu LA-origin forecasts (%zu skipped) in %.0f s\n", result.tasks,
                result.skipped.size(), result.seconds);
    std::printf(
        "total EHC plans, MAPE by horizon (sendsim | naive a national growth | b own growth | c no change), "
        "coverage 50/80/90%%:\n");
    for (const auto& s : scores) {
      if (s.series != calibrate::Series::kPlans) continue;
      std::printf("  h=%d n=%zu  %5.1f%% | %5.1f%% | %5.1f%% | %5.1f%%   %3.0f/%3.0f/%3.0f%%\n", s.horizon,
                  s.n, s.mape, s.mape_naive_a, s.mape_naive_b, s.mape_naive_c, s.coverage50, s.coverage80,
                  s.coverage90);
    }
    std::printf("results: %s\n", dir.string().c_str());
  }
  if (!no_report) {
    // A signal while gnuplot draws gives 130/143 and leaves the folder complete.
    const int code = report_step(interrupts, dir, [&] {
      output::render_backtest_report(dir, result, scores, meta, fan.value_or(""), &published);
    });
    if (code != 0) return code;
    if (!quiet) std::printf("report: %s\n", (dir / "report.html").string().c_str());
  }
  return 0;
}

}  // namespace sendsim::app
