// The one switch from an output format's name to its renderer.
#include "render/render_brief.hpp"
#include "render/render_scan.hpp"
#include <edgecalc/render/render.hpp>

namespace edgecalc {

std::string render_reports(std::vector<nlohmann::ordered_json> reports, const std::string& format,
                           bool as_array, const RenderOptions& style) {
  if (format == "json") {
    if (!as_array && reports.size() == 1) return reports[0].dump(2) + "\n";
    nlohmann::ordered_json all = nlohmann::ordered_json::array();  // moved in: a batch is not held twice
    for (nlohmann::ordered_json& r : reports) all.push_back(std::move(r));
    return all.dump(2) + "\n";
  }
  if (format == "markdown") return render_markdown(reports);
  if (format == "junit") return render_junit(reports);
  if (format == "sarif") return render_sarif(reports);
  if (format == "csv") return scan_csv(reports);
  if (format == "focus") return focus_csv(reports);
  if (format == "html") return render_html(reports);
  if (format == "svg") return render_svg(reports);
  if (style.brief) return brief_reports(reports, style.color);
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (i) out += '\n';
    out += render_table(reports[i], style);
  }
  return out;
}

}  // namespace edgecalc
