#include <iostream>
#include <string>
#include <vector>

#include <edgecalc/cli.hpp>

int main(int argc, char** argv) {
  return edgecalc::run_cli(std::vector<std::string>(argv + 1, argv + argc), std::cin, std::cout,
                           std::cerr);
}
