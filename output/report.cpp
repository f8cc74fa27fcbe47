// output/report.cpp: render the charts and the report, then rename into place.
#include "output/report.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>

#include "output/manifest.hpp"
#include "output/report_data.hpp"
#include "output/report_html.hpp"
#include "output/results_writer.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

namespace {

/// Removes the temporary paths unless released.
class TempPaths {
 public:
  void add(const fs::path& p) { paths_.push_back(p); }
  void release() { paths_.clear(); }
  ~TempPaths() {
    for (const auto& p : paths_) {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  }
  TempPaths() = default;
  TempPaths(const TempPaths&) = delete;
  TempPaths& operator=(const TempPaths&) = delete;

 private:
  std::vector<fs::path> paths_;
};

}  // namespace

namespace {

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

bool is_report_path(const std::string& path) {
  return path == "report.html" || path == "charts" || path.starts_with("charts/");
}

}  // namespace

ReportFiles write_report_atomically(const fs::path& dir, const DrawCharts& draw, const WriteHtml& html) {
  const std::string suffix = ".tmp-" + std::to_string(::getpid());
  ReportFiles files{dir / "report.html", dir / "charts", {}};
  const fs::path charts_tmp = dir / ("charts" + suffix);
  const std::string html_in_charts = ".report.html";

  // Only sendsim's charts and report are replaced (manifest.hpp): a folder
  // with a manifest must list them; one without (written before manifests)
  // may not have them.
  remove_stale_temporaries_in(dir, stderr);
  std::optional<Manifest> manifest = read_manifest(dir);
  std::error_code ec;
  std::vector<std::string> foreign;
  for (const fs::path& p : {files.charts, files.html}) {
    if (fs::exists(fs::symlink_status(p, ec)) && !manifest) foreign.push_back(p.filename().string());
  }
  if (manifest &&
      (fs::exists(fs::symlink_status(files.charts, ec)) || fs::exists(fs::symlink_status(files.html, ec)))) {
    for (const std::string& f : foreign_entries(dir, 1000)) {
      if (is_report_path(f.substr(0, f.find_first_of(" /")))) foreign.push_back(f);
    }
  }
  if (!foreign.empty()) {
    std::string list;
    for (std::size_t i = 0; i < foreign.size() && i < 5; ++i) list += (i ? ", " : "") + foreign[i];
    if (foreign.size() > 5) list += " and " + std::to_string(foreign.size() - 5) + " more";
    throw OutputError("results folder " + dir.string() + " holds " + list +
                      ", which sendsim did not write; refusing to replace the report: move " +
                      (foreign.size() == 1 ? "it" : "them") + " out of " + dir.string() + " first");
  }

  TempPaths temp;
  temp.add(charts_tmp);
  fs::remove_all(charts_tmp);
  fs::create_directories(charts_tmp);
  write_file(charts_tmp / kTemporaryMarker, "");

  files.rendered = draw(charts_tmp);
  write_file(charts_tmp / html_in_charts, html(files.rendered, charts_tmp));

  // The manifest first names the new files as well as the old, so that at
  // every instant everything in the folder is listed or marked.
  Manifest added = scan_folder(charts_tmp);
  std::erase_if(added.entries, [&](const ManifestEntry& e) { return e.path == html_in_charts; });
  for (auto& e : added.entries) e.path = "charts/" + e.path;
  added.entries.insert(added.entries.begin(), {ManifestEntry::Kind::kDir, "charts", "", 0});
  added.entries.push_back({ManifestEntry::Kind::kFile, "report.html",
                           sha256_file(charts_tmp / html_in_charts),
                           fs::file_size(charts_tmp / html_in_charts)});
  Manifest both = manifest.value_or(Manifest{});
  both.entries.insert(both.entries.end(), added.entries.begin(), added.entries.end());
  if (manifest) write_manifest(dir, both);

  // Swap the charts folder in (marked, as is the old one, so both are
  // sendsim's whole until the report is in place), then the report: the
  // report only ever names charts that exist.
  const bool had_charts = fs::exists(fs::symlink_status(files.charts, ec));
  if (had_charts) {
    write_file(files.charts / kTemporaryMarker, "");
    if (::renameat2(AT_FDCWD, charts_tmp.c_str(), AT_FDCWD, files.charts.c_str(), RENAME_EXCHANGE) != 0) {
      const int err = errno;
      if (err != EINVAL) {
        fs::remove(files.charts / kTemporaryMarker, ec);
        throw std::system_error(err, std::generic_category(), "cannot exchange " + charts_tmp.string());
      }
      // A file system that cannot exchange: the old charts step aside first.
      const fs::path charts_old = dir / ("charts.old" + suffix.substr(4));
      temp.add(charts_old);
      fs::rename(files.charts, charts_old);
      fs::rename(charts_tmp, files.charts);
    }
  } else {
    fs::rename(charts_tmp, files.charts);
  }
  fs::rename(files.charts / html_in_charts, files.html);
  fs::remove(files.charts / kTemporaryMarker);
  if (had_charts) fs::remove_all(charts_tmp);
  temp.release();

  if (manifest) {
    std::erase_if(manifest->entries, [](const ManifestEntry& e) { return is_report_path(e.path); });
    manifest->entries.insert(manifest->entries.end(), added.entries.begin(), added.entries.end());
    write_manifest(dir, *manifest);
  }
  return files;
}

ReportFiles render_report(const fs::path& dir) {
  const ReportData data = load_report_data(dir);
  return write_report_atomically(
      dir, [&](const fs::path& folder) { return render_charts(data, folder); },
      [&](const std::vector<ChartInfo>& charts, const fs::path& folder) {
        return report_html(data, charts, folder);
      });
}

}  // namespace sendsim::output
