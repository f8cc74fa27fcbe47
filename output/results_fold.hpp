// output/results_fold.hpp: what a results folder derives from every
// replication besides the aggregated tables (the DfE returns, the headline
// figures, sufficiency.csv, the report's series, the workbook's sums),
// folded one replication at a time in replication order. `sendsim run`
// folds each replication on the worker thread that finishes it
// (run::RunOptions::on_replication) and then lets its tables go, so that
// nothing of the kind is left to do, or to free, after the simulation;
// write_results gives the same bytes with or without it.
#pragma once

#include <cstddef>

#include "output/dfe_tables.hpp"
#include "output/excel.hpp"
#include "output/report_series.hpp"
#include "output/results_writer.hpp"
#include "output/sufficiency.hpp"
#include "send/model.hpp"
#include "send/results.hpp"

namespace sendsim::output {

struct ResultsFold {
  /// `scenario` must outlive the fold.
  ResultsFold(const send::Scenario& scenario, std::size_t replications)
      : scap(scenario, replications),
        grid(replications),
        headlines(replications),
        sufficiency(replications),
        series(scenario, replications),
        workbook(scenario, replications) {}
  /// The next replication (ascending replication order, all of them before any finish()).
  void add(const send::ReplicationResult& result) {
    scap.add(result);
    grid.add(result);
    headlines.add(result);
    sufficiency.add(result);
    series.add(result);
    workbook.add(result);
  }
  ScapFold scap;
  DsgGridFold grid;
  HeadlineFold headlines;
  SufficiencyFold sufficiency;
  SeriesFold series;
  WorkbookFold workbook;
};

}  // namespace sendsim::output
