// output/report_html.hpp: the self-contained HTML report of a results folder.
//
// One file, DIR/report.html, that needs no network: no script at all, styles
// inline, the charts inlined as SVG, and a Content-Security-Policy of
// default-src 'none' so a browser fetches nothing even if asked to. Every
// string that comes from a file (scenario, model, setting and project names,
// descriptions, paths, the effective scenario) is HTML-escaped.
//
// Sections: headline figures (first and last year, mean and 5-95% range),
// specialist places (charts, places against need by year, the settings),
// EHC plans, timeliness, waiting, INMSS, finance (spend by line, DSG
// balance), and the scenario with its key assumptions and their sources
// (and the effective scenario in full, folded).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "output/charts.hpp"
#include "output/report_data.hpp"

namespace sendsim::output {

/// `text` with &, <, >, " and ' replaced by character references.
[[nodiscard]] std::string html_escape(std::string_view text);

/// An SVG file as gnuplot writes it, ready to inline in HTML: the XML prolog
/// and doctype dropped, every id (and reference to one) prefixed with
/// `id_prefix` so several charts can share a page, the title set to `title`
/// (escaped), and role="img" with an aria-label.
[[nodiscard]] std::string inline_svg(std::string_view svg, std::string_view id_prefix, std::string_view title);

/// The report. The SVG of each chart is read from `charts_folder`/STEM.svg.
[[nodiscard]] std::string report_html(const ReportData& data, const std::vector<ChartInfo>& charts,
                                      const std::filesystem::path& charts_folder);

}  // namespace sendsim::output
