// Every edgecalc command the README and the docs show runs: the code spans (`edgecalc ...`) and
// the lines of code blocks (workflow steps included), with the grammar they use filled in:
// PROFILE is an example profile, `[a|b]` is tried without and with each choice, `X...` twice.
// Each must be accepted (exit 0, or 1 for a gate the example sets up to fail), never 2 or 3.

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "cli_run.hpp"
#include "documents.hpp"

using namespace edgecalc::test;

namespace {

struct Example {
  std::string where;    // file:line
  std::string command;  // after "edgecalc "
};

// The commands of `file` in document order (a workflow's later step may read an earlier one's
// output): code-block lines and code spans, sorted by position.
std::vector<Example> commands_in(const std::string& file) {
  const std::string text = read_text(k_source + "/" + file);
  std::vector<std::pair<std::size_t, std::string>> found;
  std::size_t pos = 0;
  bool in_block = false;
  std::string prose;  // the text outside code blocks, with blocks blanked so positions hold
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    if (line.starts_with("```")) {
      in_block = !in_block;
      prose += std::string(line.size(), ' ');
    } else if (in_block) {
      static const std::regex step(R"(^\s*(?:- |run: )?edgecalc (.*)$)");
      std::smatch m;
      if (std::regex_match(line, m, step)) found.emplace_back(pos, m[1]);
      prose += std::string(line.size(), ' ');
    } else {
      prose += line;
    }
    prose += '\n';
    pos = end + 1;
  }
  static const std::regex span("`edgecalc ([^`]*)`");
  for (auto it = std::sregex_iterator(prose.begin(), prose.end(), span); it != std::sregex_iterator(); ++it) {
    std::string command = (*it)[1];
    for (char& c : command) if (c == '\n') c = ' ';  // a span may wrap
    found.emplace_back(it->position(), std::regex_replace(command, std::regex(R"(\\\|)"), "|"));
  }
  std::sort(found.begin(), found.end());
  std::vector<Example> out;
  for (const auto& [at, command] : found) {
    const auto line = std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1;
    out.push_back({file + ":" + std::to_string(line), command});
  }
  return out;
}

// Splits as a shell would for these commands: whitespace, and single or double quotes.
std::vector<std::string> words(const std::string& command) {
  std::vector<std::string> out;
  std::string word;
  bool any = false;
  char quote = 0;
  for (char c : command) {
    if (quote) {
      if (c == quote) quote = 0;
      else word += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      any = true;
    } else if (c == ' ') {
      if (any || !word.empty()) out.push_back(word);
      word.clear();
      any = false;
    } else {
      word += c;
    }
  }
  if (any || !word.empty()) out.push_back(word);
  return out;
}

// The grammar filled in: each optional group without and with each choice, `X...` as two values.
std::vector<std::vector<std::string>> expand(const std::vector<std::string>& in) {
  static const std::map<std::string, std::vector<std::string>> value = {
      {"PROFILE", {"profiles/team-gpu-server.yaml", "profiles/doorbell-keyword-spotting.yaml"}},
      {"REPORT.json", {"saved.json", "report.json"}},
      {"BASE", {"old.yaml"}},
      {"HEAD", {"new.yaml"}},
      {"ID", {"rpi5-8gb"}},
      {"FILE", {"out.json"}},
      {"F", {"markdown"}},
      {"RUNS", {std::string(EDGECALC_SOURCE_DIR) + "/tests/data/calibrate/rtx4090-runs.csv"}},
      {"KIND", {"gpu-server", "mcu-sensor"}},
      {"SHELL", {"bash", "zsh"}},
  };
  std::vector<std::vector<std::string>> out = {{}};
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::string w = in[i];
    if (w.starts_with("[")) {  // [a|b] or [--format json]: up to the closing bracket
      std::string group = w;
      while (!group.ends_with("]") && i + 1 < in.size()) group += " " + in[++i];
      group = group.substr(1, group.size() - 2);
      if (group == "options") continue;
      std::vector<std::vector<std::string>> next;
      for (const auto& o : out) {
        next.push_back(o);
        std::size_t from = 0;
        while (true) {
          const auto bar = group.find('|', from);
          auto with = o;
          for (const auto& part : words(group.substr(from, bar - from))) with.push_back(part);
          next.push_back(with);
          if (bar == std::string::npos) break;
          from = bar + 1;
        }
      }
      out = next;
      continue;
    }
    const bool repeated = w.ends_with("...");
    if (repeated) w.resize(w.size() - 3);
    const auto v = value.find(w);
    std::vector<std::string> add;
    if (v == value.end()) add = {w};
    else add = repeated ? v->second : std::vector<std::string>{v->second.front()};
    for (auto& o : out) o.insert(o.end(), add.begin(), add.end());
  }
  // A command named in prose without its operands gets them.
  static const std::map<std::string, std::vector<std::string>> operands = {
      {"normalize", {"profiles/team-gpu-server.yaml"}}, {"render", {"saved.json"}}, {"diff", {"old.yaml", "new.yaml"}}};
  for (auto& o : out) {
    if (o.empty()) continue;
    const auto need = operands.find(o.front());
    const bool has_operand = std::any_of(o.begin() + 1, o.end(), [](const std::string& w) {
      return w.find('.') != std::string::npos && !w.starts_with("-");
    });
    if (need != operands.end() && !has_operand) o.insert(o.end(), need->second.begin(), need->second.end());
  }
  return out;
}

struct InDirectory {
  std::filesystem::path saved = std::filesystem::current_path();
  explicit InDirectory(const std::filesystem::path& dir) { std::filesystem::current_path(dir); }
  ~InDirectory() { std::filesystem::current_path(saved); }
  InDirectory(const InDirectory&) = delete;
  InDirectory& operator=(const InDirectory&) = delete;
};

}  // namespace

TEST_CASE("the grammar of a documented command is filled in", "[docs]") {
  using V = std::vector<std::vector<std::string>>;
  CHECK(expand(words("catalog [hardware|models|prices]")) == V{{"catalog"}, {"catalog", "hardware"}, {"catalog", "models"}, {"catalog", "prices"}});
  CHECK(expand(words("rules [--format json]")) == V{{"rules"}, {"rules", "--format", "json"}});
  CHECK(expand(words("PROFILE... [options]")) ==
        V{{"profiles/team-gpu-server.yaml", "profiles/doorbell-keyword-spotting.yaml"}});
  CHECK(expand(words("diff --format json")) == V{{"diff", "--format", "json", "old.yaml", "new.yaml"}});
  CHECK(words("diff a b --max-increase '$5000'") == std::vector<std::string>{"diff", "a", "b", "--max-increase", "$5000"});
}

TEST_CASE("every edgecalc command in the README and docs runs", "[docs][cli]") {
  const auto dir = std::filesystem::temp_directory_path() / "edgecalc-doc-commands";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::create_symlink(k_source + "/profiles", dir / "profiles");
  std::filesystem::copy_file(k_source + "/profiles/team-gpu-server.yaml", dir / "old.yaml");
  std::filesystem::copy_file(k_source + "/profiles/team-gpu-server.yaml", dir / "new.yaml");
  const InDirectory here(dir);
  for (const char* saved : {"saved.json", "report.json"})
    REQUIRE(run({"profiles/team-gpu-server.yaml", "--format", "json", "--output", saved}).code == 0);

  int examples = 0, runs = 0;
  for (const auto& file : k_documents) {
    for (const auto& example : commands_in(file)) {
      ++examples;
      for (const auto& args : expand(words(example.command))) {
        ++runs;
        const Run r = run(args);
        INFO(example.where << ": edgecalc " << example.command << "\n" << r.err);
        CHECK((r.code == 0 || r.code == 1));
        CHECK(r.err.find(": error:") == std::string::npos);
      }
    }
  }
  // 2026-12-05: 31 commands in the text, 38 runs once the grammar is filled in.
  CHECK(examples >= 30);
  CHECK(runs >= 35);
}
