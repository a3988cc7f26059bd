#include "util/fs_util.hpp"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace edgecalc {

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

std::string errno_text(int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

std::string read_file_bounded(const std::string& path, std::size_t max_bytes, std::string& out,
                              std::string_view noun) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) return "cannot open file: no such file";
  if (status.type() == fs::file_type::directory) return fmt::format("is a directory, not a {}", noun);
  if (status.type() == fs::file_type::regular) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes)
      return fmt::format("file is {} bytes; a {} is limited to {} bytes", size, noun, max_bytes);
  }
  errno = 0;
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) return fmt::format("cannot open file: {}", errno_text(errno));
  out.clear();
  char buffer[65536];
  while (out.size() <= max_bytes) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    out.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file.get())) return fmt::format("cannot read file: {}", errno_text(errno));
  if (out.size() > max_bytes)
    return fmt::format("input is more than {} bytes; a {} is limited to {} bytes", max_bytes, noun, max_bytes);
  return {};
}

namespace {

// Writes all of `content` to `fd`; "" or the reason it could not (ENOSPC on a full disk ...).
std::string write_all(int fd, const std::string& content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return errno_text(n < 0 ? errno : EIO);
    done += static_cast<std::size_t>(n);
  }
  return {};
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  // Closes now, reporting a failed close (delayed write errors surface here).
  std::string close() {
    const int f = fd;
    fd = -1;
    return ::close(f) == 0 ? std::string() : errno_text(errno);
  }
};

}  // namespace

std::string write_file_atomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A symlink is followed: its target is written and the link stays a link.
  fs::path target(path);
  for (int hops = 0; fs::is_symlink(fs::symlink_status(target, ec)) && hops < 40; ++hops) {
    const fs::path next = fs::read_symlink(target, ec);
    if (ec) return fmt::format("cannot write {}: {}", path, ec.message());
    target = next.is_absolute() ? next : target.parent_path() / next;
  }
  const fs::file_status status = fs::status(target, ec);
  if (fs::is_directory(status)) return fmt::format("cannot write {}: is a directory", path);
  // A device, a FIFO or a socket is written into, never replaced by a file.
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    Fd out{::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY)};
    if (out.fd < 0) return fmt::format("cannot write {}: {}", path, errno_text(errno));
    std::string problem = write_all(out.fd, content);
    if (problem.empty()) problem = out.close();
    return problem.empty() ? problem : fmt::format("cannot write {}: {}", path, problem);
  }
  // A regular file (or none yet): a fresh temporary file beside it, created exclusively and never
  // through a symlink, then renamed over it, so readers see the old file or the new, never half.
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  static int counter = 0;
  Fd temp;
  fs::path temp_path;
  for (int attempt = 0; attempt < 100 && temp.fd < 0; ++attempt) {
    temp_path = dir / fmt::format(".{}.tmp-{}-{}", target.filename().string(), ::getpid(), ++counter);
    temp.fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (temp.fd < 0 && errno != EEXIST) return fmt::format("cannot write {}: {}", path, errno_text(errno));
  }
  if (temp.fd < 0) return fmt::format("cannot write {}: no free temporary name", path);
  if (fs::is_regular_file(status)) ::fchmod(temp.fd, static_cast<mode_t>(fs::status(target).permissions()));
  std::string problem = write_all(temp.fd, content);
  if (problem.empty() && ::fsync(temp.fd) != 0 && errno != EINVAL) problem = errno_text(errno);
  if (problem.empty()) problem = temp.close();
  if (problem.empty()) {
    fs::rename(temp_path, target, ec);
    if (ec) problem = ec.message();
  }
  if (!problem.empty()) {
    ::unlink(temp_path.c_str());
    return fmt::format("cannot write {}: {}", path, problem);
  }
  return {};
}

}  // namespace edgecalc
