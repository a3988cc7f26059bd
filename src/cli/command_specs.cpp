#include "cli/command_specs.hpp"

namespace edgecalc {

namespace {

// "TEXT:{table,json,markdown}=table" -> table, json, markdown
std::vector<std::string> choices_of(const std::string& type) {
  std::vector<std::string> out;
  const auto open = type.find('{'), close = type.find('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return out;
  std::string item;
  for (const char c : type.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

std::string value_of(const std::string& type) { return type.substr(0, type.find_first_of(":=")); }

CommandSpec spec_of(const CLI::App& app, std::string name) {
  CommandSpec c{std::move(name), app.get_description(), {}, {}};
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_positional()) {
      c.positionals.push_back(PositionalSpec{o->get_name(), choices_of(o->get_type_name()),
                                             o->get_items_expected_max() > 1, o->get_description()});
      continue;
    }
    FlagSpec f;
    for (const std::string& s : o->get_snames()) f.names.push_back("-" + s);
    for (const std::string& l : o->get_lnames()) f.names.push_back("--" + l);
    if (o->get_items_expected_max() > 0) f.value = value_of(o->get_type_name());
    f.choices = choices_of(o->get_type_name());
    f.description = o->get_description();
    c.flags.push_back(std::move(f));
  }
  return c;
}

}  // namespace

std::vector<CommandSpec> command_specs(const CLI::App& app) {
  std::vector<CommandSpec> out{spec_of(app, "")};
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    out.push_back(spec_of(*sub, sub->get_name()));
  return out;
}

}  // namespace edgecalc
