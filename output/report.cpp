// output/report.cpp: render the charts and the report, then rename into place.
#include "output/report.hpp"

#include <unistd.h>

#include <fstream>
#include <string>

#include "output/report_data.hpp"
#include "output/report_html.hpp"

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

ReportFiles write_report_atomically(const fs::path& dir, const DrawCharts& draw, const WriteHtml& html) {
  const std::string suffix = ".tmp-" + std::to_string(::getpid());
  ReportFiles files{dir / "report.html", dir / "charts", {}};
  const fs::path charts_tmp = dir / ("charts" + suffix);
  const fs::path html_tmp = dir / ("report.html" + suffix);
  const fs::path charts_old = dir / ("charts.old" + suffix);
  TempPaths temp;
  temp.add(charts_tmp);
  temp.add(html_tmp);
  fs::remove_all(charts_tmp);
  fs::create_directories(charts_tmp);

  files.rendered = draw(charts_tmp);
  {
    std::ofstream out(html_tmp, std::ios::binary | std::ios::trunc);
    out << html(files.rendered, charts_tmp);
    out.close();
    if (!out) throw std::runtime_error("cannot write " + html_tmp.string());
  }
  // Swap the charts folder in (a folder cannot be renamed over a non-empty
  // one), then the report: the report only ever names charts that exist.
  temp.add(charts_old);
  if (fs::exists(files.charts)) fs::rename(files.charts, charts_old);
  try {
    fs::rename(charts_tmp, files.charts);
  } catch (...) {
    std::error_code ec;
    if (fs::exists(charts_old)) fs::rename(charts_old, files.charts, ec);
    throw;
  }
  fs::rename(html_tmp, files.html);
  return files;
}

ReportFiles render_report(const fs::path& dir) {
  const ReportData data = load_report_data(dir);
  return write_report_atomically(
      dir, [&](const fs::path& folder) { return render_charts(data, folder); },
      [&](const std::vector<ChartInfo>& charts, const fs::path& folder) { return report_html(data, charts, folder); });
}

}  // namespace sendsim::output
