#include "fs_util.hpp"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

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

std::string write_file_atomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path temp = target;
  temp += fmt::format(".tmp-{}", ::getpid());
  {
    errno = 0;
    File file(std::fopen(temp.c_str(), "wb"));
    if (!file) return fmt::format("cannot write {}: {}", path, errno_text(errno));
    const bool ok = std::fwrite(content.data(), 1, content.size(), file.get()) == content.size() &&
                    std::fflush(file.get()) == 0;
    const int err = errno;
    if (!ok) {
      file.reset();
      std::remove(temp.c_str());
      return fmt::format("cannot write {}: {}", path, errno_text(err));
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    std::remove(temp.c_str());
    return fmt::format("cannot write {}: {}", path, ec.message());
  }
  return {};
}

}  // namespace edgecalc
