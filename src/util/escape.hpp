#pragma once

// Profile text (names, units, notes, currency labels, file names) made inert for the formats
// that interpret it (issue #30): Markdown posted as a pull-request comment, CSV opened in a
// spreadsheet. HTML and XML escape with their own writers (render_html.cpp, render_junit.cpp).

#include <string>
#include <string_view>

namespace edgecalc {

// Markdown prose, in a paragraph, a list item or a table cell: <, >, & and @ as entities (no
// HTML, no mentions); every CommonMark punctuation that starts markup (\ ` * _ [ ] ~ | # ! and,
// at the start, "- ", "+ ", "=" or "12. ") backslash-escaped; line breaks as spaces.
std::string md_text(std::string_view text);

// A code span holding `text` verbatim: a fence one backtick longer than the longest run inside,
// padded with spaces when the text starts or ends with a backtick; line breaks as spaces. In a
// table cell (`in_table`) pipes are escaped, which GFM reads inside code spans too.
std::string md_code(std::string_view text, bool in_table = false);

// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF (quotes doubled); a cell
// a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading ' first,
// as OWASP's CSV-injection advice says. For text only: numbers are written as numbers.
std::string csv_field(std::string_view text);

}  // namespace edgecalc
