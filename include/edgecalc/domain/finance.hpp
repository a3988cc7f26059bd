#pragma once

// Finance data: the resale curve of edge hardware and today's GPU rental rates, each with its
// source and date (docs/model.md, "Money over time").

#include <span>
#include <string_view>
#include <utility>

namespace edgecalc {

// A unit's resale value as a share of its price by age: (months, share), linear between points.
struct ResidualCurve {
  std::string_view id;
  std::span<const std::pair<double, double>> points;
  std::string_view source;
  std::string_view date;
};

// `market`: what used accelerators fetch on the secondary market (the default for
// deployment: server); nullptr for an unknown id.
const ResidualCurve* find_residual_curve(std::string_view id);
std::span<const ResidualCurve> residual_curves();

}  // namespace edgecalc
