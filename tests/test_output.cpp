// Where reports go (issue #10): -o writes through to devices, FIFOs and symlink targets, replaces
// regular files atomically through a temporary file no one can plant, and every write error,
// on a file or on standard output, is exit 2.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

#include <edgecalc/cli/cli.hpp>

#include "cli_run.hpp"

using namespace edgecalc;
using test::k_kiosk;
using test::Run;
using test::run;
namespace fs = std::filesystem;

namespace {

// One directory per test process: ctest runs these cases in parallel, each in its own process.
fs::path scratch() {
  const fs::path dir = fs::temp_directory_path() / ("edgecalc-output-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& path) { return test::read_text(path); }

// A stream whose every write fails, as standard output does on a full disk.
struct FullBuffer : std::streambuf {
  int overflow(int) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

}  // namespace

TEST_CASE("output to a full device is exit 2 with the reason", "[output]") {
  if (!fs::exists("/dev/full")) return;
  const Run r = run({k_kiosk, "-o", "/dev/full"});
  CHECK(r.code == 2);
  CHECK(r.err == "edgecalc: error: cannot write /dev/full: no space left on device\n");
  CHECK(fs::is_character_file("/dev/full"));
}

TEST_CASE("a failed write on standard output is exit 2", "[output]") {
  FullBuffer full;
  std::ostream out(&full);
  std::ostringstream err;
  std::istringstream in;
  CHECK(run_cli({k_kiosk}, in, out, err) == 2);
  CHECK(err.str().starts_with("edgecalc: error: cannot write to standard output"));
}

TEST_CASE("output through a symlink writes its target and keeps the link", "[output]") {
  const fs::path dir = scratch();
  std::ofstream(dir / "real.txt") << "old\n";
  fs::create_symlink("real.txt", dir / "link.txt");
  REQUIRE(run({k_kiosk, "-o", (dir / "link.txt").string()}).code == 0);
  CHECK(fs::is_symlink(fs::symlink_status(dir / "link.txt")));
  CHECK(read(dir / "real.txt").starts_with("kiosk-fleet: "));
}

TEST_CASE("output into a FIFO writes into it instead of replacing it", "[output]") {
  const fs::path dir = scratch();
  const fs::path fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = read(fifo); });
  const Run r = run({k_kiosk, "-o", fifo.string()});
  reader.join();
  CHECK(r.code == 0);
  CHECK(fs::is_fifo(fifo));
  CHECK(received.starts_with("kiosk-fleet: "));
}

TEST_CASE("output replaces a regular file atomically, keeps its mode, and never follows a planted temp", "[output]") {
  const fs::path dir = scratch();
  const fs::path target = dir / "out.txt", victim = dir / "victim.txt";
  std::ofstream(target) << "old\n";
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  std::ofstream(victim) << "untouched\n";
  // Every temporary name edgecalc may try in this process, planted as a symlink to the victim.
  for (int n = 1; n <= 5000; ++n)  // the counter is per process: earlier tests used some
    fs::create_symlink(victim, dir / (".out.txt.tmp-" + std::to_string(::getpid()) + "-" + std::to_string(n)));
  const Run r = run({k_kiosk, "-o", target.string()});
  CHECK(r.code == 2);  // every name was taken: refused, not written through a link
  CHECK(read(victim) == "untouched\n");
  CHECK(read(target) == "old\n");
  // with free names the file is replaced, with its mode
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().starts_with(".out.txt.tmp-")) fs::remove(e.path());
  REQUIRE(run({k_kiosk, "-o", target.string()}).code == 0);
  CHECK(read(target).starts_with("kiosk-fleet: "));
  CHECK((fs::status(target).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(read(victim) == "untouched\n");
}
