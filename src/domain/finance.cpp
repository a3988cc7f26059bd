#include <edgecalc/domain/finance.hpp>

namespace edgecalc {

namespace {

// Midpoints of the GLRI's yearly residual ranges for the H100 SXM (year 1 60-65%, year 2 40-45%,
// year 3 25-35%, year 4 15-20%, year 5+ 10-15% of the purchase price).
constexpr std::pair<double, double> k_market[] = {
    {0, 1.0}, {12, 0.625}, {24, 0.425}, {36, 0.30}, {48, 0.175}, {60, 0.125},
};

constexpr ResidualCurve k_curves[] = {
    {"market", k_market,
     "GPU Lease Rate Index (GLRI) secondary-market analysis of 500+ H100 transactions, midpoints of its year 1-5 "
     "residual ranges (v2-pseo-ai.pages.dev, its H100 depreciation calculator page, updated 2026-01-08)",
     "2026-01-08"},
};

}  // namespace

std::span<const ResidualCurve> residual_curves() { return k_curves; }

const ResidualCurve* find_residual_curve(std::string_view id) {
  for (const ResidualCurve& c : k_curves)
    if (c.id == id) return &c;
  return nullptr;
}

}  // namespace edgecalc
