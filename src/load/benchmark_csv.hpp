#pragma once

// Load stage: the simple benchmark CSV (docs/predictor.md, "Calibrating from your own runs").

#include <string_view>

#include <edgecalc/load/benchmark.hpp>

namespace edgecalc {

// One point per data row of `text` (a header row first; blank lines and lines starting with #
// are skipped), appended to `out`; every problem goes to `diagnostics` at its line and column.
void read_benchmark_csv(std::string_view text, Diagnostics& diagnostics, BenchmarkFile& out);

}  // namespace edgecalc
